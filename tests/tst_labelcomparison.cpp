// Comparing two labels pixel by pixel: hand-laid bitmaps whose confusion matrices and figures are
// known exactly, random ones against a brute-force count, and the difference overlay's colours.
#include "support/testmain.h"

#include "labels/labelcomparison.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace segscope::labels;
using namespace segscope::wire;

namespace {

InstanceBitmap makeBitmap(int width, int height, const QList<quint32> &ids) {
    InstanceBitmap bitmap = InstanceBitmap::allocate(width, height);
    Q_ASSERT(ids.size() == qsizetype(width) * height);
    std::copy(ids.cbegin(), ids.cend(), bitmap.ids.begin());
    return bitmap;
}

TaskAttributes task() {
    TaskAttributes t;
    t.categories = {Category{1, u"car"_s, QColor(255, 0, 0), false, {}},
                    Category{2, u"person"_s, QColor(0, 255, 0), true, {}},
                    Category{3, u"tree"_s, QColor(0, 0, 255), false, {}}};
    return t;
}

Annotation annotation(qint64 id, qint64 category) {
    Annotation a;
    a.id = id;
    a.categoryId = category;
    return a;
}

LabelAttributes label(const QList<std::pair<qint64, qint64>> &idToCategory) {
    LabelAttributes l;
    for (const auto &[id, category] : idToCategory)
        l.annotations.append(annotation(id, category));
    return l;
}

LabelOverlay overlay(int w, int h, const QList<quint32> &ids,
                     const QList<std::pair<qint64, qint64>> &idToCategory) {
    return LabelOverlay(makeBitmap(w, h, ids), label(idToCategory), task());
}

int slotOf(const ConfusionMatrix &m, qint64 category) {
    return m.classes.find(category);
}

const CategoryFigures *figuresOf(const QList<CategoryFigures> &all, const ConfusionMatrix &m,
                                 qint64 category) {
    for (const CategoryFigures &f : all)
        if (f.slot == slotOf(m, category))
            return &f;
    return nullptr;
}

} // namespace

class TestLabelComparison : public QObject {
    Q_OBJECT
private slots:
    void classesStartWithBackgroundThenTheDatasetsOrder() {
        CompareClasses classes(task());
        QCOMPARE(classes.count(), 4);
        QVERIFY(classes.at(0).isBackground());
        QCOMPARE(classes.at(1).name, u"car"_s);
        QCOMPARE(classes.at(3).categoryId, 3);
        QCOMPARE(classes.slotOf(99), 4);
        QCOMPARE(classes.at(4).name, u"unknown (99)"_s);
        QVERIFY(!classes.at(4).known);
        QCOMPARE(classes.slotOf(99), 4);
        QCOMPARE(classes.slotOf(BackgroundCategory), 0);
    }

    void identicalLabelsAgreeEverywhere() {
        const QList<quint32> ids{0, 5, 5, 0, 7, 7, 0, 0, 0};
        const LabelOverlay a = overlay(3, 3, ids, {{5, 1}, {7, 2}});
        const LabelOverlay b = overlay(3, 3, ids, {{5, 1}, {7, 2}});
        const LabelComparison c(a, b, CompareClasses(task()));
        const ConfusionMatrix &m = c.matrix();
        QCOMPARE(m.total(), 9);
        QCOMPARE(m.at(0, 0), 5);
        QCOMPARE(m.at(1, 1), 2);
        QCOMPARE(m.at(2, 2), 2);
        QCOMPARE(m.pixelAccuracy(), 1.0);
        QCOMPARE(m.meanIoU(), 1.0);
        QCOMPARE(m.categoryFigures().size(), 2); // tree is in neither: not in the mean
        const auto kinds = m.agreementCounts();
        QCOMPARE(kinds[size_t(PixelAgreement::Background)], 5);
        QCOMPARE(kinds[size_t(PixelAgreement::Agree)], 4);
        QCOMPARE(kinds[size_t(PixelAgreement::Missed)] + kinds[size_t(PixelAgreement::Extra)] +
                     kinds[size_t(PixelAgreement::Confused)],
                 0);
    }

    void emptyLabelsHaveNoMeanIoU() {
        const QList<quint32> zeros(16, 0);
        const LabelComparison c(overlay(4, 4, zeros, {}), overlay(4, 4, zeros, {}),
                                CompareClasses(task()));
        QCOMPARE(c.matrix().at(0, 0), 16);
        QVERIFY(c.matrix().categoryFigures().isEmpty());
        QVERIFY(std::isnan(c.matrix().meanIoU()));
        QCOMPARE(c.matrix().pixelAccuracy(), 1.0);
    }

    void disjointMasksAreMissedAndExtra() {
        // car on the left half in the reference, on the right half in the candidate
        const LabelOverlay ref = overlay(4, 2, {5, 5, 0, 0, 5, 5, 0, 0}, {{5, 1}});
        const LabelOverlay cand = overlay(4, 2, {0, 0, 8, 8, 0, 0, 8, 8}, {{8, 1}});
        const LabelComparison c(ref, cand, CompareClasses(task()));
        const auto kinds = c.matrix().agreementCounts();
        QCOMPARE(kinds[size_t(PixelAgreement::Missed)], 4);
        QCOMPARE(kinds[size_t(PixelAgreement::Extra)], 4);
        QCOMPARE(c.matrix().meanIoU(), 0.0);
        QCOMPARE(c.matrix().pixelAccuracy(), 0.0);
        QCOMPARE(c.agreementAt(0, 0), PixelAgreement::Missed);
        QCOMPARE(c.agreementAt(3, 1), PixelAgreement::Extra);
        QCOMPARE(c.slotsAt(3, 1), std::make_pair(0, 1));
        QCOMPARE(c.slotsAt(4, 0), std::make_pair(-1, -1));
    }

    void overlapHasExactFigures() {
        // reference car: 4 pixels; candidate car: 6 pixels, 3 of them on the reference's
        const LabelOverlay ref = overlay(4, 4,
                                         {5, 5, 0, 0, //
                                          5, 5, 0, 0, //
                                          0, 0, 0, 0, //
                                          0, 0, 0, 0},
                                         {{5, 1}});
        const LabelOverlay cand = overlay(4, 4,
                                          {0, 6, 6, 0, //
                                           6, 6, 6, 6, //
                                           0, 0, 0, 0, //
                                           0, 0, 0, 0},
                                          {{6, 1}});
        const LabelComparison c(ref, cand, CompareClasses(task()));
        const ConfusionMatrix &m = c.matrix();
        const QList<CategoryFigures> figures = m.categoryFigures();
        QCOMPARE(figures.size(), 1);
        const CategoryFigures &car = figures.first();
        QCOMPARE(car.truePositive, 3);
        QCOMPARE(car.falsePositive, 3);
        QCOMPARE(car.falseNegative, 1);
        QCOMPARE(car.referencePixels, 4);
        QCOMPARE(car.candidatePixels, 6);
        QCOMPARE(car.iou, 3.0 / 7.0);
        QCOMPARE(car.precision, 0.5);
        QCOMPARE(car.recall, 0.75);
        QCOMPARE(m.meanIoU(), 3.0 / 7.0);
        QCOMPARE(m.pixelAccuracy(), 12.0 / 16.0); // 3 car + 9 background agree
    }

    void confusedCategoriesCountOffTheDiagonal() {
        const LabelOverlay ref = overlay(2, 2, {5, 5, 7, 0}, {{5, 1}, {7, 3}});
        const LabelOverlay cand = overlay(2, 2, {9, 9, 7, 0}, {{9, 2}, {7, 3}});
        const LabelComparison c(ref, cand, CompareClasses(task()));
        const ConfusionMatrix &m = c.matrix();
        QCOMPARE(m.at(slotOf(m, 1), slotOf(m, 2)), 2);
        QCOMPARE(m.agreementCounts()[size_t(PixelAgreement::Confused)], 2);
        const QList<CategoryFigures> figures = m.categoryFigures();
        const CategoryFigures *car = figuresOf(figures, m, 1);
        const CategoryFigures *person = figuresOf(figures, m, 2);
        QVERIFY(car && person);
        QVERIFY(std::isnan(car->precision)); // the candidate never says car
        QCOMPARE(car->recall, 0.0);
        QCOMPARE(person->precision, 0.0);
        QVERIFY(std::isnan(person->recall)); // the reference has no person
        QCOMPARE(m.meanIoU(), (0.0 + 0.0 + 1.0) / 3.0);
    }

    void largeIdsUnannotatedIdsAndUnknownCategories() {
        // 70000 (> 65,535) is a tree; 9 has no annotation; 13 has a category the dataset lacks
        const LabelOverlay ref =
            overlay(3, 2, {70000, 70000, 9, 13, 13, 0}, {{70000, 3}, {13, 99}});
        const LabelOverlay cand = overlay(3, 2, {70000, 0, 0, 13, 9, 9}, {{70000, 3}, {13, 99}});
        const LabelComparison c(ref, cand, CompareClasses(task()));
        const ConfusionMatrix &m = c.matrix();
        QCOMPARE(c.referenceUnannotatedPixels(), 1);
        QCOMPARE(c.candidateUnannotatedPixels(), 2);
        const int tree = slotOf(m, 3), unknown = slotOf(m, 99);
        QCOMPARE(m.classes.at(unknown).name, u"unknown (99)"_s);
        QCOMPARE(m.at(tree, tree), 1);
        QCOMPARE(m.at(tree, 0), 1);
        QCOMPARE(m.at(0, 0), 2); // the unannotated 9 against background, and a true background
        QCOMPARE(m.at(unknown, unknown), 1);
        QCOMPARE(m.at(unknown, 0), 1); // the candidate's unannotated 9 counts as background
        QCOMPARE(m.total(), 6);
    }

    void candidateOfAnotherSizeIsResizedNearestNeighbour() {
        const LabelOverlay ref = overlay(2, 2, {5, 0, 0, 5}, {{5, 1}});
        // twice the size: each reference pixel is a 2x2 block; (0,0) of each block decides
        const LabelOverlay cand = overlay(4, 4,
                                          {5, 0, 0, 0, //
                                           0, 0, 0, 0, //
                                           5, 5, 5, 9, //
                                           5, 5, 9, 9},
                                          {{5, 1}, {9, 2}});
        QStringList defects;
        const ConfusionMatrix m = compareLabels(ref, cand, CompareClasses(task()), &defects);
        QCOMPARE(m.total(), 4);
        // (0,0) and (1,1) read the candidate's (0,0) and (2,2): car on car
        QCOMPARE(m.at(1, 1), 2);
        QCOMPARE(m.at(0, 0), 1); // (1,0) reads (2,0): background
        QCOMPARE(m.at(0, 1), 1); // (0,1) reads (0,2): car where the reference has none
        QCOMPARE(defects.size(), 1);
        QVERIFY2(defects.first().contains(u"4x4"_s) && defects.first().contains(u"resized"_s),
                 qPrintable(defects.first()));
        const LabelComparison c(ref, cand, CompareClasses(task()));
        QCOMPARE(c.size(), QSize(2, 2));
        QCOMPARE(c.defects(), defects);
    }

    void randomLabelsMatchABruteForceCount_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<QSize>("candidateSize");
        QTest::newRow("1 thread, same size") << 1 << QSize(97, 61);
        QTest::newRow("2 threads, same size") << 2 << QSize(97, 61);
        QTest::newRow("2 threads, resized") << 2 << QSize(40, 130);
    }
    void randomLabelsMatchABruteForceCount() {
        QFETCH(int, threads);
        QFETCH(QSize, candidateSize);
        QRandomGenerator random(7);
        const QSize size(97, 61);
        const auto randomIds = [&](QSize s) {
            QList<quint32> ids;
            quint32 current = 0;
            for (int i = 0; i < s.width() * s.height(); ++i) {
                if (random.bounded(8) == 0) // runs, as in real masks
                    current = random.bounded(6) == 0 ? 0 : 1 + random.bounded(12);
                ids.append(current);
            }
            return ids;
        };
        QList<std::pair<qint64, qint64>> annotations;
        for (qint64 id = 1; id <= 11; ++id) // 12 stays unannotated
            annotations.append({id, id % 4 == 0 ? 42 : 1 + id % 3});
        const QList<quint32> refIds = randomIds(size), candIds = randomIds(candidateSize);
        const LabelOverlay ref = overlay(size.width(), size.height(), refIds, annotations);
        const LabelOverlay cand =
            overlay(candidateSize.width(), candidateSize.height(), candIds, annotations);
        const LabelComparison c(ref, cand, CompareClasses(task()), threads);
        const ConfusionMatrix &m = c.matrix();
        const auto categoryOf = [](quint32 id) -> qint64 {
            if (id == 0 || id == 12)
                return BackgroundCategory;
            return id % 4 == 0 ? 42 : 1 + id % 3;
        };
        QHash<std::pair<qint64, qint64>, qint64> expected;
        for (int y = 0; y < size.height(); ++y)
            for (int x = 0; x < size.width(); ++x) {
                const int cx = x * candidateSize.width() / size.width();
                const int cy = y * candidateSize.height() / size.height();
                expected[{categoryOf(refIds[y * size.width() + x]),
                          categoryOf(candIds[cy * candidateSize.width() + cx])}] += 1;
            }
        qint64 checked = 0;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QCOMPARE(m.at(slotOf(m, it.key().first), slotOf(m, it.key().second)), it.value());
            checked += it.value();
        }
        QCOMPARE(m.total(), checked);
        std::array<qint64, 2> unannotated{};
        QCOMPARE(
            compareLabels(ref, cand, CompareClasses(task()), nullptr, threads, &unannotated).counts,
            m.counts);
        QCOMPARE(unannotated[0], c.referenceUnannotatedPixels());
        QCOMPARE(unannotated[1], c.candidateUnannotatedPixels());
        QCOMPARE(qint64(std::count(refIds.cbegin(), refIds.cend(), 12u)), unannotated[0]);
        // the same from the id maps, without indexing them
        const InstanceBitmap refMap = makeBitmap(size.width(), size.height(), refIds);
        const InstanceBitmap candMap =
            makeBitmap(candidateSize.width(), candidateSize.height(), candIds);
        std::array<qint64, 2> fromIds{};
        QCOMPARE(compareLabels(refMap, label(annotations), candMap, label(annotations),
                               CompareClasses(task()), nullptr, threads, &fromIds)
                     .counts,
                 m.counts);
        QCOMPARE(fromIds[0], unannotated[0]);
        QCOMPARE(fromIds[1], unannotated[1]);
        const LabelComparison byIds(refMap, label(annotations), candMap, label(annotations),
                                    CompareClasses(task()), threads);
        DifferenceOptions options;
        QCOMPARE(byIds.differenceOverlay(options), c.differenceOverlay(options));
    }

    void matricesAddByCategoryNotBySlot() {
        const LabelOverlay ref = overlay(2, 1, {5, 6}, {{5, 1}, {6, 77}});
        const LabelOverlay cand = overlay(2, 1, {5, 6}, {{5, 1}, {6, 88}});
        const ConfusionMatrix first = compareLabels(ref, cand, CompareClasses(task()));
        const ConfusionMatrix second = compareLabels(cand, ref, CompareClasses(task()));
        ConfusionMatrix sum;
        sum.add(first);
        sum.add(second);
        QCOMPARE(sum.total(), 4);
        QCOMPARE(sum.at(slotOf(sum, 1), slotOf(sum, 1)), 2);
        QCOMPARE(sum.at(slotOf(sum, 77), slotOf(sum, 88)), 1);
        QCOMPARE(sum.at(slotOf(sum, 88), slotOf(sum, 77)), 1);
        QCOMPARE(sum.classes.at(slotOf(sum, 77)).name, u"unknown (77)"_s);
        QVERIFY(sum.classes.at(0).isBackground());
    }

    void differenceOverlayColoursEachKind() {
        // agree car, missed car, extra person, confused car->person, background
        const LabelOverlay ref = overlay(5, 1, {5, 5, 0, 5, 0}, {{5, 1}});
        const LabelOverlay cand = overlay(5, 1, {5, 0, 7, 7, 0}, {{5, 1}, {7, 2}});
        const LabelComparison c(ref, cand, CompareClasses(task()));
        DifferenceOptions options;
        options.format = OverlayFormat::Straight;
        options.agreeOpacity = 0.2;
        options.dimmedOpacity = 0.2;
        options.opacity = 1.0;
        const QImage image = c.differenceOverlay(options);
        QCOMPARE(image.size(), QSize(5, 1));
        const auto rgb = [&](int x) {
            return QColor::fromRgba(image.pixel(x, 0));
        };
        QCOMPARE(rgb(0).rgb(), DifferenceOptions::agreeColor().rgb()); // greyed, not red
        QCOMPARE(rgb(0).alpha(), 51);
        QCOMPARE(rgb(1), DifferenceOptions::missedColor());
        QCOMPARE(rgb(2), DifferenceOptions::extraColor());
        QCOMPARE(rgb(3), DifferenceOptions::confusedColor());
        QCOMPARE(rgb(4).alpha(), 0);
        // highlighting person leaves only the disagreement involving it strong
        options.highlightedSlot = c.matrix().classes.find(2);
        const QImage highlighted = c.differenceOverlay(options);
        QCOMPARE(qAlpha(highlighted.pixel(1, 0)), 51); // missed car: dimmed
        QCOMPARE(qAlpha(highlighted.pixel(2, 0)), 255);
        QCOMPARE(qAlpha(highlighted.pixel(3, 0)), 255);
    }

    void vectorLabelsRasteriseToTheirPixels() {
        LabelAttributes shapes;
        Annotation box = annotation(3, 1);
        box.type = u"bbox"_s;
        box.points = {QPointF(0, 0), QPointF(2, 2)};
        Annotation polygon = annotation(4, 2);
        polygon.type = u"polygon"_s;
        polygon.points = {QPointF(4, 0), QPointF(8, 0), QPointF(8, 4), QPointF(4, 4)};
        Annotation point = annotation(5, 3);
        point.type = u"point"_s;
        point.points = {QPointF(1, 5)};
        shapes.annotations = {box, polygon, point};
        const InstanceBitmap bitmap = rasterizeVectorLabel(shapes, QSize(10, 6));
        QCOMPARE(bitmap.size(), QSize(10, 6));
        QHash<quint32, int> pixels;
        for (quint32 id : bitmap.ids)
            pixels[id] += 1;
        QCOMPARE(pixels.value(3), 4);
        QCOMPARE(pixels.value(4), 16);
        QCOMPARE(pixels.value(5), 0); // a point has no area
        QCOMPARE(bitmap.idAt(1, 1), 3u);
        QCOMPARE(bitmap.idAt(2, 2), 0u);
        QVERIFY(rasterizeVectorLabel(shapes, QSize()).isNull());

        // the rasterised boxes compare like a bitmap label
        const LabelOverlay vector(bitmap, shapes, task());
        const LabelComparison c(vector, vector, CompareClasses(task()));
        QCOMPARE(c.matrix().meanIoU(), 1.0);
        QCOMPARE(c.matrix().at(1, 1), 4);
    }
};

SEGSCOPE_TEST_MAIN(TestLabelComparison)
#include "tst_labelcomparison.moc"
