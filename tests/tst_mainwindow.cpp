// The main window offscreen against segscope-server in-process: pick a dataset, scroll,
// filter, navigate with the keyboard.
#include "mainwindow.h"
#include "samplebrowser.h"
#include "samplegridview.h"
#include "server.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace segscope;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void opensTheDatasetAndPaintsItsFirstPage();
    void keyboardNavigationAndCopy();
    void filterAndTable();
    void pickAnotherDataset();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<server::Server> m_server;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::SampleBrowser *m_browser = nullptr;
};

void TestMainWindow::initTestCase() {
    QVERIFY(m_dir.isValid());
    // Settings and caches of this run stay in the temporary folder.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", m_dir.filePath(u"cache"_s).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    server::ServerOptions options;
    options.dataDir = m_dir.filePath(u"server"_s);
    options.demo = true;
    options.demoImages = 4;
    options.demoSamples = 1050;
    options.logRequests = false;
    m_server = std::make_unique<server::Server>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    qputenv("SEGMENTS_API_KEY", m_server->demoKey().toUtf8());

    ui::StartOptions start;
    start.server = m_server->baseUrl();
    start.dataset = u"demo/scale-1050"_s;
    m_window = std::make_unique<ui::MainWindow>(start);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_browser = m_window->findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    QVERIFY(m_browser);
}

void TestMainWindow::opensTheDatasetAndPaintsItsFirstPage() {
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->dataset().fullName, u"demo/scale-1050"_s, 15000);
    QCOMPARE(m_browser->model()->rowCount(), 1050);
    QTRY_VERIFY_WITH_TIMEOUT(m_browser->model()->row(0) != nullptr, 10000);
    auto *grid = m_window->findChild<ui::SampleGridView *>(u"sampleGrid"_s);
    QVERIFY(grid->isVisible());
    const auto [first, last] = grid->visibleRows();
    QCOMPARE(first, 0);
    QVERIFY(last > 4);
    // What is painted is what was loaded: the first cell shows the first sample's name.
    QCOMPARE(grid->model()->index(0, 0).data().toString(), u"frame_0000000.jpg"_s);
    auto *list = m_window->findChild<QTreeView *>(u"datasetList"_s);
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 3, 5000);
}

void TestMainWindow::keyboardNavigationAndCopy() {
    auto *grid = m_window->findChild<ui::SampleGridView *>(u"sampleGrid"_s);
    grid->setFocus();
    QTest::keyClick(grid, Qt::Key_Home);
    QCOMPARE(grid->currentIndex().row(), 0);
    QTest::keyClick(grid, Qt::Key_Right);
    QCOMPARE(grid->currentIndex().row(), 1);
    const int columns = grid->visualRect(grid->model()->index(1, 0)).width() > 0
                            ? grid->viewport()->width() / (grid->cellSize().width() + 6)
                            : 1;
    QTest::keyClick(grid, Qt::Key_Down);
    QCOMPARE(grid->currentIndex().row(), 1 + columns);
    QTest::keyClick(grid, Qt::Key_End);
    QCOMPARE(grid->currentIndex().row(), 1049);
    QTRY_VERIFY_WITH_TIMEOUT(m_browser->model()->row(1049) != nullptr, 10000);
    QVERIFY(grid->visualRect(grid->currentIndex()).intersects(grid->viewport()->rect()));
    QTest::keyClick(grid, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), m_browser->model()->row(1049)->uuid);
    QCOMPARE(m_browser->currentUuid(), m_browser->model()->row(1049)->uuid);
    QTest::keyClick(grid, Qt::Key_PageUp);
    QVERIFY(grid->currentIndex().row() < 1049);
}

void TestMainWindow::filterAndTable() {
    auto *search = m_window->findChild<QLineEdit *>(u"sampleSearch"_s);
    QVERIFY(search);
    search->setFocus();
    QTest::keyClicks(search, u"frame_000100"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->model()->rowCount(), 10, 10000);
    QVERIFY(!m_browser->model()->canFetchMore({}));
    auto *table = m_window->findChild<QTableView *>(u"sampleTable"_s);
    auto *tableMode = m_window->findChild<QToolButton *>(u"tableMode"_s);
    QTest::mouseClick(tableMode, Qt::LeftButton);
    QTRY_VERIFY(table->isVisible());
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"frame_0001000.jpg"_s);
    QVERIFY(table->model()->columnCount() > 4); // metadata columns
    QTest::mouseClick(tableMode, Qt::LeftButton);
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->model()->rowCount(), 1050, 10000);
}

void TestMainWindow::pickAnotherDataset() {
    auto *list = m_window->findChild<QTreeView *>(u"datasetList"_s);
    QModelIndex shapes;
    for (int r = 0; r < list->model()->rowCount(); ++r) {
        if (list->model()->index(r, 0).data().toString() == "demo/street-shapes"_L1)
            shapes = list->model()->index(r, 0);
    }
    QVERIFY(shapes.isValid());
    list->setCurrentIndex(shapes);
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->dataset().fullName, u"demo/street-shapes"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->model()->rowCount(), 4, 10000);
}

void TestMainWindow::cleanupTestCase() {
    m_window.reset();
    m_server.reset();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
