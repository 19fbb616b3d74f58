// The evaluation panel offscreen on hand-made results: the heat map's cell under a point and
// its tooltip, many categories scrolling, a cell's samples by pixels, the list driving the
// viewer, bars and histogram from the matrix, the figures and the badges' scores. A whole run
// in the main window is tst_evaluationwindow.
#include "support/testmain.h"

#include "browse/sampledelegate.h"
#include "compare/evaluationheatmap.h"
#include "compare/evaluationhistogram.h"
#include "compare/evaluationioubars.h"
#include "compare/evaluationpanel.h"

#include <QApplication>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolTip>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace segscope;
using evaluate::ConfusionEntry;
using evaluate::SampleEvaluation;
using labels::BackgroundCategory;

namespace {

constexpr qint64 kCar = 1;
constexpr qint64 kPerson = 2;
constexpr qint64 kRoad = 3;
constexpr qint64 kBicycle = 4; //!< defined, never used: not shown

labels::CompareClasses testClasses() {
    wire::TaskAttributes task;
    task.categories = {
        {kCar, u"car"_s, QColor(0, 114, 178), false, {}},
        {kPerson, u"person with a rather long category name"_s, QColor(230, 159, 0), false, {}},
        {kRoad, u"road"_s, QColor(0, 158, 115), false, {}},
        {kBicycle, u"bicycle"_s, QColor(204, 121, 167), false, {}}};
    return labels::CompareClasses(task);
}

SampleEvaluation sample(const QString &name, double meanIoU, std::vector<ConfusionEntry> entries,
                        SampleEvaluation::Presence presence = SampleEvaluation::Presence::Both) {
    SampleEvaluation s;
    s.uuid = u"uuid-"_s + name;
    s.name = name;
    s.presence = presence;
    s.meanIoU = meanIoU;
    s.confusion = std::move(entries);
    return s;
}

//! Three compared samples with known confusions, one without a category in either label and
//! one missing its candidate; the dataset matrix is their sum.
ui::EvaluationResults testResults() {
    constexpr qint64 Bg = BackgroundCategory;
    std::vector<SampleEvaluation> samples{
        sample(u"a.png"_s, 0.91,
               {{Bg, Bg, 600},
                {kCar, kCar, 300},
                {kCar, Bg, 20},
                {kRoad, kRoad, 500},
                {Bg, kRoad, 30}}),
        sample(u"b.png"_s, 0.42,
               {{Bg, Bg, 300},
                {kCar, kCar, 80},
                {kCar, Bg, 70},
                {kCar, kPerson, 20},
                {kPerson, kPerson, 200},
                {kPerson, Bg, 10}}),
        sample(u"c.png"_s, 0.75,
               {{Bg, Bg, 100},
                {kCar, kCar, 50},
                {kCar, Bg, 10},
                {Bg, kCar, 50},
                {kRoad, kRoad, 300},
                {kRoad, Bg, 40}}),
        sample(u"d.png"_s, 0, {}, SampleEvaluation::Presence::ReferenceOnly),
        sample(u"e.png"_s, std::nan(""), {{Bg, Bg, 1000}}),
    };
    labels::ConfusionMatrix matrix;
    matrix.classes = testClasses();
    const int n = matrix.classes.count();
    matrix.counts.assign(size_t(n * n), 0);
    for (const SampleEvaluation &s : samples) {
        for (const ConfusionEntry &e : s.confusion)
            matrix.counts[size_t(matrix.classes.find(e.reference) * n +
                                 matrix.classes.find(e.candidate))] += e.pixels;
    }
    return ui::EvaluationResults(std::move(matrix), std::move(samples));
}

QStringList listedNames(const QTreeWidget *list) {
    QStringList names;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        names.append(list->topLevelItem(i)->text(0));
    return names;
}

} // namespace

class TestEvaluationPanel : public QObject {
    Q_OBJECT

private slots:
    void heatMapCellUnderAPoint();
    void manyCategoriesScroll();
    void clickingACellListsItsSamplesByPixels();
    void barsAndHistogramFromTheMatrix();
    void figuresAndBadgeScores();
};

void TestEvaluationPanel::heatMapCellUnderAPoint() {
    const ui::EvaluationResults results = testResults();
    ui::EvaluationHeatMap map;
    map.resize(640, 520);
    map.setMatrix(results.matrix());
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    // Background and the three categories in use; the unused bicycle is left out.
    QCOMPARE(map.shownSlots(), (QList<int>{0, 1, 2, 3}));
    for (int r : map.shownSlots()) {
        for (int c : map.shownSlots()) {
            const QRect cell = map.cellRect(r, c);
            QVERIFY(!cell.isEmpty());
            QVERIFY2(map.rect().contains(cell), "a cell is cut by the widget's edge");
            QCOMPARE(map.cellAt(cell.center()), std::make_pair(r, c));
            QCOMPARE(map.cellAt(cell.topLeft()), std::make_pair(r, c));
            QCOMPARE(map.cellAt(cell.bottomRight()), std::make_pair(r, c));
        }
    }
    // Outside the cells: the names' margins and beyond the last cell.
    QCOMPARE(map.cellAt(QPoint(2, 2)), std::make_pair(-1, -1));
    QCOMPARE(map.cellAt(map.cellRect(3, 3).bottomRight() + QPoint(2, 2)), std::make_pair(-1, -1));
    // Row-normalised: car (slot 1) has 430 + 100 + 20 pixels, 100 of them read as background.
    QCOMPARE(map.rowShare(1, 0), 100.0 / 550.0);
    QCOMPARE(map.rowShare(1, 1) + map.rowShare(1, 0) + map.rowShare(1, 2), 1.0);
    QCOMPARE(map.rowShare(4, 4), 0.0);
    // Hovering a cell tells its pixels and its share of the row.
    const QPoint carAsBackground = map.cellRect(1, 0).center();
    QHelpEvent help(QEvent::ToolTip, carAsBackground, map.mapToGlobal(carAsBackground));
    QApplication::sendEvent(&map, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(u"Reference: car"_s) &&
                 QToolTip::text().contains(u"Candidate: background"_s) &&
                 QToolTip::text().contains(u"100 pixels"_s) &&
                 QToolTip::text().contains(QLocale().toString(100.0 * 100 / 550, 'f', 2)),
             qPrintable(QToolTip::text()));
    QToolTip::hideText();
    // Painted by row share: a full-looking cell differs from an empty one in the picture.
    const QImage picture = map.grab().toImage();
    QVERIFY(picture.pixelColor(map.cellRect(1, 1).center() +
                               QPoint(0, map.cellRect(1, 1).height() / 3)) !=
            picture.pixelColor(map.cellRect(1, 3).center() +
                               QPoint(0, map.cellRect(1, 3).height() / 3)));
}

void TestEvaluationPanel::manyCategoriesScroll() {
    // 40 categories in a narrow panel: the cells keep a usable size and the heat map scrolls
    // rather than squeezing them to nothing; the cell under a point is still the right one.
    wire::TaskAttributes task;
    for (int i = 1; i <= 40; ++i)
        task.categories.append({i, u"category number %1"_s.arg(i), std::nullopt, false, {}});
    labels::ConfusionMatrix matrix;
    matrix.classes = labels::CompareClasses(task);
    const int n = matrix.classes.count();
    matrix.counts.assign(size_t(n * n), 0);
    for (int i = 0; i < n; ++i) {
        matrix.counts[size_t(i * n + i)] = 100;
        matrix.counts[size_t(i * n + (i + 1) % n)] = 10;
    }
    ui::EvaluationPanel panel;
    panel.resize(420, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.showResults(ui::EvaluationResults(matrix, {}));
    auto *map = panel.findChild<ui::EvaluationHeatMap *>(u"evaluationHeatMap"_s);
    QCOMPARE(map->shownSlots().size(), 41);
    QTRY_VERIFY(map->isVisible());
    // (The scroll area lays the heat map out again once told its new size.)
    QTRY_VERIFY(map->height() >= map->minimumSizeHint().height());
    const QRect last = map->cellRect(40, 40);
    QVERIFY(last.width() >= 10);
    QVERIFY2(map->rect().contains(last), "the last cell is outside the scrolled heat map");
    QCOMPARE(map->cellAt(last.center()), std::make_pair(40, 40));
    QCOMPARE(map->cellAt(map->cellRect(39, 40).center()), std::make_pair(39, 40));
    auto *area = qobject_cast<QScrollArea *>(map->parentWidget()->parentWidget());
    QVERIFY(area);
    QVERIFY(area->verticalScrollBar()->maximum() > 0);
    // The widest name is elided within its margin (the tooltip has it whole).
    QVERIFY(map->cellRect(0, 0).left() < map->width() / 2);
}

void TestEvaluationPanel::clickingACellListsItsSamplesByPixels() {
    ui::EvaluationPanel panel;
    panel.resize(520, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy scores(&panel, &ui::EvaluationPanel::scoresChanged);
    panel.showResults(testResults(), 2);
    auto *list = panel.findChild<QTreeWidget *>(u"evaluationSamples"_s);
    auto *caption = panel.findChild<QLabel *>(u"evaluationListCaption"_s);
    auto *map = panel.findChild<ui::EvaluationHeatMap *>(u"evaluationHeatMap"_s);
    QVERIFY(list && caption && map);
    // At first: every sample with a mean IoU, worst first (the one without categories and the
    // one missing a label are not ranked).
    QCOMPARE(listedNames(list), (QStringList{u"b.png"_s, u"c.png"_s, u"a.png"_s}));
    QCOMPARE(list->topLevelItem(0)->text(2), u"0.420"_s);

    // The reference's car read as background: b 70 pixels, a 20, c 10.
    QTRY_VERIFY(map->isVisible() && !map->cellRect(1, 0).isEmpty());
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(1, 0).center());
    QCOMPARE(map->selectedCell(), std::make_pair(1, 0));
    QCOMPARE(listedNames(list), (QStringList{u"b.png"_s, u"a.png"_s, u"c.png"_s}));
    QCOMPARE(list->topLevelItem(0)->text(1), QLocale().toString(70));
    QCOMPARE(list->topLevelItem(2)->text(1), QLocale().toString(10));
    QVERIFY2(caption->text().contains(u"car"_s) && caption->text().contains(u"background"_s),
             qPrintable(caption->text()));
    // Car read as person: only b.
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(1, 2).center());
    QCOMPARE(listedNames(list), QStringList{u"b.png"_s});
    // Background read as car: only c.
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(0, 1).center());
    QCOMPARE(listedNames(list), QStringList{u"c.png"_s});

    // A click shows the sample; Enter opens it (the grid's two paths).
    QSignalSpy selected(&panel, &ui::EvaluationPanel::sampleSelected);
    QSignalSpy activated(&panel, &ui::EvaluationPanel::sampleActivated);
    const QRect first = list->visualItemRect(list->topLevelItem(0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, first.center());
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), u"uuid-c.png"_s);
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), u"uuid-c.png"_s);

    // Back to all, worst first.
    auto *showAll = panel.findChild<QWidget *>(u"evaluationShowAll"_s);
    QVERIFY(showAll->isVisible());
    QTest::mouseClick(showAll, Qt::LeftButton);
    QCOMPARE(listedNames(list), (QStringList{u"b.png"_s, u"c.png"_s, u"a.png"_s}));
    QCOMPARE(map->selectedCell(), std::make_pair(-1, -1));
    QVERIFY(!scores.isEmpty());
    // The worst samples are walked with the keys, each shown as it becomes current; a click on
    // the current one shows it again (once per click).
    selected.clear();
    list->setFocus();
    list->setCurrentItem(list->topLevelItem(0));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(selected.size(), 2);
    QCOMPARE(selected.at(1).at(0).toString(), u"uuid-c.png"_s);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->topLevelItem(1)).center());
    QCOMPARE(selected.size(), 3);
    QCOMPARE(selected.at(2).at(0).toString(), u"uuid-c.png"_s);
}

void TestEvaluationPanel::barsAndHistogramFromTheMatrix() {
    const ui::EvaluationResults results = testResults();
    const labels::ConfusionMatrix &m = results.matrix();
    ui::EvaluationIoUBars bars;
    bars.setMatrix(m);
    // One bar per category in use, each the IoU the matrix gives: TP / (TP + FP + FN).
    QCOMPARE(bars.bars().size(), 3);
    double previous = -1;
    for (const ui::EvaluationIoUBars::Bar &bar : bars.bars()) {
        const int s = bar.slot;
        qint64 row = 0;
        qint64 column = 0;
        for (int i = 0; i < m.classes.count(); ++i) {
            row += m.at(s, i);
            column += m.at(i, s);
        }
        const qint64 tp = m.at(s, s);
        QCOMPARE(bar.iou, double(tp) / double(row + column - tp));
        QCOMPARE(bar.color, m.classes.at(s).color);
        QVERIFY(bar.iou >= previous); // worst first
        previous = bar.iou;
    }
    // car: 430 agree, 120 missed or confused, 50 extra.
    const auto car = std::find_if(bars.bars().cbegin(), bars.bars().cend(),
                                  [](const auto &b) { return b.name == u"car"_s; });
    QVERIFY(car != bars.bars().cend());
    QCOMPARE(car->iou, 430.0 / 600.0);
    // Hovering car's bar tells its precision (430 of 480 predicted) and recall (430 of 550).
    bars.resize(400, bars.sizeHint().height());
    bars.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bars));
    const int carRow = int(car - bars.bars().cbegin());
    // Rows of a line and 8 px each, under a 6 px margin: a point inside car's row.
    const int rowHeight = bars.fontMetrics().height() + 8;
    const QPoint onCar(200, 6 + carRow * rowHeight + rowHeight / 2);
    QCOMPARE(bars.barAt(onCar), carRow);
    QHelpEvent help(QEvent::ToolTip, onCar, bars.mapToGlobal(onCar));
    QApplication::sendEvent(&bars, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(u"precision 0.896"_s) &&
                 QToolTip::text().contains(u"recall 0.782"_s),
             qPrintable(QToolTip::text()));
    QToolTip::hideText();

    // The histogram: a (0.91) in the last bin, b (0.42) in the fifth, c (0.75) in the eighth;
    // e (no category) and d (no candidate) are not counted.
    ui::EvaluationPanel panel;
    panel.resize(520, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.showResults(results);
    auto *histogram = panel.findChild<ui::EvaluationHistogram *>(u"evaluationHistogram"_s);
    QVERIFY(histogram);
    QCOMPARE(histogram->counts(), (QList<int>{0, 0, 0, 0, 1, 0, 0, 1, 0, 1}));
    QCOMPARE(ui::EvaluationResults::binOf(1.0), 9);
    QCOMPARE(ui::EvaluationResults::binOf(0.0), 0);
    panel.findChild<QTabWidget *>(u"evaluationCharts"_s)->setCurrentIndex(2);
    QTRY_VERIFY(histogram->isVisible());
    QCOMPARE(histogram->binAt(histogram->binRect(7).center()), 7);
    QTest::mouseClick(histogram, Qt::LeftButton, {}, histogram->binRect(7).center());
    auto *list = panel.findChild<QTreeWidget *>(u"evaluationSamples"_s);
    QCOMPARE(listedNames(list), QStringList{u"c.png"_s});
    QTest::mouseClick(histogram, Qt::LeftButton, {}, histogram->binRect(0).center());
    QCOMPARE(list->topLevelItemCount(), 0);
}

void TestEvaluationPanel::figuresAndBadgeScores() {
    const ui::EvaluationResults results = testResults();
    ui::EvaluationPanel panel;
    QSignalSpy scores(&panel, &ui::EvaluationPanel::scoresChanged);
    panel.showResults(results, 2);
    const labels::ConfusionMatrix &m = results.matrix();
    qint64 diagonal = 0;
    for (int i = 0; i < m.classes.count(); ++i)
        diagonal += m.at(i, i);
    const double accuracy = double(diagonal) / double(m.total());
    QCOMPARE(panel.findChild<QLabel *>(u"pixelAccuracyValue"_s)->text(),
             QLocale().toString(accuracy * 100, 'f', 1) + u" %"_s);
    QCOMPARE(panel.findChild<QLabel *>(u"meanIoUValue"_s)->text(),
             QString::number(m.meanIoU(), 'f', 3));
    // Both: a, b, c, e; one label: d; neither: none.
    QCOMPARE(panel.findChild<QLabel *>(u"presenceValue"_s)->text(), u"4 / 1 / 0"_s);
    QCOMPARE(panel.findChild<QLabel *>(u"cachedValue"_s)->text(), u"2"_s);
    QCOMPARE(scores.size(), 1);
    const auto byUuid = scores.at(0).at(0).value<QHash<QString, double>>();
    QCOMPARE(byUuid.size(), 3);
    QCOMPARE(byUuid.value(u"uuid-b.png"_s), 0.42);
    QCOMPARE(ui::SampleDelegate::scoreText(0.734), u"IoU 0.73"_s);
    // No results: the badges go.
    panel.showResults({});
    QCOMPARE(scores.size(), 2);
    const auto none = scores.at(1).at(0).value<QHash<QString, double>>();
    QVERIFY(none.isEmpty());
    QCOMPARE(panel.findChild<QLabel *>(u"meanIoUValue"_s)->text(), u"—"_s);
}

SEGSCOPE_GUI_TEST_MAIN(TestEvaluationPanel)
#include "tst_evaluationpanel.moc"
