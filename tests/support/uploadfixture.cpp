#include "uploadfixture.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace segscope::test {

UploadFixture::UploadFixture() = default;

UploadFixture::~UploadFixture() {
    client.reset();
    proxy.reset();
    server.stop();
}

bool UploadFixture::start(QString *error) {
    if (!m_files.isValid() || !server.start({}, error))
        return false;
    key = server.addUser(u"ann"_s);
    if (key.isEmpty() || server.createDataset(key, u"photos"_s).isEmpty()) {
        *error = u"cannot create the user or the dataset"_s;
        return false;
    }
    proxy = std::make_unique<FaultProxy>(server.baseUrl());
    if (!proxy->listen()) {
        *error = u"the proxy cannot listen"_s;
        return false;
    }
    client = std::make_unique<api::ApiClient>(clientOptions());
    return true;
}

api::ClientOptions UploadFixture::clientOptions() const {
    api::ClientOptions o;
    o.baseUrl = proxy->url();
    o.apiKey = key;
    o.backoffBase = std::chrono::milliseconds(5);
    o.backoffMax = std::chrono::milliseconds(50);
    o.retryAfterUnit = std::chrono::milliseconds(10);
    o.stallTimeout = std::chrono::milliseconds(20000);
    o.cacheDirectory = m_files.filePath(u"cache"_s);
    return o;
}

std::unique_ptr<upload::UploadQueue> UploadFixture::queue(const QString &stateFile,
                                                          api::ApiClient *other) {
    auto q = std::make_unique<upload::UploadQueue>(other ? *other : *client, stateFile);
    upload::RetryPolicy policy;
    policy.backoffBase = std::chrono::milliseconds(5);
    policy.backoffMax = std::chrono::milliseconds(40);
    q->setRetryPolicy(policy);
    return q;
}

bool UploadFixture::run(upload::UploadQueue &queue, upload::UploadSummary *summary, int timeoutMs) {
    QSignalSpy idle(&queue, &upload::UploadQueue::idle);
    queue.start();
    if (!idle.wait(timeoutMs))
        return false;
    if (summary)
        *summary = idle.takeFirst().at(0).value<upload::UploadSummary>();
    return true;
}

QString UploadFixture::writeJpeg(const QString &name, quint32 seed, int width, int height) {
    return write(name, noiseJpeg(width, height, seed));
}

QString UploadFixture::write(const QString &name, const QByteArray &bytes) {
    const QString p = path(name);
    if (!writeBytes(p, bytes))
        qWarning("cannot write %s", qPrintable(p));
    return p;
}

upload::UploadItem UploadFixture::item(const QString &filePath) const {
    upload::UploadItem item;
    item.dataset = Dataset;
    item.filePath = filePath;
    return item;
}

bool UploadFixture::addSample(const QString &name) {
    const QJsonObject image{{"url"_L1, u"https://example.invalid/%1"_s.arg(name)}};
    const QJsonObject body{{"name"_L1, name}, {"attributes"_L1, QJsonObject{{"image"_L1, image}}}};
    return server.http.post(SamplesPath, body, key).status == 201;
}

QJsonArray UploadFixture::samples() {
    return server.http.get(SamplesPath + u"?per_page=1000"_s, key).array();
}

int UploadFixture::countNamed(const QString &name) {
    const QJsonArray all = samples();
    return int(std::count_if(all.begin(), all.end(), [&](const QJsonValue &v) {
        return v.toObject().value("name"_L1).toString() == name;
    }));
}

QJsonObject UploadFixture::sampleNamed(const QString &name) {
    const QJsonArray all = samples();
    for (const QJsonValue &v : all) {
        if (v.toObject().value("name"_L1).toString() == name)
            return v.toObject();
    }
    return {};
}

HttpResult UploadFixture::label(const QString &sampleUuid, const QString &labelset) {
    return server.http.get(u"/labels/"_s + sampleUuid + u'/' + labelset + u'/', key);
}

QByteArray UploadFixture::download(const QString &url) {
    const HttpResult r = server.http.get(QUrl(url).path(QUrl::FullyEncoded), QString());
    return r.status == 200 ? r.body : QByteArray();
}

int UploadFixture::storedAssets() const {
    int n = 0;
    QDirIterator it(server.dataDir() + u"/assets"_s, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

QByteArray UploadFixture::readAll(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QHash<QString, QString> UploadFixture::persistedStates(const QString &stateFile) {
    QHash<QString, QString> states;
    const QJsonArray items =
        QJsonDocument::fromJson(readAll(stateFile)).object()[QLatin1StringView("items")].toArray();
    for (const QJsonValue &v : items)
        states.insert(v[QLatin1StringView("sample_name")].toString(),
                      v[QLatin1StringView("state")].toString());
    return states;
}

} // namespace segscope::test
