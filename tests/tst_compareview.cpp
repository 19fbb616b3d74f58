// Comparing two labelsets of one sample in the detail pane (issue 14), offscreen against
// segscope-server in-process with the demo's ground-truth and predictions: the difference view
// and its counts as the engine has them, the views keeping zoom and centre, a prefetched pair,
// side by side locked, the swipe divider, the toggle key, the hover readout and a highlighted
// category. tst_comparepairs: which labels are compared, and the screenshots.
#include "support/compareharness.h"
#include "support/testmain.h"

#include "compare/comparefigurespanel.h"
#include "compare/differencelegend.h"

#include <QLabel>
#include <QLocale>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace segscope;

class TestCompareView : public QObject, public test::CompareHarness {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }
    void init() {
        newPane();
        // Compare starts off in every pane; each test asks for its view.
        QVERIFY(!compare()->isOn());
    }
    void cleanup() { closePane(); }
    void differenceCountsAreTheEngines();
    void viewsKeepZoomAndCentre();
    void prefetchedPairShowsAtOnce();
    void sideBySideLocksPans();
    void swipeDividerDrag();
    void toggleKeyFlips();
    void hoverReadsBoth();
    void highlightedCategoryChangesTheOverlay();
};

void TestCompareView::differenceCountsAreTheEngines() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QStringList pair = samplesWithPredictions(true, 1);
    QCOMPARE(pair.size(), 1);
    // The two labels loaded the ordinary way (compare off), to compare them here.
    m_pane->setLabelset(u"predictions"_s);
    QVERIFY(show(pair.first()));
    const auto candidate = m_pane->loadedSample()->overlay;
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    m_pane->setLabelset(u"ground-truth"_s);
    QVERIFY(shown.wait(15000));
    const auto reference = m_pane->loadedSample()->overlay;
    QVERIFY(reference && candidate);
    const labels::LabelComparison expected(*reference, *candidate,
                                           labels::CompareClasses(*m_dataset.taskAttributes));

    QVERIFY(compareIn(View::Difference));
    const auto sample = m_pane->loadedSample();
    QCOMPARE(sample->comparison->candidateLabelset, u"predictions"_s);
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Difference);
    QVERIFY(!canvas()->difference().isNull());
    QCOMPARE(canvas()->difference().size(), canvas()->contentSize());
    QCOMPARE(m_pane->findChild<QLabel *>(u"labelsetLabel"_s)->text(), u"Reference"_s);
    QVERIFY(m_pane->findChild<QWidget *>(u"compareBar"_s)->isVisible());
    QVERIFY(compare()->legend()->isVisible());

    // The legend's four counts are the engine's, each with its share of the image.
    const std::array<qint64, 5> counts = expected.matrix().agreementCounts();
    QCOMPARE(sample->comparison->comparison->matrix().agreementCounts(), counts);
    const qint64 total = expected.matrix().total();
    QCOMPARE(total, qint64(canvas()->contentSize().width()) * canvas()->contentSize().height());
    const QLocale locale;
    for (const auto kind : {labels::PixelAgreement::Agree, labels::PixelAgreement::Missed,
                            labels::PixelAgreement::Extra, labels::PixelAgreement::Confused}) {
        const qint64 n = counts[size_t(kind)];
        const QString text = compare()->legend()->entryText(kind);
        QVERIFY2(text.contains(u' ' + locale.toString(n) + u" ("_s), qPrintable(text));
        QVERIFY2(text.contains(locale.toString(100.0 * double(n) / double(total), 'f', 1)),
                 qPrintable(text));
    }
    QVERIFY(counts[size_t(labels::PixelAgreement::Agree)] > 0);
    QVERIFY(counts[size_t(labels::PixelAgreement::Missed)] +
                counts[size_t(labels::PixelAgreement::Extra)] +
                counts[size_t(labels::PixelAgreement::Confused)] >
            0); // predictions are imperfect

    // The Compare tab: accuracy and mean IoU as the engine has them, a row per category.
    const QString summary = compare()->figures()->summary();
    QVERIFY2(summary.contains(locale.toString(100 * expected.matrix().pixelAccuracy(), 'f', 1)),
             qPrintable(summary));
    QVERIFY2(summary.contains(locale.toString(100 * expected.matrix().meanIoU(), 'f', 1)),
             qPrintable(summary));
    auto *table = m_pane->findChild<QTreeWidget *>(u"compareTable"_s);
    QCOMPARE(table->topLevelItemCount(), int(expected.matrix().categoryFigures().size()));
    // Sorted by IoU, the worst first; sortable by another column.
    for (int i = 1; i < table->topLevelItemCount(); ++i)
        QVERIFY(table->topLevelItem(i - 1)->data(1, Qt::UserRole).toDouble() <=
                table->topLevelItem(i)->data(1, Qt::UserRole).toDouble());
    table->sortByColumn(4, Qt::DescendingOrder);
    for (int i = 1; i < table->topLevelItemCount(); ++i)
        QVERIFY(table->topLevelItem(i - 1)->data(4, Qt::UserRole).toDouble() >=
                table->topLevelItem(i)->data(4, Qt::UserRole).toDouble());

    // Off again: the ordinary view of the labelset, no difference drawn.
    QSignalSpy again(m_pane.get(), &ui::DetailPane::sampleShown);
    compare()->setView(View::Off);
    QVERIFY(again.wait(15000));
    QVERIFY(!m_pane->loadedSample()->comparison);
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Off);
    QVERIFY(!m_pane->findChild<QWidget *>(u"compareBar"_s)->isVisible());
}

void TestCompareView::viewsKeepZoomAndCentre() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QVERIFY(compareIn(View::Difference));
    canvas()->zoomToRect(QRectF(300, 200, 160, 120));
    const double zoom = canvas()->zoom();
    const QPointF before = centre();
    const auto sample = m_pane->loadedSample();
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    for (const View view : {View::Swipe, View::Toggle, View::SideBySide, View::Difference}) {
        compare()->setView(view);
        // Side by side halves the canvas: its centre pixel stays where it was.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(canvas()->zoom(), zoom);
        QVERIFY2(std::abs(centre().x() - before.x()) < 1.5 &&
                     std::abs(centre().y() - before.y()) < 1.5,
                 qPrintable(u"%1, %2"_s.arg(centre().x()).arg(centre().y())));
        // Switching is a repaint: nothing loads again, nothing colours again.
        QCOMPARE(m_pane->loadedSample(), sample);
        QVERIFY(!canvas()->overlayPending());
    }
    QCOMPARE(shown.size(), 0);
    // D cycles the views, through Off.
    auto *tabBar = m_pane->findChild<QTabWidget *>(u"detailTabs"_s)->tabBar();
    tabBar->setFocus();
    QTest::keyClick(tabBar, Qt::Key_D);
    QCOMPARE(compare()->view(), View::Swipe);
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Swipe);
    QTest::keyClick(tabBar, Qt::Key_D);
    QTest::keyClick(tabBar, Qt::Key_D);
    QCOMPARE(compare()->view(), View::SideBySide);
    QTest::keyClick(tabBar, Qt::Key_D);
    QCOMPARE(compare()->view(), View::Off);
    QVERIFY(shown.wait(15000)); // off loads the labelset alone
}

void TestCompareView::prefetchedPairShowsAtOnce() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QStringList two = samplesWithPredictions(true, 2);
    QCOMPARE(two.size(), 2);
    m_pane->setNeighbourLookup([&two](int delta) { return delta == 1 ? two.at(1) : QString(); });
    QVERIFY(show(two.at(0)));
    QVERIFY(compareIn(View::Difference));
    // The next sample is fetched and compared while this one is looked at.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_pane->loader()->isCached(two.at(1), u"ground-truth"_s, u"predictions"_s), 15000);
    // Stepping to it shows it on the next turn of the event loop, without the pause before a
    // load (120 ms) and without a download.
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    m_pane->showSample(two.at(1));
    QVERIFY(shown.wait(100));
    QVERIFY(m_pane->loadedSample()->comparison && m_pane->loadedSample()->comparison->comparison);
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Difference);
    m_pane->setNeighbourLookup({});
}

void TestCompareView::sideBySideLocksPans() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QVERIFY(compareIn(View::SideBySide));
    ui::ImageCanvas *side = compare()->sideCanvas();
    QTRY_VERIFY(side->isVisible());
    QCOMPARE(side->compareView(), ui::ImageCanvas::CompareView::Off);
    QTRY_VERIFY(!side->overlayPending() && !side->overlayImage().isNull());
    // The candidate's colouring on the right, the reference's on the left.
    QCOMPARE(canvas()->overlayImage().size(), side->overlayImage().size());
    QVERIFY(canvas()->overlayImage() != side->overlayImage());

    // Zooming the left zooms the right about the same pixel.
    canvas()->zoomToRect(QRectF(500, 300, 100, 80));
    QCOMPARE(side->zoom(), canvas()->zoom());
    QVERIFY(std::abs(centreOf(side).x() - 550) < 1.5 && std::abs(centreOf(side).y() - 340) < 1.5);
    // Dragging the right pans the left.
    const QPoint from = side->viewport()->rect().center();
    QTest::mousePress(side->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(side->viewport(), from + QPoint(-30, -10));
    QTest::mouseMove(side->viewport(), from + QPoint(-60, -20));
    QTest::mouseRelease(side->viewport(), Qt::LeftButton, {}, from + QPoint(-60, -20));
    const QPointF moved = centreOf(side);
    QVERIFY(moved.x() > 551); // the drag moved the view to the right of the image
    QVERIFY(std::abs(centreOf(canvas()).x() - moved.x()) < 1.5 &&
            std::abs(centreOf(canvas()).y() - moved.y()) < 1.5);
    QCOMPARE(canvas()->zoom(), side->zoom());
    // Fit on one fits both.
    canvas()->zoomToFit();
    QVERIFY(side->fitsView());
}

void TestCompareView::swipeDividerDrag() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QVERIFY(compareIn(View::Swipe));
    QVERIFY(!canvas()->candidateImage().isNull());
    const QRect view = canvas()->viewport()->rect();
    const QPointF point(view.width() * 0.75, view.height() / 2.0);
    QVERIFY(canvas()->candidateShownAt(point));
    QVERIFY(!canvas()->candidateShownAt(QPointF(view.width() * 0.25, point.y())));
    // Drag the divider from the middle to 90 %: the point is left of it, on the reference.
    const QPoint grip(view.width() / 2, view.height() / 2 + 40);
    const double zoom = canvas()->zoom();
    const QPointF before = centre();
    QSignalSpy moved(canvas(), &ui::ImageCanvas::swipeMoved);
    QTest::mousePress(canvas()->viewport(), Qt::LeftButton, {}, grip);
    QTest::mouseMove(canvas()->viewport(), grip + QPoint(view.width() / 5, 0));
    QTest::mouseMove(canvas()->viewport(), QPoint(int(view.width() * 0.9), grip.y()));
    QTest::mouseRelease(canvas()->viewport(), Qt::LeftButton, {},
                        QPoint(int(view.width() * 0.9), grip.y()));
    QVERIFY(moved.size() >= 2);
    QVERIFY(std::abs(canvas()->swipePosition() - 0.9) < 0.01);
    QVERIFY(!canvas()->candidateShownAt(point));
    // The drag moved the divider, not the view.
    QCOMPARE(canvas()->zoom(), zoom);
    QCOMPARE(centre(), before);
    // Where both overlays differ, the pixel drawn there changes sides with the divider.
    const QImage left = canvas()->viewport()->grab().toImage();
    canvas()->setSwipePosition(0.1);
    const QImage right = canvas()->viewport()->grab().toImage();
    QVERIFY(left != right);
}

void TestCompareView::toggleKeyFlips() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QVERIFY(compareIn(View::Toggle));
    auto *sides = m_pane->findChild<QLabel *>(u"compareSides"_s);
    QVERIFY(sides->isVisible());
    QVERIFY2(sides->text().startsWith(u"Showing ‘ground-truth’"_s), qPrintable(sides->text()));
    QVERIFY(!canvas()->candidateShown());
    const QImage reference = canvas()->viewport()->grab().toImage();
    m_pane->focusView();
    QTest::keyClick(canvas(), Qt::Key_T);
    QVERIFY(canvas()->candidateShown());
    QVERIFY2(sides->text().startsWith(u"Showing ‘predictions’"_s), qPrintable(sides->text()));
    QVERIFY(canvas()->viewport()->grab().toImage() != reference);
    QTest::keyClick(canvas(), Qt::Key_T);
    QVERIFY(!canvas()->candidateShown());
    QCOMPARE(canvas()->viewport()->grab().toImage(), reference);
}

void TestCompareView::hoverReadsBoth() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QVERIFY(compareIn(View::Difference));
    QPoint inside;
    const quint32 id = largestInstance(&inside);
    QVERIFY(id != 0 && inside.x() >= 0);
    // Zoomed so the instance's pixel is in view, then hovered.
    canvas()->zoomToRect(QRectF(inside, QSizeF(40, 40)));
    const QPoint at = canvas()->viewportPointOf(QPointF(inside) + QPointF(0.5, 0.5)).toPoint();
    QTest::mouseMove(canvas()->viewport(), at);
    // A pixel either way is still 8 px deep inside the instance.
    QTRY_VERIFY((canvas()->hoverPixel() - inside).manhattanLength() <= 2);
    inside = canvas()->hoverPixel();
    auto *readout = m_pane->findChild<QLabel *>(u"hoverReadout"_s);
    const QString text = readout->text();
    const auto sample = m_pane->loadedSample();
    const wire::Annotation *annotation = sample->overlay->label().annotation(id);
    const QString category =
        labels::categoryName(*m_dataset.taskAttributes, annotation->categoryId);
    QVERIFY2(text.contains(u"ground-truth: instance %1 %2"_s.arg(id).arg(category)),
             qPrintable(text));
    const labels::OverlayHit hit = sample->comparison->candidate->hitTest(inside.x(), inside.y());
    const QString candidate =
        hit.id == 0 ? u"predictions: background"_s
                    : u"predictions: instance %1 %2"_s.arg(hit.id).arg(labels::categoryName(
                          *m_dataset.taskAttributes, hit.annotation->categoryId));
    QVERIFY2(text.contains(candidate), qPrintable(text + u" / "_s + candidate));
    // And how they agree there.
    const auto agreement = sample->comparison->comparison->agreementAt(inside.x(), inside.y());
    QVERIFY2(text.endsWith(agreement == labels::PixelAgreement::Agree      ? u"agree"_s
                           : agreement == labels::PixelAgreement::Missed   ? u"missed"_s
                           : agreement == labels::PixelAgreement::Confused ? u"confused"_s
                                                                           : u"extra"_s),
             qPrintable(text));
    // The side canvas reads the same pixel.
    compare()->setView(View::SideBySide);
    QTRY_VERIFY(compare()->sideCanvas()->isVisible());
    QCOMPARE(compare()->sideCanvas()->zoom(), canvas()->zoom());
}

void TestCompareView::highlightedCategoryChangesTheOverlay() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QVERIFY(compareIn(View::Difference));
    const QImage all = canvas()->difference();
    QCOMPARE(all, m_pane->loadedSample()->comparison->difference);
    auto *table = m_pane->findChild<QTreeWidget *>(u"compareTable"_s);
    QVERIFY(table->topLevelItemCount() > 1);
    // The worst category (first by IoU) has disagreement to highlight.
    QSignalSpy rendered(compare(), &ui::CompareController::differenceRendered);
    table->topLevelItem(0)->setSelected(true);
    QVERIFY(rendered.wait(10000));
    const QImage highlighted = canvas()->difference();
    QCOMPARE(highlighted.size(), all.size());
    QVERIFY(highlighted != all);
    // Nothing selected: all disagreement again.
    table->clearSelection();
    QVERIFY(rendered.wait(10000));
    QCOMPARE(canvas()->difference(), all);
}

SEGSCOPE_GUI_TEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
