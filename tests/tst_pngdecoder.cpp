// The segmentation bitmap decoder: the fast path against QImage on every fixture, every filter
// type crafted by hand, the fallback formats, and broken inputs that must fail cleanly.
#include "support/testdata.h"
#include "support/testmain.h"

#include "labels/pngdecoder.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using segscope::test::readData;

namespace {

// Same pattern as tests/data/labels/make_fixtures.py.
quint32 patternId(int x, int y) {
    static const quint32 pattern[] = {0,     1,     2,     7,        255,      256,
                                      65535, 65536, 70000, 16777215, 0x123456, 42};
    return pattern[(x + 3 * y) % 12];
}

void appendBe32(QByteArray *out, quint32 v) {
    out->append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
}

void appendChunk(QByteArray *out, const char *type, const QByteArray &data) {
    appendBe32(out, quint32(data.size()));
    QByteArray body = QByteArray(type, 4) + data;
    out->append(body);
    appendBe32(out, quint32(crc32(0, reinterpret_cast<const Bytef *>(body.constData()),
                                  uInt(body.size()))));
}

int paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

//! An 8-bit RGB (bpp 3) or RGBA (bpp 4) PNG of the given ids, row y filtered with
//! filters[y % size]; written by hand so every filter type is covered whatever QImage prefers.
QByteArray craftPng(int width, int height, int bpp, const QList<quint32> &ids,
                    const QList<int> &filters, int chunkSize = 0) {
    QByteArray raw;
    QByteArray prior(width * bpp, '\0');
    for (int y = 0; y < height; ++y) {
        QByteArray row;
        for (int x = 0; x < width; ++x) {
            const quint32 id = ids.at(y * width + x);
            row.append(char(id & 0xff)).append(char((id >> 8) & 0xff)).append(char(id >> 16));
            if (bpp == 4)
                row.append(char(0xff));
        }
        const int filter = filters.at(y % filters.size());
        raw.append(char(filter));
        for (int i = 0; i < row.size(); ++i) {
            const int a = i >= bpp ? uchar(row[i - bpp]) : 0;
            const int b = uchar(prior[i]);
            const int c = i >= bpp ? uchar(prior[i - bpp]) : 0;
            const int predictors[] = {0, a, b, (a + b) / 2, paeth(a, b, c)};
            // An out-of-range filter byte (for the corruption tests) predicts nothing.
            raw.append(char(uchar(row[i]) - (filter >= 0 && filter < 5 ? predictors[filter] : 0)));
        }
        prior = row;
    }
    uLongf size = compressBound(uLong(raw.size()));
    QByteArray deflated(qsizetype(size), '\0');
    compress2(reinterpret_cast<Bytef *>(deflated.data()), &size,
              reinterpret_cast<const Bytef *>(raw.constData()), uLong(raw.size()), 6);
    deflated.resize(qsizetype(size));

    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    QByteArray header;
    appendBe32(&header, quint32(width));
    appendBe32(&header, quint32(height));
    header.append(char(8)).append(char(bpp == 4 ? 6 : 2)).append(3, '\0');
    appendChunk(&png, "IHDR", header);
    const qsizetype step = chunkSize > 0 ? chunkSize : deflated.size();
    for (qsizetype i = 0; i < deflated.size(); i += step)
        appendChunk(&png, "IDAT", deflated.mid(i, step));
    appendChunk(&png, "IEND", {});
    return png;
}

//! Blobby ids: a few rectangles over background, with large ids, so filters see runs and edges.
QList<quint32> blobIds(int width, int height, quint32 seed) {
    QRandomGenerator random(seed);
    QList<quint32> ids(width * height, 0);
    for (int blob = 0; blob < 12; ++blob) {
        const quint32 id = random.bounded(1u, 0xffffffu);
        const int x0 = random.bounded(width), y0 = random.bounded(height);
        const int x1 = std::min(width, x0 + 1 + random.bounded(width)),
                  y1 = std::min(height, y0 + 1 + random.bounded(height));
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                ids[y * width + x] = id;
    }
    for (int i = 0; i < width * height; i += 7) // and some noise, for Paeth's three-way choice
        ids[i] = random.bounded(0xffffffu);
    return ids;
}

QList<quint32> toList(const InstanceBitmap &bitmap) {
    return QList<quint32>(bitmap.ids.cbegin(), bitmap.ids.cend());
}

QByteArray pngOf(const QImage &image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestPngDecoder : public QObject {
    Q_OBJECT

private slots:
    void fixtures_data();
    void fixtures();
    void everyFilter_data();
    void everyFilter();
    void qimageWrittenPngs_data();
    void qimageWrittenPngs();
    void brokenFixtures_data();
    void brokenFixtures();
    void everyTruncation();
    void corruptions_data();
    void corruptions();
    void fallbackCanBeRefused();
    void idAtOutside();
};

void TestPngDecoder::fixtures_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("path");
    QTest::addColumn<bool>("patternIds");
    const int fast = int(DecodePath::Fast), qimage = int(DecodePath::QImage);
    QTest::newRow("rgb, no alpha") << u"rgb_ids.png"_s << fast << true;
    QTest::newRow("rgba") << u"rgba_ids.png"_s << fast << true;
    QTest::newRow("rgb, every filter") << u"rgb_filters.png"_s << fast << true;
    QTest::newRow("rgba, every filter") << u"rgba_filters.png"_s << fast << true;
    QTest::newRow("alpha ignored") << u"rgba_alpha_ignored.png"_s << fast << true;
    QTest::newRow("split idat, stored zlib") << u"rgba_split_idat.png"_s << fast << true;
    QTest::newRow("16-bit") << u"rgb16_ids.png"_s << qimage << true;
    QTest::newRow("palette") << u"palette_ids.png"_s << qimage << true;
    QTest::newRow("interlaced") << u"rgb_interlaced.png"_s << qimage << true;
    QTest::newRow("grey") << u"grey.png"_s << qimage << false;
}

void TestPngDecoder::fixtures() {
    QFETCH(QString, file);
    QFETCH(int, path);
    QFETCH(bool, patternIds);
    const QByteArray png = readData(u"labels/"_s + file);
    const DecodeResult result = decodeInstanceBitmap(png);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(int(result.path()), path);
    const InstanceBitmap &bitmap = result.bitmap();
    QCOMPARE(bitmap.size(), QSize(12, 7));
    QCOMPARE(bitmap.ids.size(), size_t(12 * 7));

    const DecodeResult reference = decodeInstanceBitmapWithQImage(png);
    QVERIFY2(reference.ok(), qPrintable(reference.error().message));
    QCOMPARE(toList(bitmap), toList(reference.bitmap()));

    for (int y = 0; y < bitmap.height; ++y) {
        for (int x = 0; x < bitmap.width; ++x) {
            const quint32 expected =
                patternIds ? patternId(x, y) : quint32((x * 20 + y) % 256) * 0x010101u;
            QCOMPARE(bitmap.idAt(x, y), expected);
        }
    }
}

void TestPngDecoder::everyFilter_data() {
    QTest::addColumn<int>("bpp");
    QTest::addColumn<int>("filter");
    QTest::addColumn<int>("width");
    const char *names[] = {"none", "sub", "up", "average", "paeth"};
    for (int bpp : {3, 4}) {
        for (int filter = 0; filter <= 4; ++filter) {
            for (int width : {1, 2, 37}) {
                QTest::addRow("%s bpp %d width %d", names[filter], bpp, width)
                    << bpp << filter << width;
            }
        }
    }
}

void TestPngDecoder::everyFilter() {
    QFETCH(int, bpp);
    QFETCH(int, filter);
    QFETCH(int, width);
    const int height = 23;
    const QList<quint32> ids = blobIds(width, height, quint32(bpp * 100 + filter * 10 + width));
    // The first row has no prior row: filters that look up must read zeros there.
    const QByteArray png = craftPng(width, height, bpp, ids, {filter});
    const DecodeResult result = decodeInstanceBitmap(png);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(int(result.path()), int(DecodePath::Fast));
    QCOMPARE(toList(result.bitmap()), ids);
    const DecodeResult reference = decodeInstanceBitmapWithQImage(png);
    QVERIFY(reference.ok());
    QCOMPARE(toList(reference.bitmap()), ids);

    // The same pixels with the filter changing every row and the stream split over chunks.
    const QByteArray mixed = craftPng(width, height, bpp, ids, {filter, 4, 3, 0, 2, 1}, 19);
    const DecodeResult again = decodeInstanceBitmap(mixed);
    QVERIFY2(again.ok(), qPrintable(again.error().message));
    QCOMPARE(toList(again.bitmap()), ids);
}

void TestPngDecoder::qimageWrittenPngs_data() {
    QTest::addColumn<QImage>("image");
    const InstanceBitmap bitmap = [] {
        InstanceBitmap b = InstanceBitmap::allocate(300, 200);
        const QList<quint32> ids = blobIds(300, 200, 7);
        std::copy(ids.cbegin(), ids.cend(), b.ids.begin());
        return b;
    }();
    const QImage rgba = bitmap.toImage();
    QTest::newRow("rgba8888") << rgba;
    QTest::newRow("rgb888") << rgba.convertToFormat(QImage::Format_RGB888);
    QTest::newRow("argb32 alpha") << rgba.convertToFormat(QImage::Format_ARGB32);
}

void TestPngDecoder::qimageWrittenPngs() {
    QFETCH(QImage, image);
    const QByteArray png = pngOf(image);
    const DecodeResult result = decodeInstanceBitmap(png);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(int(result.path()), int(DecodePath::Fast));
    const DecodeResult reference = decodeInstanceBitmapWithQImage(png);
    QVERIFY(reference.ok());
    QCOMPARE(toList(result.bitmap()), toList(reference.bitmap()));
    QCOMPARE(toList(result.bitmap()), toList(InstanceBitmap::fromImage(image)));
}

void TestPngDecoder::brokenFixtures_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("kind");
    QTest::newRow("truncated") << u"truncated.png"_s << int(BitmapError::Kind::Truncated);
    QTest::newRow("not a png") << u"not_png.png"_s << int(BitmapError::Kind::NotPng);
    QTest::newRow("too large") << u"too_large.png"_s << int(BitmapError::Kind::TooLarge);
}

void TestPngDecoder::brokenFixtures() {
    QFETCH(QString, file);
    QFETCH(int, kind);
    const DecodeResult result = decodeInstanceBitmap(readData(u"labels/"_s + file));
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().kind), kind);
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY(!decodeInstanceBitmapWithQImage(readData(u"labels/"_s + file)).ok());
}

void TestPngDecoder::everyTruncation() {
    const QByteArray png = readData(u"labels/rgba_split_idat.png"_s);
    for (qsizetype n = 0; n < png.size(); ++n) {
        const DecodeResult result = decodeInstanceBitmap(png.first(n));
        QVERIFY2(!result.ok(), qPrintable(u"accepted %1 of %2 bytes"_s.arg(n).arg(png.size())));
        const auto kind = result.error().kind;
        QVERIFY(kind == (n < 8 ? BitmapError::Kind::NotPng : BitmapError::Kind::Truncated));
    }
    QVERIFY(decodeInstanceBitmap(png).ok());
}

void TestPngDecoder::corruptions_data() {
    QTest::addColumn<QByteArray>("png");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    // Rows below edit bytes without fixing the CRC: the decoder is told to skip the check (as the
    // fuzzer does) so it is the edited field that fails, except in the CRC row itself.
    const QList<quint32> ids = blobIds(16, 9, 3);
    const QByteArray good = craftPng(16, 9, 4, ids, {0, 1, 2, 3, 4});
    const int corrupt = int(BitmapError::Kind::Corrupt);
    const qsizetype idatData = 8 + 25 + 8; // signature, IHDR chunk, IDAT length and type

    QByteArray badCrc = good;
    badCrc[idatData + 5] = char(badCrc[idatData + 5] ^ 0x40);
    QTest::newRow("bad crc") << badCrc << corrupt << u"CRC"_s;

    QByteArray noIhdr = good;
    noIhdr.replace(12, 4, "IHDX");
    QTest::newRow("no ihdr") << noIhdr << corrupt << u"IHDR"_s;

    QTest::newRow("bad filter") << craftPng(16, 9, 4, ids, {0, 5}) << corrupt << u"filter"_s;
    // Ids of a 16x9 image in a header that promises 16x10: the stream is short.
    const QByteArray taller = craftPng(16, 9, 4, ids, {0});
    QByteArray shortData = craftPng(16, 10, 4, ids + QList<quint32>(16, 0), {0});
    shortData.replace(idatData - 8, shortData.size() - idatData + 8, taller.mid(idatData - 8));
    QTest::newRow("short pixel data")
        << shortData << int(BitmapError::Kind::Truncated) << u"too little"_s;
    QByteArray longData = craftPng(16, 8, 4, QList<quint32>(ids.first(16 * 8)), {0});
    longData.replace(idatData - 8, longData.size() - idatData + 8, taller.mid(idatData - 8));
    QTest::newRow("long pixel data") << longData << corrupt << u"too much"_s;

    QByteArray garbage = good;
    for (qsizetype i = idatData; i < idatData + 12; ++i)
        garbage[i] = char(0xff);
    QTest::newRow("garbage zlib") << garbage << corrupt << u"zlib"_s;

    QByteArray hugeLength = good;
    hugeLength[idatData - 8] = char(0x80);
    QTest::newRow("chunk length over 2^31") << hugeLength << corrupt << u"length"_s;
    QByteArray zeroWidth = good;
    zeroWidth.replace(16, 4, QByteArray(4, '\0'));
    QTest::newRow("zero width") << zeroWidth << corrupt << u"IHDR"_s;
}

void TestPngDecoder::corruptions() {
    QFETCH(QByteArray, png);
    QFETCH(int, kind);
    QFETCH(QString, message);
    DecodeOptions options;
    options.verifyCrc = QByteArrayView(QTest::currentDataTag()) == "bad crc";
    const DecodeResult result = decodeInstanceBitmap(png, options);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    QCOMPARE(int(result.error().kind), kind);
}

void TestPngDecoder::fallbackCanBeRefused() {
    const QByteArray png = readData(u"labels/palette_ids.png"_s);
    DecodeOptions options;
    options.allowFallback = false;
    const DecodeResult result = decodeInstanceBitmap(png, options);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(u"colour type 3"_s),
             qPrintable(result.error().message));
    QVERIFY(decodeInstanceBitmap(png).ok());
}

void TestPngDecoder::idAtOutside() {
    const DecodeResult result = decodeInstanceBitmap(readData(u"labels/rgb_ids.png"_s));
    QVERIFY(result.ok());
    QCOMPARE(result.bitmap().idAt(1, 0), 1u);
    QCOMPARE(result.bitmap().idAt(-1, 0), 0u);
    QCOMPARE(result.bitmap().idAt(12, 0), 0u);
    QCOMPARE(result.bitmap().idAt(0, 7), 0u);
}

SEGSCOPE_TEST_MAIN(TestPngDecoder)
#include "tst_pngdecoder.moc"
