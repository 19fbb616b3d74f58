// Review from the keyboard (issue 15), the actions: several samples selected in the grid and
// accepted from its context menu or with the A key; the keys typing in the search box and the
// comment popup instead of deciding; a sample without a label skipped; a 403 (a dataset the
// user may only read) and a dropped connection putting the badge back and saying why. The real
// main window offscreen against segscope-server in-process (behind a fault proxy for the drop).
#include "support/faultproxy.h"
#include "support/mainwindowdriver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "browse/samplegridview.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "models/samplelistmodel.h"
#include "review/reviewcontroller.h"
#include "wire/vocabulary.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {

constexpr int Bound = 20000;
const QString Dataset = u"demo/street-scenes"_s;

//! Runs `handle` on the next popup menu that opens (a context menu's exec() blocks the caller).
void onNextMenu(std::function<void(QMenu *)> handle) {
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, handle] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        timer->stop();
        timer->deleteLater();
        handle(menu);
        menu->close();
    });
    timer->start();
}

} // namespace

class TestReviewActions : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void severalSelectedSamplesAcceptedFromTheGrid();
    void keysTypeInTheSearchBoxAndTheCommentPopup();
    void sampleWithoutLabelIsSkipped();
    void statusMenuAndCanvasMenu();
    void forbiddenPutsTheStatusBackAndSaysWhy();
    void droppedConnectionPutsTheStatusBack();

private:
    bool open(const QUrl &server = {});
    QStringList listWithStatus(const QString &status);
    QString serverStatus(const QString &uuid);
    ui::ReviewController *controller() const;
    QString badge() const;
    void clickRow(int row, Qt::KeyboardModifiers modifiers = {});
    QPoint rowCenter(int row);

    std::unique_ptr<test::ServerFixture> m_server;
    test::MainWindowDriver m_driver;
    QString m_key;
};

void TestReviewActions::init() {
    m_driver.close();
    test::MainWindowDriver::clearSettings();
    m_server = std::make_unique<test::ServerFixture>();
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 40;
    QString error;
    QVERIFY2(m_server->start(options, &error), qPrintable(error));
    m_key = m_server->server()->demoKey();
    qputenv("SEGMENTS_API_KEY", m_key.toUtf8());
}

void TestReviewActions::cleanup() {
    m_driver.close();
    m_server.reset();
}

bool TestReviewActions::open(const QUrl &server) {
    ui::StartOptions start;
    start.server = server.isValid() ? server : m_server->baseUrl();
    start.dataset = Dataset;
    return m_driver.open(start, QSize(1366, 768)) && m_driver.waitForDataset(Dataset, Bound);
}

QStringList TestReviewActions::listWithStatus(const QString &status) {
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

QString TestReviewActions::serverStatus(const QString &uuid) {
    const test::HttpResult r = m_server->http.get(u"/labels/%1/ground-truth/"_s.arg(uuid), m_key);
    return r.object().value("label_status"_L1).toString();
}

ui::ReviewController *TestReviewActions::controller() const {
    return m_driver.window()->findChild<ui::ReviewController *>(u"reviewController"_s);
}

QString TestReviewActions::badge() const {
    const auto *label = m_driver.window()->findChild<QLabel *>(u"labelStatusBadge"_s);
    return label && label->isVisible() ? label->text() : QString();
}

QPoint TestReviewActions::rowCenter(int row) {
    ui::SampleGridView *grid = m_driver.browser()->gridView();
    const QModelIndex index = grid->model()->index(row, 0);
    grid->scrollTo(index);
    return grid->visualRect(index).center();
}

void TestReviewActions::clickRow(int row, Qt::KeyboardModifiers modifiers) {
    ui::SampleGridView *grid = m_driver.browser()->gridView();
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, modifiers, rowCenter(row));
}

void TestReviewActions::severalSelectedSamplesAcceptedFromTheGrid() {
    QVERIFY(open());
    const QStringList listed = listWithStatus(u"LABELED"_s);
    QCOMPARE(listed.size(), 12);
    ui::SampleBrowser *browser = m_driver.browser();
    ui::ReviewController *review = controller();
    QSignalSpy landed(review->decisions(), &review::ReviewDecisions::landed);

    // Ctrl+click adds to the selection; the viewer follows the sample clicked last.
    clickRow(0);
    clickRow(1, Qt::ControlModifier);
    clickRow(2, Qt::ControlModifier);
    QCOMPARE(browser->selectedUuids(), listed.mid(0, 3));
    QCOMPARE(browser->currentUuid(), listed.at(2));
    QCOMPARE(m_driver.detail()->currentUuid(), listed.at(2));

    // The context menu of a selected sample acts on the whole selection.
    QString acceptText;
    onNextMenu([&](QMenu *menu) {
        auto *accept = menu->findChild<QAction *>(u"contextAccept"_s);
        QVERIFY(accept);
        acceptText = accept->text();
        accept->trigger();
    });
    ui::SampleGridView *grid = browser->gridView();
    emit grid->customContextMenuRequested(rowCenter(1));
    QCOMPARE(acceptText, u"Accept 3 samples\tA"_s);
    for (int r = 0; r < 3; ++r)
        QCOMPARE(browser->model()->row(r)->labelStatus, u"REVIEWED"_s);
    QCOMPARE(review->undoAction()->text(), u"&Undo Accept of 3 samples"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 3, Bound);
    for (int r = 0; r < 3; ++r)
        QCOMPARE(serverStatus(listed.at(r)), u"REVIEWED"_s);

    // Shift+click: the samples between, in list order (rows 3 to 5 span two lines of the
    // grid), then the A key with the grid's focus.
    clickRow(3);
    clickRow(5, Qt::ShiftModifier);
    QCOMPARE(browser->selectedUuids(), listed.mid(3, 3));
    QVERIFY(grid->hasFocus());
    QTest::keyClick(m_driver.window(), Qt::Key_A);
    for (int r = 3; r < 6; ++r)
        QCOMPARE(browser->model()->row(r)->labelStatus, u"REVIEWED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 6, Bound);
    for (int r = 3; r < 6; ++r)
        QCOMPARE(serverStatus(listed.at(r)), u"REVIEWED"_s);
    QCOMPARE(serverStatus(listed.at(6)), u"LABELED"_s);

    // A sample outside the selection: the menu is about that sample alone.
    onNextMenu([&](QMenu *menu) {
        auto *accept = menu->findChild<QAction *>(u"contextAccept"_s);
        QVERIFY(accept);
        acceptText = accept->text();
    });
    emit grid->customContextMenuRequested(rowCenter(8));
    QCOMPARE(acceptText, u"Accept\tA"_s);

    // Ctrl+A selects every listed sample.
    grid->setFocus();
    QTest::keyClick(grid, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(browser->selectedUuids(), listed);
    QCOMPARE(review->decisions()->undoDepth(), 2); // Ctrl+A is not A
}

void TestReviewActions::keysTypeInTheSearchBoxAndTheCommentPopup() {
    QVERIFY(open());
    models::SampleListModel *model = m_driver.browser()->model();
    const QString uuid = model->row(0)->uuid;
    QVERIFY(m_driver.waitForShown(uuid, Bound));
    ui::ReviewController *review = controller();
    QSignalSpy landed(review->decisions(), &review::ReviewDecisions::landed);
    m_driver.detail()->focusView();
    QTest::keyClick(m_driver.window(), Qt::Key_A);
    QCOMPARE(model->row(0)->labelStatus, u"REVIEWED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 1, Bound);

    // In the search box, A and R are letters and Ctrl+Z undoes the typing.
    auto *search = m_driver.window()->findChild<QLineEdit *>(u"sampleSearch"_s);
    QVERIFY(search);
    search->setFocus();
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, u"ar"_s);
    QCOMPARE(search->text(), u"ar"_s);
    QTest::keyClick(search, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(review->decisions()->undoDepth(), 1);
    QCOMPARE(review->decisions()->pendingCount(), 0);
    QCOMPARE(serverStatus(uuid), u"REVIEWED"_s);
    search->clear();

    // Shift+R in the viewer asks what is wrong; typing it decides nothing, Enter rejects.
    QTRY_COMPARE(model->row(0) ? model->row(0)->uuid : QString(), uuid);
    QVERIFY(m_driver.browser()->selectIfListed(uuid));
    m_driver.detail()->focusView();
    QTest::keyClick(m_driver.window(), Qt::Key_R, Qt::ShiftModifier);
    auto *edit = m_driver.window()->findChild<QLineEdit *>(u"rejectCommentEdit"_s);
    QVERIFY(edit);
    QTRY_VERIFY(edit->isVisible());
    QCOMPARE(edit->placeholderText(), u"What is wrong?"_s);
    QSignalSpy issued(review->decisions(), &review::ReviewDecisions::issueCreated);
    QSignalSpy notIssued(review->decisions(), &review::ReviewDecisions::issueFailed);
    QTest::keyClicks(edit, u"a car is missing"_s);
    QCOMPARE(review->decisions()->undoDepth(), 1);
    QCOMPARE(badge(), u"reviewed"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(badge(), u"rejected"_s);
    QCOMPARE(review->decisions()->undoDepth(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 2, Bound);
    QCOMPARE(serverStatus(uuid), u"REJECTED"_s);
    // The comment goes on as an issue once the status landed (or says why it could not).
    QTRY_COMPARE_WITH_TIMEOUT(issued.size() + notIssued.size(), 1, Bound);
    if (!issued.isEmpty())
        QCOMPARE(issued.first().at(0).value<wire::Issue>().description, u"a car is missing"_s);

    // Esc cancels: no decision. (The offscreen platform does not give the window back its
    // activation when a popup closes, as a window manager does.)
    QTRY_VERIFY(!QApplication::activePopupWidget());
    m_driver.window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_driver.window()));
    m_driver.detail()->focusView();
    QTest::keyClick(m_driver.window(), Qt::Key_R, Qt::ShiftModifier);
    edit = m_driver.window()->findChild<QLineEdit *>(u"rejectCommentEdit"_s);
    QVERIFY(edit);
    QTRY_VERIFY(edit->isVisible());
    QTest::keyClicks(edit, u"never mind"_s);
    QTest::keyClick(edit, Qt::Key_Escape);
    QTRY_VERIFY(!m_driver.window()->findChild<QLineEdit *>(u"rejectCommentEdit"_s));
    QCOMPARE(review->decisions()->undoDepth(), 2);
}

void TestReviewActions::sampleWithoutLabelIsSkipped() {
    QVERIFY(open());
    const QStringList unlabeled = listWithStatus(u"UNLABELED"_s);
    QVERIFY(!unlabeled.isEmpty());
    clickRow(0);
    QCOMPARE(m_driver.browser()->selectedUuids(), unlabeled.mid(0, 1));
    QTest::keyClick(m_driver.window(), Qt::Key_A);
    ui::ReviewController *review = controller();
    QCOMPARE(review->decisions()->undoDepth(), 0);
    QCOMPARE(review->decisions()->pendingCount(), 0);
    QVERIFY2(m_driver.window()->statusBar()->currentMessage().contains(
                 u"has no label in ground-truth"_s),
             qPrintable(m_driver.window()->statusBar()->currentMessage()));
    QCOMPARE(m_driver.browser()->model()->row(0)->labelStatus, u"UNLABELED"_s);
}

void TestReviewActions::statusMenuAndCanvasMenu() {
    QVERIFY(open());
    models::SampleListModel *model = m_driver.browser()->model();
    const QString uuid = model->row(0)->uuid;
    QVERIFY(m_driver.waitForShown(uuid, Bound));
    ui::ReviewController *review = controller();
    QSignalSpy landed(review->decisions(), &review::ReviewDecisions::landed);

    // M: every status the API lets a client write (not UNLABELED), at the viewer.
    QStringList offered;
    onNextMenu([&](QMenu *menu) {
        QCOMPARE(menu->objectName(), u"reviewStatusMenu"_s);
        for (QAction *a : menu->actions())
            offered.append(a->toolTip());
        menu->findChild<QAction *>(u"setStatus_VERIFIED"_s)->trigger();
    });
    m_driver.detail()->focusView();
    QTest::keyClick(m_driver.window(), Qt::Key_M);
    QTRY_COMPARE(model->row(0)->labelStatus, u"VERIFIED"_s);
    QStringList writable = wire::labelStatuses();
    writable.removeAll(u"UNLABELED"_s);
    QCOMPARE(offered, writable);
    QCOMPARE(badge(), u"verified"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 1, Bound);
    QCOMPARE(serverStatus(uuid), u"VERIFIED"_s);

    // The canvas's context menu: copy the UUID and the review actions for the sample shown.
    QStringList items;
    onNextMenu([&](QMenu *menu) {
        QCOMPARE(menu->objectName(), u"canvasContextMenu"_s);
        for (QAction *a : menu->actions())
            items.append(a->text());
        menu->findChild<QAction *>(u"contextReject"_s)->trigger();
    });
    QTRY_VERIFY(!QApplication::activePopupWidget());
    ui::ImageCanvas *canvas = m_driver.canvas();
    emit canvas->customContextMenuRequested(canvas->viewport()->rect().center());
    QVERIFY2(items.size() >= 5 && items.at(0) == u"Copy UUID"_s && items.contains(u"Accept\tA"_s) &&
                 items.contains(u"Reject\tR"_s),
             qPrintable(items.join(u" | "_s)));
    QCOMPARE(badge(), u"rejected"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.size(), 2, Bound);
    QCOMPARE(serverStatus(uuid), u"REJECTED"_s);
    QCOMPARE(review->undoAction()->text(), u"&Undo Reject of 1 sample"_s);
}

void TestReviewActions::forbiddenPutsTheStatusBackAndSaysWhy() {
    // The demo's dataset made public: another user may look at it, not change it.
    const test::HttpResult made = m_server->http.patch(u"/datasets/demo/street-scenes/"_s,
                                                       QJsonObject{{"public"_L1, true}}, m_key);
    QVERIFY2(made.status == 200, made.describe().constData());
    const QString guest = m_server->addUser(u"guest"_s);
    QVERIFY(!guest.isEmpty());
    qputenv("SEGMENTS_API_KEY", guest.toUtf8());
    QVERIFY(open());
    models::SampleListModel *model = m_driver.browser()->model();
    const QString uuid = model->row(0)->uuid;
    QVERIFY(m_driver.waitForShown(uuid, Bound));
    QCOMPARE(badge(), u"labeled"_s);
    ui::ReviewController *review = controller();
    QSignalSpy refused(review->decisions(), &review::ReviewDecisions::refused);

    m_driver.detail()->focusView();
    QTest::keyClick(m_driver.window(), Qt::Key_A);
    QCOMPARE(badge(), u"reviewed"_s); // at once, before the answer
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, Bound);
    QCOMPARE(badge(), u"labeled"_s);
    QCOMPARE(model->row(0)->labelStatus, u"LABELED"_s);
    const QString message = m_driver.window()->statusBar()->currentMessage();
    QVERIFY2(message.contains(u"may look at this dataset but not change its labels"_s),
             qPrintable(message));
    const auto *notice = m_driver.window()->findChild<QLabel *>(u"labelNotice"_s);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), message);
    QCOMPARE(serverStatus(uuid), u"LABELED"_s);
}

void TestReviewActions::droppedConnectionPutsTheStatusBack() {
    // Every PATCH of a label loses its connection mid-answer, each retry too.
    test::FaultProxy proxy(m_server->baseUrl());
    QVERIFY(proxy.listen());
    proxy.respond("PATCH", u"/labels/"_s, test::Fault::resetMidBody("{\"uuid\":"), 0, 1000);
    QVERIFY(open(proxy.url()));
    models::SampleListModel *model = m_driver.browser()->model();
    const QString uuid = model->row(0)->uuid;
    QVERIFY(m_driver.waitForShown(uuid, Bound));
    ui::ReviewController *review = controller();
    QSignalSpy refused(review->decisions(), &review::ReviewDecisions::refused);

    m_driver.detail()->focusView();
    QTest::keyClick(m_driver.window(), Qt::Key_R);
    QCOMPARE(badge(), u"rejected"_s);
    QCOMPARE(model->row(0)->labelStatus, u"REJECTED"_s);
    // The retries run without blocking anything: one change on its way.
    QVERIFY(review->decisions()->pendingCount() == 1);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 60000);
    QVERIFY2(proxy.count("PATCH", u"/labels/"_s) > 1,
             qPrintable(QString::number(proxy.count("PATCH", u"/labels/"_s))));
    QCOMPARE(badge(), u"labeled"_s);
    QCOMPARE(model->row(0)->labelStatus, u"LABELED"_s);
    const QString message = m_driver.window()->statusBar()->currentMessage();
    QVERIFY2(message.contains(u"could not reach the server"_s), qPrintable(message));
    QCOMPARE(serverStatus(uuid), u"LABELED"_s);
}

SEGSCOPE_GUI_TEST_MAIN(TestReviewActions)
#include "tst_reviewactions.moc"
