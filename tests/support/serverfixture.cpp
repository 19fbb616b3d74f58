#include "serverfixture.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QImage>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>

#include <zlib.h>

using namespace Qt::StringLiterals;

namespace segscope::test {

QByteArray HttpResult::header(const QByteArray &name) const {
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QJsonValue HttpResult::json() const {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isArray()    ? QJsonValue(doc.array())
           : doc.isObject() ? QJsonValue(doc.object())
                            : QJsonValue();
}

QString HttpResult::message() const {
    const QJsonObject o = object();
    if (o.contains("detail"_L1))
        return o.value("detail"_L1).toString();
    if (o.isEmpty())
        return {};
    return o.begin()->toArray().first().toString();
}

QByteArray HttpResult::describe() const {
    return "HTTP " + QByteArray::number(status) + ": " + body.left(600) +
           (errorString.isEmpty() ? QByteArray() : " (" + errorString.toUtf8() + ")");
}

HttpClient::HttpClient(QUrl base)
    : m_base(std::move(base)) {
    m_nam.setAutoDeleteReplies(false);
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QUrl HttpClient::url(const QString &path) const {
    return QUrl::fromEncoded(m_base.toEncoded() + path.toUtf8(), QUrl::TolerantMode);
}

QNetworkReply *HttpClient::start(const QByteArray &verb, const QString &path,
                                 const QByteArray &body, const QString &key,
                                 const QList<QPair<QByteArray, QByteArray>> &headers) {
    QNetworkRequest request(url(path));
    request.setTransferTimeout(60000);
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "APIKey " + key.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    if (verb == "GET" && body.isEmpty())
        return m_nam.get(request);
    return m_nam.sendCustomRequest(request, verb, body);
}

HttpResult HttpClient::finish(QNetworkReply *reply, int timeoutMs) {
    HttpResult r;
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &QNetworkReply::finished);
        if (!spy.wait(timeoutMs)) {
            reply->abort();
            r.status = -1;
            r.errorString = u"timed out"_s;
            delete reply;
            return r;
        }
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (r.status == 0)
        r.errorString = reply->errorString();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    delete reply;
    return r;
}

HttpResult HttpClient::request(const QByteArray &verb, const QString &path, const QByteArray &body,
                               const QString &key,
                               const QList<QPair<QByteArray, QByteArray>> &headers) {
    return finish(start(verb, path, body, key, headers));
}

HttpResult HttpClient::get(const QString &path, const QString &key) {
    return request("GET", path, {}, key);
}

HttpResult HttpClient::post(const QString &path, const QJsonValue &body, const QString &key) {
    return request("POST", path, toJsonBytes(body), key);
}

HttpResult HttpClient::put(const QString &path, const QJsonValue &body, const QString &key) {
    return request("PUT", path, toJsonBytes(body), key);
}

HttpResult HttpClient::patch(const QString &path, const QJsonValue &body, const QString &key) {
    return request("PATCH", path, toJsonBytes(body), key);
}

HttpResult HttpClient::del(const QString &path, const QString &key, const QJsonValue &body) {
    return request("DELETE", path, body.isUndefined() ? QByteArray() : toJsonBytes(body), key);
}

HttpResult rawRequest(const QUrl &base, const QByteArray &bytes, int timeoutMs) {
    HttpResult r;
    r.status = -1;
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    QByteArray in;
    QDeadlineTimer deadline(timeoutMs);
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    if (!connected.wait(timeoutMs)) {
        r.errorString = u"cannot connect"_s;
        return r;
    }
    socket.write(bytes);
    const auto complete = [&in]() {
        const qsizetype end = in.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = in.left(end).toLower();
        const qsizetype cl = head.indexOf("content-length:");
        if (cl < 0)
            return true;
        const qsizetype eol = head.indexOf("\r\n", cl);
        const qint64 length =
            head.mid(cl + 15, eol < 0 ? -1 : eol - cl - 15).trimmed().toLongLong();
        return in.size() >= end + 4 + length;
    };
    while (!complete() && !deadline.hasExpired() &&
           socket.state() == QAbstractSocket::ConnectedState) {
        QSignalSpy ready(&socket, &QTcpSocket::readyRead);
        if (socket.bytesAvailable() == 0)
            ready.wait(int(std::max<qint64>(1, deadline.remainingTime())));
        in += socket.readAll();
    }
    in += socket.readAll();
    const qsizetype end = in.indexOf("\r\n\r\n");
    if (end < 0) {
        r.errorString = u"no response"_s;
        r.body = in;
        return r;
    }
    const QList<QByteArray> lines = in.left(end).split('\n');
    r.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            r.headers.append(
                {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
    }
    r.body = in.mid(end + 4);
    return r;
}

QByteArray toJsonBytes(const QJsonValue &v) {
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    return {};
}

QByteArray gzip(const QByteArray &data) {
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))) + 32, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QString enc(const QString &s) {
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

QByteArray multipartBody(const QJsonObject &fields, const QByteArray &fileData,
                         QByteArray *contentType, const QByteArray &boundary) {
    QByteArray body;
    // `key` first, as S3 wants it; the rest in key order.
    QStringList names = fields.keys();
    if (names.removeAll(u"key"_s) > 0)
        names.prepend(u"key"_s);
    for (const QString &name : std::as_const(names)) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name.toUtf8() +
                "\"\r\n\r\n" + fields.value(name).toString().toUtf8() + "\r\n";
    }
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n" +
            fileData + "\r\n--" + boundary + "--\r\n";
    *contentType = "multipart/form-data; boundary=" + boundary;
    return body;
}

QJsonObject uploadAsset(HttpClient &http, const QString &key, const QString &filename,
                        const QByteArray &data, int *uploadStatus) {
    const HttpResult created =
        http.post(u"/assets/"_s, QJsonObject{{"filename"_L1, filename}}, key);
    if (created.status != 201)
        return {};
    const QJsonObject file = created.object();
    const QJsonObject post = file.value("presignedPostFields"_L1).toObject();
    QByteArray contentType;
    const QByteArray body = multipartBody(post.value("fields"_L1).toObject(), data, &contentType);
    QNetworkRequest request(QUrl(post.value("url"_L1).toString()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    const HttpResult uploaded = HttpClient::finish(http.manager().post(request, body));
    if (uploadStatus)
        *uploadStatus = uploaded.status;
    return uploaded.status == 204 ? file : QJsonObject{};
}

QByteArray tinyPng(int w, int h) {
    QImage image(w, h, QImage::Format_RGBA8888);
    image.fill(QColor(1, 0, 0, 255));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray tinyJpeg() {
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(QColor(200, 100, 50));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG");
    return bytes;
}

ServerFixture::ServerFixture() = default;

ServerFixture::~ServerFixture() {
    stop();
}

bool ServerFixture::start(server::ServerOptions options, QString *error) {
    if (options.dataDir.isEmpty())
        options.dataDir = m_dir.path();
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.logRequests = false;
    m_server = std::make_unique<server::Server>(options);
    QString message;
    if (!m_server->start(&message)) {
        if (error)
            *error = message;
        m_server.reset();
        return false;
    }
    http.setBaseUrl(m_server->baseUrl());
    return true;
}

void ServerFixture::stop() {
    m_server.reset();
}

QString ServerFixture::addUser(const QString &name) {
    QString error;
    const QString key = m_server->addUser(name, &error);
    if (key.isEmpty())
        qWarning("addUser(%s): %s", qPrintable(name), qPrintable(error));
    return key;
}

QJsonObject ServerFixture::createDataset(const QString &key, const QString &name,
                                         QJsonObject extra) {
    extra.insert("name"_L1, name);
    if (!extra.contains("task_type"_L1))
        extra.insert("task_type"_L1, u"segmentation-bitmap"_s);
    if (!extra.contains("task_attributes"_L1)) {
        extra.insert("task_attributes"_L1,
                     QJsonObject{{"format_version"_L1, u"0.1"_s},
                                 {"categories"_L1,
                                  QJsonArray{QJsonObject{{"id"_L1, 1}, {"name"_L1, u"car"_s}},
                                             QJsonObject{{"id"_L1, 2}, {"name"_L1, u"road"_s}}}}});
    }
    const HttpResult r = http.post(u"/user/datasets/"_s, extra, key);
    if (r.status != 201)
        qWarning("createDataset(%s): %s", qPrintable(name), r.describe().constData());
    return r.status == 201 ? r.object() : QJsonObject{};
}

QStringList ServerFixture::createSamples(const QString &key, const QString &ds, int count,
                                         const QString &prefix) {
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        items.append(QJsonObject{
            {"name"_L1, prefix + u"%1"_s.arg(i, 4, 10, QChar(u'0'))},
            {"attributes"_L1,
             QJsonObject{{"image"_L1,
                          QJsonObject{{"url"_L1, u"https://example.invalid/%1.jpg"_s.arg(i)}}}}},
            {"metadata"_L1, QJsonObject{{"i"_L1, i}}},
            {"priority"_L1, i % 3}});
    }
    QStringList uuids;
    for (qsizetype from = 0; from < items.size(); from += 1000) {
        QJsonArray chunk;
        for (qsizetype i = from; i < std::min<qsizetype>(from + 1000, items.size()); ++i)
            chunk.append(items.at(i));
        const HttpResult r = http.post(u"/datasets/"_s + ds + u"/samples_bulk/"_s, chunk, key);
        if (r.status != 201 && r.status != 200)
            qWarning("createSamples: %s", r.describe().constData());
        for (const QJsonValue &v : r.array())
            uuids.append(v.toObject().value("uuid"_L1).toString());
    }
    return uuids;
}

ServerProcess::ServerProcess() {
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setProgram(binary());
}

ServerProcess::~ServerProcess() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString ServerProcess::binary() {
    return QStringLiteral(SEGSCOPE_SERVER_BINARY);
}

void ServerProcess::start(const QStringList &args) {
    m_buffer.clear();
    m_process.setArguments(args);
    m_process.start();
}

QString ServerProcess::readLine(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        m_buffer += m_process.readAllStandardOutput();
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl >= 0) {
            const QString line = QString::fromUtf8(m_buffer.left(nl));
            m_buffer.remove(0, nl + 1);
            return line;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return {};
        QSignalSpy ready(&m_process, &QProcess::readyReadStandardOutput);
        QSignalSpy finished(&m_process, &QProcess::finished);
        ready.wait(int(std::max<qint64>(1, std::min<qint64>(deadline.remainingTime(), 1000))));
    }
}

bool ServerProcess::waitFinished(int timeoutMs) {
    if (m_process.state() == QProcess::NotRunning)
        return true;
    QSignalSpy finished(&m_process, &QProcess::finished);
    return finished.wait(timeoutMs);
}

QByteArray ServerProcess::run(const QStringList &args, int *exitCode, int timeoutMs) {
    ServerProcess p;
    p.start(args);
    const bool done = p.waitFinished(timeoutMs);
    *exitCode =
        done && p.m_process.exitStatus() == QProcess::NormalExit ? p.m_process.exitCode() : -1;
    return p.m_process.readAllStandardOutput();
}

} // namespace segscope::test
