// The request layer's plumbing against the fault server: the asset cache across clients,
// gzip bodies, cancelling, dead contexts, the per-host cap, paging and the sample query.
#include "support/faultserver.h"
#include "support/testmain.h"

#include "api/assetsapi.h"
#include "api/connectionprofile.h"
#include "api/keystore.h"
#include "api/samplesapi.h"
#include "api/usersapi.h"
#include "wire/gzip.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::api;
namespace wire = segscope::wire;
using segscope::test::Fault;
using segscope::test::FaultServer;
using segscope::wire::SampleQuery;

namespace {

constexpr int Bound = 5000;

QByteArray sampleJson(int i) {
    return QJsonDocument(QJsonObject{{"uuid"_L1, u"uuid-%1"_s.arg(i)},
                                     {"name"_L1, u"s%1"_s.arg(i)},
                                     {"attributes"_L1, QJsonObject()},
                                     {"metadata"_L1, QJsonObject()},
                                     {"created_at"_L1, u"2026-11-27T10:20:30Z"_s},
                                     {"created_by"_L1, u"demo"_s},
                                     {"priority"_L1, 0}})
        .toJson(QJsonDocument::Compact);
}

QByteArray page(int first, int count) {
    QByteArrayList items;
    for (int i = first; i < first + count; ++i)
        items.append(sampleJson(i));
    return '[' + items.join(',') + ']';
}

} // namespace

class TestApiTransfers : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void assetIsFetchedOnceAcrossClients();
    void staleAssetIsRevalidatedWithETag();
    void sampleBodiesAreGzipped();
    void profilesKeepNoKey();
    void cancelDropsTheCallback();
    void deadContextDropsTheCallback();
    void perHostCapQueues();
    void walkEndsOnInvalidPage();
    void walkEndsOnShortPage();
    void walkStopsWhenAsked();
    void fetchOnePage();
    void sampleQueryEncoding();

private:
    ClientOptions options() const;

    std::unique_ptr<FaultServer> m_server;
    std::unique_ptr<QTemporaryDir> m_cache;
};

ClientOptions TestApiTransfers::options() const {
    ClientOptions o;
    o.baseUrl = m_server->url();
    o.apiKey = u"k"_s;
    o.maxAttempts = 2;
    o.backoffBase = std::chrono::milliseconds(5);
    o.backoffMax = std::chrono::milliseconds(10);
    o.stallTimeout = std::chrono::milliseconds(2000);
    o.cacheDirectory = m_cache->path();
    return o;
}

void TestApiTransfers::init() {
    m_server = std::make_unique<FaultServer>();
    QVERIFY(m_server->listen());
    m_cache = std::make_unique<QTemporaryDir>();
}

void TestApiTransfers::cleanup() {
    m_server.reset();
    m_cache.reset();
}

void TestApiTransfers::assetIsFetchedOnceAcrossClients() {
    Fault png = Fault::withContentType(200, "image/png", "\x89PNG bytes");
    png.headers.append(
        std::pair<QByteArray, QByteArray>("Cache-Control", "public, max-age=31536000, immutable"));
    png.headers.append(std::pair<QByteArray, QByteArray>("ETag", "\"abc\""));
    m_server->enqueue(png);
    const QUrl url = m_server->url(u"/assets/x.png"_s);
    for (int run = 0; run < 3; ++run) {
        // A new client each time: the cache lives on disk, as across two runs of the app.
        ApiClient client(options());
        std::optional<Result<QByteArray>> result;
        QObject context;
        downloadAsset(client, url, &context, [&](Result<QByteArray> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
        QVERIFY2(result->ok(), qPrintable(result->error().toString()));
        QCOMPARE(result->value(), QByteArray("\x89PNG bytes"));
    }
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiTransfers::staleAssetIsRevalidatedWithETag() {
    Fault first = Fault::withContentType(200, "image/png", "\x89PNG v1");
    first.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-cache"));
    first.headers.append(std::pair<QByteArray, QByteArray>("ETag", "\"v1\""));
    Fault notModified;
    notModified.status = 304;
    notModified.reason = "Not Modified";
    notModified.headers = {{"ETag", "\"v1\""}, {"Cache-Control", "no-cache"}};
    m_server->enqueue(first);
    m_server->enqueue(notModified);
    ApiClient client(options());
    const QUrl url = m_server->url(u"/assets/y.png"_s);
    for (int run = 0; run < 2; ++run) {
        std::optional<Result<QByteArray>> result;
        QObject context;
        downloadAsset(client, url, &context, [&](Result<QByteArray> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
        QVERIFY2(result->ok(), qPrintable(result->error().toString()));
        QCOMPARE(result->value(), QByteArray("\x89PNG v1"));
    }
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).header("If-None-Match"), QByteArray("\"v1\""));
}

void TestApiTransfers::profilesKeepNoKey() {
    const QString key = u"sk-profile-SECRET-9d"_s;
    const QString file = m_cache->filePath(u"profiles.conf"_s);
    ProfileStore store(file);
    store.save({u"work"_s, QUrl(u"https://api.segments.ai"_s)});
    store.save({u"local"_s, m_server->url()});
    store.save({u"work"_s, QUrl(u"https://eu.example"_s)});
    QCOMPARE(store.profiles().size(), 2);
    QCOMPARE(store.find(u"work"_s)->baseUrl, QUrl(u"https://eu.example"_s));
    store.remove(u"local"_s);
    QVERIFY(!store.find(u"local"_s));

    // No keychain service runs on this program's private bus: storing the key fails loudly,
    // and nothing lands on disk.
    QString error = u"not called"_s;
    QObject context;
    KeyStore::writeKey(u"work"_s, key, &context, [&](const QString &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error != u"not called"_s, Bound);
    QVERIFY2(error.startsWith(u"No keychain service is running: set SEGMENTS_API_KEY"_s),
             qPrintable(error));
    QFile settings(file);
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains(key.toUtf8()));
    QFile fallback(QSettings().fileName()); // where QtKeychain's plain-text fallback would go
    QVERIFY(!fallback.open(QIODevice::ReadOnly) || !fallback.readAll().contains(key.toUtf8()));
    // Nor anywhere else under the temporary HOME (settings, caches, the bus's folder).
    const segscope::test::TestEnvironment *environment = segscope::test::TestEnvironment::current();
    QVERIFY2(QSettings().fileName().startsWith(environment->home()),
             qPrintable(QSettings().fileName()));
    QCOMPARE(environment->filesHolding(key.toUtf8()), QStringList());
}

void TestApiTransfers::sampleBodiesAreGzipped() {
    m_server->enqueue(Fault::json(201, sampleJson(1)));
    ApiClient client(options());
    std::optional<Result<wire::Sample>> result;
    QObject context;
    NewSample sample;
    sample.name = u"s1"_s;
    sample.attributes = NewSample::imageAttributes(u"https://x/a.jpg"_s);
    createSample(client, u"ann/flowers"_s, sample, &context,
                 [&](Result<wire::Sample> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
    QVERIFY(result->ok());
    const auto &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/datasets/ann/flowers/samples/"));
    QCOMPARE(request.header("Content-Encoding"), QByteArray("gzip"));
    const QJsonObject body =
        QJsonDocument::fromJson(wire::inflate(request.body, 1 << 20).value_or(QByteArray()))
            .object();
    QCOMPARE(body.value("name"_L1).toString(), u"s1"_s);
    QCOMPARE(body.value("attributes"_L1)["image"_L1]["url"_L1].toString(), u"https://x/a.jpg"_s);
}

void TestApiTransfers::cancelDropsTheCallback() {
    m_server->setFallback(Fault::stalled());
    ApiClient client(options());
    int calls = 0;
    QObject context;
    CallHandle handle = getCurrentUser(client, &context, [&](Result<wire::User>) { ++calls; });
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, Bound);
    QVERIFY(handle.isActive());
    handle.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!handle.isActive(), Bound);
    QCOMPARE(client.runningCount(), 0);
    // A second call completes after the cancelled one would have: the first stays silent.
    m_server->enqueue(Fault::json(200, R"({"username":"a","created_at":"2026-11-27T10:20:30Z",)"
                                       R"("is_organization":false})"));
    bool second = false;
    getCurrentUser(client, &context, [&](Result<wire::User> r) { second = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(second, Bound);
    QCOMPARE(calls, 0);
}

void TestApiTransfers::deadContextDropsTheCallback() {
    m_server->setFallback(Fault::stalled());
    ApiClient client(options());
    int calls = 0;
    auto context = std::make_unique<QObject>();
    CallHandle handle = getCurrentUser(client, context.get(), [&](Result<wire::User>) { ++calls; });
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, Bound);
    context.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!handle.isActive(), Bound);
    QCOMPARE(client.runningCount(), 0); // the transfer was aborted, not left running
    QCOMPARE(calls, 0);
}

void TestApiTransfers::perHostCapQueues() {
    m_server->setFallback(Fault::stalled());
    ClientOptions o = options();
    o.maxConcurrentPerHost = 2;
    ApiClient client(o);
    QObject context;
    QList<CallHandle> handles;
    for (int i = 0; i < 5; ++i)
        handles.append(getCurrentUser(client, &context, [](Result<wire::User>) {}));
    QCOMPARE(client.runningCount(), 2);
    QCOMPARE(client.queuedCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 2, Bound);
    handles.at(0).cancel();
    handles.at(1).cancel();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 4, Bound);
    QCOMPARE(client.runningCount(), 2);
    QCOMPARE(client.queuedCount(), 1);
}

void TestApiTransfers::walkEndsOnInvalidPage() {
    m_server->enqueue(Fault::json(200, page(0, 2)));
    m_server->enqueue(Fault::json(200, page(2, 2)));
    m_server->enqueue(Fault::json(404, R"({"detail":"Invalid page."})"));
    ApiClient client(options());
    QStringList names;
    std::optional<Result<Done>> done;
    QObject context;
    SampleQuery query;
    query.perPage = 2;
    walkSamples(
        client, u"o/d"_s, query, &context,
        [&](QList<wire::Sample> samples, int) {
            for (const auto &s : samples)
                names.append(s.name);
            return true;
        },
        [&](Result<Done> r) { done = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), Bound);
    QVERIFY2(done->ok(), qPrintable(done->error().toString()));
    QCOMPARE(names, (QStringList{u"s0"_s, u"s1"_s, u"s2"_s, u"s3"_s}));
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY(m_server->requests().at(2).target.contains("page=3&per_page=2"));
}

void TestApiTransfers::walkEndsOnShortPage() {
    m_server->enqueue(Fault::json(200, page(0, 3)));
    m_server->enqueue(Fault::json(200, page(3, 1)));
    ApiClient client(options());
    int count = 0;
    std::optional<Result<Done>> done;
    QObject context;
    SampleQuery query;
    query.perPage = 3;
    walkSamples(
        client, u"o/d"_s, query, &context,
        [&](QList<wire::Sample> samples, int) { return count += int(samples.size()), true; },
        [&](Result<Done> r) { done = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), Bound);
    QVERIFY(done->ok());
    QCOMPARE(count, 4);
    QCOMPARE(m_server->requestCount(), 2); // no request past the short page
}

void TestApiTransfers::walkStopsWhenAsked() {
    m_server->enqueue(Fault::json(200, page(0, 2)), 3);
    ApiClient client(options());
    std::optional<Result<Done>> done;
    QObject context;
    SampleQuery query;
    query.perPage = 2;
    walkSamples(
        client, u"o/d"_s, query, &context, [&](QList<wire::Sample>, int p) { return p < 2; },
        [&](Result<Done> r) { done = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), Bound);
    QVERIFY(done->ok());
    QCOMPARE(m_server->requestCount(), 2);

    // A page that is not a list of samples ends the walk with Parse and its JSON path.
    m_server->enqueue(Fault::json(200, R"([{"uuid": 3}])"));
    done.reset();
    walkSamples(
        client, u"o/d"_s, query, &context, [&](QList<wire::Sample>, int) { return true; },
        [&](Result<Done> r) { done = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), Bound);
    QCOMPARE(done->error().kind, ApiError::Kind::Parse);
    QVERIFY2(done->error().message.contains(u"[0].uuid"_s), qPrintable(done->error().message));
}

void TestApiTransfers::fetchOnePage() {
    m_server->enqueue(Fault::json(404, R"({"detail":"Invalid page."})"));
    ApiClient client(options());
    std::optional<Result<QList<wire::Sample>>> result;
    QObject context;
    SampleQuery query;
    query.page = 7;
    query.perPage = 50;
    listSamples(client, u"o/d"_s, query, &context,
                [&](Result<QList<wire::Sample>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
    QVERIFY(result->error().isInvalidPage());
    QVERIFY(m_server->requests().first().target.startsWith(
        "/datasets/o/d/samples/?page=7&per_page=50"));
}

void TestApiTransfers::sampleQueryEncoding() {
    SampleQuery q;
    q.page = 2;
    q.perPage = 100;
    q.nameContains = u"a b&c"_s;
    q.labelStatuses = {u"LABELED"_s, u"REVIEWED"_s};
    q.labelset = u"ground-truth"_s;
    QVERIFY(q.setMetadataTerms({u"weather:rain"_s, u"speed:>=5"_s}));
    q.sortField = u"created_at"_s;
    q.sortDescending = true;
    q.includeFullLabel = true;
    QCOMPARE(q.toQueryString(),
             u"page=2&per_page=100&name__contains=a%20b%26c&label_status=LABELED%2CREVIEWED"
             u"&labelset=ground-truth&filters=weather%3Arain%2Cspeed%3A%3E%3D5"
             u"&sort=-created_at&include_full_label=1"_s);
    // The server's reader gives back what the client wrote (one type, one set of names).
    wire::QueryError error;
    const std::optional<SampleQuery> back =
        SampleQuery::fromQuery(QUrlQuery(q.toQueryString()), &error);
    QVERIFY2(back, qPrintable(error.parameter + u": "_s + error.message));
    QCOMPARE(back->toQueryString(), q.toQueryString());
    QCOMPARE(back->nameContains, q.nameContains);
    QVERIFY(back->metadata == q.metadata);
    QCOMPARE(back->metadata.at(1).op, wire::MetadataTerm::GreaterOrEqual);

    // And it reaches the wire as written, not re-encoded or decoded by QUrl.
    m_server->enqueue(Fault::json(200, "[]"));
    ApiClient client(options());
    std::optional<Result<QList<wire::Sample>>> result;
    QObject context;
    listSamples(client, u"o w/d"_s, q, &context,
                [&](Result<QList<wire::Sample>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), Bound);
    QVERIFY(result->ok());
    QCOMPARE(m_server->requests().first().target,
             "/datasets/o%20w/d/samples/?" + q.toQueryString().toLatin1());
}

// A private session bus with no keychain service on it (profilesKeepNoKey).
SEGSCOPE_TEST_MAIN_WITH_BUS(TestApiTransfers, segscope::test::Bus::Private)
#include "tst_api_transfers.moc"
