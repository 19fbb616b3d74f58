// The evaluation panel in the main window against segscope-server's demo in-process: Tools >
// Evaluate Labelsets opens the dock, a run evaluates the samples the browser lists (its
// search), fills the figures, the heat map and the grid's badges; a confusion cell's list opens
// a sample through the browser; cancel; a rerun from the disk cache.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the window with the panel there.
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "browse/sampledelegate.h"
#include "browse/samplegridview.h"
#include "compare/evaluationheatmap.h"
#include "compare/evaluationpanel.h"
#include "server.h"
#include "shell/mainwindow.h"
#include "shell/theme.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace segscope;
using evaluate::ConfusionEntry;
using evaluate::SampleEvaluation;

class TestEvaluationWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void evaluatesTheListedSamplesInTheWindow();
    void screenshotsAtScreenSizes();
    void cleanupTestCase();

private:
    std::unique_ptr<ui::MainWindow> openWindow(QSize size);
    static void screenshot(QWidget *widget, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<server::Server> m_server;
};

void TestEvaluationWindow::initTestCase() {
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    server::ServerOptions options;
    options.dataDir = m_dir.filePath(u"server"_s);
    options.demo = true;
    options.demoImages = 12;
    options.logRequests = false;
    m_server = std::make_unique<server::Server>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    qputenv("SEGMENTS_API_KEY", m_server->demoKey().toUtf8());
}

void TestEvaluationWindow::cleanupTestCase() {
    m_server.reset();
}

std::unique_ptr<ui::MainWindow> TestEvaluationWindow::openWindow(QSize size) {
    QSettings().clear();
    ui::StartOptions start;
    start.server = m_server->baseUrl();
    start.dataset = u"demo/street-scenes"_s;
    auto window = std::make_unique<ui::MainWindow>(start);
    window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    auto *browser = window->findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    if (!QTest::qWaitFor([&] { return browser->model()->row(0) != nullptr; }, 15000))
        return nullptr;
    return window;
}

void TestEvaluationWindow::evaluatesTheListedSamplesInTheWindow() {
    const auto window = openWindow(QSize(1366, 768));
    QVERIFY(window);
    auto *browser = window->findChild<ui::SampleBrowser *>(u"sampleBrowser"_s);
    auto *dock = window->findChild<QDockWidget *>(u"evaluationDock"_s);
    auto *panel = window->findChild<ui::EvaluationPanel *>(u"evaluationPanel"_s);
    QVERIFY(dock && panel);
    QVERIFY(!dock->isVisible());
    window->findChild<QAction *>(u"evaluateAction"_s)->trigger();
    QTRY_VERIFY(dock->isVisible());
    // Ground truth against the first other labelset by default.
    QCOMPARE(panel->findChild<QComboBox *>(u"referenceLabelset"_s)->currentText(),
             u"ground-truth"_s);
    QCOMPARE(panel->findChild<QComboBox *>(u"candidateLabelset"_s)->currentText(),
             u"predictions"_s);

    // The listed samples: the browser's search narrows the list.
    auto *search = window->findChild<QLineEdit *>(u"sampleSearch"_s);
    QTest::keyClicks(search, u"scene_000"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(browser->model()->filter().nameContains, u"scene_000"_s);
    auto *start = panel->findChild<QPushButton *>(u"evaluateButton"_s);
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
    auto *status = panel->findChild<QLabel *>(u"evaluationStatus"_s);
    QVERIFY2(status->text().startsWith(u"Done"_s), qPrintable(status->text()));
    const ui::EvaluationResults &results = panel->results();
    // Exactly the samples the browser lists: scene_0001..scene_0009 (of 12).
    QTRY_COMPARE(browser->model()->rowCount(), 9);
    QCOMPARE(int(results.samples().size()), 9);
    for (const SampleEvaluation &s : results.samples())
        QVERIFY2(s.name.startsWith(u"scene_000"_s), qPrintable(s.name));
    // Of those the demo leaves one without ground truth and one without predictions (its
    // seeded mix): 7 compared, 2 with one label.
    QCOMPARE(panel->findChild<QLabel *>(u"presenceValue"_s)->text(), u"7 / 2 / 0"_s);
    auto *progress = panel->findChild<QProgressBar *>(u"evaluationProgress"_s);
    QCOMPARE(progress->value(), progress->maximum());
    QVERIFY(panel->findChild<QLabel *>(u"meanIoUValue"_s)->text() != u"—"_s);
    // The heat map shows the dataset matrix: the sum of the samples' pixels.
    auto *map = panel->findChild<ui::EvaluationHeatMap *>(u"evaluationHeatMap"_s);
    qint64 pixels = 0;
    for (const SampleEvaluation &s : results.samples()) {
        for (const ConfusionEntry &e : s.confusion)
            pixels += e.pixels;
    }
    QVERIFY(pixels > 0);
    QCOMPARE(map->matrix().total(), pixels);

    // The grid's badges: every compared sample's mean IoU, on its thumbnail.
    auto *delegate = qobject_cast<ui::SampleDelegate *>(browser->gridView()->itemDelegate());
    QCOMPARE(delegate->scores(), results.meanIoUByUuid());
    QCOMPARE(delegate->scores().size(), 7);

    // The most confused off-diagonal cell lists its samples, most pixels first, and the first
    // one opens in the viewer through the browser.
    std::pair<int, int> worst{-1, -1};
    qint64 most = 0;
    for (int r : map->shownSlots()) {
        for (int c : map->shownSlots()) {
            if (r != c && map->matrix().at(r, c) > most) {
                most = map->matrix().at(r, c);
                worst = {r, c};
            }
        }
    }
    QVERIFY(worst.first >= 0);
    QTRY_VERIFY(map->isVisible());
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(worst.first, worst.second).center());
    auto *list = panel->findChild<QTreeWidget *>(u"evaluationSamples"_s);
    QVERIFY(list->topLevelItemCount() > 0);
    const auto expected = results.samplesWithConfusion(worst.first, worst.second);
    QCOMPARE(list->topLevelItemCount(), expected.size());
    for (int i = 1; i < expected.size(); ++i)
        QVERIFY(expected[i - 1].pixels >= expected[i].pixels);
    QCOMPARE(list->topLevelItem(0)->text(0), expected.first().name);
    list->setCurrentItem(list->topLevelItem(0));
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_COMPARE(browser->currentUuid(), expected.first().uuid);

    // Cancel ends a run at once, with what it has; evaluating again is possible.
    auto *cancel = panel->findChild<QPushButton *>(u"cancelEvaluation"_s);
    QVERIFY(!cancel->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(panel->isRunning());
    QVERIFY(cancel->isEnabled() && !start->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!panel->isRunning());
    QVERIFY2(status->text().startsWith(u"Cancelled"_s), qPrintable(status->text()));
    QVERIFY(start->isEnabled() && !cancel->isEnabled());

    // A second run comes from the disk cache.
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
    QCOMPARE(panel->findChild<QLabel *>(u"cachedValue"_s)->text(), u"9"_s);
}

void TestEvaluationWindow::screenshot(QWidget *widget, const QString &name) {
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + u".png"_s);
}

void TestEvaluationWindow::screenshotsAtScreenSizes() {
    // The window with the panel open on a finished run, at two screen sizes in both themes:
    // the figures and buttons keep their whole text and the heat map its cells; with
    // SEGSCOPE_SCREENSHOT_DIR the window is also kept as a picture to be looked at.
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            const auto window = openWindow(size);
            QVERIFY(window);
            window->findChild<QAction *>(u"evaluateAction"_s)->trigger();
            auto *panel = window->findChild<ui::EvaluationPanel *>(u"evaluationPanel"_s);
            QTRY_VERIFY(panel->isVisible());
            QTest::mouseClick(panel->findChild<QPushButton *>(u"evaluateButton"_s), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
            for (const char *name : {"pixelAccuracyValue", "meanIoUValue", "presenceValue",
                                     "evaluateButton", "evaluationShowAll"}) {
                auto *w = panel->findChild<QWidget *>(QString::fromLatin1(name));
                if (!w->isVisible())
                    continue;
                QVERIFY2(w->width() >= w->sizeHint().width(),
                         qPrintable(u"%1 at %2 px, needs %3"_s.arg(QString::fromLatin1(name))
                                        .arg(w->width())
                                        .arg(w->sizeHint().width())));
            }
            auto *map = panel->findChild<ui::EvaluationHeatMap *>(u"evaluationHeatMap"_s);
            const QList<int> shown = map->shownSlots();
            QVERIFY(shown.size() > 2);
            const QRect last = map->cellRect(shown.last(), shown.last());
            QVERIFY2(map->rect().contains(last), "the heat map's last cell is cut");
            QVERIFY(last.width() >= 16);
            const QString tag = u"%1x%2-%3"_s.arg(size.width())
                                    .arg(size.height())
                                    .arg(QString::fromLatin1(themeName).toLower());
            screenshot(window.get(), u"evaluation-confusion-"_s + tag);
            auto *tabs = panel->findChild<QTabWidget *>(u"evaluationCharts"_s);
            tabs->setCurrentIndex(1);
            screenshot(window.get(), u"evaluation-bars-"_s + tag);
            tabs->setCurrentIndex(2);
            screenshot(window.get(), u"evaluation-histogram-"_s + tag);
        }
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

SEGSCOPE_GUI_TEST_MAIN(TestEvaluationWindow)
#include "tst_evaluationwindow.moc"
