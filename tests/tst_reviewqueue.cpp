// Review from the keyboard (issue 15), the queue: "Review Listed Samples" steps through the
// listed samples, A and R decide and move on at once, each decision lands as a PATCH with its
// status; Ctrl+Z puts the status back in the grid, the badge and on the server; the dataset
// list's counts follow. The real main window offscreen against segscope-server in-process.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the window in review mode there.
#include "support/mainwindowdriver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "detail/sampleinfoview.h"
#include "models/datasetlistmodel.h"
#include "models/samplelistmodel.h"
#include "review/reviewcontroller.h"
#include "review/reviewqueuebar.h"
#include "shell/theme.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

constexpr int Bound = 20000;
const QString Dataset = u"demo/street-scenes"_s;

} // namespace

class TestReviewQueue : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void queueOfTenDecisionsLandsTenPatches();
    void escAndTheEndOfTheListStopTheQueue();
    void queueListsTheNextPageOfAFilteredList();
    void undoRestoresTheBadgeTheRowAndTheServer();
    void screenshotsInReviewMode();

private:
    bool openAt(QSize size);
    //! Lists only the samples with `status` in ground-truth; their uuids in list order.
    QStringList listWithStatus(const QString &status);
    QString serverStatus(const QString &uuid);
    ui::ReviewController *controller() const;
    QString badge() const;
    void screenshot(const QString &name);

    std::unique_ptr<test::ServerFixture> m_server;
    test::MainWindowDriver m_driver;
    QString m_key;
};

void TestReviewQueue::init() {
    // A fresh server each time: every test starts from the demo's statuses.
    m_driver.close();
    test::MainWindowDriver::clearSettings();
    m_server = std::make_unique<test::ServerFixture>();
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 40; // 12 of them LABELED in ground-truth
    QString error;
    QVERIFY2(m_server->start(options, &error), qPrintable(error));
    m_key = m_server->server()->demoKey();
    qputenv("SEGMENTS_API_KEY", m_key.toUtf8());
}

void TestReviewQueue::cleanup() {
    m_driver.close();
    m_server.reset();
}

bool TestReviewQueue::openAt(QSize size) {
    ui::StartOptions start;
    start.server = m_server->baseUrl();
    start.dataset = Dataset;
    return m_driver.open(start, size) && m_driver.waitForDataset(Dataset, Bound);
}

QStringList TestReviewQueue::listWithStatus(const QString &status) {
    auto *button = m_driver.window()->findChild<QToolButton *>(u"statusFilter"_s);
    if (!button || !button->menu())
        return {};
    for (QAction *a : button->menu()->actions()) {
        if (a->data().toString() == status)
            a->setChecked(true);
    }
    models::SampleListModel *model = m_driver.browser()->model();
    const auto listed = [&] {
        if (model->filter().labelStatuses != QStringList{status} || !model->isExhaustive() ||
            model->rowCount() == 0)
            return false;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (!model->row(r) || model->row(r)->labelStatus != status)
                return false;
        }
        return true;
    };
    if (!QTest::qWaitFor(listed, Bound))
        return {};
    QStringList uuids;
    for (int r = 0; r < model->rowCount(); ++r)
        uuids.append(model->row(r)->uuid);
    return uuids;
}

QString TestReviewQueue::serverStatus(const QString &uuid) {
    const test::HttpResult r = m_server->http.get(u"/labels/%1/ground-truth/"_s.arg(uuid), m_key);
    return r.object().value("label_status"_L1).toString();
}

ui::ReviewController *TestReviewQueue::controller() const {
    return m_driver.window()->findChild<ui::ReviewController *>(u"reviewController"_s);
}

QString TestReviewQueue::badge() const {
    const auto *label = m_driver.window()->findChild<QLabel *>(u"labelStatusBadge"_s);
    return label && label->isVisible() ? label->text() : QString();
}

void TestReviewQueue::screenshot(const QString &name) {
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        m_driver.window()->grab().save(dir + u'/' + name + u".png"_s);
}

void TestReviewQueue::queueOfTenDecisionsLandsTenPatches() {
    QVERIFY(openAt(QSize(1366, 768)));
    const QStringList listed = listWithStatus(u"LABELED"_s);
    QCOMPARE(listed.size(), 12);
    ui::ReviewController *review = controller();
    QVERIFY(review);
    QSignalSpy landed(review->decisions(), &review::ReviewDecisions::landed);
    ui::MainWindow *window = m_driver.window();

    QTest::keyClick(window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(review->queueRunning());
    auto *bar = window->findChild<ui::ReviewQueueBar *>(u"reviewQueueBar"_s);
    QVERIFY(bar);
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(bar->progressText(), u"Reviewing ground-truth · 0 decided · 12 left"_s);
    // The queue is the viewer's: focus mode, the keyboard in the view.
    QVERIFY(window->findChild<QAction *>(u"focusModeAction"_s)->isChecked());
    QCOMPARE(m_driver.detail()->currentUuid(), listed.first());

    // Ten decisions as fast as the keys come: each moves on at once, without waiting for the
    // server or for the next sample to load.
    QStringList expected;
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(m_driver.detail()->currentUuid(), listed.at(i));
        const bool reject = i % 3 == 2;
        expected.append(reject ? u"REJECTED"_s : u"REVIEWED"_s);
        QTest::keyClick(window, reject ? Qt::Key_R : Qt::Key_A);
        // Shown at once in the list, before any answer.
        QCOMPARE(m_driver.browser()->model()->row(i)->labelStatus, expected.last());
    }
    QCOMPARE(m_driver.detail()->currentUuid(), listed.at(10));
    QCOMPARE(review->decidedCount(), 10);
    QCOMPARE(bar->progressText(), u"Reviewing ground-truth · 10 decided · 2 left"_s);

    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 10, Bound);
    QCOMPARE(review->decisions()->pendingCount(), 0);
    QStringList landedUuids;
    for (const QList<QVariant> &args : std::as_const(landed))
        landedUuids.append(args.at(0).toString());
    // One PATCH per label, each answered (in whatever order the connections finish).
    QStringList decidedUuids = listed.mid(0, 10);
    landedUuids.sort();
    decidedUuids.sort();
    QCOMPARE(landedUuids, decidedUuids);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(serverStatus(listed.at(i)), expected.at(i));
        QTRY_COMPARE(m_driver.browser()->model()->row(i)->labelStatus, expected.at(i));
    }
    // Not decided: untouched.
    QCOMPARE(serverStatus(listed.at(10)), u"LABELED"_s);
    QCOMPARE(serverStatus(listed.at(11)), u"LABELED"_s);
    // A reviewed row still listed in the LABELED filter keeps its place: the queue's order
    // holds while it runs.
    QCOMPARE(m_driver.browser()->model()->rowCount(), 12);

    // Back one (←): a decided sample is not "left".
    QTest::keyClick(m_driver.canvas(), Qt::Key_Left);
    QCOMPARE(m_driver.detail()->currentUuid(), listed.at(9));
    QCOMPARE(bar->progressText(), u"Reviewing ground-truth · 10 decided · 2 left"_s);
    // Ctrl+Z in the queue: the last decision is put back and its sample is the one to decide.
    QTest::keyClick(window, Qt::Key_Right);
    QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_driver.detail()->currentUuid(), listed.at(9));
    QCOMPARE(m_driver.browser()->model()->row(9)->labelStatus, u"LABELED"_s);
    QCOMPARE(bar->progressText(), u"Reviewing ground-truth · 9 decided · 3 left"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 11, Bound);
    QCOMPARE(serverStatus(listed.at(9)), u"LABELED"_s);
}

void TestReviewQueue::escAndTheEndOfTheListStopTheQueue() {
    QVERIFY(openAt(QSize(1366, 768)));
    const QStringList listed = listWithStatus(u"LABELED"_s);
    QCOMPARE(listed.size(), 12);
    ui::ReviewController *review = controller();
    ui::MainWindow *window = m_driver.window();
    auto *bar = window->findChild<ui::ReviewQueueBar *>(u"reviewQueueBar"_s);

    // Esc leaves focus mode, which stops the queue.
    review->queueAction()->trigger();
    QTRY_VERIFY(bar->isVisible());
    QTest::keyClick(window, Qt::Key_Escape);
    QVERIFY(!review->queueRunning());
    QVERIFY(bar->isHidden());
    QVERIFY(!window->findChild<QAction *>(u"focusModeAction"_s)->isChecked());

    // From the last but one: → skips, the last decision ends the queue.
    QVERIFY(m_driver.browser()->selectIfListed(listed.at(10)));
    review->queueAction()->trigger();
    QCOMPARE(bar->progressText(), u"Reviewing ground-truth · 0 decided · 2 left"_s);
    QTRY_VERIFY(m_driver.canvas()->hasFocus());
    QTest::keyClick(m_driver.canvas(), Qt::Key_Right);
    QCOMPARE(m_driver.detail()->currentUuid(), listed.at(11));
    QCOMPARE(bar->progressText(), u"Reviewing ground-truth · 0 decided · 1 left"_s);
    QTest::keyClick(window, Qt::Key_A);
    QVERIFY(!review->queueRunning());
    QVERIFY(bar->isHidden());
    QCOMPARE(window->statusBar()->currentMessage(), u"All 1 decided"_s);
    QTRY_COMPARE(serverStatus(listed.at(11)), u"REVIEWED"_s);
    QCOMPARE(serverStatus(listed.at(10)), u"LABELED"_s);
}

void TestReviewQueue::queueListsTheNextPageOfAFilteredList() {
    // Pages of 5: the 12 LABELED samples come in three pages, listed as the queue gets there.
    QVERIFY(openAt(QSize(1366, 768)));
    models::SampleListModel *model = m_driver.browser()->model();
    model->setPageSize(5);
    auto *button = m_driver.window()->findChild<QToolButton *>(u"statusFilter"_s);
    for (QAction *a : button->menu()->actions())
        a->setChecked(a->data().toString() == u"LABELED"_s);
    QTRY_VERIFY_WITH_TIMEOUT(model->filter().labelStatuses == QStringList{u"LABELED"_s} &&
                                 model->rowCount() >= 5 && model->row(0),
                             Bound);
    ui::ReviewController *review = controller();
    QSignalSpy landed(review->decisions(), &review::ReviewDecisions::landed);
    review->queueAction()->trigger();
    auto *bar = m_driver.window()->findChild<ui::ReviewQueueBar *>(u"reviewQueueBar"_s);
    if (!model->isExhaustive()) // a list not listed to its end says so
        QVERIFY2(bar->progressText().endsWith(u"+ left"_s), qPrintable(bar->progressText()));
    QStringList decided;
    for (int i = 0; i < 12; ++i) {
        QTRY_VERIFY_WITH_TIMEOUT(!m_driver.detail()->currentUuid().isEmpty() &&
                                     !decided.contains(m_driver.detail()->currentUuid()),
                                 Bound);
        decided.append(m_driver.detail()->currentUuid());
        QTest::keyClick(m_driver.window(), Qt::Key_A);
    }
    QVERIFY(!review->queueRunning());
    QCOMPARE(m_driver.window()->statusBar()->currentMessage(), u"All 12 decided"_s);
    QCOMPARE(model->rowCount(), 12);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 12, Bound);
    for (const QString &uuid : std::as_const(decided))
        QCOMPARE(serverStatus(uuid), u"REVIEWED"_s);
}

void TestReviewQueue::undoRestoresTheBadgeTheRowAndTheServer() {
    QVERIFY(openAt(QSize(1366, 768)));
    ui::ReviewController *review = controller();
    models::SampleListModel *model = m_driver.browser()->model();
    auto *datasets = m_driver.window()->findChild<models::DatasetListModel *>();
    QVERIFY(datasets);
    QTRY_VERIFY(datasets->rowOf(Dataset) >= 0);
    const auto reviewedCount = [&] {
        return datasets->dataset(datasets->rowOf(Dataset)).labelStats.value(u"REVIEWED"_s);
    };
    const qint64 reviewedBefore = reviewedCount();

    // The demo opens on its first sample, which is LABELED.
    const QString uuid = model->row(0)->uuid;
    QVERIFY(m_driver.waitForShown(uuid, Bound));
    QCOMPARE(badge(), u"labeled"_s);
    QVERIFY(!review->undoAction()->isEnabled());
    m_driver.detail()->focusView();
    QSignalSpy landed(review->decisions(), &review::ReviewDecisions::landed);
    QTest::keyClick(m_driver.window(), Qt::Key_A);
    // At once: the badge and the row.
    QCOMPARE(badge(), u"reviewed"_s);
    QCOMPARE(model->row(0)->labelStatus, u"REVIEWED"_s);
    QVERIFY(review->undoAction()->isEnabled());
    QCOMPARE(review->undoAction()->text(), u"&Undo Accept of 1 sample"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 1, Bound);
    QCOMPARE(serverStatus(uuid), u"REVIEWED"_s);
    // The dataset list's counts follow what the server now counts.
    QTRY_COMPARE_WITH_TIMEOUT(reviewedCount(), reviewedBefore + 1, Bound);

    QTest::keyClick(m_driver.window(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(badge(), u"labeled"_s);
    QCOMPARE(model->row(0)->labelStatus, u"LABELED"_s);
    QVERIFY(!review->undoAction()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 2, Bound);
    QCOMPARE(serverStatus(uuid), u"LABELED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(reviewedCount(), reviewedBefore, Bound);
    // The row read again after the undo landed shows the server's status.
    QTRY_COMPARE(model->row(0)->labelStatus, u"LABELED"_s);
}

void TestReviewQueue::screenshotsInReviewMode() {
    // The viewer in review mode (the queue's bar, a REJECTED badge) at two screen sizes in
    // both themes: the bar keeps its whole progress line and the badge reads "rejected".
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            QVERIFY(openAt(size));
            const QStringList listed = listWithStatus(u"LABELED"_s);
            QVERIFY(listed.size() >= 2);
            ui::ReviewController *review = controller();
            review->queueAction()->trigger();
            QVERIFY(m_driver.waitForShown(listed.first(), Bound));
            QTest::keyClick(m_driver.window(), Qt::Key_R);
            // Back to the sample just rejected (→/← step in the queue too).
            QTest::keyClick(m_driver.canvas(), Qt::Key_Left);
            QVERIFY(m_driver.waitForShown(listed.first(), Bound));
            QTRY_VERIFY(!m_driver.canvas()->overlayPending());
            QCOMPARE(badge(), u"rejected"_s);
            auto *bar = m_driver.window()->findChild<ui::ReviewQueueBar *>(u"reviewQueueBar"_s);
            QVERIFY(bar->isVisible());
            const auto *progress = bar->findChild<QLabel *>(u"reviewQueueProgress"_s);
            QVERIFY2(progress->width() >= progress->sizeHint().width(),
                     qPrintable(u"%1 at %2 px"_s.arg(progress->text()).arg(progress->width())));
            QTRY_COMPARE_WITH_TIMEOUT(review->decisions()->pendingCount(), 0, Bound);
            // The landed decision's reviewer is in the Info tab, and every tab's name is whole.
            const auto *info = m_driver.window()->findChild<ui::SampleInfoView *>();
            QVERIFY(info);
            QTRY_VERIFY(info->toPlainText().contains(u"Reviewed by"_s));
            const auto *tabs = info->parentWidget()->parentWidget()->findChild<QTabBar *>();
            QVERIFY(tabs);
            for (int i = 0; i < tabs->count(); ++i)
                QVERIFY2(tabs->tabRect(i).width() >=
                             tabs->fontMetrics().horizontalAdvance(tabs->tabText(i)),
                         qPrintable(tabs->tabText(i)));
            screenshot(u"review-%1x%2-%3"_s.arg(size.width())
                           .arg(size.height())
                           .arg(QString::fromLatin1(themeName).toLower()));
            // The comment popup over the viewer, readable in the theme.
            QTest::keyClick(m_driver.window(), Qt::Key_R, Qt::ShiftModifier);
            auto *edit = m_driver.window()->findChild<QLineEdit *>(u"rejectCommentEdit"_s);
            QVERIFY(edit);
            QTRY_VERIFY(edit->isVisible());
            QTest::keyClicks(edit, u"the bus is labelled as a car"_s);
            QVERIFY(edit->width() >= edit->fontMetrics().horizontalAdvance(edit->text()));
            const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
            if (!dir.isEmpty() && size.width() == 1366)
                edit->window()->grab().save(u"%1/review-comment-%2.png"_s.arg(
                    dir, QString::fromLatin1(themeName).toLower()));
            QTest::keyClick(edit, Qt::Key_Escape);
            m_driver.close();
            test::MainWindowDriver::clearSettings();
        }
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

SEGSCOPE_GUI_TEST_MAIN(TestReviewQueue)
#include "tst_reviewqueue.moc"
