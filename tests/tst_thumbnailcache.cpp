// The thumbnail pipeline against segscope-server's demo data over loopback: scaled decode,
// memory and disk caches, failures, cancellation and the caps.
#include "support/faultserver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "api/samplesapi.h"
#include "models/thumbnailcache.h"
#include "models/thumbnaildecoder.h"
#include "models/thumbnaildiskcache.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using models::ThumbnailCache;
using models::ThumbnailCacheOptions;

namespace {

constexpr int kTimeoutMs = 20000;
const QSize kBox(256, 256);

//! Every transfer the client's network manager finished (served from its HTTP cache or not).
class RequestLog : public QObject {
public:
    explicit RequestLog(QNetworkAccessManager *nam) {
        connect(nam, &QNetworkAccessManager::finished, this,
                [this](QNetworkReply *reply) { urls.append(reply->url().toString()); });
    }
    QStringList urls;
};

QStringList readyUrls(const QSignalSpy &spy) {
    QStringList urls;
    for (const QList<QVariant> &args : spy)
        urls.append(args.at(0).toString());
    return urls;
}

QByteArray encode(const QImage &image, const char *format) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

} // namespace

class TestThumbnailCache : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void decodeFollowsExifOrientation();
    void arrivesScaled();
    void secondRequestFromMemory();
    void pngWithAlpha();
    void newCacheServesFromDisk();
    void corruptDiskThumbnailIsRegenerated();
    void notFoundFailsOnce();
    void brokenBodies_data();
    void brokenBodies();
    void newestFirst();
    void cancelDropsPending();
    void retainOnlyDropsScrolledAway();
    void memoryCapEvicts();
    void diskCapEvictsOldest();
    void destroyedWhileBusy();

private:
    std::unique_ptr<ThumbnailCache> makeCache(ThumbnailCacheOptions options = {});
    QString uploadAsset(const QString &filename, const QByteArray &bytes);

    test::ServerFixture m_fixture;
    QTemporaryDir m_httpCache;
    std::unique_ptr<api::ApiClient> m_client;
    QStringList m_jpegs; //!< the demo's 1280x720 scene images
    std::unique_ptr<QTemporaryDir> m_thumbDir;
    std::unique_ptr<RequestLog> m_log;
};

std::unique_ptr<ThumbnailCache> TestThumbnailCache::makeCache(ThumbnailCacheOptions options) {
    if (options.diskDirectory.isEmpty())
        options.diskDirectory = m_thumbDir->path();
    return std::make_unique<ThumbnailCache>(*m_client, options);
}

QString TestThumbnailCache::uploadAsset(const QString &filename, const QByteArray &bytes) {
    const QJsonObject file =
        test::uploadAsset(m_fixture.http, m_fixture.server()->demoKey(), filename, bytes);
    return file.value("url"_L1).toString();
}

void TestThumbnailCache::initTestCase() {
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 4;
    QString error;
    QVERIFY2(m_fixture.start(options, &error), qPrintable(error));
    QVERIFY(m_httpCache.isValid());

    api::ClientOptions clientOptions;
    clientOptions.baseUrl = m_fixture.baseUrl();
    clientOptions.apiKey = m_fixture.server()->demoKey();
    clientOptions.cacheDirectory = m_httpCache.path();
    // Retries of a cut transfer (brokenBodies) in ms, not seconds.
    clientOptions.backoffBase = std::chrono::milliseconds(10);
    clientOptions.backoffMax = std::chrono::milliseconds(50);
    m_client = std::make_unique<api::ApiClient>(clientOptions);

    std::optional<api::Result<QList<wire::Sample>>> listed;
    api::listSamples(*m_client, u"demo/street-scenes"_s, {}, m_client.get(),
                     [&](api::Result<QList<wire::Sample>> r) { listed = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(listed.has_value(), kTimeoutMs);
    QVERIFY2(listed->ok(), qPrintable(listed->error().toString()));
    for (const wire::Sample &sample : listed->value())
        m_jpegs.append(sample.displayImageUrl());
    QCOMPARE(m_jpegs.size(), 4);
    QVERIFY(m_jpegs.at(0).startsWith(m_fixture.baseUrl().toString()));
}

void TestThumbnailCache::init() {
    m_thumbDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_thumbDir->isValid());
    m_log = std::make_unique<RequestLog>(m_client->networkAccessManager());
}

void TestThumbnailCache::cleanup() {
    m_log.reset();
    m_thumbDir.reset();
}

void TestThumbnailCache::decodeFollowsExifOrientation() {
    // Stored 400x200 and tagged "rotate 90": shown 200x400, so it fits 100x100 as 50x100.
    QImage landscape(400, 200, QImage::Format_RGB32);
    landscape.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setTransformation(QImageIOHandler::TransformationRotate90);
    QVERIFY(writer.write(landscape));
    const models::DecodedThumbnail decoded = models::decodeThumbnail(bytes, QSize(100, 100));
    QVERIFY2(!decoded.image.isNull(), qPrintable(decoded.error));
    QCOMPARE(decoded.sourceSize, QSize(200, 400));
    QCOMPARE(decoded.image.size(), QSize(50, 100));
    // Small images are not enlarged.
    QCOMPARE(models::decodeThumbnail(bytes, QSize(1000, 1000)).image.size(), QSize(200, 400));
}

void TestThumbnailCache::arrivesScaled() {
    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    QVERIFY(!cache->request(m_jpegs.at(0), kBox));
    QVERIFY(cache->isPending(m_jpegs.at(0)));
    QVERIFY(cache->thumbnail(m_jpegs.at(0)).isNull());
    QVERIFY(ready.wait(kTimeoutMs));
    QCOMPARE(ready.at(0).at(0).toString(), m_jpegs.at(0));
    const QImage image = cache->thumbnail(m_jpegs.at(0));
    // 1280x720 into 256x256, aspect ratio kept.
    QCOMPARE(image.size(), QSize(256, 144));
    QCOMPARE(image.format(), QImage::Format_RGB32);
    QVERIFY(!cache->isPending(m_jpegs.at(0)));
    QCOMPARE(cache->inFlightCount(), 0);
    QCOMPARE(m_log->urls, QStringList{m_jpegs.at(0)});
    // A different box is another thumbnail.
    QVERIFY(!cache->request(m_jpegs.at(0), QSize(100, 100)));
    QVERIFY(ready.wait(kTimeoutMs));
    QCOMPARE(cache->thumbnail(m_jpegs.at(0)).size(), QSize(100, 56));
}

void TestThumbnailCache::secondRequestFromMemory() {
    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    cache->request(m_jpegs.at(1), kBox);
    QVERIFY(ready.wait(kTimeoutMs));
    const qsizetype transfers = m_log->urls.size();
    QVERIFY(cache->request(m_jpegs.at(1), kBox)); // in memory: answered at once
    QVERIFY(!cache->isPending(m_jpegs.at(1)));
    QCOMPARE(cache->thumbnail(m_jpegs.at(1)).size(), QSize(256, 144));
    QCOMPARE(m_log->urls.size(), transfers);
    QCOMPARE(ready.size(), 1);
    QVERIFY(cache->memoryUsage() >= 256 * 144 * 4);
}

void TestThumbnailCache::pngWithAlpha() {
    QImage source(600, 400, QImage::Format_ARGB32);
    source.fill(QColor(10, 200, 30, 128));
    const QString url = uploadAsset(u"translucent.png"_s, encode(source, "PNG"));
    QVERIFY(!url.isEmpty());
    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    cache->request(url, kBox);
    QVERIFY(ready.wait(kTimeoutMs));
    const QImage image = cache->thumbnail(url);
    QCOMPARE(image.size(), QSize(600, 400).scaled(kBox, Qt::KeepAspectRatio));
    QCOMPARE(image.format(), QImage::Format_ARGB32_Premultiplied);
    QCOMPARE(qAlpha(image.pixel(10, 10)), 128);
    // Stored losslessly with its alpha, not as a JPEG.
    QImageReader stored(models::ThumbnailDiskCache(m_thumbDir->path()).filePath(url, kBox));
    QCOMPARE(stored.format(), QByteArray("png"));
}

void TestThumbnailCache::newCacheServesFromDisk() {
    const QString url = m_jpegs.at(2);
    {
        auto first = makeCache();
        QSignalSpy ready(first.get(), &ThumbnailCache::ready);
        first->request(url, kBox);
        QVERIFY(ready.wait(kTimeoutMs));
    }
    const QString path = models::ThumbnailDiskCache(m_thumbDir->path()).filePath(url, kBox);
    QVERIFY(QFile::exists(path));
    QImageReader stored(path);
    QCOMPARE(stored.format(), QByteArray("jpeg"));
    QCOMPARE(stored.size(), QSize(256, 144));

    m_log->urls.clear();
    auto second = makeCache();
    QSignalSpy ready(second.get(), &ThumbnailCache::ready);
    QVERIFY(!second->request(url, kBox));
    QVERIFY(ready.wait(kTimeoutMs));
    QCOMPARE(second->thumbnail(url).size(), QSize(256, 144));
    QVERIFY2(m_log->urls.isEmpty(), qPrintable(m_log->urls.join(u' ')));
}

void TestThumbnailCache::corruptDiskThumbnailIsRegenerated() {
    const QString url = m_jpegs.at(3);
    const QString path = models::ThumbnailDiskCache(m_thumbDir->path()).filePath(url, kBox);
    QFile garbage(path);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("\xFF\xD8\xFF\xE0 this is not a thumbnail");
    garbage.close();

    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    QSignalSpy failed(cache.get(), &ThumbnailCache::failed);
    cache->request(url, kBox);
    QVERIFY(ready.wait(kTimeoutMs));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(cache->thumbnail(url).size(), QSize(256, 144));
    QCOMPARE(m_log->urls, QStringList{url});              // downloaded again
    QCOMPARE(QImageReader(path).size(), QSize(256, 144)); // and rewritten
}

void TestThumbnailCache::notFoundFailsOnce() {
    QUrl missing = m_fixture.baseUrl();
    missing.setPath(u"/assets/00000000-0000-4000-8000-000000000000/missing.jpg"_s);
    const QString url = missing.toString();
    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    QSignalSpy failed(cache.get(), &ThumbnailCache::failed);
    cache->request(url, kBox);
    QVERIFY(failed.wait(kTimeoutMs));
    QCOMPARE(failed.at(0).at(0).toString(), url);
    const QString message = failed.at(0).at(1).toString();
    QVERIFY2(message.contains(u"404"_s), qPrintable(message));
    QVERIFY(cache->hasFailed(url));
    QCOMPARE(cache->failureMessage(url), message);
    QCOMPARE(m_log->urls.size(), 1);

    // Remembered: asking again (every repaint does) goes nowhere.
    QVERIFY(!cache->request(url, kBox));
    QVERIFY(!cache->isPending(url));
    QCOMPARE(m_log->urls.size(), 1);

    cache->retryFailed();
    QVERIFY(!cache->hasFailed(url));
    cache->request(url, kBox);
    QVERIFY(cache->isPending(url));
    QVERIFY(failed.wait(kTimeoutMs));
    QCOMPARE(m_log->urls.size(), 2);
    QCOMPARE(ready.size(), 0);
}

void TestThumbnailCache::brokenBodies_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("truncated jpeg") << u"truncated"_s;
    QTest::newRow("not an image") << u"text"_s;
    QTest::newRow("transfer cut short") << u"transfer"_s;
}

void TestThumbnailCache::brokenBodies() {
    QFETCH(QString, kind);
    const test::HttpResult whole = test::HttpClient::finish(
        m_fixture.http.manager().get(QNetworkRequest(QUrl(m_jpegs.at(0)))));
    QCOMPARE(whole.status, 200);
    QVERIFY(whole.body.size() > 10000);

    test::FaultServer faults;
    QString url;
    if (kind == "truncated"_L1) {
        url = uploadAsset(u"cut.jpg"_s, whole.body.left(whole.body.size() / 2));
    } else if (kind == "text"_L1) {
        url = uploadAsset(u"notes.jpg"_s, "these are not the pixels you are looking for\n");
    } else {
        QVERIFY(faults.listen());
        // Every attempt: the client retries a connection that closes mid-body.
        faults.enqueue(test::Fault::truncated(whole.body.left(5000), whole.body.size()), 10);
        url = faults.url(u"/cut/scene.jpg"_s).toString();
    }
    QVERIFY(!url.isEmpty());

    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    QSignalSpy failed(cache.get(), &ThumbnailCache::failed);
    cache->request(url, kBox);
    QVERIFY(failed.wait(kTimeoutMs));
    QCOMPARE(ready.size(), 0);
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
    qInfo().noquote() << kind << "->" << failed.at(0).at(1).toString();
    QVERIFY(cache->hasFailed(url));
    QVERIFY(cache->thumbnail(url).isNull());
    QVERIFY(!QFile::exists(models::ThumbnailDiskCache(m_thumbDir->path()).filePath(url, kBox)));
}

void TestThumbnailCache::newestFirst() {
    ThumbnailCacheOptions options;
    options.maxInFlight = 1;
    auto cache = makeCache(options);
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    for (const QString &url : std::as_const(m_jpegs))
        cache->request(url, kBox);
    QCOMPARE(cache->inFlightCount(), 1);
    QCOMPARE(cache->queuedCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 4, kTimeoutMs);
    // The first starts at once; the rest go newest first.
    const QStringList expected{m_jpegs.at(0), m_jpegs.at(3), m_jpegs.at(2), m_jpegs.at(1)};
    QCOMPARE(readyUrls(ready), expected);
}

void TestThumbnailCache::cancelDropsPending() {
    ThumbnailCacheOptions options;
    options.maxInFlight = 1;
    auto cache = makeCache(options);
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    cache->request(m_jpegs.at(0), kBox); // running
    cache->request(m_jpegs.at(1), kBox); // queued
    cache->request(m_jpegs.at(2), kBox); // queued
    cache->cancel(m_jpegs.at(1));
    cache->cancel(m_jpegs.at(0));
    QVERIFY(!cache->isPending(m_jpegs.at(0)));
    QVERIFY(!cache->isPending(m_jpegs.at(1)));
    QVERIFY(ready.wait(kTimeoutMs));
    // Another full round trip after it, so a stray result of the cancelled ones had every
    // chance to arrive first.
    cache->request(m_jpegs.at(3), kBox);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, kTimeoutMs);
    QCOMPARE(readyUrls(ready), (QStringList{m_jpegs.at(2), m_jpegs.at(3)}));
    QVERIFY(!m_log->urls.contains(m_jpegs.at(1))); // never fetched
    QCOMPARE(cache->inFlightCount(), 0);
    QCOMPARE(cache->queuedCount(), 0);
}

void TestThumbnailCache::retainOnlyDropsScrolledAway() {
    ThumbnailCacheOptions options;
    options.maxInFlight = 1;
    auto cache = makeCache(options);
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    for (const QString &url : std::as_const(m_jpegs))
        cache->request(url, kBox);
    cache->retainOnly({m_jpegs.at(1)});
    QCOMPARE(cache->queuedCount() + cache->inFlightCount(), 1);
    QVERIFY(cache->isPending(m_jpegs.at(1)));
    QVERIFY(ready.wait(kTimeoutMs));
    cache->request(m_jpegs.at(2), kBox);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, kTimeoutMs);
    QCOMPARE(readyUrls(ready), (QStringList{m_jpegs.at(1), m_jpegs.at(2)}));
    QVERIFY(!m_log->urls.contains(m_jpegs.at(3)));
    QVERIFY(cache->thumbnail(m_jpegs.at(3)).isNull());
}

void TestThumbnailCache::memoryCapEvicts() {
    ThumbnailCacheOptions options;
    const qint64 oneThumbnail = 256 * 144 * 4;
    options.memoryMaxBytes = oneThumbnail * 3 / 2;
    auto cache = makeCache(options);
    QCOMPARE(cache->memoryMaxBytes(), options.memoryMaxBytes);
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    cache->request(m_jpegs.at(0), kBox);
    QVERIFY(ready.wait(kTimeoutMs));
    cache->request(m_jpegs.at(1), kBox);
    QVERIFY(ready.wait(kTimeoutMs));
    QVERIFY(cache->thumbnail(m_jpegs.at(0)).isNull()); // least recently used, evicted
    QVERIFY(!cache->thumbnail(m_jpegs.at(1)).isNull());
    QCOMPARE(cache->memoryUsage(), oneThumbnail);

    // Evicted from memory only: it comes back from disk without a transfer.
    m_log->urls.clear();
    QVERIFY(!cache->request(m_jpegs.at(0), kBox));
    QVERIFY(ready.wait(kTimeoutMs));
    QVERIFY(m_log->urls.isEmpty());

    cache->setMemoryMaxBytes(0);
    QCOMPARE(cache->memoryUsage(), 0);
}

void TestThumbnailCache::diskCapEvictsOldest() {
    QImage image(256, 144, QImage::Format_RGB32);
    // Noise, so each JPEG has a predictable, non-trivial size.
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb((x * 37 + y * 11) % 256, (x * y) % 256, (x ^ y) % 256));
    }
    // The size of one stored file, as the cache writes it.
    models::ThumbnailDiskCache probe(m_thumbDir->path() + u"/probe"_s);
    QVERIFY(probe.store(u"http://x/probe.jpg"_s, kBox, image));
    const qint64 fileSize = probe.usage();
    QVERIFY(fileSize > 1000);
    models::ThumbnailDiskCache disk(m_thumbDir->path() + u"/capped"_s, fileSize * 5 / 2);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 2; ++i) {
        const QString url = u"http://x/%1.jpg"_s.arg(i);
        QVERIFY(disk.store(url, kBox, image));
        // Distinct ages, oldest first, whatever the file system's timestamp resolution.
        QFile file(disk.filePath(url, kBox));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(now.addSecs(-100 + i), QFileDevice::FileModificationTime));
    }
    QVERIFY(!disk.load(u"http://x/0.jpg"_s, kBox).isNull()); // 0 is now the newest
    QVERIFY(disk.store(u"http://x/2.jpg"_s, kBox, image));
    QVERIFY(disk.usage() <= disk.maxBytes());
    QVERIFY(QFile::exists(disk.filePath(u"http://x/0.jpg"_s, kBox)));
    QVERIFY(!QFile::exists(disk.filePath(u"http://x/1.jpg"_s, kBox)));
    QVERIFY(QFile::exists(disk.filePath(u"http://x/2.jpg"_s, kBox)));
}

void TestThumbnailCache::destroyedWhileBusy() {
    auto cache = makeCache();
    for (const QString &url : std::as_const(m_jpegs))
        cache->request(url, kBox);
    cache.reset();
    // Whatever the pool was doing lands nowhere; the client is idle again afterwards.
    QTRY_COMPARE_WITH_TIMEOUT(m_client->runningCount() + m_client->queuedCount(), 0, kTimeoutMs);
    auto again = makeCache();
    QSignalSpy ready(again.get(), &ThumbnailCache::ready);
    again->request(m_jpegs.at(0), kBox);
    QVERIFY(ready.wait(kTimeoutMs));
}

SEGSCOPE_TEST_MAIN(TestThumbnailCache)
#include "tst_thumbnailcache.moc"
