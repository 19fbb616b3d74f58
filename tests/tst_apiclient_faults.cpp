// The request layer against a scripted fault server: every fault gives the right error kind or
// a successful retry, no call hangs, and the API key goes nowhere it should not (wire or log).
#include "support/faultserver.h"

#include "api/assetsapi.h"
#include "api/datasetsapi.h"
#include "api/usersapi.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::api;
namespace wire = segscope::wire;
using segscope::test::Fault;
using segscope::test::FaultServer;
using Kind = ApiError::Kind;

namespace {

const QString Key = u"sk-test-SECRET-7f3a9c"_s;
constexpr int Attempts = 3;
constexpr int Bound = 5000; // ms: no call may take longer than this

const QByteArray UserJson =
    R"({"username":"ann","created_at":"2026-11-27T10:20:30Z","is_organization":false})";

QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    g_log.append(QString::fromLatin1(context.category ? context.category : "") + u' ' + message);
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

class TestApiClientFaults : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void successSendsKeyAndUserAgent();
    void truncatedBodyIsRetriedThenNetwork();
    void truncatedOnceThenSuccess();
    void invalidJsonIsParse();
    void wrongContentTypeIsParse();
    void htmlProxyPageIsServer();
    void postIsNotRetriedOn502();
    void rateLimitedHonoursRetryAfter();
    void rateLimitedHonoursDetail();
    void rateLimitedWithoutHintBacksOff();
    void rateLimitedBeyondCapGivesUp();
    void serviceUnavailableStormThenSuccess();
    void stalledSocketTimesOut();
    void resetMidBodyIsRetried();
    void absurdContentLength();
    void crossOriginRedirectIsRefused();
    void sameOriginRedirectIsFollowed();
    void assetDownloadCarriesNoKey();
    void storageUploadCarriesNoKey();
    void keyNeverLogged();

private:
    Result<wire::User> fetchUser();

    std::unique_ptr<FaultServer> m_server;
    std::unique_ptr<QTemporaryDir> m_cache;
    std::unique_ptr<ApiClient> m_client;
};

void TestApiClientFaults::initTestCase() {
    QLoggingCategory::setFilterRules(u"segscope.*.debug=true"_s);
    g_previous = qInstallMessageHandler(captureLog);
}

void TestApiClientFaults::init() {
    m_server = std::make_unique<FaultServer>();
    QVERIFY(m_server->listen());
    m_cache = std::make_unique<QTemporaryDir>();
    ClientOptions o;
    o.baseUrl = m_server->url();
    o.apiKey = Key;
    o.maxAttempts = Attempts;
    o.backoffBase = std::chrono::milliseconds(5);
    o.backoffMax = std::chrono::milliseconds(20);
    o.retryAfterUnit = std::chrono::milliseconds(20);
    o.maxRetryAfterSeconds = 60;
    o.stallTimeout = std::chrono::milliseconds(300);
    o.cacheDirectory = m_cache->path();
    m_client = std::make_unique<ApiClient>(o);
}

void TestApiClientFaults::cleanup() {
    m_client.reset();
    m_server.reset();
    m_cache.reset();
}

Result<wire::User> TestApiClientFaults::fetchUser() {
    std::optional<Result<wire::User>> result;
    QObject context;
    getCurrentUser(*m_client, &context, [&](Result<wire::User> r) { result = std::move(r); });
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
    }();
    if (!result) {
        ApiError hung;
        hung.message = u"the call did not finish"_s;
        return hung;
    }
    return *result;
}

void TestApiClientFaults::successSendsKeyAndUserAgent() {
    m_server->enqueue(Fault::json(200, UserJson));
    const auto r = fetchUser();
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(r->username, u"ann"_s);
    QCOMPARE(m_server->requestCount(), 1);
    const auto &request = m_server->requests().first();
    QCOMPARE(request.target, QByteArray("/user"));
    QCOMPARE(request.header("Authorization"), "APIKey " + Key.toUtf8());
    QCOMPARE(request.header("User-Agent"), QByteArray("segscope/" SEGSCOPE_VERSION));
}

void TestApiClientFaults::truncatedBodyIsRetriedThenNetwork() {
    m_server->setFallback(Fault::truncated(UserJson.left(20), UserJson.size() + 50));
    const auto r = fetchUser();
    QVERIFY(!r.ok());
    QCOMPARE(ApiError::kindName(r.error().kind), u"Network"_s);
    QCOMPARE(m_server->requestCount(), Attempts);
}

void TestApiClientFaults::truncatedOnceThenSuccess() {
    m_server->enqueue(Fault::truncated(UserJson.left(20), UserJson.size() + 50));
    m_server->enqueue(Fault::json(200, UserJson));
    const auto r = fetchUser();
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(m_server->requestCount(), 2);
}

void TestApiClientFaults::invalidJsonIsParse() {
    m_server->enqueue(Fault::json(200, R"({"username": "ann", )"));
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"Parse"_s);
    QVERIFY(r.error().message.contains(u"invalid JSON"_s));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClientFaults::wrongContentTypeIsParse() {
    m_server->enqueue(Fault::withContentType(200, "text/plain", UserJson));
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"Parse"_s);
    QVERIFY(r.error().message.contains(u"text/plain"_s));
}

void TestApiClientFaults::htmlProxyPageIsServer() {
    m_server->setFallback(Fault::htmlProxyError(502));
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"Server"_s);
    QCOMPARE(r.error().httpStatus, 502);
    QVERIFY2(r.error().message.contains(u"text/html"_s), qPrintable(r.error().message));
    QCOMPARE(m_server->requestCount(), Attempts); // GET is idempotent: retried
}

void TestApiClientFaults::postIsNotRetriedOn502() {
    m_server->setFallback(Fault::htmlProxyError(502));
    std::optional<Result<wire::Dataset>> result;
    QObject context;
    NewDataset dataset;
    dataset.name = u"d"_s;
    createDataset(*m_client, dataset, &context,
                  [&](Result<wire::Dataset> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
    QCOMPARE(ApiError::kindName(result->error().kind), u"Server"_s);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClientFaults::rateLimitedHonoursRetryAfter() {
    m_server->enqueue(Fault::rateLimited(5, 30)); // the header wins over the detail
    m_server->enqueue(Fault::json(200, UserJson));
    QElapsedTimer timer;
    timer.start();
    const auto r = fetchUser();
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY2(timer.elapsed() >= 5 * 20, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(timer.elapsed() < 30 * 20, qPrintable(QString::number(timer.elapsed())));
}

void TestApiClientFaults::rateLimitedHonoursDetail() {
    m_server->enqueue(Fault::rateLimited(std::nullopt, 6));
    m_server->enqueue(Fault::json(200, UserJson));
    QElapsedTimer timer;
    timer.start();
    const auto r = fetchUser();
    QVERIFY(r.ok());
    QVERIFY2(timer.elapsed() >= 6 * 20, qPrintable(QString::number(timer.elapsed())));
}

void TestApiClientFaults::rateLimitedWithoutHintBacksOff() {
    m_server->enqueue(Fault::rateLimited(std::nullopt, std::nullopt), 2);
    m_server->enqueue(Fault::json(200, UserJson));
    const auto r = fetchUser();
    QVERIFY(r.ok());
    QCOMPARE(m_server->requestCount(), 3);
}

void TestApiClientFaults::rateLimitedBeyondCapGivesUp() {
    m_server->enqueue(Fault::rateLimited(3600, std::nullopt));
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"RateLimited"_s);
    QCOMPARE(r.error().retryAfter.value_or(0), 3600);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClientFaults::serviceUnavailableStormThenSuccess() {
    m_server->enqueue(Fault::json(503, R"({"detail":"Service unavailable."})"), Attempts - 1);
    m_server->enqueue(Fault::json(200, UserJson));
    const auto r = fetchUser();
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(m_server->requestCount(), Attempts);
}

void TestApiClientFaults::stalledSocketTimesOut() {
    m_server->setFallback(Fault::stalled());
    QElapsedTimer timer;
    timer.start();
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"Timeout"_s);
    QVERIFY(timer.elapsed() >= 300);
}

void TestApiClientFaults::resetMidBodyIsRetried() {
    m_server->enqueue(Fault::resetMidBody(UserJson));
    m_server->enqueue(Fault::json(200, UserJson));
    QVERIFY(fetchUser().ok());
    QCOMPARE(m_server->requestCount(), 2);

    m_server->setFallback(Fault::resetMidBody(UserJson));
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"Network"_s);
}

void TestApiClientFaults::absurdContentLength() {
    m_server->setFallback(Fault::absurdLength());
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"Parse"_s);
    QVERIFY(r.error().message.contains(u"larger"_s));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClientFaults::crossOriginRedirectIsRefused() {
    FaultServer other;
    QVERIFY(other.listen());
    other.setFallback(Fault::json(200, UserJson));
    m_server->enqueue(Fault::redirect(other.url(u"/user"_s)));
    const auto r = fetchUser();
    QCOMPARE(ApiError::kindName(r.error().kind), u"Server"_s);
    QVERIFY(r.error().message.contains(other.url().toString()));
    QCOMPARE(other.requestCount(), 0); // the key never travelled there
}

void TestApiClientFaults::sameOriginRedirectIsFollowed() {
    m_server->enqueue(Fault::redirect(m_server->url(u"/user/"_s), 301));
    m_server->enqueue(Fault::json(200, UserJson));
    QVERIFY(fetchUser().ok());
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).target, QByteArray("/user/"));
}

void TestApiClientFaults::assetDownloadCarriesNoKey() {
    FaultServer cdn;
    QVERIFY(cdn.listen());
    Fault png = Fault::withContentType(200, "image/png", "\x89PNG fake");
    cdn.enqueue(png);
    // An asset URL that redirects to another origin is fine to follow: there is no key.
    m_server->enqueue(Fault::redirect(cdn.url(u"/a.png"_s)));
    std::optional<Result<QByteArray>> result;
    QObject context;
    downloadAsset(*m_client, m_server->url(u"/assets/a.png"_s), &context,
                  [&](Result<QByteArray> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
    QVERIFY2(result->ok(), qPrintable(result->error().toString()));
    QCOMPARE(result->value(), QByteArray("\x89PNG fake"));
    QCOMPARE(cdn.requestCount(), 1);
    QVERIFY(!m_server->requests().first().hasHeader("Authorization"));
    QVERIFY(!cdn.requests().first().hasHeader("Authorization"));
    QVERIFY(!cdn.requests().first().raw.contains(Key.toUtf8()));
}

void TestApiClientFaults::storageUploadCarriesNoKey() {
    FaultServer storage;
    QVERIFY(storage.listen());
    storage.enqueue(Fault::noContent());
    QTemporaryDir dir;
    QFile file(dir.filePath(u"flowers.png"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(300 * 1024, 'x'));
    file.close();
    wire::File asset;
    asset.uploadUrl = storage.url(u"/upload"_s).toString();
    asset.uploadFields = {{u"key"_s, u"assets/1.png"_s}, {u"acl"_s, u"public-read"_s}};
    std::optional<Result<Done>> result;
    qint64 lastSent = 0, lastTotal = 0;
    QObject context;
    uploadAsset(
        *m_client, asset, file.fileName(), &context,
        [&](qint64 sent, qint64 total) { lastSent = sent, lastTotal = total; },
        [&](Result<Done> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
    QVERIFY2(result->ok(), qPrintable(result->error().toString()));
    QCOMPARE(storage.requestCount(), 1);
    const auto &request = storage.requests().first();
    QVERIFY(!request.hasHeader("Authorization"));
    QVERIFY(!request.raw.contains(Key.toUtf8()));
    QVERIFY(request.header("Content-Type").startsWith("multipart/form-data"));
    const qsizetype keyPart = request.body.indexOf("name=\"key\"");
    const qsizetype filePart = request.body.indexOf("name=\"file\"; filename=\"flowers.png\"");
    QVERIFY(keyPart >= 0 && filePart > keyPart); // fields first, the file last
    QVERIFY(request.body.contains(QByteArray(300 * 1024, 'x')));
    QVERIFY(lastTotal > 300 * 1024);
    QCOMPARE(lastSent, lastTotal);
}

void TestApiClientFaults::keyNeverLogged() {
    // Runs last: every call of this test case went through the log handler.
    qInstallMessageHandler(g_previous);
    QVERIFY2(g_log.size() > 20, "debug logging of segscope.api was not captured");
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(Key), qPrintable(line));
    // Also the header line as a whole, not only the key.
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(u"APIKey"_s), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestApiClientFaults)
#include "tst_apiclient_faults.moc"
