#include "faultserver.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace segscope::test {

namespace {
constexpr char Html[] =
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
    "</center><hr><center>nginx</center></body></html>";
}

QByteArray RecordedRequest::header(const QByteArray &name) const {
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray &name) const {
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

Fault Fault::json(int status, const QByteArray &body,
                  QList<std::pair<QByteArray, QByteArray>> headers) {
    Fault f;
    f.status = status;
    f.reason = status < 300 ? "OK" : "Error";
    f.headers = std::move(headers);
    f.headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    f.body = body;
    return f;
}

Fault Fault::withContentType(int status, const QByteArray &contentType, const QByteArray &body) {
    Fault f;
    f.status = status;
    f.headers = {{"Content-Type", contentType}};
    f.body = body;
    return f;
}

Fault Fault::htmlProxyError(int status) {
    Fault f = withContentType(status, "text/html", Html);
    f.reason = "Bad Gateway";
    return f;
}

Fault Fault::rateLimited(std::optional<int> retryAfter, std::optional<int> detailSeconds) {
    const QByteArray detail = detailSeconds ? "Request was throttled. Expected available in " +
                                                  QByteArray::number(*detailSeconds) + " seconds."
                                            : QByteArray("Request was throttled.");
    Fault f = json(429, R"({"detail": ")" + detail + R"("})");
    f.reason = "Too Many Requests";
    if (retryAfter)
        f.headers.append(
            std::pair<QByteArray, QByteArray>("Retry-After", QByteArray::number(*retryAfter)));
    return f;
}

Fault Fault::truncated(const QByteArray &body, qint64 declaredLength) {
    Fault f = json(200, body);
    f.mode = Mode::Truncate;
    f.declaredLength = declaredLength;
    return f;
}

Fault Fault::stalled() {
    Fault f = json(200, "[]");
    f.mode = Mode::Stall;
    f.declaredLength = 100;
    return f;
}

Fault Fault::resetMidBody(const QByteArray &body) {
    Fault f = json(200, body);
    f.mode = Mode::ResetMidBody;
    return f;
}

Fault Fault::absurdLength() {
    Fault f = json(200, "[{\"uuid\":");
    f.mode = Mode::AbsurdLength;
    f.declaredLength = 2LL * 1024 * 1024 * 1024;
    return f;
}

Fault Fault::redirect(const QUrl &to, int status) {
    Fault f;
    f.status = status;
    f.reason = "Found";
    f.headers = {{"Location", to.toEncoded()}};
    return f;
}

Fault Fault::noContent() {
    Fault f;
    f.status = 204;
    f.reason = "No Content";
    return f;
}

FaultServer::FaultServer(QObject *parent)
    : QObject(parent)
    , m_fallback(Fault::json(500, R"({"detail": "no scripted response"})")) {
    connect(&m_server, &QTcpServer::newConnection, this, &FaultServer::onConnection);
}

FaultServer::~FaultServer() {
    for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
        if (s)
            s->abort();
    }
}

bool FaultServer::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultServer::url() const {
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server.serverPort());
    return u;
}

QUrl FaultServer::url(const QString &path) const {
    QUrl u = url();
    u.setPath(path);
    return u;
}

void FaultServer::enqueue(const Fault &fault, int times) {
    for (int i = 0; i < times; ++i)
        m_script.append(fault);
}

void FaultServer::onConnection() {
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

std::optional<RecordedRequest> RecordedRequest::take(QByteArray &buffer) {
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return std::nullopt;
    RecordedRequest request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = lines.at(i).left(colon).trimmed();
        const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = value.toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + length)
        return std::nullopt;
    request.body = buffer.mid(headerEnd + 4, length);
    request.raw = buffer.left(headerEnd + 4 + length);
    buffer.remove(0, headerEnd + 4 + length);
    return request;
}

void FaultServer::onReadyRead(QTcpSocket *socket) {
    // The buffer of a partly received request lives on the socket.
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    while (const std::optional<RecordedRequest> taken = RecordedRequest::take(buffer)) {
        const RecordedRequest &request = *taken;
        m_requests.append(request);
        std::optional<Fault> answer = m_responder ? m_responder(request) : std::nullopt;
        if (!answer)
            answer = m_script.isEmpty() ? m_fallback : m_script.takeFirst();
        respond(socket, *answer);
        emit requestReceived();
    }
    socket->setProperty("buffer", buffer);
}

void FaultServer::respond(QTcpSocket *socket, const Fault &fault) {
    QByteArray head = "HTTP/1.1 " + QByteArray::number(fault.status) + ' ' + fault.reason + "\r\n";
    for (const auto &[k, v] : fault.headers)
        head += k + ": " + v + "\r\n";
    const qint64 length = fault.declaredLength >= 0 ? fault.declaredLength : fault.body.size();
    head += "Content-Length: " + QByteArray::number(length) + "\r\nConnection: close\r\n\r\n";

    switch (fault.mode) {
    case Fault::Mode::Respond:
    case Fault::Mode::Truncate:
        socket->write(head + fault.body);
        socket->disconnectFromHost();
        return;
    case Fault::Mode::Stall:
        socket->write(head);
        socket->flush();
        return;
    case Fault::Mode::AbsurdLength:
        socket->write(head + fault.body);
        socket->flush();
        return;
    case Fault::Mode::ResetMidBody: {
        socket->write(head + fault.body.left(fault.body.size() / 2));
        socket->flush();
        // SO_LINGER 0 makes close() send RST instead of FIN: a connection reset, not an end.
        struct linger lin {
            1, 0
        };
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
        socket->abort();
        return;
    }
    }
}

} // namespace segscope::test
