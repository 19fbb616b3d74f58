// Comparing two labelsets of one sample in the detail pane (issue 14), offscreen against
// segscope-server in-process with the demo's ground-truth and predictions: the difference view
// and its counts, the views keeping zoom and centre, side by side locked, the swipe divider, the
// toggle key, a missing or resized candidate, the hover readout and a highlighted category.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the difference, swipe and side-by-side views
// at 1366x768 and 1920x1080 in both themes there.
#include "support/detailharness.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "compare/comparecontroller.h"
#include "compare/comparefigurespanel.h"
#include "compare/differencelegend.h"
#include "labels/vectorshapes.h"
#include "models/samplelistmodel.h"
#include "shell/theme.h"

#include <QBuffer>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace segscope;
using View = ui::CompareController::View;

namespace {

QByteArray pngBytes(const QImage &image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestCompareView : public QObject, public test::DetailHarness {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }
    void init();
    void cleanup();
    void differenceCountsAreTheEngines();
    void referenceIsGroundTruth();
    void vectorLabelsCompareRasterised();
    void viewsKeepZoomAndCentre();
    void prefetchedPairShowsAtOnce();
    void sideBySideLocksPans();
    void swipeDividerDrag();
    void toggleKeyFlips();
    void missingCandidateSaysSo();
    void resizedCandidateIsADefect();
    void hoverReadsBoth();
    void highlightedCategoryChangesTheOverlay();
    void screenshotsAtScreenSizes();

private:
    ui::CompareController *compare() const { return m_pane->compare(); }
    //! Turns compare on in `view` and waits until the pair is on screen.
    bool compareIn(View view);
    //! Samples of street-scenes with a ground-truth bitmap and with (or without) a predictions
    //! label.
    QStringList samplesWithPredictions(bool with, int count);
    QPointF centreOf(ui::ImageCanvas *canvas) const {
        return canvas->imagePointAt(QRectF(canvas->viewport()->rect()).center());
    }
};

void TestCompareView::init() {
    newPane();
    // Compare starts off in every session; the test asks for its view each time.
    QVERIFY(!compare()->isOn());
}

void TestCompareView::cleanup() {
    closePane();
}

bool TestCompareView::compareIn(View view) {
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    compare()->setView(view);
    if (!shown.wait(15000))
        return false;
    const auto sample = m_pane->loadedSample();
    return sample && sample->comparison && overlaySettled();
}

QStringList TestCompareView::samplesWithPredictions(bool with, int count) {
    QStringList out;
    const test::HttpResult all = m_fixture.http.get(
        u"/datasets/demo/street-scenes/samples/?labelset=ground-truth&per_page=100"_s, m_key);
    for (const QJsonValue &v : all.array()) {
        const QString uuid = v["uuid"_L1].toString();
        const QString status = v["label"_L1]["label_status"_L1].toString();
        if (status != "LABELED"_L1 && status != "PRELABELED"_L1 && status != "REVIEWED"_L1)
            continue; // a reference with a bitmap
        const bool has =
            m_fixture.http.get(u"/labels/%1/predictions/"_s.arg(uuid), m_key).status == 200;
        if (has == with)
            out.append(uuid);
        if (out.size() == count)
            break;
    }
    return out;
}

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

void TestCompareView::referenceIsGroundTruth() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    // Predictions shown, then compare on: ground truth becomes the reference, predictions the
    // candidate, told to the window as the user's choice.
    m_pane->setLabelset(u"predictions"_s);
    QVERIFY(show(samplesWithPredictions(true, 1).first()));
    QSignalSpy changed(m_pane.get(), &ui::DetailPane::labelsetChanged);
    QVERIFY(compareIn(View::Difference));
    QCOMPARE(m_pane->labelset(), u"ground-truth"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(compare()->candidate(), u"predictions"_s);
    QCOMPARE(m_pane->loadedSample()->comparison->candidateLabelset, u"predictions"_s);
    // The reference box picking the candidate's labelset moves the candidate off it.
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    m_pane->setLabelset(u"predictions"_s);
    QCOMPARE(compare()->candidate(), u"ground-truth"_s);
    QVERIFY(shown.wait(15000));
    QCOMPARE(m_pane->loadedSample()->comparison->candidateLabelset, u"ground-truth"_s);
}

void TestCompareView::vectorLabelsCompareRasterised() {
    // A second labelset of boxes in the vector dataset: one box over the first ground-truth
    // shape's bounds, in the same category.
    const test::HttpResult created = m_fixture.http.post(
        u"/datasets/demo/street-shapes/labelsets/"_s,
        QJsonObject{{"name"_L1, "boxes"_L1}, {"description"_L1, "one box"_L1}}, m_key);
    QVERIFY2(created.status == 200 || created.status == 201, created.body.constData());
    SET_UP(openDataset(u"demo/street-shapes"_s));
    const test::HttpResult list = m_fixture.http.get(
        u"/datasets/demo/street-shapes/samples/?labelset=ground-truth&label_status=LABELED"
        "&per_page=1"_s,
        m_key);
    QCOMPARE(list.array().size(), 1);
    const QString uuid = list.array().first()["uuid"_L1].toString();
    QVERIFY(show(uuid));
    const wire::LabelAttributes &truth = m_pane->loadedSample()->shownLabel();
    QVERIFY(!truth.annotations.isEmpty());
    const wire::Annotation &first = truth.annotations.first();
    const QRectF bounds = labels::vectorBounds(first);
    const QJsonObject attributes{
        {"format_version"_L1, "0.1"_L1},
        {"annotations"_L1,
         QJsonArray{
             QJsonObject{{"id"_L1, 1},
                         {"category_id"_L1, first.categoryId},
                         {"type"_L1, "bbox"_L1},
                         {"points"_L1, QJsonArray{QJsonArray{bounds.left(), bounds.top()},
                                                  QJsonArray{bounds.right(), bounds.bottom()}}}}}}};
    const test::HttpResult put = m_fixture.http.put(
        u"/labels/%1/boxes/"_s.arg(uuid),
        QJsonObject{{"attributes"_L1, attributes}, {"label_status"_L1, "PRELABELED"_L1}}, m_key);
    QVERIFY2(put.status == 200 || put.status == 201, put.body.constData());

    QVERIFY(compareIn(View::Difference));
    const auto sample = m_pane->loadedSample();
    QCOMPARE(sample->comparison->candidateLabelset, u"boxes"_s);
    // Neither label has a bitmap: both rasterised at the image size, then compared.
    QVERIFY(!sample->overlay);
    QVERIFY(sample->comparison->reference && sample->comparison->candidate);
    QCOMPARE(sample->comparison->reference->index().size(), sample->image.size());
    QCOMPARE(sample->comparison->candidate->index().size(), sample->image.size());
    const auto &comparison = *sample->comparison->comparison;
    // Inside the box, the candidate says the category; the figures include it.
    const QPoint centre = bounds.center().toPoint();
    const auto [ref, cand] = comparison.slotsAt(centre.x(), centre.y());
    QVERIFY(ref >= 0);
    QCOMPARE(comparison.matrix().classes.at(cand).categoryId, first.categoryId);
    QVERIFY(comparison.matrix().agreementCounts()[size_t(labels::PixelAgreement::Agree)] > 0);
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Difference);
    QCOMPARE(canvas()->difference().size(), sample->image.size());
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

void TestCompareView::missingCandidateSaysSo() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QStringList without = samplesWithPredictions(false, 1);
    QCOMPARE(without.size(), 1);
    QVERIFY(show(without.first()));
    QVERIFY(compareIn(View::Difference));
    const auto sample = m_pane->loadedSample();
    QVERIFY(!sample->comparison->candidateLabel);
    QVERIFY(!sample->comparison->comparison);
    auto *notice = m_pane->findChild<QLabel *>(u"labelNotice"_s);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), u"No label in ‘predictions’ for this sample: showing ground-truth"_s);
    // The reference is shown alone, as usual.
    QCOMPARE(canvas()->compareView(), ui::ImageCanvas::CompareView::Off);
    QVERIFY(!canvas()->overlayImage().isNull());
    QVERIFY(canvas()->candidateImage().isNull());
    QVERIFY(m_pane->findChild<QLabel *>(u"comparePlaceholder"_s)->isVisible() ||
            m_pane->findChild<QTabWidget *>(u"detailTabs"_s)->currentIndex() != 4);
}

void TestCompareView::resizedCandidateIsADefect() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    // A predictions label at half the size for a sample that had none.
    const QStringList without = samplesWithPredictions(false, 2);
    QCOMPARE(without.size(), 2);
    const QString uuid = without.at(1);
    QVERIFY(show(uuid));
    const QSize size = m_pane->loadedSample()->image.size();
    QImage bitmap(size / 2, QImage::Format_RGBA8888);
    bitmap.fill(QColor(0, 0, 0, 255));
    for (int y = 0; y < bitmap.height() / 2; ++y)
        for (int x = 0; x < bitmap.width(); ++x)
            bitmap.setPixelColor(x, y, QColor(1, 0, 0, 255));
    const QJsonObject asset =
        test::uploadAsset(m_fixture.http, m_key, u"half.png"_s, pngBytes(bitmap));
    QVERIFY(!asset.isEmpty());
    const qint64 category = m_dataset.taskAttributes->categories.first().id;
    const QJsonObject attributes{
        {"format_version"_L1, "0.1"_L1},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, category}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, asset["url"_L1]}}}};
    const test::HttpResult put = m_fixture.http.put(
        u"/labels/%1/predictions/"_s.arg(uuid),
        QJsonObject{{"attributes"_L1, attributes}, {"label_status"_L1, "PRELABELED"_L1}}, m_key);
    QVERIFY2(put.status == 200 || put.status == 201, put.body.constData());

    QVERIFY(compareIn(View::Difference));
    const auto sample = m_pane->loadedSample();
    QVERIFY(sample->comparison->comparison);
    QCOMPARE(sample->comparison->comparison->size(), size);
    QCOMPARE(sample->comparison->comparison->defects().size(), 1);
    // In the Defects tab and over the view.
    auto *defects = m_pane->findChild<QListWidget *>(u"defectList"_s);
    QStringList lines;
    for (int i = 0; i < defects->count(); ++i)
        lines.append(defects->item(i)->text());
    QVERIFY2(lines.filter(u"resized"_s).size() == 1, qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.filter(u"predictions"_s).size() == 1, qPrintable(lines.join(u'\n')));
    auto *notice = m_pane->findChild<QLabel *>(u"labelNotice"_s);
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(u"resized"_s), qPrintable(notice->text()));
    // The candidate's top half is category 1 everywhere: the reference's top rows compare with
    // it, read at half the coordinates.
    const QPoint at(size.width() - 2, 2);
    const auto [ref, cand] = sample->comparison->comparison->slotsAt(at.x(), at.y());
    QVERIFY(ref >= 0);
    QCOMPARE(sample->comparison->comparison->matrix().classes.at(cand).categoryId, category);
    QCOMPARE(compare()->describe(at).contains(u"(at %1, 1)"_s.arg((size.width() - 2) / 2)), true);
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

void TestCompareView::screenshotsAtScreenSizes() {
    // The pane beside the sample browser, as in the window: the compare controls fit in the
    // header at both sizes, in both themes.
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QString uuid = samplesWithPredictions(true, 1).first();
    const wire::Dataset dataset = m_dataset;
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            QSplitter window;
            auto *browser = new ui::SampleBrowser(&window);
            auto *pane = new ui::DetailPane(&window);
            window.addWidget(browser);
            window.addWidget(pane);
            window.resize(size);
            window.setSizes({size.width() * 2 / 5, size.width() * 3 / 5});
            browser->setClient(m_client.get());
            pane->setClient(m_client.get());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            browser->showDataset(dataset);
            pane->setDataset(dataset);
            pane->setLabelset(u"ground-truth"_s);
            QSignalSpy shown(pane, &ui::DetailPane::sampleShown);
            pane->compare()->setView(View::Difference);
            pane->showSample(uuid);
            QVERIFY(shown.wait(15000));
            QVERIFY(pane->loadedSample()->comparison);
            pane->findChild<QTabWidget *>(u"detailTabs"_s)->setCurrentIndex(4);
            QTRY_VERIFY(!pane->canvas()->overlayPending());
            // Every compare control shows its whole text.
            for (const char *name : {"compareViewBox", "candidateBox", "labelsetBox"}) {
                auto *box = pane->findChild<QComboBox *>(QString::fromLatin1(name));
                QVERIFY2(box->isVisible() && box->width() >= box->sizeHint().width(), name);
            }
            const QString suffix = u"%1x%2-%3"_s.arg(size.width())
                                       .arg(size.height())
                                       .arg(QString::fromLatin1(themeName).toLower());
            const auto keep = [&](const QString &name) {
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                if (!dir.isEmpty())
                    window.grab().save(dir + u"/compare-"_s + name + u'-' + suffix + u".png"_s);
            };
            keep(u"difference"_s);
            pane->compare()->setView(View::Swipe);
            pane->canvas()->setSwipePosition(0.6);
            keep(u"swipe"_s);
            pane->compare()->setView(View::SideBySide);
            QTRY_VERIFY(pane->compare()->sideCanvas()->isVisible() &&
                        !pane->compare()->sideCanvas()->overlayPending());
            keep(u"side"_s);
        }
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

SEGSCOPE_GUI_TEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
