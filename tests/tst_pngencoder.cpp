// The PNG writer: every colour type it chooses read back by QImage's reader pixel for pixel,
// random images of random sizes and colour counts (a fuzz-style round trip), its size against
// Qt's zlib writer on a label image, and a write that fails without leaving a partial file.
#include "support/testmain.h"

#include "labels/pngencoder.h"

#include <QBuffer>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::labels;

namespace {

QImage decoded(const QByteArray &png) {
    QImage image;
    if (!image.loadFromData(png, "PNG"))
        return {};
    return image.convertToFormat(QImage::Format_RGBA8888);
}

//! A label-like image: `colors` flat colours in rectangles of random sizes.
QImage labelImage(QRandomGenerator &random, QSize size, int colors, bool translucent) {
    QList<QColor> palette;
    for (int i = 0; i < colors; ++i) {
        palette.append(QColor::fromRgb(random.bounded(256), random.bounded(256),
                                       random.bounded(256),
                                       translucent ? random.bounded(256) : 255));
    }
    QImage image(size, QImage::Format_RGBA8888);
    image.fill(palette.first());
    for (int i = 0; i < colors * 2; ++i) {
        const QColor c = palette.at(i % colors);
        const QRect r(random.bounded(size.width()), random.bounded(size.height()),
                      1 + random.bounded(size.width()), 1 + random.bounded(size.height()));
        for (int y = r.top(); y <= std::min(r.bottom(), size.height() - 1); ++y) {
            for (int x = r.left(); x <= std::min(r.right(), size.width() - 1); ++x)
                image.setPixelColor(x, y, c);
        }
    }
    return image;
}

QImage noise(QRandomGenerator &random, QSize size, bool translucent) {
    QImage image(size, QImage::Format_RGBA8888);
    for (int y = 0; y < size.height(); ++y) {
        auto *row = reinterpret_cast<quint32 *>(image.scanLine(y));
        for (int x = 0; x < size.width(); ++x)
            row[x] = random.generate() | (translucent ? 0u : 0xff000000u);
    }
    return image;
}

} // namespace

class TestPngEncoder : public QObject {
    Q_OBJECT

private slots:
    void colourTypes_data();
    void colourTypes();
    void otherFormatsAreWrittenStraight_data();
    void otherFormatsAreWrittenStraight();
    void randomRoundTrips();
    void labelImageNoLargerThanZlibBy25Percent();
    void photoNoLargerThanZlibBy25Percent();
    void writeFailsWhole();
    void nullImage();
};

void TestPngEncoder::colourTypes_data() {
    QTest::addColumn<int>("colors");
    QTest::addColumn<bool>("translucent");
    QTest::addColumn<bool>("palette");
    QTest::addColumn<int>("expected");
    QTest::newRow("palette opaque") << 12 << false << true << int(PngColorType::Palette);
    QTest::newRow("palette translucent") << 40 << true << true << int(PngColorType::Palette);
    QTest::newRow("256 colours") << 256 << true << true << int(PngColorType::Palette);
    QTest::newRow("palette off: rgb") << 12 << false << false << int(PngColorType::Rgb);
    QTest::newRow("palette off: rgba") << 12 << true << false << int(PngColorType::Rgba);
}

void TestPngEncoder::colourTypes() {
    QFETCH(int, colors);
    QFETCH(bool, translucent);
    QFETCH(bool, palette);
    QFETCH(int, expected);
    QRandomGenerator random(colors);
    QImage image = labelImage(random, QSize(97, 61), colors, translucent);
    if (colors == 256) {
        // Exactly 256 distinct colours: one per pixel of the first rows.
        for (int i = 0; i < 256; ++i)
            image.setPixelColor(i % 97, i / 97, QColor::fromRgb(i, 255 - i, i / 2, i));
        image.fill(QColor::fromRgb(0, 255, 0, 0)); // one of the 256
        for (int i = 0; i < 256; ++i)
            image.setPixelColor(i % 97, i / 97, QColor::fromRgb(i, 255 - i, i / 2, i));
    }
    PngColorType chosen{};
    PngEncodeOptions options;
    options.allowPalette = palette;
    const QByteArray png = encodePng(image, options, &chosen);
    QCOMPARE(int(chosen), expected);
    QCOMPARE(png.at(25), char(expected)); // IHDR's colour type byte
    QCOMPARE(decoded(png), image);
}

void TestPngEncoder::otherFormatsAreWrittenStraight_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("colors");
    for (const auto &[name, format] :
         {std::pair{"ARGB32_Premultiplied", QImage::Format_ARGB32_Premultiplied},
          std::pair{"ARGB32", QImage::Format_ARGB32}, std::pair{"RGB32", QImage::Format_RGB32},
          std::pair{"RGBA8888_Premultiplied", QImage::Format_RGBA8888_Premultiplied},
          std::pair{"RGBX8888", QImage::Format_RGBX8888},
          std::pair{"Grayscale8", QImage::Format_Grayscale8}}) {
        // A few colours (the palette, read from the pixels as they are) and many (converted).
        QTest::newRow(qPrintable(QString::fromLatin1(name) + u" palette"_s)) << int(format) << 6;
        QTest::newRow(qPrintable(QString::fromLatin1(name) + u" true colour"_s))
            << int(format) << 0;
    }
}

void TestPngEncoder::otherFormatsAreWrittenStraight() {
    QFETCH(int, format);
    QFETCH(int, colors);
    QImage image(61, 23, QImage::Format(format));
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        if (colors > 0) {
            for (int i = 0; i < colors; ++i)
                p.fillRect(QRect(i * 9, i * 3, 20, 9),
                           QColor::fromHsv(i * 50, 200, 220, 60 + i * 30));
        } else {
            QLinearGradient gradient(0, 0, 61, 23);
            gradient.setColorAt(0, QColor(255, 0, 0, 40));
            gradient.setColorAt(1, QColor(0, 90, 255, 250));
            p.fillRect(image.rect(), gradient);
        }
    }
    const QImage back = decoded(encodePng(image));
    const QImage expected = image.convertToFormat(QImage::Format_RGBA8888);
    QCOMPARE(back.size(), expected.size());
    // A premultiplied palette entry is unpremultiplied alone (qUnpremultiply), which may round
    // a channel one step off Qt's bulk conversion: both are the same colour.
    const bool premultiplied = format == QImage::Format_ARGB32_Premultiplied ||
                               format == QImage::Format_RGBA8888_Premultiplied;
    for (int y = 0; y < back.height(); ++y) {
        for (int x = 0; x < back.width(); ++x) {
            const QRgb a = back.pixel(x, y);
            const QRgb b = expected.pixel(x, y);
            const int off =
                std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                          std::abs(qBlue(a) - qBlue(b)), std::abs(qAlpha(a) - qAlpha(b))});
            if (off > (premultiplied ? 1 : 0))
                QFAIL(qPrintable(
                    u"pixel %1,%2: %3 against %4"_s.arg(x).arg(y).arg(a, 8, 16).arg(b, 8, 16)));
        }
    }
}

void TestPngEncoder::randomRoundTrips() {
    // Sizes from 1x1 up, widths that are not multiples of anything, colour counts on both
    // sides of the palette limit, opaque and translucent, flat and noisy: each read back exact.
    QRandomGenerator random(20261128);
    for (int i = 0; i < 300; ++i) {
        const QSize size(1 + random.bounded(i < 100 ? 8 : 300), 1 + random.bounded(120));
        const bool translucent = random.bounded(2) == 1;
        const int kind = random.bounded(3);
        const QImage image = kind == 0
                                 ? noise(random, size, translucent)
                                 : labelImage(random, size, 1 + random.bounded(300), translucent);
        PngEncodeOptions options;
        options.level = 1 + random.bounded(12);
        const QByteArray png = encodePng(image, options);
        QVERIFY(!png.isEmpty());
        const QImage back = decoded(png);
        if (back != image) {
            QFAIL(qPrintable(u"round trip %1 (%2x%3, kind %4, level %5) differs"_s.arg(i)
                                 .arg(size.width())
                                 .arg(size.height())
                                 .arg(kind)
                                 .arg(options.level)));
        }
    }
}

void TestPngEncoder::labelImageNoLargerThanZlibBy25Percent() {
    QRandomGenerator random(7);
    const QImage image = labelImage(random, QSize(1024, 768), 36, false);
    QByteArray zlib;
    QBuffer buffer(&zlib);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(QImageWriter(&buffer, "png").write(image));
    const QByteArray ours = encodePng(image);
    qInfo("label image 1024x768: ours %lld bytes, Qt's zlib writer %lld bytes",
          qlonglong(ours.size()), qlonglong(zlib.size()));
    QVERIFY2(ours.size() <= zlib.size() * 5 / 4,
             qPrintable(u"%1 > 1.25 x %2"_s.arg(ours.size()).arg(zlib.size())));
}

void TestPngEncoder::photoNoLargerThanZlibBy25Percent() {
    // An image with a label over it is true colour: smooth shading with a little grain, as a
    // photograph has, with flat translucent regions painted over it.
    QRandomGenerator random(11);
    QImage image(800, 600, QImage::Format_RGBA8888);
    for (int y = 0; y < image.height(); ++y) {
        auto *row = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            const int grain = random.bounded(6);
            row[x * 4] = uchar((x / 4 + y / 8 + grain) & 0xff);
            row[x * 4 + 1] = uchar((x / 3 + grain) & 0xff);
            row[x * 4 + 2] = uchar((y / 3 + 2 * grain) & 0xff);
            row[x * 4 + 3] = 255;
        }
    }
    {
        QPainter p(&image);
        p.fillRect(QRect(100, 100, 300, 200), QColor(255, 0, 0, 128));
        p.fillRect(QRect(300, 250, 300, 300), QColor(0, 0, 255, 128));
    }
    QByteArray zlib;
    QBuffer buffer(&zlib);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(QImageWriter(&buffer, "png").write(image));
    PngColorType chosen{};
    const QByteArray ours = encodePng(image, {}, &chosen);
    QCOMPARE(chosen, PngColorType::Rgb);
    QCOMPARE(decoded(ours), image);
    qInfo("photo 800x600: ours %lld bytes, Qt's zlib writer %lld bytes", qlonglong(ours.size()),
          qlonglong(zlib.size()));
    QVERIFY2(ours.size() <= zlib.size() * 5 / 4,
             qPrintable(u"%1 > 1.25 x %2"_s.arg(ours.size()).arg(zlib.size())));
}

void TestPngEncoder::writeFailsWhole() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::red);
    const QString path = dir.filePath(u"out.png"_s);
    QString error;
    QVERIFY2(writePngFile(path, image, &error), qPrintable(error));
    QCOMPARE(decoded([&] {
                 QFile f(path);
                 return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
             }()),
             image.convertToFormat(QImage::Format_RGBA8888));
    // A folder that does not exist: an error, and no file.
    const QString missing = dir.filePath(u"no/such/folder/out.png"_s);
    QVERIFY(!writePngFile(missing, image, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(missing));
}

void TestPngEncoder::nullImage() {
    QVERIFY(encodePng(QImage()).isEmpty());
    QString error;
    QVERIFY(!writePngFile(u"/tmp/never.png"_s, QImage(), &error));
    QVERIFY(!error.isEmpty());
}

SEGSCOPE_TEST_MAIN(TestPngEncoder)
#include "tst_pngencoder.moc"
