// Offline rendering (`segscope render`): what the output pixels must be per the contract, with
// and without an image, and the defects it reports instead of hiding.
#include "support/testdata.h"
#include "support/testmain.h"

#include "labels/labelrender.h"
#include "labels/pngdecoder.h"

#include <QJsonDocument>
#include <QPainter>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using namespace segscope::wire;

namespace {

InstanceBitmap bitmapOf(int width, int height, const QList<quint32> &ids) {
    InstanceBitmap bitmap = InstanceBitmap::allocate(width, height);
    std::copy(ids.cbegin(), ids.cend(), bitmap.ids.begin());
    return bitmap;
}

// The label of tests/data/label_bitmap.json: id 1 -> category 1, id 70000 -> category 5.
LabelAttributes fixtureLabel() {
    JsonError error;
    const auto label = readValue<Label>(
        QJsonDocument::fromJson(segscope::test::readData(u"label_bitmap.json"_s)).object(), &error);
    return label ? label->attributes : LabelAttributes{};
}

TaskAttributes task() {
    TaskAttributes t;
    t.categories = {Category{5, u"tree"_s, std::nullopt, false, {}}, // palette[0]
                    Category{1, u"car"_s, QColor(10, 200, 30), false, {}}};
    return t;
}

// 4x3: ids 1 and 70000 annotated, 3 unannotated, 0 background.
InstanceBitmap fixtureBitmap() {
    return bitmapOf(4, 3,
                    {1, 1, 0, 70000, //
                     1, 3, 0, 70000, //
                     0, 0, 0, 70000});
}

} // namespace

class TestLabelRender : public QObject {
    Q_OBJECT

private slots:
    void noImageIsExact_data();
    void noImageIsExact();
    void composedOverImage();
    void sizeMismatchIsReported();
    void missingBitmap();
    void outline();
    void decodedFixtureRenders();
};

void TestLabelRender::noImageIsExact_data() {
    QTest::addColumn<int>("colorBy");
    QTest::newRow("by category") << int(ColorBy::Category);
    QTest::newRow("by instance") << int(ColorBy::Instance);
}

void TestLabelRender::noImageIsExact() {
    QFETCH(int, colorBy);
    const LabelAttributes label = fixtureLabel();
    QCOMPARE(label.annotations.size(), 2);
    RenderOptions options;
    options.opacity = 1;
    options.noImage = true;
    options.colorBy = ColorBy(colorBy);
    const QImage photo(4, 3, QImage::Format_RGB32); // ignored with noImage
    const RenderResult result = renderLabel(photo, fixtureBitmap(), label, task(), options);
    QCOMPARE(result.image.size(), QSize(4, 3));
    QCOMPARE(result.image.format(), QImage::Format_ARGB32);
    const bool byCategory = ColorBy(colorBy) == ColorBy::Category;
    const QRgb one = byCategory ? qRgb(10, 200, 30) : instanceColor(1).rgb();
    const QRgb big = byCategory ? labelPalette().at(0).rgb() : instanceColor(70000).rgb();
    const InstanceBitmap bitmap = fixtureBitmap();
    for (int y = 0; y < 3; ++y) {
        for (int x = 0; x < 4; ++x) {
            const quint32 id = bitmap.idAt(x, y);
            const QRgb expected = id == 1 ? one : id == 70000 ? big : QRgb(0);
            QCOMPARE(result.image.pixel(x, y), expected);
        }
    }
    QCOMPARE(result.warnings.size(), 1);
    QVERIFY2(result.warnings.first().contains(u"no annotation: 3"_s),
             qPrintable(result.warnings.first()));
}

void TestLabelRender::composedOverImage() {
    QImage photo(4, 3, QImage::Format_RGB32);
    photo.fill(qRgb(100, 100, 100));
    RenderOptions options;
    options.opacity = 0.5;
    const RenderResult result =
        renderLabel(photo, fixtureBitmap(), fixtureLabel(), task(), options);
    QCOMPARE(result.image.size(), photo.size());
    QCOMPARE(result.image.pixel(2, 2), qRgb(100, 100, 100)); // background: the image
    QCOMPARE(result.image.pixel(1, 1), qRgb(100, 100, 100)); // unannotated: the image
    const QRgb car = result.image.pixel(0, 0);               // half car green, half grey
    QVERIFY2(std::abs(qRed(car) - 55) <= 1 && std::abs(qGreen(car) - 150) <= 1 &&
                 std::abs(qBlue(car) - 65) <= 1 && qAlpha(car) == 255,
             qPrintable(QColor::fromRgba(car).name(QColor::HexArgb)));
}

void TestLabelRender::sizeMismatchIsReported() {
    QImage photo(6, 2, QImage::Format_RGB32);
    photo.fill(Qt::black);
    RenderOptions options;
    options.opacity = 1;
    const RenderResult result =
        renderLabel(photo, fixtureBitmap(), fixtureLabel(), task(), options);
    QCOMPARE(result.image.size(), QSize(6, 2)); // the image's size; the bitmap clipped to it
    QCOMPARE(result.image.pixel(0, 0), qRgb(10, 200, 30));
    QCOMPARE(result.image.pixel(5, 1), qRgb(0, 0, 0));
    QVERIFY2(result.warnings.first().contains(u"bitmap is 4x3 but the image is 6x2"_s),
             qPrintable(result.warnings.join(u'\n')));
}

void TestLabelRender::missingBitmap() {
    QImage photo(5, 5, QImage::Format_RGB32);
    photo.fill(Qt::white);
    const RenderResult result = renderLabel(photo, {}, fixtureLabel(), task(), {});
    QCOMPARE(result.image.size(), QSize(5, 5));
    QCOMPARE(result.image.pixel(2, 2), qRgb(255, 255, 255));
    QCOMPARE(result.warnings, QStringList{u"the label has no segmentation bitmap"_s});
    RenderOptions noImage;
    noImage.noImage = true;
    QVERIFY(renderLabel(photo, {}, fixtureLabel(), task(), noImage).image.isNull());
}

void TestLabelRender::outline() {
    // A 5x5 square of id 1 inside a 7x7 bitmap: its ring is edge, its 3x3 core is not.
    QList<quint32> ids(49, 0);
    for (int y = 1; y < 6; ++y)
        for (int x = 1; x < 6; ++x)
            ids[y * 7 + x] = 1;
    RenderOptions options;
    options.opacity = 1;
    options.noImage = true;
    options.mode = DrawMode::Outline;
    const RenderResult result =
        renderLabel({}, bitmapOf(7, 7, ids), fixtureLabel(), task(), options);
    QCOMPARE(result.image.pixel(1, 1), qRgb(10, 200, 30));
    QCOMPARE(result.image.pixel(5, 3), qRgb(10, 200, 30));
    QCOMPARE(result.image.pixel(3, 3), QRgb(0));
    QCOMPARE(result.image.pixel(2, 2), QRgb(0));
    QCOMPARE(result.image.pixel(0, 0), QRgb(0));
    QVERIFY2(result.warnings.join(u'\n').contains(u"no pixels: 70000"_s),
             qPrintable(result.warnings.join(u'\n')));
}

void TestLabelRender::decodedFixtureRenders() {
    // The whole chain on a committed file: id 70000 pixels come out in category 5's colour.
    const DecodeResult decoded =
        decodeInstanceBitmap(segscope::test::readData(u"labels/rgb_filters.png"_s));
    QVERIFY(decoded.ok());
    RenderOptions options;
    options.opacity = 1;
    options.noImage = true;
    const RenderResult result = renderLabel({}, decoded.bitmap(), fixtureLabel(), task(), options);
    int checked = 0;
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 12; ++x) {
            const quint32 id = decoded.bitmap().idAt(x, y);
            const QRgb expected = id == 1       ? qRgb(10, 200, 30)
                                  : id == 70000 ? labelPalette().at(0).rgb()
                                                : QRgb(0);
            QCOMPARE(result.image.pixel(x, y), expected);
            checked += expected != 0;
        }
    }
    QVERIFY(checked >= 10);
}

SEGSCOPE_TEST_MAIN(TestLabelRender)
#include "tst_labelrender.moc"
