// Thumbnails with a label overlay, against segscope-server's demo data over loopback: the
// category colour blended where the label has an instance, plain and overlay cached apart,
// a broken bitmap falling back to the plain thumbnail. (Split from tst_thumbnailcache, which
// covers the plain pipeline, to keep both files short.)
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "api/datasetsapi.h"
#include "api/labelsapi.h"
#include "api/samplesapi.h"
#include "labels/pngdecoder.h"
#include "models/thumbnailcache.h"
#include "models/thumbnaildecoder.h"
#include "models/thumbnaildiskcache.h"
#include "models/thumbnailoverlay.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using models::ThumbnailCache;
using models::ThumbnailOverlay;

namespace {

constexpr int kTimeoutMs = 20000;
const QSize kBox(256, 256);

} // namespace

class TestThumbnailOverlay : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void composeIsNearestNeighbour();
    void keyNamesBitmapAndColours();
    void overlayBlendsCategoryColour();
    void plainAndOverlayCachedApart();
    void brokenBitmapShowsPlain_data();
    void brokenBitmapShowsPlain();
    void scrolledAwayOverlayIsCancelled();
    void thumbnailKeepsItsSourceSizeOnDisk();

private:
    std::unique_ptr<ThumbnailCache> makeCache(models::ThumbnailCacheOptions options = {});
    ThumbnailOverlay labeledOverlay(const wire::TaskAttributes &task) const;
    QString diskPath(const QString &key) const;

    test::ServerFixture m_fixture;
    QTemporaryDir m_httpCache;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<QTemporaryDir> m_thumbDir;
    QStringList m_transfers; //!< URLs the client's network manager finished, per test
    // A LABELED sample of demo/street-scenes, its ground-truth label and the dataset's categories.
    QString m_image;
    wire::Label m_label;
    wire::TaskAttributes m_task;
    QByteArray m_bitmapPng;
};

std::unique_ptr<ThumbnailCache>
TestThumbnailOverlay::makeCache(models::ThumbnailCacheOptions options) {
    options.diskDirectory = m_thumbDir->path();
    return std::make_unique<ThumbnailCache>(*m_client, options);
}

ThumbnailOverlay TestThumbnailOverlay::labeledOverlay(const wire::TaskAttributes &task) const {
    QList<models::InstanceCategory> instances;
    for (const wire::Annotation &a : m_label.attributes.annotations)
        instances.append({quint32(a.id), a.categoryId});
    return ThumbnailOverlay::forLabel(m_label.attributes.bitmapUrl, instances, task);
}

QString TestThumbnailOverlay::diskPath(const QString &key) const {
    return models::ThumbnailDiskCache(m_thumbDir->path()).filePath(key, kBox);
}

void TestThumbnailOverlay::initTestCase() {
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
    m_client = std::make_unique<api::ApiClient>(clientOptions);
    connect(m_client->networkAccessManager(), &QNetworkAccessManager::finished, this,
            [this](QNetworkReply *reply) { m_transfers.append(reply->url().toString()); });

    wire::SampleQuery query;
    query.labelset = u"ground-truth"_s;
    std::optional<api::Result<QList<wire::Sample>>> listed;
    api::listSamples(*m_client, u"demo/street-scenes"_s, query, this,
                     [&](api::Result<QList<wire::Sample>> r) { listed = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(listed.has_value(), kTimeoutMs);
    QVERIFY2(listed->ok(), qPrintable(listed->error().toString()));
    QString uuid;
    for (const wire::Sample &sample : listed->value()) {
        if (uuid.isEmpty() && sample.label && sample.label->labelStatus == "LABELED"_L1) {
            uuid = sample.uuid;
            m_image = sample.displayImageUrl();
        }
    }
    QVERIFY2(!uuid.isEmpty(), "the demo has a LABELED sample among its first four");

    std::optional<api::Result<wire::Label>> label;
    api::getLabel(*m_client, uuid, u"ground-truth"_s, this,
                  [&](api::Result<wire::Label> r) { label = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(label.has_value(), kTimeoutMs);
    QVERIFY2(label->ok(), qPrintable(label->error().toString()));
    m_label = label->value();
    QVERIFY(!m_label.attributes.bitmapUrl.isEmpty());
    QVERIFY(!m_label.attributes.annotations.isEmpty());

    std::optional<api::Result<wire::Dataset>> dataset;
    api::getDataset(*m_client, u"demo/street-scenes"_s, this,
                    [&](api::Result<wire::Dataset> r) { dataset = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(dataset.has_value(), kTimeoutMs);
    QVERIFY2(dataset->ok(), qPrintable(dataset->error().toString()));
    m_task = dataset->value().taskAttributes.value_or(wire::TaskAttributes{});
    QVERIFY(!m_task.categories.isEmpty());

    const test::HttpResult png = test::HttpClient::finish(
        m_fixture.http.manager().get(QNetworkRequest(QUrl(m_label.attributes.bitmapUrl))));
    QCOMPARE(png.status, 200);
    m_bitmapPng = png.body;
}

void TestThumbnailOverlay::init() {
    m_thumbDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_thumbDir->isValid());
    m_transfers.clear();
}

void TestThumbnailOverlay::cleanup() {
    m_thumbDir.reset();
}

void TestThumbnailOverlay::composeIsNearestNeighbour() {
    // Ids 1 1 2 2 3 3 shrunk to three pixels: each pixel takes one id, never a mix of two.
    labels::InstanceBitmap bitmap = labels::InstanceBitmap::allocate(6, 2);
    for (int y = 0; y < 2; ++y) {
        for (int x = 0; x < 6; ++x)
            bitmap.ids[size_t(y * 6 + x)] = quint32(x / 2 + 1);
    }
    const QList<std::pair<quint32, QRgb>> colors{{1, qRgba(255, 0, 0, 128)},
                                                 {2, qRgba(0, 0, 255, 255)}};
    QImage grey(3, 1, QImage::Format_RGB32);
    grey.fill(qRgb(100, 100, 100));
    const QImage out = models::composeThumbnailOverlay(grey, bitmap, colors);
    QCOMPARE(out.format(), QImage::Format_RGB32);
    QCOMPARE(out.pixel(0, 0), qRgb(178, 50, 50));    // half red over grey
    QCOMPARE(out.pixel(1, 0), qRgb(0, 0, 255));      // opaque blue
    QCOMPARE(out.pixel(2, 0), qRgb(100, 100, 100));  // id 3 has no colour: untouched
    QCOMPARE(grey.pixel(0, 0), qRgb(100, 100, 100)); // the input is not changed

    // A transparent thumbnail keeps its transparency where there is no label.
    QImage clear(3, 1, QImage::Format_ARGB32_Premultiplied);
    clear.fill(Qt::transparent);
    const QImage translucent = models::composeThumbnailOverlay(clear, bitmap, colors);
    QCOMPARE(qAlpha(translucent.pixel(0, 0)), 128);
    QCOMPARE(translucent.pixel(1, 0), qRgba(0, 0, 255, 255));
    QCOMPARE(qAlpha(translucent.pixel(2, 0)), 0);
}

void TestThumbnailOverlay::keyNamesBitmapAndColours() {
    const ThumbnailOverlay overlay = labeledOverlay(m_task);
    QVERIFY(!overlay.colors.isEmpty());
    const QString key = ThumbnailCache::keyFor(m_image, overlay);
    QVERIFY(key.startsWith(m_image + u"#overlay:"_s + m_label.attributes.bitmapUrl));
    QCOMPARE(ThumbnailCache::keyFor(m_image, {}), m_image);
    QCOMPARE(ThumbnailCache::keyFor(m_image, labeledOverlay(m_task)), key); // stable
    wire::TaskAttributes recoloured = m_task;
    for (wire::Category &c : recoloured.categories)
        c.color = QColor(255, 0, 255);
    QVERIFY(ThumbnailCache::keyFor(m_image, labeledOverlay(recoloured)) != key);
}

void TestThumbnailOverlay::overlayBlendsCategoryColour() {
    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    cache->request(m_image, kBox);
    QVERIFY(ready.wait(kTimeoutMs));
    const QImage plain = cache->thumbnail(m_image);
    QCOMPARE(plain.size(), QSize(256, 144));

    const ThumbnailOverlay overlay = labeledOverlay(m_task);
    const QString key = ThumbnailCache::keyFor(m_image, overlay);
    QVERIFY(!cache->request(m_image, kBox, overlay));
    QVERIFY(cache->isPending(key));
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, kTimeoutMs);
    QCOMPARE(ready.at(1).at(0).toString(), key);
    QVERIFY2(cache->overlayFailureMessage(key).isEmpty(),
             qPrintable(cache->overlayFailureMessage(key)));
    const QImage labeled = cache->thumbnail(key);
    QCOMPARE(labeled.size(), plain.size());
    QCOMPARE(labeled.format(), QImage::Format_RGB32);

    const labels::DecodeResult decoded = labels::decodeInstanceBitmap(m_bitmapPng);
    QVERIFY(decoded.ok());
    const labels::InstanceBitmap &bitmap = decoded.bitmap();
    QCOMPARE(bitmap.size(), QSize(1280, 720));
    // The id under a thumbnail pixel where its whole 5x5 block of the bitmap has one id (so any
    // sensible sampling agrees), or -1 at an edge.
    const int step = bitmap.width / labeled.width();
    const auto solidId = [&](int x, int y) -> qint64 {
        const quint32 id = bitmap.idAt(x * step, y * step);
        for (int dy = 0; dy < step; ++dy) {
            for (int dx = 0; dx < step; ++dx) {
                if (bitmap.idAt(x * step + dx, y * step + dy) != id)
                    return -1;
            }
        }
        return id;
    };
    // Every pixel inside one instance: its category colour at 50 % over the image; every
    // pixel with no coloured instance (background, unannotated): the image as it is.
    const auto half = [](int c, int u) {
        return (c * 128 + u * 127 + 127) / 255;
    };
    int checked = 0, changed = 0;
    QSet<qint64> categoriesSeen;
    for (int y = 0; y < labeled.height(); ++y) {
        for (int x = 0; x < labeled.width(); ++x) {
            const QRgb over = labeled.pixel(x, y);
            const QRgb under = plain.pixel(x, y);
            QCOMPARE(qAlpha(over), 255);
            changed += over != under;
            const qint64 id = solidId(x, y);
            if (id < 0)
                continue;
            const wire::Annotation *a = id > 0 ? m_label.attributes.annotation(id) : nullptr;
            const QColor color = a ? m_task.colorOf(a->categoryId) : QColor();
            if (!color.isValid()) {
                QCOMPARE(over, under);
                continue;
            }
            categoriesSeen.insert(a->categoryId);
            ++checked;
            if (qAbs(qRed(over) - half(color.red(), qRed(under))) > 1 ||
                qAbs(qGreen(over) - half(color.green(), qGreen(under))) > 1 ||
                qAbs(qBlue(over) - half(color.blue(), qBlue(under))) > 1)
                QFAIL(
                    qPrintable(u"pixel %1,%2 (instance %3): %4 over %5 is not %6 at 50 %"_s.arg(x)
                                   .arg(y)
                                   .arg(id)
                                   .arg(QColor(over).name(), QColor(under).name(), color.name())));
        }
    }
    qInfo() << checked << "pixels inside instances of" << categoriesSeen.size() << "categories;"
            << changed << "of" << labeled.width() * labeled.height() << "pixels changed";
    QVERIFY(categoriesSeen.size() >= 2);
    QVERIFY(checked > labeled.width() * labeled.height() / 2);
    QVERIFY(changed > labeled.width() * labeled.height() / 2);
}

void TestThumbnailOverlay::plainAndOverlayCachedApart() {
    const ThumbnailOverlay overlay = labeledOverlay(m_task);
    const QString key = ThumbnailCache::keyFor(m_image, overlay);
    {
        auto cache = makeCache();
        QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
        // The overlay first: the plain thumbnail is made on the way and kept as well.
        cache->request(m_image, kBox, overlay);
        QVERIFY(ready.wait(kTimeoutMs));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.at(0).at(0).toString(), key);
        QVERIFY(cache->request(m_image, kBox)); // in memory, both of them
        QVERIFY(cache->request(m_image, kBox, overlay));
        QVERIFY(cache->thumbnail(m_image) != cache->thumbnail(key));
        QVERIFY(m_transfers.contains(m_image));
        QVERIFY(m_transfers.contains(m_label.attributes.bitmapUrl));
    }
    QVERIFY(diskPath(key) != diskPath(m_image));
    QVERIFY(QFile::exists(diskPath(key)));
    QVERIFY(QFile::exists(diskPath(m_image)));

    // Another run: both from disk, nothing downloaded.
    m_transfers.clear();
    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    cache->request(m_image, kBox, overlay);
    cache->request(m_image, kBox);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, kTimeoutMs);
    QVERIFY2(m_transfers.isEmpty(), qPrintable(m_transfers.join(u' ')));
    QCOMPARE(cache->thumbnail(key).size(), QSize(256, 144));
    QCOMPARE(cache->thumbnail(m_image).size(), QSize(256, 144));
}

void TestThumbnailOverlay::brokenBitmapShowsPlain_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << u"missing"_s << u"404"_s;
    QTest::newRow("not a png") << u"text"_s << u"could not be decoded"_s;
    QTest::newRow("truncated png") << u"truncated"_s << u"could not be decoded"_s;
}

void TestThumbnailOverlay::brokenBitmapShowsPlain() {
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    ThumbnailOverlay overlay = labeledOverlay(m_task);
    const QString key0 = m_fixture.server()->demoKey();
    if (kind == "missing"_L1) {
        QUrl missing = m_fixture.baseUrl();
        missing.setPath(u"/assets/00000000-0000-4000-8000-000000000000/label.png"_s);
        overlay.bitmapUrl = missing.toString();
    } else {
        const QByteArray body = kind == "text"_L1 ? QByteArray("no pixels here\n")
                                                  : m_bitmapPng.left(m_bitmapPng.size() / 2);
        overlay.bitmapUrl = test::uploadAsset(m_fixture.http, key0, u"label.png"_s, body)
                                .value("url"_L1)
                                .toString();
    }
    QVERIFY(!overlay.bitmapUrl.isEmpty());
    const QString key = ThumbnailCache::keyFor(m_image, overlay);

    auto cache = makeCache();
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    QSignalSpy failed(cache.get(), &ThumbnailCache::failed);
    cache->request(m_image, kBox, overlay);
    QVERIFY(ready.wait(kTimeoutMs));
    QCOMPARE(ready.at(0).at(0).toString(), key);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!cache->hasFailed(key));
    const QString why = cache->overlayFailureMessage(key);
    qInfo().noquote() << kind << "->" << why;
    QVERIFY2(why.contains(reason, Qt::CaseInsensitive), qPrintable(why));
    // The plain thumbnail stands in, never a blank cell.
    QCOMPARE(cache->thumbnail(key).size(), QSize(256, 144));
    QCOMPARE(cache->thumbnail(key), cache->thumbnail(m_image));
    QVERIFY(QFile::exists(diskPath(m_image)));
    QVERIFY(!QFile::exists(diskPath(key))); // not stored: another run tries the label again
    // Repaints do not retry it; retryFailed does.
    QVERIFY(cache->request(m_image, kBox, overlay));
    cache->retryFailed();
    QVERIFY(cache->overlayFailureMessage(key).isEmpty());
    QVERIFY(cache->thumbnail(key).isNull());
    QVERIFY(!cache->thumbnail(m_image).isNull());
}

void TestThumbnailOverlay::scrolledAwayOverlayIsCancelled() {
    models::ThumbnailCacheOptions options;
    options.maxInFlight = 1;
    auto cache = makeCache(options);
    QSignalSpy ready(cache.get(), &ThumbnailCache::ready);
    const ThumbnailOverlay overlay = labeledOverlay(m_task);
    const QString key = ThumbnailCache::keyFor(m_image, overlay);
    cache->request(m_image, kBox, overlay);
    QCOMPARE(cache->inFlightCount(), 1);
    cache->retainOnly({});
    QVERIFY(!cache->isPending(key));
    QCOMPARE(cache->inFlightCount(), 0);
    // A full round trip later nothing was reported for it.
    cache->request(m_image, kBox);
    QVERIFY(ready.wait(kTimeoutMs));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toString(), m_image);
}

void TestThumbnailOverlay::thumbnailKeepsItsSourceSizeOnDisk() {
    // Vector shapes are scaled by the original's size: a thumbnail read back from the disk
    // cache (a JPEG, as ThumbnailDiskCache writes it) still knows it.
    QImage original(640, 360, QImage::Format_RGB32);
    original.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(QImageWriter(&buffer, "jpeg").write(original));
    const models::DecodedThumbnail fresh = models::decodeThumbnail(bytes, QSize(64, 64));
    QCOMPARE(fresh.image.size(), QSize(64, 36));
    QCOMPARE(models::thumbnailSourceSize(fresh.image), QSize(640, 360));
    for (const char *format : {"jpeg", "png"}) {
        QByteArray stored;
        QBuffer out(&stored);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(QImageWriter(&out, format).write(fresh.image));
        const models::DecodedThumbnail again = models::decodeThumbnail(stored, QSize(64, 64));
        QCOMPARE(again.image.size(), QSize(64, 36));
        QCOMPARE(models::thumbnailSourceSize(again.image), QSize(640, 360));
    }
}

SEGSCOPE_TEST_MAIN(TestThumbnailOverlay)
#include "tst_thumbnailoverlay.moc"
