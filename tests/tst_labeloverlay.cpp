// The indexed bitmap, colouring, hover and statistics of a segmentation label, on a small
// hand-laid bitmap whose every pixel is known, and on random blobs against brute force.
#include "support/testmain.h"

#include "labels/bitmapstatistics.h"
#include "labels/labelfacts.h"
#include "labels/labeloverlay.h"
#include "threading.h"

#include <QRandomGenerator>
#include <QSemaphore>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using namespace segscope::wire;

namespace {

InstanceBitmap makeBitmap(int width, int height, const QList<quint32> &ids) {
    InstanceBitmap bitmap = InstanceBitmap::allocate(width, height);
    std::copy(ids.cbegin(), ids.cend(), bitmap.ids.begin());
    return bitmap;
}

// 8x5: instance 5 (car), 7 (person), 70000 (tree, translucent colour), 13 (category 99, unknown
// to the dataset), 9 (no annotation). Annotations 11 and 12 have no pixel.
InstanceBitmap sampleBitmap() {
    return makeBitmap(8, 5, {0,     0,     5, 5, 5,  0,  0, 0, //
                             0,     0,     5, 5, 5,  0,  9, 9, //
                             7,     7,     7, 0, 0,  0,  9, 9, //
                             70000, 70000, 7, 0, 13, 13, 0, 0, //
                             70000, 70000, 0, 0, 13, 13, 0, 0});
}

TaskAttributes sampleTask() {
    TaskAttributes task;
    task.categories = {Category{1, u"car"_s, QColor(255, 0, 0), false, {}},
                       Category{2, u"person"_s, std::nullopt, true, {}},
                       Category{3, u"tree"_s, QColor(0, 0, 255, 128), false, {}}};
    return task;
}

LabelAttributes sampleLabel() {
    LabelAttributes label;
    auto annotation = [](qint64 id, qint64 category) {
        Annotation a;
        a.id = id;
        a.categoryId = category;
        return a;
    };
    label.annotations = {annotation(5, 1),   annotation(7, 2),  annotation(70000, 3),
                         annotation(13, 99), annotation(11, 1), annotation(12, 99)};
    label.annotations[1].attributes.insert(u"occluded"_s, true);
    return label;
}

LabelOverlay sampleOverlay() {
    return LabelOverlay(sampleBitmap(), sampleLabel(), sampleTask());
}

QList<quint32> randomBlobs(int width, int height, quint32 seed) {
    QRandomGenerator random(seed);
    QList<quint32> ids(width * height, 0);
    for (int blob = 0; blob < 30; ++blob) {
        const quint32 id = random.bounded(1u, 40u) * 65537u; // some ids repeat in separate blobs
        const int cx = random.bounded(width), cy = random.bounded(height);
        const int r = random.bounded(1, 12);
        for (int y = std::max(0, cy - r); y < std::min(height, cy + r); ++y)
            for (int x = std::max(0, cx - r); x < std::min(width, cx + r); ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                    ids[y * width + x] = id;
    }
    return ids;
}

QRgb straight(const QColor &c, int alpha) {
    return qRgba(c.red(), c.green(), c.blue(), alpha);
}

} // namespace

class TestLabelOverlay : public QObject {
    Q_OBJECT

private slots:
    void index();
    void edgesMatchBruteForce_data();
    void edgesMatchBruteForce();
    void colours_data();
    void colours();
    void premultipliedFormat();
    void highlight();
    void bandsGiveTheSameImage();
    void bandsFinishWhenThePoolIsFull();
    void renderReusesTarget();
    void hitTest();
    void statistics();
    void cleanLabelHasNoDefects();
    void facts();
    void emptyBitmap();
};

void TestLabelOverlay::index() {
    const InstanceIndex index(sampleBitmap());
    QCOMPARE(index.size(), QSize(8, 5));
    QCOMPARE(index.count(), 6);
    const struct {
        quint32 id;
        qint64 pixels;
        QRect bounds;
    } expected[] = {{0, 18, QRect(0, 0, 8, 5)},    {5, 6, QRect(2, 0, 3, 2)},
                    {9, 4, QRect(6, 1, 2, 2)},     {7, 4, QRect(0, 2, 3, 2)},
                    {70000, 4, QRect(0, 3, 2, 2)}, {13, 4, QRect(4, 3, 2, 2)}};
    for (const auto &e : expected) {
        const int i = index.indexOf(e.id);
        QVERIFY2(i >= 0, qPrintable(QString::number(e.id)));
        QCOMPARE(index.id(i), e.id);
        QCOMPARE(index.pixelCount(i), e.pixels);
        QCOMPARE(index.bounds(i), e.bounds);
    }
    QCOMPARE(index.indexOf(11), -1);
    QCOMPARE(index.idAt(0, 3), 70000u);
    QCOMPARE(index.idAt(8, 0), 0u);
    QCOMPARE(index.indexAt(-1, 0), -1);
    QVERIFY(!index.isEdge(3, 0)); // inside instance 5, the image border does not count
    QVERIFY(index.isEdge(3, 1));  // background below
    QVERIFY(index.isEdge(1, 0));  // background next to instance 5: both sides are edges
    QVERIFY(!index.isEdge(0, 0));
}

void TestLabelOverlay::edgesMatchBruteForce_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("1x1") << 1 << 1 << 1u;
    QTest::newRow("1 column") << 1 << 40 << 2u;
    QTest::newRow("1 row") << 40 << 1 << 3u;
    QTest::newRow("blobs") << 97 << 61 << 4u;
    QTest::newRow("more blobs") << 64 << 64 << 5u;
}

void TestLabelOverlay::edgesMatchBruteForce() {
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(quint32, seed);
    const InstanceBitmap bitmap = makeBitmap(width, height, randomBlobs(width, height, seed));
    const InstanceIndex index(bitmap);
    QHash<quint32, qint64> counts;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const quint32 id = bitmap.idAt(x, y);
            ++counts[id];
            auto differs = [&](int nx, int ny) {
                return nx >= 0 && ny >= 0 && nx < width && ny < height && bitmap.idAt(nx, ny) != id;
            };
            const bool edge =
                differs(x - 1, y) || differs(x + 1, y) || differs(x, y - 1) || differs(x, y + 1);
            QCOMPARE(index.idAt(x, y), id);
            if (index.isEdge(x, y) != edge)
                QFAIL(qPrintable(u"edge flag wrong at %1,%2"_s.arg(x).arg(y)));
        }
    }
    QCOMPARE(index.count(), int(counts.size()));
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QCOMPARE(index.pixelCount(index.indexOf(it.key())), it.value());
}

void TestLabelOverlay::colours_data() {
    QTest::addColumn<OverlayOptions>("options");
    QTest::addColumn<QPoint>("pixel");
    QTest::addColumn<QRgb>("expected");
    const QColor personColour = labelPalette().at(1); // no colour of its own: palette[position]
    OverlayOptions exact;
    exact.opacity = 1;
    exact.format = OverlayFormat::Straight;
    QTest::newRow("category colour") << exact << QPoint(2, 0) << qRgba(255, 0, 0, 255);
    QTest::newRow("palette colour") << exact << QPoint(0, 2) << straight(personColour, 255);
    QTest::newRow("colour's own alpha") << exact << QPoint(0, 4) << qRgba(0, 0, 255, 128);
    QTest::newRow("background") << exact << QPoint(0, 0) << QRgb(0);
    QTest::newRow("unannotated") << exact << QPoint(6, 1) << QRgb(0);
    QTest::newRow("unknown category") << exact << QPoint(4, 3) << QRgb(0);

    OverlayOptions byInstance = exact;
    byInstance.colorBy = ColorBy::Instance;
    QTest::newRow("instance 5") << byInstance << QPoint(3, 0)
                                << straight(labelPalette().at(4), 255);
    QTest::newRow("instance 70000")
        << byInstance << QPoint(1, 4) << straight(labelPalette().at(69999 % 36), 255);
    QTest::newRow("instance of unknown category")
        << byInstance << QPoint(4, 3) << straight(labelPalette().at(12), 255);
    QTest::newRow("instance: unannotated") << byInstance << QPoint(7, 2) << QRgb(0);

    OverlayOptions half = exact;
    half.opacity = 0.5;
    QTest::newRow("opacity") << half << QPoint(2, 0) << qRgba(255, 0, 0, 128);
    QTest::newRow("opacity times alpha") << half << QPoint(0, 4) << qRgba(0, 0, 255, 64);

    OverlayOptions hidden = exact;
    hidden.hiddenCategories = {1};
    QTest::newRow("hidden category") << hidden << QPoint(2, 0) << QRgb(0);
    QTest::newRow("other category visible")
        << hidden << QPoint(0, 2) << straight(personColour, 255);

    OverlayOptions outline = exact;
    outline.mode = DrawMode::Outline;
    QTest::newRow("outline: interior") << outline << QPoint(3, 0) << QRgb(0);
    QTest::newRow("outline: edge") << outline << QPoint(3, 1) << qRgba(255, 0, 0, 255);

    OverlayOptions both = exact;
    both.mode = DrawMode::FillAndOutline;
    both.opacity = 0.4;
    QTest::newRow("fill+outline: interior") << both << QPoint(3, 0) << qRgba(255, 0, 0, 102);
    QTest::newRow("fill+outline: edge") << both << QPoint(3, 1) << qRgba(255, 0, 0, 255);

    OverlayOptions marked = exact;
    marked.unannotatedColor = QColor(255, 0, 255);
    QTest::newRow("unannotated marker") << marked << QPoint(6, 1) << qRgba(255, 0, 255, 255);
    QTest::newRow("unknown category marker") << marked << QPoint(5, 4) << qRgba(255, 0, 255, 255);
    QTest::newRow("marker: background stays clear") << marked << QPoint(7, 0) << QRgb(0);
}

void TestLabelOverlay::colours() {
    QFETCH(OverlayOptions, options);
    QFETCH(QPoint, pixel);
    QFETCH(QRgb, expected);
    const QImage image = sampleOverlay().render(options);
    QCOMPARE(image.format(), QImage::Format_ARGB32);
    QCOMPARE(image.size(), QSize(8, 5));
    QCOMPARE(QColor::fromRgba(image.pixel(pixel)), QColor::fromRgba(expected));
}

void TestLabelOverlay::premultipliedFormat() {
    OverlayOptions options;
    options.opacity = 0.5;
    const QImage image = sampleOverlay().render(options);
    QCOMPARE(image.format(), QImage::Format_ARGB32_Premultiplied);
    const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(0));
    QCOMPARE(line[2], qPremultiply(qRgba(255, 0, 0, 128)));
    QCOMPARE(line[0], QRgb(0));
}

void TestLabelOverlay::highlight() {
    OverlayOptions options;
    options.opacity = 0.2;
    options.format = OverlayFormat::Straight;
    options.highlightedId = 5;
    const QImage image = sampleOverlay().render(options);
    QCOMPARE(image.pixel(3, 0), qRgba(255, 0, 0, 204));              // at least HighlightOpacity
    QCOMPARE(image.pixel(3, 1), qRgba(255, 255, 255, 255));          // its edges in white
    QCOMPARE(image.pixel(0, 2), straight(labelPalette().at(1), 51)); // others unchanged
}

void TestLabelOverlay::bandsGiveTheSameImage() {
    const InstanceBitmap bitmap = makeBitmap(300, 257, randomBlobs(300, 257, 9));
    LabelAttributes label;
    for (quint32 i = 1; i < 40; i += 2)
        label.annotations.append(Annotation{i * 65537, qint64(i % 3), {}, {}, {}, {}});
    const LabelOverlay overlay(bitmap, label, sampleTask());
    OverlayOptions options;
    options.mode = DrawMode::FillAndOutline;
    options.threads = 1;
    const QImage single = overlay.render(options);
    options.threads = 5;
    QCOMPARE(overlay.render(options), single);
    int coloured = 0;
    for (int y = 0; y < single.height(); ++y)
        for (int x = 0; x < single.width(); ++x)
            coloured += qAlpha(single.pixel(x, y)) > 0;
    QVERIFY(coloured > 100);
}

void TestLabelOverlay::bandsFinishWhenThePoolIsFull() {
    // Every thread of the detail pool busy (as when a recolour runs there and waits for its
    // bands): the caller paints every band itself instead of waiting for a helper forever.
    const InstanceBitmap bitmap = makeBitmap(300, 257, randomBlobs(300, 257, 4));
    LabelAttributes label;
    for (quint32 i = 1; i < 40; i += 2)
        label.annotations.append(Annotation{i * 65537, qint64(i % 3), {}, {}, {}, {}});
    const LabelOverlay overlay(bitmap, label, sampleTask());
    OverlayOptions options;
    options.threads = 1;
    const QImage single = overlay.render(options);

    QThreadPool *pool = segscope::threading::detailPool();
    const int threads = pool->maxThreadCount();
    QSemaphore started, release;
    for (int i = 0; i < threads; ++i) {
        pool->start([&] {
            started.release();
            release.acquire();
        });
    }
    started.acquire(threads);
    options.threads = 4;
    const QImage banded = overlay.render(options);
    release.release(threads);
    pool->waitForDone();
    QCOMPARE(banded, single);
}

void TestLabelOverlay::renderReusesTarget() {
    const LabelOverlay overlay = sampleOverlay();
    QImage target;
    OverlayOptions options;
    overlay.render(options, &target);
    const uchar *bits = target.constBits();
    options.opacity = 1;
    overlay.render(options, &target);
    QCOMPARE(target.constBits(), bits);
    QCOMPARE(qAlpha(target.pixel(2, 0)), 255);
}

void TestLabelOverlay::hitTest() {
    const LabelOverlay overlay = sampleOverlay();
    const OverlayHit person = overlay.hitTest(1, 2);
    QVERIFY(person.inside);
    QCOMPARE(person.id, 7u);
    QVERIFY(person.annotation);
    QCOMPARE(person.annotation->attributes.value(u"occluded"_s).toBool(), true);
    QVERIFY(person.category);
    QCOMPARE(person.category->name, u"person"_s);

    const OverlayHit unannotated = overlay.hitTest(7, 1);
    QVERIFY(unannotated.inside);
    QCOMPARE(unannotated.id, 9u);
    QVERIFY(!unannotated.annotation);
    const OverlayHit unknown = overlay.hitTest(5, 3);
    QVERIFY(unknown.annotation);
    QVERIFY(!unknown.category);
    QVERIFY(!overlay.hitTest(0, 0).annotation);
    QVERIFY(overlay.hitTest(0, 0).inside);
    QVERIFY(!overlay.hitTest(8, 0).inside);
}

void TestLabelOverlay::statistics() {
    const BitmapStatistics stats = computeStatistics(sampleOverlay(), QSize(16, 10));
    QCOMPARE(stats.totalPixels, 40);
    QCOMPARE(stats.backgroundPixels, 18);
    QCOMPARE(stats.unannotatedPixels, 4);
    QCOMPARE(stats.unannotatedIds, QList<quint32>{9});
    QCOMPARE(stats.emptyAnnotationIds, (QList<qint64>{11, 12}));
    QVERIFY(stats.sizeMismatch);
    QVERIFY(stats.hasDefects());
    QCOMPARE(stats.instances.size(), 5);
    QCOMPARE(stats.instances.first().id, 5u);
    QCOMPARE(stats.instances.last().id, 70000u);
    const InstanceStatistics *tree = stats.instance(70000);
    QVERIFY(tree);
    QCOMPARE(tree->pixels, 4);
    QCOMPARE(tree->bounds, QRect(0, 3, 2, 2));
    QCOMPARE(tree->categoryId, 3);
    QVERIFY(tree->annotated);
    QVERIFY(!stats.instance(9)->annotated);
    QVERIFY(!stats.instance(11));

    QCOMPARE(stats.categories.size(), 4);
    const CategoryStatistics *car = stats.category(1);
    QCOMPARE(car->instances, 1);
    QCOMPARE(car->emptyInstances, 1);
    QCOMPARE(car->pixels, 6);
    QCOMPARE(car->areaShare, 0.15);
    QCOMPARE(stats.category(2)->areaShare, 0.1);
    const CategoryStatistics *unknown = stats.category(99);
    QVERIFY(unknown);
    QVERIFY(!unknown->known);
    QCOMPARE(unknown->instances, 1);
    QCOMPARE(unknown->emptyInstances, 1);
    QCOMPARE(stats.categories.last().categoryId, 99);
}

void TestLabelOverlay::cleanLabelHasNoDefects() {
    const InstanceBitmap bitmap = makeBitmap(3, 2, {0, 5, 5, 7, 7, 0});
    LabelAttributes label;
    label.annotations = {Annotation{5, 1, {}, {}, {}, {}}, Annotation{7, 3, {}, {}, {}, {}}};
    const BitmapStatistics stats =
        computeStatistics(LabelOverlay(bitmap, label, sampleTask()), QSize(3, 2));
    QVERIFY(!stats.hasDefects());
    QCOMPARE(stats.category(2)->instances, 0);
    QCOMPARE(stats.category(3)->areaShare, 2.0 / 6.0);
}

void TestLabelOverlay::facts() {
    const LabelOverlay overlay = sampleOverlay();
    const BitmapStatistics stats = computeStatistics(overlay, QSize(16, 10));
    const LabelFacts facts = bitmapLabelFacts(overlay, stats, QSize(16, 10));

    // The legend: the dataset's categories in order, then the unknown one.
    QCOMPARE(facts.legend.size(), 4);
    QCOMPARE(facts.legend.at(0).name, u"car"_s);
    QCOMPARE(facts.legend.at(0).color, QColor(255, 0, 0));
    QCOMPARE(facts.legend.at(0).instances, 1);
    QCOMPARE(facts.legend.at(0).emptyInstances, 1);
    QCOMPARE(facts.legend.at(0).areaShare, 0.15);
    QCOMPARE(facts.legend.at(3).categoryId, 99);
    QVERIFY(!facts.legend.at(3).known);
    QCOMPARE(facts.legend.at(3).name, u"unknown (99)"_s);

    // Instances by id, then the annotations with no pixel; each with what is wrong with it.
    QCOMPARE(facts.instances.size(), 7);
    QCOMPARE(facts.instances.first().id, 5);
    QCOMPARE(facts.instances.at(4).id, 70000);
    QCOMPARE(facts.instances.at(5).id, 11);
    QCOMPARE(facts.instances.at(6).id, 12);
    const InstanceFact *tree = facts.instance(70000);
    QVERIFY(tree);
    QCOMPARE(tree->category, u"tree"_s);
    QCOMPARE(tree->type, QString(LabelFacts::MaskType));
    QCOMPARE(tree->area, 4);
    QCOMPARE(tree->bounds, QRectF(0, 3, 2, 2));
    QVERIFY(tree->defect.isEmpty());
    QCOMPARE(facts.instance(9)->category, u"no annotation"_s);
    QCOMPARE(facts.instance(9)->color, instanceColor(9));
    QVERIFY(facts.instance(9)->defect.contains(u"without an annotation"_s));
    QVERIFY(facts.instance(13)->defect.contains(u"not in the dataset"_s));
    QCOMPARE(facts.instance(12)->area, 0);
    QVERIFY(facts.instance(12)->bounds.isEmpty());
    QVERIFY(facts.instance(12)->defect.contains(u"no pixel"_s));
    QVERIFY(!facts.instance(4));

    // The same defect lines `segscope render` prints.
    QCOMPARE(facts.defects, describeDefects(stats, QSize(16, 10)));
    QVERIFY(facts.defects.first().contains(u"bitmap is 8x5 but the image is 16x10"_s));
}

void TestLabelOverlay::emptyBitmap() {
    const LabelOverlay overlay(InstanceBitmap{}, sampleLabel(), sampleTask());
    QVERIFY(overlay.isNull());
    QVERIFY(overlay.render({}).isNull());
    QVERIFY(!overlay.hitTest(0, 0).inside);
    const BitmapStatistics stats = computeStatistics(overlay);
    QCOMPARE(stats.emptyAnnotationIds.size(), 6);
    QCOMPARE(stats.totalPixels, 0);
}

SEGSCOPE_TEST_MAIN(TestLabelOverlay)
#include "tst_labeloverlay.moc"
