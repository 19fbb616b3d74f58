// The main window offscreen against segscope-server in-process: pick a dataset, scroll,
// filter, navigate with the keyboard. The server is shared; each slot gets a new window (and
// empty settings), so each stands alone.
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "browse/sampledelegate.h"
#include "browse/samplegridview.h"
#include "models/thumbnailcache.h"
#include "server.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
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
    void init();
    void cleanup();
    void opensTheDatasetAndPaintsItsFirstPage();
    void keyboardNavigationAndCopy();
    void filterAndTable();
    void labelsOnThumbnails();
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
}

void TestMainWindow::init() {
    QSettings().clear(); // what an earlier slot chose (labels on thumbnails, ...) is not kept
    ui::StartOptions start;
    start.server = m_server->baseUrl();
    start.dataset = u"demo/scale-1050"_s;
    m_window = std::make_unique<ui::MainWindow>(start);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_browser = m_window->findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    QVERIFY(m_browser);
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->dataset().fullName, u"demo/scale-1050"_s, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_browser->model()->row(0) != nullptr, 10000);
}

void TestMainWindow::cleanup() {
    m_browser = nullptr;
    m_window.reset();
}

void TestMainWindow::opensTheDatasetAndPaintsItsFirstPage() {
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->dataset().fullName, u"demo/scale-1050"_s, 15000);
    QCOMPARE(m_browser->model()->rowCount(), 1050);
    QTRY_VERIFY_WITH_TIMEOUT(m_browser->model()->row(0) != nullptr, 10000);
    auto *grid = m_window->findChild<ui::SampleGridView *>(u"sampleGrid"_s);
    QVERIFY(grid->isVisible());
    const auto [first, last] = grid->visibleRows();
    QCOMPARE(first, 0);
    // The narrow column shows whole cells down to the bottom of the view (the rows in view are
    // those painted, and no more).
    QVERIFY(last >= 1);
    const QRect lastCell = grid->visualRect(grid->model()->index(last, 0));
    QVERIFY(lastCell.intersects(grid->viewport()->rect()));
    QVERIFY(lastCell.bottom() >= grid->viewport()->height() - grid->cellSize().height());
    QVERIFY(
        !grid->visualRect(grid->model()->index(last + 1, 0)).intersects(grid->viewport()->rect()));
    // What is painted is what was loaded: the first cell shows the first sample's name.
    QCOMPARE(grid->model()->index(0, 0).data().toString(), u"frame_0000000.jpg"_s);
    auto *list = m_window->findChild<QTreeView *>(u"datasetList"_s);
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 4, 5000);
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
    QVERIFY(table->model()->columnCount() >
            models::SampleListModel::FirstMetadataColumn); // metadata columns
    QCOMPARE(table->model()->index(0, models::SampleListModel::TypeColumn).data().toString(),
             u"image"_s);
    QTest::mouseClick(tableMode, Qt::LeftButton);
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_browser->model()->rowCount(), 1050, 10000);
}

void TestMainWindow::labelsOnThumbnails() {
    auto *grid = m_window->findChild<ui::SampleGridView *>(u"sampleGrid"_s);
    auto *toggle = m_window->findChild<QToolButton *>(u"labelOverlay"_s);
    QVERIFY(toggle && toggle->isVisible() && !toggle->isChecked());
    grid->setFocus();
    QTest::keyClick(grid, Qt::Key_Home);
    models::SampleListModel *model = m_browser->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->row(1) != nullptr, 10000);
    QVERIFY(model->row(1)->bitmapUrl.isEmpty());

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(toggle->isChecked());
    QVERIFY(model->includesFullLabel());
    QVERIFY(QSettings().value(u"datasets/demo|scale-1050/labels"_s).toBool());
    // The rows in view are listed again, with their labels, and drawn with them.
    QTRY_VERIFY_WITH_TIMEOUT(model->row(1) && !model->row(1)->bitmapUrl.isEmpty(), 10000);
    auto *delegate = qobject_cast<ui::SampleDelegate *>(grid->itemDelegate());
    QVERIFY(delegate && delegate->labelOverlay());
    models::ThumbnailCache *cache = m_browser->thumbnails();
    const QString key = delegate->thumbnailKey(*model->row(1));
    QVERIFY(key.contains(u"#overlay:"_s));
    const std::pair<int, int> visible = grid->visibleRows();
    const auto allShown = [&] {
        for (int r = visible.first; r <= visible.second; ++r) {
            const models::SampleRow *row = model->row(r);
            if (!row || cache->thumbnail(delegate->thumbnailKey(*row)).isNull())
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allShown(), 20000);
    QVERIFY2(cache->overlayFailureMessage(key).isEmpty(),
             qPrintable(cache->overlayFailureMessage(key)));

    // A label whose bitmap is gone: the plain thumbnail with a warning mark, the reason as its
    // tooltip. (A sample pinned at the top, as the upload dialog adds one.)
    wire::Sample broken;
    broken.uuid = u"00000000-0000-4000-8000-00000000b17e"_s;
    broken.name = u"broken_label.jpg"_s;
    broken.imageUrl = model->row(1)->imageUrl;
    broken.datasetFullName = u"demo/scale-1050"_s;
    wire::Label label;
    label.labelStatus = u"LABELED"_s;
    QUrl missing = m_server->baseUrl();
    missing.setPath(u"/assets/00000000-0000-4000-8000-000000000000/gone.png"_s);
    label.attributes.bitmapUrl = missing.toString();
    label.attributes.annotations = {wire::Annotation{1, 1, {}, {}, {}, {}}};
    broken.fullLabel = label;
    m_browser->addSample(broken, false);
    QCOMPARE(model->row(0)->bitmapUrl, missing.toString());
    const QString brokenKey = delegate->thumbnailKey(*model->row(0));
    QTRY_VERIFY_WITH_TIMEOUT(!cache->overlayFailureMessage(brokenKey).isEmpty(), 20000);
    QVERIFY(!cache->thumbnail(brokenKey).isNull());
    QVERIFY2(cache->overlayFailureMessage(brokenKey).contains(u"404"_s),
             qPrintable(cache->overlayFailureMessage(brokenKey)));
    QTRY_VERIFY_WITH_TIMEOUT(allShown(), 20000);
    if (const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(m_window->grab().save(dir + u"/labels-on-thumbnails.png"_s));
    }

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!delegate->labelOverlay());
    QVERIFY(!model->includesFullLabel());
    QVERIFY(!QSettings().value(u"datasets/demo|scale-1050/labels"_s).toBool());
    // Plain again at once: the plain thumbnails are still in memory.
    QVERIFY(!cache->thumbnail(delegate->thumbnailKey(*model->row(1))).isNull());
}

void TestMainWindow::pickAnotherDataset() {
    auto *list = m_window->findChild<QTreeView *>(u"datasetList"_s);
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 4, 5000);
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
    m_server.reset();
}

SEGSCOPE_GUI_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
