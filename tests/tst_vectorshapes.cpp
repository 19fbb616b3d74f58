// Vector labels (docs/api-contract.md §3 bbox / polygon / polyline / point): bounds, hit testing,
// painting (colours, opacity, outline mode, hidden categories, highlight, zoom) and malformed
// shapes, which are skipped and reported, never a crash; and renderLabel on a vector label.
#include "support/testmain.h"

#include "labels/labelfacts.h"
#include "labels/labelrender.h"
#include "labels/vectorshapes.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using namespace segscope::wire;

namespace {

const QRgb Red = qRgb(200, 30, 10);

Annotation shape(qint64 id, qint64 category, const QString &type, const QList<QPointF> &points) {
    Annotation a;
    a.id = id;
    a.categoryId = category;
    a.type = type;
    a.points = points;
    return a;
}

// Category 1 has its own colour; category 2 has none: palette[1] (its position).
TaskAttributes task() {
    TaskAttributes t;
    t.categories = {Category{1, u"car"_s, QColor(Red), false, {}},
                    Category{2, u"person"_s, std::nullopt, false, {}}};
    return t;
}

// bbox 1 (category 1) from (2,2) to (12,10); triangle 2 (category 2) over its right part.
LabelAttributes twoShapes() {
    LabelAttributes label;
    label.annotations = {shape(1, 1, u"bbox"_s, {{2, 2}, {12, 10}}),
                         shape(2, 2, u"polygon"_s, {{8, 4}, {20, 4}, {14, 16}})};
    return label;
}

// Paints on a transparent canvas and returns it with straight alpha, so pixel() is the colour.
QImage paint(const LabelAttributes &label, const OverlayOptions &options, QSize size = {24, 20},
             double zoom = 1.0) {
    QImage canvas(size, QImage::Format_ARGB32_Premultiplied);
    canvas.fill(Qt::transparent);
    {
        QPainter painter(&canvas);
        painter.scale(zoom, zoom);
        paintVectorLabel(painter, label, task(), options, zoom);
    }
    return canvas.convertToFormat(QImage::Format_ARGB32);
}

OverlayOptions opaque() {
    OverlayOptions options;
    options.opacity = 1;
    return options;
}

} // namespace

class TestVectorShapes : public QObject {
    Q_OBJECT

private slots:
    void bounds();
    void hasShapes();
    void hitTest();
    void hitTestHiddenAndHighlighted();
    void fillsAndOutlines();
    void colorByInstance();
    void outlineMode();
    void halfOpacity();
    void hiddenCategory();
    void highlight();
    void linesKeepTheirWidthAtAnyZoom();
    void polylineAndPoint();
    void malformedShapesAreSkipped();
    void facts();
    void renderVectorLabel();
};

void TestVectorShapes::bounds() {
    QCOMPARE(vectorBounds(shape(1, 1, u"bbox"_s, {{12, 10}, {2, 2}})), QRectF(2, 2, 10, 8));
    QCOMPARE(vectorBounds(shape(1, 1, u"polygon"_s, {{8, 4}, {20, 4}, {14, 16}})),
             QRectF(8, 4, 12, 12));
    const QRectF point = vectorBounds(shape(1, 1, u"point"_s, {{5.5, 7}}));
    QCOMPARE(point.topLeft(), QPointF(5.5, 7));
    QCOMPARE(point.size(), QSizeF(0, 0));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(vectorBounds(shape(1, 1, u"polyline"_s, {{1, 1}, {nan, 50}, {3, 4}})),
             QRectF(1, 1, 2, 3));
    QCOMPARE(vectorBounds(shape(1, 1, u"bbox"_s, {})), QRectF());
}

void TestVectorShapes::hasShapes() {
    QVERIFY(hasVectorShapes(twoShapes()));
    LabelAttributes bitmapLabel;
    bitmapLabel.annotations = {Annotation{1, 1, {}, {}, {}, {}}};
    QVERIFY(!hasVectorShapes(bitmapLabel));
    QVERIFY(!hasVectorShapes(LabelAttributes{}));
}

void TestVectorShapes::hitTest() {
    const LabelAttributes label = twoShapes();
    const OverlayOptions options;
    QCOMPARE(vectorHitTest(label, {4, 4}, 0, options), 1);   // the box alone
    QCOMPARE(vectorHitTest(label, {14, 8}, 0, options), 2);  // the triangle alone
    QCOMPARE(vectorHitTest(label, {10, 6}, 0, options), 2);  // both: the last drawn wins
    QCOMPARE(vectorHitTest(label, {1, 1}, 0, options), 0);   // outside
    QCOMPARE(vectorHitTest(label, {1, 5}, 1.5, options), 1); // near the box's edge
    QCOMPARE(vectorHitTest(label, {14, 17}, 0.5, options), 0);
    QCOMPARE(vectorHitTest(label, {14, 17}, 1.5, options), 2); // near the triangle's tip
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(vectorHitTest(label, {nan, 4}, 1, options), 0);

    LabelAttributes lines;
    lines.annotations = {shape(5, 1, u"polyline"_s, {{0, 0}, {10, 0}, {10, 10}}),
                         shape(6, 1, u"point"_s, {{30, 30}})};
    QCOMPARE(vectorHitTest(lines, {5, 0.8}, 1, options), 5);
    QCOMPARE(vectorHitTest(lines, {5, 1.2}, 1, options), 0);
    QCOMPARE(vectorHitTest(lines, {5, 5}, 1, options), 0); // a polyline has no inside
    QCOMPARE(vectorHitTest(lines, {11, 5}, 1, options), 5);
    QCOMPARE(vectorHitTest(lines, {32, 31}, 3, options), 6);
    QCOMPARE(vectorHitTest(lines, {33, 33}, 3, options), 0);
}

void TestVectorShapes::hitTestHiddenAndHighlighted() {
    const LabelAttributes label = twoShapes();
    OverlayOptions options;
    options.hiddenCategories = {2};
    QCOMPARE(vectorHitTest(label, {10, 6}, 0, options), 1); // the triangle is hidden
    QCOMPARE(vectorHitTest(label, {14, 8}, 0, options), 0);
    options.hiddenCategories.clear();
    options.highlightedId = 1; // drawn last, so on top
    QCOMPARE(vectorHitTest(label, {10, 6}, 0, options), 1);
    QCOMPARE(vectorHitTest(label, {14, 8}, 0, options), 2);
}

void TestVectorShapes::fillsAndOutlines() {
    const QImage image = paint(twoShapes(), opaque());
    QCOMPARE(image.pixel(4, 5), Red); // inside the box only
    QCOMPARE(image.pixel(13, 7), labelPalette().at(1).rgb());
    QCOMPARE(image.pixel(0, 0), QRgb(0));
    QCOMPARE(image.pixel(22, 18), QRgb(0));
    QCOMPARE(qAlpha(image.pixel(14, 12)), 255); // inside the triangle, below the box
    QCOMPARE(image.pixel(9, 14), QRgb(0));      // beside the triangle's lower part
}

void TestVectorShapes::colorByInstance() {
    OverlayOptions options = opaque();
    options.colorBy = ColorBy::Instance;
    const QImage image = paint(twoShapes(), options);
    QCOMPARE(image.pixel(4, 5), labelPalette().at(0).rgb()); // (1 - 1) % 36
    QCOMPARE(image.pixel(13, 7), labelPalette().at(1).rgb());
}

void TestVectorShapes::outlineMode() {
    LabelAttributes label;
    label.annotations = {shape(1, 1, u"bbox"_s, {{2, 2}, {12, 10}})};
    OverlayOptions options;
    options.opacity = 0.3; // outlines stay at full colour whatever the opacity
    options.mode = DrawMode::Outline;
    const QImage image = paint(label, options);
    QCOMPARE(image.pixel(6, 6), QRgb(0)); // interior left transparent
    QCOMPARE(image.pixel(2, 6), Red);     // on the left edge (covers x 1..3)
    QCOMPARE(image.pixel(1, 6), Red);
    QCOMPARE(image.pixel(6, 9), Red);     // on the bottom edge
    QCOMPARE(image.pixel(4, 6), QRgb(0)); // beyond the stroke's half width
}

void TestVectorShapes::halfOpacity() {
    OverlayOptions options;
    options.opacity = 0.5;
    const QImage image = paint(twoShapes(), options);
    const QRgb fill = image.pixel(4, 5);
    QVERIFY2(std::abs(qAlpha(fill) - 128) <= 1, qPrintable(QString::number(qAlpha(fill))));
    QVERIFY(std::abs(qRed(fill) - 200) <= 2 && std::abs(qGreen(fill) - 30) <= 2);
    QCOMPARE(image.pixel(2, 6), Red); // the outline stays opaque
}

void TestVectorShapes::hiddenCategory() {
    OverlayOptions options = opaque();
    options.hiddenCategories = {1};
    const QImage image = paint(twoShapes(), options);
    QCOMPARE(image.pixel(4, 5), QRgb(0));
    QCOMPARE(image.pixel(2, 6), QRgb(0));
    QCOMPARE(image.pixel(13, 7), labelPalette().at(1).rgb());
}

void TestVectorShapes::highlight() {
    OverlayOptions options;
    options.opacity = 0.2;
    options.mode = DrawMode::Outline;
    options.highlightedId = 1;
    const QImage image = paint(twoShapes(), options);
    // Filled at HighlightOpacity even in outline mode, outlined in white, on top of the triangle.
    const QRgb fill = image.pixel(4, 5);
    QVERIFY2(std::abs(qAlpha(fill) - 204) <= 1, qPrintable(QString::number(qAlpha(fill))));
    QCOMPARE(image.pixel(2, 6), qRgb(255, 255, 255));
    QCOMPARE(image.pixel(12, 6), qRgb(255, 255, 255)); // the box's right edge crosses the triangle
}

void TestVectorShapes::linesKeepTheirWidthAtAnyZoom() {
    LabelAttributes label;
    label.annotations = {shape(1, 1, u"bbox"_s, {{2, 2}, {5, 5}})};
    OverlayOptions options = opaque();
    options.mode = DrawMode::Outline;
    // At 4 device pixels per image pixel the left edge lies at device x = 8: a 2-pixel line
    // covers 7..9, and device x = 10 stays clear (a 2-image-pixel line would reach 12).
    const QImage zoomed = paint(label, options, {24, 24}, 4.0);
    QCOMPARE(zoomed.pixel(8, 14), Red);
    QCOMPARE(zoomed.pixel(10, 14), QRgb(0));
    QCOMPARE(zoomed.pixel(5, 14), QRgb(0));

    LabelAttributes point;
    point.annotations = {shape(2, 1, u"point"_s, {{3, 3}})};
    const QImage dot = paint(point, opaque(), {24, 24}, 4.0); // centre at device (12, 12)
    QCOMPARE(dot.pixel(12, 12), Red);
    QCOMPARE(dot.pixel(14, 12), Red); // within the 4-pixel radius
    QCOMPARE(dot.pixel(18, 12), QRgb(0));
}

void TestVectorShapes::polylineAndPoint() {
    LabelAttributes label;
    label.annotations = {shape(1, 1, u"polyline"_s, {{2, 10.5}, {20, 10.5}}),
                         shape(2, 2, u"point"_s, {{10.5, 3.5}})};
    const QImage image = paint(label, opaque());
    QCOMPARE(image.pixel(10, 10), Red);
    QCOMPARE(image.pixel(10, 13), QRgb(0));
    QCOMPARE(image.pixel(10, 3), labelPalette().at(1).rgb());
    QCOMPARE(image.pixel(12, 3), labelPalette().at(1).rgb());
    QCOMPARE(image.pixel(16, 3), QRgb(0));
}

void TestVectorShapes::facts() {
    LabelAttributes label = twoShapes();
    label.annotations.append(shape(3, 7, u"polyline"_s, {{1, 1}, {5, 4}}));
    label.annotations.append(shape(4, 1, u"bbox"_s, {{2, 2}}));
    const LabelFacts facts = vectorLabelFacts(label, task());

    // The legend counts annotations per category; an unknown category comes last.
    QCOMPARE(facts.legend.size(), 3);
    QCOMPARE(facts.legend.at(0).instances, 2);
    QCOMPARE(facts.legend.at(1).instances, 1);
    QCOMPARE(facts.legend.at(0).areaShare, -1.0);
    QCOMPARE(facts.legend.at(2).categoryId, 7);
    QVERIFY(!facts.legend.at(2).known);

    // Every shape, in label order, with its area and bounds.
    QCOMPARE(facts.instances.size(), 4);
    QCOMPARE(facts.instances.at(0).type, u"bbox"_s);
    QCOMPARE(facts.instances.at(0).area, 80);
    QCOMPARE(facts.instances.at(0).bounds, QRectF(2, 2, 10, 8));
    QCOMPARE(facts.instances.at(0).color, QColor(Red));
    QCOMPARE(facts.instances.at(1).area, 72); // the triangle: 12 wide, 12 high
    QCOMPARE(facts.instances.at(2).area, -1); // a line has none
    QVERIFY(facts.instances.at(2).defect.contains(u"not in the dataset"_s));
    QCOMPARE(facts.instance(2)->category, u"person"_s);

    // The malformed box is a defect of the label.
    QCOMPARE(facts.defects, vectorDefects(label));
    QCOMPARE(facts.defects.size(), 1);

    // No label: every category, none used.
    const LabelFacts none = vectorLabelFacts(LabelAttributes{}, task());
    QCOMPARE(none.legend.size(), 2);
    QCOMPARE(none.legend.at(0).instances, 0);
    QVERIFY(none.instances.isEmpty() && none.defects.isEmpty());
}

void TestVectorShapes::malformedShapesAreSkipped() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    LabelAttributes label;
    label.annotations = {shape(3, 1, u"bbox"_s, {{2, 2}}),
                         shape(4, 1, u"polygon"_s, {{2, 2}, {9, 9}}),
                         shape(5, 1, u"bbox"_s, {{nan, 2}, {9, 9}}),
                         shape(6, 1, u"polyline"_s, {{1, 1}}),
                         shape(7, 1, u"point"_s, {}),
                         shape(8, 1, u"polygon"_s, {{0, 0}, {inf, 0}, {4, 4}}),
                         shape(9, 1, u"cuboid"_s, {{0, 0}, {4, 4}}),
                         shape(10, 1, u"bbox"_s, {{0, 0}, {4e9, 4}}),
                         shape(11, 1, u"bbox"_s, {{14, 14}, {18, 18}})};
    const QStringList defects = vectorDefects(label);
    QCOMPARE(defects.size(), 8);
    QCOMPARE(defects.at(0),
             u"annotation 3 (bbox): needs 2 points (top-left, bottom-right), has 1"_s);
    QVERIFY(defects.at(1).startsWith(u"annotation 4 (polygon): needs at least 3 points"_s));
    QVERIFY(defects.at(2).contains(u"not a finite number"_s));
    QVERIFY(defects.at(6).contains(u"unknown shape type"_s));
    QVERIFY(defects.at(7).contains(u"beyond"_s));

    const QImage image = paint(label, opaque());
    QCOMPARE(image.pixel(16, 16), Red); // the one good box is drawn
    QCOMPARE(image.pixel(5, 5), QRgb(0));
    QCOMPARE(vectorHitTest(label, {2, 2}, 3, OverlayOptions()), 0);
    QCOMPARE(vectorHitTest(label, {16, 16}, 0, OverlayOptions()), 11);
    const QRectF painted = vectorPaintedBounds(label);
    QCOMPARE(painted, QRectF(13, 13, 6, 6)); // the good box and its outline's half width
}

void TestVectorShapes::renderVectorLabel() {
    LabelAttributes label = twoShapes();
    label.annotations.append(shape(3, 9, u"point"_s, {{22, 2}}));  // category 9 is unknown
    label.annotations.append(shape(4, 1, u"polygon"_s, {{1, 1}})); // malformed
    RenderOptions options;
    options.opacity = 1;
    options.noImage = true;
    const RenderResult alone = renderLabel({}, {}, label, task(), options);
    // The shapes' extent from (0,0): the triangle reaches x = 20 and y = 16, and the point's
    // disc at x = 22 reaches 26; outlines add a pixel.
    QCOMPARE(alone.image.size(), QSize(26, 17));
    QCOMPARE(alone.image.format(), QImage::Format_ARGB32);
    QCOMPARE(alone.image.pixel(4, 5), Red);
    QCOMPARE(alone.image.pixel(0, 15), QRgb(0));
    QCOMPARE(alone.image.pixel(22, 2), QRgb(0)); // the unknown category is transparent
    QCOMPARE(alone.warnings,
             (QStringList{u"annotation 4 (polygon): needs at least 3 points, has 1"_s,
                          u"category 9 is not defined by the dataset"_s}));

    QImage photo(40, 30, QImage::Format_RGB32);
    photo.fill(qRgb(100, 100, 100));
    const RenderResult sized = renderLabel(photo, {}, label, task(), options);
    QCOMPARE(sized.image.size(), QSize(40, 30)); // --no-image with an image: the image's size
    QCOMPARE(sized.image.pixel(35, 25), QRgb(0));

    options.noImage = false;
    options.opacity = 0.5;
    const RenderResult composed = renderLabel(photo, {}, label, task(), options);
    QCOMPARE(composed.image.size(), QSize(40, 30));
    QCOMPARE(composed.image.pixel(35, 25), qRgb(100, 100, 100));
    const QRgb mixed = composed.image.pixel(4, 5); // half red over grey
    QVERIFY2(std::abs(qRed(mixed) - 150) <= 2 && std::abs(qGreen(mixed) - 65) <= 2 &&
                 qAlpha(mixed) == 255,
             qPrintable(QColor::fromRgba(mixed).name(QColor::HexArgb)));
    QVERIFY(!composed.warnings.contains(u"the label has no segmentation bitmap"_s));

    const RenderResult empty = renderLabel(photo, {}, LabelAttributes{}, task(), options);
    QCOMPARE(empty.image.pixel(3, 3), qRgb(100, 100, 100));
    QCOMPARE(empty.warnings, QStringList{u"the label has no annotations"_s});
}

SEGSCOPE_TEST_MAIN(TestVectorShapes)
#include "tst_vectorshapes.moc"
