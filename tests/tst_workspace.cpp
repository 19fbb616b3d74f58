// The workspace (issue 13): the window opens within the screen, the viewer dominates, and focus
// mode gives it the whole window with the samples as a filmstrip; layout and mode are
// remembered. The real main window offscreen against segscope-server in-process with the demo.
#include "support/mainwindowdriver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "browse/samplegridview.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "settings/appsettings.h"

#include <QAction>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

constexpr int Bound = 20000;

//! `widget`'s rectangle in `window`'s coordinates.
QRect inWindow(const QWidget *widget, const QWidget *window) {
    return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void savedGeometryLargerThanTheScreenIsShrunk();
    void firstStartOnASmallScreenIsMaximized();
    void viewerDominatesAt1366();
    void enterGivesTheViewerTheWindowAndEscGivesItBack();
    void focusModeIsRemembered();
    void splitterDragSurvivesAWindowResize();

private:
    bool openAt(QSize size);
    QWidget *datasetPane() const;
    QAction *focusAction() const;

    test::ServerFixture m_server;
    test::MainWindowDriver m_driver;
};

void TestWorkspace::initTestCase() {
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 6;
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    qputenv("SEGMENTS_API_KEY", m_server.server()->demoKey().toUtf8());
}

void TestWorkspace::init() {
    m_driver.close();
    test::MainWindowDriver::clearSettings();
}

bool TestWorkspace::openAt(QSize size) {
    ui::StartOptions start;
    start.server = m_server.baseUrl();
    start.dataset = u"demo/street-scenes"_s;
    return m_driver.open(start, size) && m_driver.waitForDataset(start.dataset, Bound);
}

QWidget *TestWorkspace::datasetPane() const {
    return m_driver.window()->findChild<QWidget *>(u"datasetPane"_s);
}

QAction *TestWorkspace::focusAction() const {
    return m_driver.window()->findChild<QAction *>(u"focusModeAction"_s);
}

void TestWorkspace::savedGeometryLargerThanTheScreenIsShrunk() {
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    {
        // A window saved on a monitor far larger than this screen.
        QWidget big;
        big.setGeometry(available.x() + 200, available.y() + 150, available.width() * 3,
                        available.height() * 2);
        settings::WindowGeometry.set(big.saveGeometry());
    }
    ui::StartOptions start;
    start.server = m_server.baseUrl();
    ui::MainWindow window(start);
    QVERIFY2(available.contains(window.frameGeometry()),
             qPrintable(u"%1x%2+%3+%4 on %5x%6"_s.arg(window.width())
                            .arg(window.height())
                            .arg(window.x())
                            .arg(window.y())
                            .arg(available.width())
                            .arg(available.height())));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.width() <= available.width() && window.height() <= available.height());
}

void TestWorkspace::firstStartOnASmallScreenIsMaximized() {
    // The offscreen screen is smaller than the 1500x900 the window prefers.
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QVERIFY(available.width() < 1540 || available.height() < 940);
    ui::StartOptions start;
    start.server = m_server.baseUrl();
    ui::MainWindow window(start);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.isMaximized());
    QVERIFY(window.width() <= available.width() && window.height() <= available.height());
}

void TestWorkspace::viewerDominatesAt1366() {
    QVERIFY(openAt(QSize(1366, 768)));
    ui::MainWindow *window = m_driver.window();
    // Everything fits a 1366x768 screen.
    QVERIFY2(window->minimumSizeHint().width() <= 1366 && window->minimumSizeHint().height() <= 740,
             qPrintable(u"minimum %1x%2"_s.arg(window->minimumSizeHint().width())
                            .arg(window->minimumSizeHint().height())));
    const QRect viewer = inWindow(m_driver.detail(), window);
    const QRect samples = inWindow(m_driver.browser(), window);
    const QRect datasets = inWindow(datasetPane(), window);
    QVERIFY(viewer.width() > window->width() / 2);
    QVERIFY(samples.right() < viewer.left());
    // The dataset list sits over the samples, fitted to its few rows, not a whole column.
    QCOMPARE(datasets.left(), samples.left());
    QVERIFY(datasets.bottom() < samples.top());
    QVERIFY2(datasets.height() < window->height() / 3,
             qPrintable(QString::number(datasets.height())));
}

void TestWorkspace::enterGivesTheViewerTheWindowAndEscGivesItBack() {
    QVERIFY(openAt(QSize(1366, 768)));
    ui::MainWindow *window = m_driver.window();
    QVERIFY(!focusAction()->isChecked());
    auto *grid = window->findChild<ui::SampleGridView *>(u"sampleGrid"_s);
    grid->setFocus();
    QTest::keyClick(grid, Qt::Key_Home);
    QTest::keyClick(grid, Qt::Key_Right);
    const QString second = m_driver.browser()->currentUuid();
    QTest::keyClick(grid, Qt::Key_Return);
    QVERIFY(focusAction()->isChecked());
    QVERIFY(m_driver.waitForShown(second, Bound));
    QVERIFY(!datasetPane()->isVisible());
    QTRY_VERIFY(m_driver.detail()->isAncestorOf(QApplication::focusWidget()));
    // The viewer over the samples, the image at least half the window's width.
    const QRect viewer = inWindow(m_driver.detail(), window);
    const QRect samples = inWindow(m_driver.browser(), window);
    QVERIFY(viewer.bottom() < samples.top());
    QVERIFY(viewer.width() >= window->width() - 20);
    QVERIFY2(m_driver.canvas()->width() >= window->width() / 2,
             qPrintable(QString::number(m_driver.canvas()->width())));
    QVERIFY2(viewer.height() > 3 * samples.height(),
             qPrintable(u"viewer %1, samples %2"_s.arg(viewer.height()).arg(samples.height())));

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(!focusAction()->isChecked());
    QVERIFY(datasetPane()->isVisible());
    QVERIFY(inWindow(m_driver.browser(), window).right() <
            inWindow(m_driver.detail(), window).left());
    // The sample looked at stays current.
    QCOMPARE(m_driver.browser()->currentUuid(), second);
}

void TestWorkspace::focusModeIsRemembered() {
    QVERIFY(openAt(QSize(1366, 768)));
    focusAction()->trigger();
    QVERIFY(!datasetPane()->isVisible());
    m_driver.close();
    QVERIFY(QSettings().value(u"window/focusMode"_s).toBool());
    QVERIFY(openAt(QSize(1366, 768)));
    QVERIFY(focusAction()->isChecked());
    QVERIFY(!datasetPane()->isVisible());
    focusAction()->trigger();
    QVERIFY(datasetPane()->isVisible());
    m_driver.close();
    QVERIFY(!QSettings().value(u"window/focusMode"_s).toBool());
}

void TestWorkspace::splitterDragSurvivesAWindowResize() {
    QVERIFY(openAt(QSize(1366, 768)));
    focusAction()->trigger(); // focus mode for the first time: its default sizes
    auto *splitter = m_driver.window()->findChild<QSplitter *>(u"mainSplitter"_s);
    const QList<int> defaults = splitter->sizes();
    const int total = defaults.at(0) + defaults.at(1);
    splitter->setSizes({total - 300, 300}); // the user drags the filmstrip taller
    const QList<int> dragged = splitter->sizes();
    QVERIFY(dragged.at(1) > defaults.at(1));
    m_driver.window()->resize(1366, 700);
    QTRY_VERIFY(splitter->height() < total);
    // The window's change of height goes to the viewer; the filmstrip keeps the user's size.
    QCOMPARE(splitter->sizes().at(1), dragged.at(1));
}

SEGSCOPE_GUI_TEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
