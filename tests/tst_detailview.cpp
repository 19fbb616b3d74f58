// The detail pane as a place to work (issue 13), offscreen against segscope-server in-process:
// the view kept across samples and labelsets, the labelset choice told to the window, the keys
// wherever the focus is in the pane, a click that only focuses, the hover readout following the
// view. tst_detailstates checks what it shows (outlines, colours, states, themes).
#include "support/detailharness.h"
#include "support/testmain.h"

#include "detail/labelpanels.h"
#include "detail/sampleinfoview.h"

#include <QLabel>
#include <QSlider>
#include <QTabBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace segscope;

class TestDetailView : public QObject, public test::DetailHarness {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }
    void init() { newPane(); }
    void cleanup() { closePane(); }
    void viewKeptAcrossLabelsetAndSample();
    void fitStateKept();
    void labelsetChangedOnUserChoiceOnly();
    void keysWorkWhereverTheFocusIs();
    void optionKeys();
    void clickToFocusSelectsNothing();
    void hoverReadoutFollowsTheView();
};

void TestDetailView::viewKeptAcrossLabelsetAndSample() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QStringList labeled = samplesWithStatus(u"LABELED"_s, 2);
    QCOMPARE(labeled.size(), 2);
    QVERIFY(show(labeled.at(0)));
    QVERIFY(canvas()->fitsView());

    // Zoomed in on a region off the centre of the image.
    canvas()->zoomToRect(QRectF(100, 80, 120, 90));
    QVERIFY(!canvas()->fitsView());
    const double zoom = canvas()->zoom();
    const QPointF before = centre();
    QVERIFY(std::abs(before.x() - 160) < 2 && std::abs(before.y() - 125) < 2);

    // Another labelset of the same sample: the same zoom and the same pixel in the middle.
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    m_pane->setLabelset(u"predictions"_s);
    QVERIFY(shown.wait(15000));
    QCOMPARE(m_pane->loadedSample()->labelset, u"predictions"_s);
    QCOMPARE(canvas()->zoom(), zoom);
    QVERIFY(!canvas()->fitsView());
    QVERIFY(std::abs(centre().x() - before.x()) < 1.5 && std::abs(centre().y() - before.y()) < 1.5);

    // The next sample: the same again (the demo's images all have one size).
    QVERIFY(show(labeled.at(1)));
    QCOMPARE(canvas()->contentSize(), m_pane->loadedSample()->image.size());
    QCOMPARE(canvas()->zoom(), zoom);
    QVERIFY(std::abs(centre().x() - before.x()) < 1.5 && std::abs(centre().y() - before.y()) < 1.5);
}

void TestDetailView::fitStateKept() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QStringList labeled = samplesWithStatus(u"LABELED"_s, 2);
    QCOMPARE(labeled.size(), 2);
    QVERIFY(show(labeled.at(0)));
    QVERIFY(canvas()->fitsView());
    const double fit = canvas()->zoom();
    QVERIFY(show(labeled.at(1)));
    QVERIFY(canvas()->fitsView());
    QCOMPARE(canvas()->zoom(), fit);

    // Zoomed, then F: fitting again, and the next sample fits too.
    QTest::keyClick(canvas(), Qt::Key_Plus);
    QVERIFY(canvas()->zoom() > fit);
    QVERIFY(!canvas()->fitsView());
    canvas()->setFocus();
    QTest::keyClick(canvas(), Qt::Key_F);
    QVERIFY(canvas()->fitsView());
    QCOMPARE(canvas()->zoom(), fit);
    QVERIFY(show(labeled.at(0)));
    QVERIFY(canvas()->fitsView());
    QCOMPARE(canvas()->zoom(), fit);
}

void TestDetailView::labelsetChangedOnUserChoiceOnly() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QSignalSpy changed(m_pane.get(), &ui::DetailPane::labelsetChanged);
    // From outside (the window linking the browser's choice): no signal back.
    m_pane->setLabelset(u"predictions"_s);
    QCOMPARE(m_pane->labelset(), u"predictions"_s);
    QCOMPARE(changed.size(), 0);

    // The user in the box: one signal with the new name.
    auto *box = m_pane->findChild<QComboBox *>(u"labelsetBox"_s);
    QVERIFY(box);
    const int gt = box->findText(u"ground-truth"_s);
    QVERIFY(gt >= 0);
    box->setCurrentIndex(gt);
    emit box->activated(gt);
    QCOMPARE(m_pane->labelset(), u"ground-truth"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), u"ground-truth"_s);
    // Choosing the one shown changes nothing.
    emit box->activated(gt);
    QCOMPARE(changed.size(), 1);
}

void TestDetailView::keysWorkWhereverTheFocusIs() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    const QStringList labeled = samplesWithStatus(u"LABELED"_s, 1);
    QVERIFY(show(labeled.at(0)));
    QSignalSpy step(m_pane.get(), &ui::DetailPane::stepRequested);

    // A tab clicked: the tab bar has the focus, and Right/Left still step samples.
    auto *tabs = m_pane->findChild<QTabWidget *>(u"detailTabs"_s);
    QTabBar *bar = tabs->tabBar();
    bar->setFocus();
    QVERIFY(bar->hasFocus());
    const int tab = tabs->currentIndex();
    QTest::keyClick(bar, Qt::Key_Right);
    QTest::keyClick(bar, Qt::Key_Left);
    QCOMPARE(step.size(), 2);
    QCOMPARE(step.at(0).at(0).toInt(), 1);
    QCOMPARE(step.at(1).at(0).toInt(), -1);
    QCOMPARE(tabs->currentIndex(), tab); // the arrows went to the pane, not to the tabs

    // The instances list: PgDown steps, F fits, + zooms.
    tabs->setCurrentIndex(2);
    auto *instances = m_pane->findChild<ui::InstancesPanel *>(u"instancesPanel"_s);
    instances->setFocus();
    QVERIFY(instances->hasFocus());
    QTest::keyClick(instances, Qt::Key_PageDown);
    QCOMPARE(step.size(), 3);
    QCOMPARE(step.at(2).at(0).toInt(), 1);
    const double fit = canvas()->zoom();
    QTest::keyClick(instances, Qt::Key_Plus);
    QVERIFY(canvas()->zoom() > fit);
    QTest::keyClick(instances, Qt::Key_1);
    QCOMPARE(canvas()->zoom(), 1.0);
    QTest::keyClick(instances, Qt::Key_F);
    QVERIFY(canvas()->fitsView());
    QCOMPARE(canvas()->zoom(), fit);

    // The closed labelset box and the Info text: I and L toggle, Right steps.
    auto *box = m_pane->findChild<QComboBox *>(u"labelsetBox"_s);
    box->setFocus();
    QTest::keyClick(box, Qt::Key_I);
    QVERIFY(!canvas()->imageVisible());
    QTest::keyClick(box, Qt::Key_I);
    QVERIFY(canvas()->imageVisible());
    auto *info = m_pane->findChild<ui::SampleInfoView *>(u"sampleInfo"_s);
    tabs->setCurrentIndex(0);
    info->setFocus();
    QTest::keyClick(info, Qt::Key_L);
    QVERIFY(!canvas()->labelsVisible());
    QTest::keyClick(info, Qt::Key_L);
    QVERIFY(canvas()->labelsVisible());
    QTest::keyClick(info, Qt::Key_Right);
    QCOMPARE(step.size(), 4);
}

void TestDetailView::optionKeys() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithStatus(u"LABELED"_s, 1).at(0)));
    auto *colorBy = m_pane->findChild<QComboBox *>(u"colorByBox"_s);
    auto *mode = m_pane->findChild<QComboBox *>(u"drawModeBox"_s);
    auto *opacity = m_pane->findChild<QSlider *>(u"opacitySlider"_s);
    colorBy->setCurrentIndex(0);
    mode->setCurrentIndex(0);
    opacity->setValue(45);
    auto *tabBar = m_pane->findChild<QTabWidget *>(u"detailTabs"_s)->tabBar();
    tabBar->setFocus();

    QTest::keyClick(tabBar, Qt::Key_C);
    QCOMPARE(canvas()->overlayOptions().colorBy, labels::ColorBy::Instance);
    QTest::keyClick(tabBar, Qt::Key_C);
    QCOMPARE(canvas()->overlayOptions().colorBy, labels::ColorBy::Category);
    QTest::keyClick(tabBar, Qt::Key_O);
    QCOMPARE(canvas()->overlayOptions().mode, labels::DrawMode::Outline);
    QTest::keyClick(tabBar, Qt::Key_O);
    QCOMPARE(canvas()->overlayOptions().mode, labels::DrawMode::FillAndOutline);
    QTest::keyClick(tabBar, Qt::Key_O);
    QCOMPARE(canvas()->overlayOptions().mode, labels::DrawMode::Fill);
    // Opacity in steps of 10 %, to the next multiple and within 0..100.
    QTest::keyClick(tabBar, Qt::Key_BracketRight);
    QCOMPARE(opacity->value(), 50);
    QTest::keyClick(tabBar, Qt::Key_BracketLeft);
    QTest::keyClick(tabBar, Qt::Key_BracketLeft);
    QCOMPARE(opacity->value(), 30);
    QCOMPARE(canvas()->overlayOptions().opacity, 0.3);
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(tabBar, Qt::Key_BracketLeft);
    QCOMPARE(opacity->value(), 0);

    // S: the next labelset, told to the window as the user's choice.
    QSignalSpy changed(m_pane.get(), &ui::DetailPane::labelsetChanged);
    QSignalSpy shown(m_pane.get(), &ui::DetailPane::sampleShown);
    const QString before = m_pane->labelset();
    QTest::keyClick(tabBar, Qt::Key_S);
    QVERIFY(m_pane->labelset() != before);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), m_pane->labelset());
    QVERIFY(shown.wait(15000));
    QCOMPARE(m_pane->loadedSample()->labelset, m_pane->labelset());
    opacity->setValue(50);
}

void TestDetailView::clickToFocusSelectsNothing() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithStatus(u"LABELED"_s, 1).at(0)));
    const auto sample = m_pane->loadedSample();
    QVERIFY(sample->overlay);
    // A pixel of an annotated instance, away from its edges.
    const labels::InstanceIndex &index = sample->overlay->index();
    QPoint inside(-1, -1);
    quint32 id = 0;
    for (const labels::InstanceStatistics &i : sample->statistics.instances) {
        if (i.annotated && i.pixels > 2000) {
            const QRect b = index.bounds(index.indexOf(i.id));
            for (int y = b.top(); y <= b.bottom() && inside.x() < 0; y += 2)
                for (int x = b.left(); x <= b.right() && inside.x() < 0; x += 2)
                    if (index.idAt(x, y) == i.id && index.idAt(x - 6, y) == i.id &&
                        index.idAt(x + 6, y) == i.id && index.idAt(x, y - 6) == i.id &&
                        index.idAt(x, y + 6) == i.id)
                        inside = {x, y};
            id = i.id;
            if (inside.x() >= 0)
                break;
        }
    }
    QVERIFY(inside.x() >= 0);
    const QPoint at = canvas()->viewportPointOf(QPointF(inside) + QPointF(0.5, 0.5)).toPoint();

    // The focus elsewhere in the pane; a click on the image gives it the focus only.
    m_pane->findChild<QComboBox *>(u"labelsetBox"_s)->setFocus();
    QVERIFY(!canvas()->hasFocus());
    QTest::mouseClick(canvas()->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(canvas()->hasFocus());
    QCOMPARE(canvas()->overlayOptions().highlightedId, 0u);
    // The next click selects.
    QTest::mouseClick(canvas()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(canvas()->overlayOptions().highlightedId, id);
}

void TestDetailView::hoverReadoutFollowsTheView() {
    SET_UP(openDataset(u"demo/street-scenes"_s));
    QVERIFY(show(samplesWithStatus(u"LABELED"_s, 1).at(0)));
    auto *readout = m_pane->findChild<QLabel *>(u"hoverReadout"_s);
    const QPoint at = canvas()->viewport()->rect().center() + QPoint(40, 30);
    QTest::mouseMove(canvas()->viewport(), at);
    QTRY_VERIFY(canvas()->hoverPixel().x() >= 0);
    const QPoint before = canvas()->hoverPixel();
    QVERIFY2(readout->text().contains(u"x %1, y %2"_s.arg(before.x()).arg(before.y())),
             qPrintable(readout->text()));
    // 1:1 without moving the mouse: another pixel under the cursor, and the readout says so.
    m_pane->findChild<QAction *>(u"actualSizeAction"_s)->trigger();
    const QPoint after = canvas()->hoverPixel();
    QVERIFY(after != before);
    QVERIFY2(readout->text().contains(u"x %1, y %2"_s.arg(after.x()).arg(after.y())),
             qPrintable(readout->text()));
    m_pane->findChild<QAction *>(u"fitAction"_s)->trigger();
    QVERIFY2(readout->text().contains(u"x %1, y %2"_s.arg(before.x()).arg(before.y())),
             qPrintable(readout->text()));
}

SEGSCOPE_GUI_TEST_MAIN(TestDetailView)
#include "tst_detailview.moc"
