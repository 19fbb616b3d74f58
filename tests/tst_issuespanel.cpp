// A sample's issues in the viewer (issue 15), offscreen against segscope-server in-process: the
// Issues tab lists them open first with who raised them; Close and Reopen change them on the
// server; a sample without issues and a failing server say so in words; an answer for a sample
// the user has left is dropped; where the server does not answer a sample's issues (404/405, as
// the real service may), the dataset's list stands in and is read once. In the detail pane: the
// tab's title and the header's chip carry the open count, the chip shows the tab, and a review
// decision's comment appears as a new issue.
//
// SEGSCOPE_SCREENSHOT_DIR=/some/dir saves grabs of the window with the Issues tab there.
#include "support/faultproxy.h"
#include "support/faultserver.h"
#include "support/mainwindowdriver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "detail/detailpane.h"
#include "detail/imagecanvas.h"
#include "review/issuespanel.h"
#include "review/reviewcontroller.h"
#include "shell/theme.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace segscope;
using ui::IssuesPanel;

namespace {

constexpr int Bound = 20000;

//! The cards in the order shown.
QList<QWidget *> cards(IssuesPanel &panel) {
    QList<QWidget *> out;
    for (QWidget *w : panel.findChildren<QWidget *>(u"issueCard"_s)) {
        if (w->parentWidget())
            out.append(w);
    }
    std::sort(out.begin(), out.end(), [](QWidget *a, QWidget *b) { return a->y() < b->y(); });
    return out;
}

QString cardText(QWidget *card, const QString &name) {
    if (auto *label = card->findChild<QLabel *>(name))
        return label->text();
    if (auto *button = card->findChild<QPushButton *>(name))
        return button->text();
    return {};
}

} // namespace

class TestIssuesPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void listsOpenFirst();
    void closeAndReopenChangeTheServer();
    void sampleWithoutIssuesSaysSo();
    void failingServerSaysWhy();
    void staleAnswerIsDropped();
    void datasetListStandsInWhereSampleIssuesAreNotServed();
    void whenText();
    void paneShowsCountAndChip();
    void rejectCommentAppearsAndScreenshots();

private:
    QString createIssue(const QString &sample, const QString &description, const QString &status);
    QString serverStatus(const QString &sample, const QString &issue);
    std::unique_ptr<IssuesPanel> makePanel(api::ApiClient *client);

    test::ServerFixture m_fixture;
    QString m_key;
    std::unique_ptr<api::ApiClient> m_client;
    QStringList m_samples; //!< 0: three issues (two open); 1 and 2: none
    QStringList m_issues;  //!< on sample 0: open, closed, open (in creation order)
};

void TestIssuesPanel::initTestCase() {
    QString error;
    QVERIFY2(m_fixture.start({}, &error), qPrintable(error));
    m_key = m_fixture.addUser(u"ann"_s);
    QVERIFY(!m_fixture.createDataset(m_key, u"roads"_s).isEmpty());
    m_samples = m_fixture.createSamples(m_key, u"ann/roads"_s, 3);
    QCOMPARE(m_samples.size(), 3);
    m_issues.append(createIssue(m_samples[0], u"The curb is labelled as road"_s, u"OPEN"_s));
    m_issues.append(createIssue(m_samples[0], u"Sky bleeds into the trees"_s, u"CLOSED"_s));
    m_issues.append(createIssue(m_samples[0],
                                u"Two parked cars share one instance; split them so the "
                                u"tracker sees two objects, and check the mirror too"_s,
                                u"OPEN"_s));
    for (const QString &uuid : std::as_const(m_issues))
        QVERIFY(!uuid.isEmpty());
    api::ClientOptions options;
    options.baseUrl = m_fixture.baseUrl();
    options.apiKey = m_key;
    options.cacheDirectory = m_fixture.dataDir() + u"/client-cache"_s;
    m_client = std::make_unique<api::ApiClient>(options);
}

QString TestIssuesPanel::createIssue(const QString &sample, const QString &description,
                                     const QString &status) {
    const test::HttpResult r = m_fixture.http.post(
        u"/samples/%1/issues/"_s.arg(sample),
        QJsonObject{{"description"_L1, description}, {"status"_L1, status}}, m_key);
    if (r.status != 201)
        qWarning("create issue: %s", r.describe().constData());
    return r.object().value("uuid"_L1).toString();
}

QString TestIssuesPanel::serverStatus(const QString &sample, const QString &issue) {
    const test::HttpResult r = m_fixture.http.get(u"/samples/%1/issues/"_s.arg(sample), m_key);
    for (const QJsonValue &v : r.array()) {
        if (v["uuid"_L1].toString() == issue)
            return v["status"_L1].toString();
    }
    return {};
}

std::unique_ptr<IssuesPanel> TestIssuesPanel::makePanel(api::ApiClient *client) {
    auto panel = std::make_unique<IssuesPanel>();
    panel->resize(320, 600);
    panel->setClient(client);
    panel->setDataset(u"ann/roads"_s);
    panel->show();
    return panel;
}

void TestIssuesPanel::listsOpenFirst() {
    auto panel = makePanel(m_client.get());
    QSignalSpy counts(panel.get(), &IssuesPanel::openCountChanged);
    panel->showSample(m_samples[0]);
    QCOMPARE(panel->state(), IssuesPanel::State::Loading);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::Issues, Bound);
    QTRY_COMPARE(cards(*panel).size(), 3);
    const QList<QWidget *> shown = cards(*panel);
    // Both open ones before the closed one, though it was raised between them.
    QCOMPARE(cardText(shown[0], u"issueStatus"_s), u"Open"_s);
    QCOMPARE(cardText(shown[1], u"issueStatus"_s), u"Open"_s);
    QCOMPARE(cardText(shown[2], u"issueStatus"_s), u"Closed"_s);
    QCOMPARE(cardText(shown[2], u"issueDescription"_s), u"Sky bleeds into the trees"_s);
    QCOMPARE(shown[2]->property("issueUuid").toString(), m_issues[1]);
    QCOMPARE(cardText(shown[0], u"issueToggleButton"_s), u"Close"_s);
    QCOMPARE(cardText(shown[2], u"issueToggleButton"_s), u"Reopen"_s);
    for (QWidget *card : shown) {
        const QString meta = cardText(card, u"issueMeta"_s);
        QVERIFY2(meta == u"Raised by ann, just now"_s, qPrintable(meta));
    }
    // The long description wraps inside the panel instead of widening it.
    QWidget *longCard =
        cardText(shown[0], u"issueDescription"_s).startsWith(u"Two"_s) ? shown[0] : shown[1];
    auto *description = longCard->findChild<QLabel *>(u"issueDescription"_s);
    QVERIFY(description->wordWrap());
    QVERIFY2(longCard->width() <= panel->width(),
             qPrintable(u"%1 > %2"_s.arg(longCard->width()).arg(panel->width())));
    QCOMPARE(panel->openCount(), 2);
    QCOMPARE(panel->title(), u"Issues (2)"_s);
    QCOMPARE(panel->chip()->text(), u"2 open issues"_s);
    QVERIFY(!panel->chip()->isHidden());
    QVERIFY(!counts.isEmpty());
    QCOMPARE(counts.last().at(0).toInt(), 2);
    // The cards, open and closed ones, in both themes (a panel made in each).
    const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        auto themed = makePanel(m_client.get());
        themed->showSample(m_samples[0]);
        QTRY_COMPARE_WITH_TIMEOUT(cards(*themed).size(), 3, Bound);
        themed->chip()->hide(); // the pane's header shows it, not the panel
        if (!dir.isEmpty())
            themed->grab().save(
                u"%1/issues-panel-%2.png"_s.arg(dir, QString::fromLatin1(themeName).toLower()));
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

void TestIssuesPanel::closeAndReopenChangeTheServer() {
    auto panel = makePanel(m_client.get());
    panel->showSample(m_samples[0]);
    QTRY_COMPARE_WITH_TIMEOUT(cards(*panel).size(), 3, Bound);
    QWidget *first = cards(*panel).first();
    const QString uuid = first->property("issueUuid").toString();
    QCOMPARE(serverStatus(m_samples[0], uuid), u"OPEN"_s);
    first->findChild<QPushButton *>(u"issueToggleButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(panel->openCount(), 1, Bound);
    QCOMPARE(serverStatus(m_samples[0], uuid), u"CLOSED"_s);
    QCOMPARE(panel->title(), u"Issues (1)"_s);
    QCOMPARE(panel->chip()->text(), u"1 open issue"_s);
    // The closed issue moved down among the closed ones, with Reopen.
    QTRY_COMPARE(cards(*panel).size(), 3);
    QWidget *moved = nullptr;
    for (QWidget *card : cards(*panel)) {
        if (card->property("issueUuid").toString() == uuid)
            moved = card;
    }
    QVERIFY(moved);
    QVERIFY(cards(*panel).indexOf(moved) >= 1);
    QCOMPARE(cardText(moved, u"issueStatus"_s), u"Closed"_s);
    moved->findChild<QPushButton *>(u"issueToggleButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(panel->openCount(), 2, Bound);
    QCOMPARE(serverStatus(m_samples[0], uuid), u"OPEN"_s);
}

void TestIssuesPanel::sampleWithoutIssuesSaysSo() {
    auto panel = makePanel(m_client.get());
    panel->showSample(m_samples[1]);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::NoIssues, Bound);
    auto *message = panel->findChild<QLabel *>(u"issuesMessage"_s);
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), u"No issues on this sample"_s);
    QVERIFY(cards(*panel).isEmpty());
    QVERIFY(panel->chip()->isHidden());
    QCOMPARE(panel->title(), u"Issues"_s);
}

void TestIssuesPanel::failingServerSaysWhy() {
    test::FaultServer faults;
    QVERIFY(faults.listen());
    faults.setFallback(test::Fault::json(500, R"({"detail":"The database is locked."})"));
    api::ClientOptions options;
    options.baseUrl = faults.url();
    options.apiKey = m_key;
    api::ApiClient client(options);
    auto panel = makePanel(&client);
    panel->showSample(m_samples[0]);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::Failed, Bound);
    auto *message = panel->findChild<QLabel *>(u"issuesMessage"_s);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().startsWith(u"Could not load the issues: "_s) &&
                 message->text().contains(u"The database is locked."_s),
             qPrintable(message->text()));
    QVERIFY(panel->chip()->isHidden());
}

void TestIssuesPanel::staleAnswerIsDropped() {
    auto panel = makePanel(m_client.get());
    QSignalSpy shown(panel.get(), &IssuesPanel::issuesShown);
    QSignalSpy counts(panel.get(), &IssuesPanel::openCountChanged);
    // The user passes the sample with issues before its answer came.
    panel->showSample(m_samples[0]);
    panel->showSample(m_samples[1]);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::NoIssues, Bound);
    // One more answer from the same server: anything about sample 0 would have come by now.
    panel->showSample(m_samples[2]);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, Bound);
    QCOMPARE(shown.at(0).at(0).toString(), m_samples[1]);
    QCOMPARE(shown.at(1).at(0).toString(), m_samples[2]);
    for (const QList<QVariant> &count : std::as_const(counts))
        QCOMPARE(count.at(0).toInt(), 0);
    QVERIFY(cards(*panel).isEmpty());
}

void TestIssuesPanel::datasetListStandsInWhereSampleIssuesAreNotServed() {
    test::FaultProxy proxy(m_fixture.baseUrl());
    QVERIFY(proxy.listen());
    // The real service's answer for a path it does not route.
    proxy.respond("GET", u"/samples/"_s, test::Fault::json(404, R"({"detail":"Not found."})"), 0,
                  100);
    api::ClientOptions options;
    options.baseUrl = proxy.url();
    options.apiKey = m_key;
    api::ApiClient client(options);
    auto panel = makePanel(&client);
    panel->showSample(m_samples[0]);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::Issues, Bound);
    QCOMPARE(panel->issues().size(), 3);
    QCOMPARE(panel->openCount(), 2);
    for (const wire::Issue &issue : panel->issues())
        QCOMPARE(issue.sampleUuid, m_samples[0]);
    panel->showSample(m_samples[1]);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::NoIssues, Bound);
    // Closing goes to the server and the list kept follows it.
    panel->showSample(m_samples[0]);
    QTRY_COMPARE_WITH_TIMEOUT(cards(*panel).size(), 3, Bound);
    QWidget *first = cards(*panel).first();
    const QString uuid = first->property("issueUuid").toString();
    first->findChild<QPushButton *>(u"issueToggleButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(panel->openCount(), 1, Bound);
    QCOMPARE(serverStatus(m_samples[0], uuid), u"CLOSED"_s);
    panel->showSample(m_samples[2]);
    panel->showSample(m_samples[0]);
    QCOMPARE(panel->openCount(), 1);
    // One try of the sample's path, one read of the dataset's list for every sample after.
    QCOMPARE(proxy.count("GET", u"/samples/"_s), 1);
    QCOMPARE(proxy.count("GET", u"/datasets/ann/roads/issues/"_s), 1);
    // Put it back for the other tests.
    QCOMPARE(m_fixture.http
                 .patch(u"/issues/%1/"_s.arg(uuid), QJsonObject{{"status"_L1, u"OPEN"_s}}, m_key)
                 .status,
             200);
}

void TestIssuesPanel::whenText() {
    const QDateTime now = QDateTime::fromString(u"2026-11-28T12:00:00Z"_s, Qt::ISODate);
    QCOMPARE(IssuesPanel::whenText(now.addSecs(-20), now), u"just now"_s);
    QCOMPARE(IssuesPanel::whenText(now.addSecs(30), now), u"just now"_s); // clock skew
    QCOMPARE(IssuesPanel::whenText(now.addSecs(-5 * 60), now), u"5 min ago"_s);
    QCOMPARE(IssuesPanel::whenText(now.addSecs(-3 * 3600), now), u"3 h ago"_s);
    QCOMPARE(IssuesPanel::whenText(now.addDays(-1), now), u"yesterday"_s);
    QCOMPARE(IssuesPanel::whenText(now.addDays(-4), now), u"4 days ago"_s);
    const QDateTime old = now.addDays(-40);
    QCOMPARE(IssuesPanel::whenText(old, now),
             QLocale().toString(old.toLocalTime().date(), QLocale::ShortFormat));
    QCOMPARE(IssuesPanel::whenText(QDateTime(), now), QString());
}

void TestIssuesPanel::paneShowsCountAndChip() {
    ui::DetailPane pane;
    pane.resize(1100, 700);
    pane.setClient(m_client.get());
    wire::Dataset dataset;
    dataset.fullName = u"ann/roads"_s;
    dataset.name = u"roads"_s;
    pane.setDataset(dataset);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    auto *tabs = pane.findChild<QTabWidget *>(u"detailTabs"_s);
    auto *panel = pane.findChild<IssuesPanel *>(u"issuesPanel"_s);
    auto *chip = pane.findChild<QToolButton *>(u"openIssuesChip"_s);
    QVERIFY(tabs && panel && chip);
    QCOMPARE(panel, pane.issuesPanel());
    QCOMPARE(tabs->tabText(tabs->indexOf(panel)), u"Issues"_s);
    QVERIFY(!chip->isVisible());

    pane.showSample(m_samples[0]);
    QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(tabs->indexOf(panel)), u"Issues (2)"_s, Bound);
    QVERIFY(chip->isVisible());
    QCOMPARE(chip->text(), u"2 open issues"_s);
    QVERIFY2(chip->width() >= chip->sizeHint().width(), qPrintable(chip->text()));
    QVERIFY(tabs->currentWidget() != panel);
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(tabs->currentWidget(), panel);

    // A decision's comment, stored as an issue, shows without a reload by hand.
    const QString added = createIssue(m_samples[0], u"Lane marking missing"_s, u"OPEN"_s);
    const test::HttpResult list =
        m_fixture.http.get(u"/samples/%1/issues/"_s.arg(m_samples[0]), m_key);
    wire::Issue issue;
    for (const QJsonValue &v : list.array()) {
        if (v["uuid"_L1].toString() == added) {
            wire::JsonError error;
            issue = wire::Issue::read(v, {}, &error);
        }
    }
    QCOMPARE(issue.uuid, added);
    panel->onIssueChanged(issue);
    QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(tabs->indexOf(panel)), u"Issues (3)"_s, Bound);
    QCOMPARE(chip->text(), u"3 open issues"_s);
    QCOMPARE(m_fixture.http.del(u"/issues/%1/"_s.arg(added), m_key).status, 204);

    // Another sample: no chip, and the title without a count.
    pane.showSample(m_samples[1]);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::NoIssues, Bound);
    QCOMPARE(tabs->tabText(tabs->indexOf(panel)), u"Issues"_s);
    QVERIFY(!chip->isVisible());
    pane.showSample(QString());
    QCOMPARE(panel->state(), IssuesPanel::State::NoSample);
}

void TestIssuesPanel::rejectCommentAppearsAndScreenshots() {
    // The whole window on the demo: a rejected sample's issue (the demo raises one on its first
    // rejected samples), then a reject with a comment through the review controller, at two
    // screen sizes in both themes.
    test::ServerFixture demo;
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 40;
    QString error;
    QVERIFY2(demo.start(options, &error), qPrintable(error));
    const QString key = demo.server()->demoKey();
    qputenv("SEGMENTS_API_KEY", key.toUtf8());
    const test::HttpResult all = demo.http.get(u"/datasets/demo/street-scenes/issues/"_s, key);
    QVERIFY2(all.status == 200 && !all.array().isEmpty(), all.describe().constData());
    const QString sample = all.array().first()["sample_uuid"_L1].toString();
    int before = 0;
    for (const QJsonValue &v : all.array())
        before += v["sample_uuid"_L1].toString() == sample && v["status"_L1] == u"OPEN"_s;
    QVERIFY(before > 0);

    bool commented = false;
    for (const char *themeName : {ui::theme::Light, ui::theme::Dark}) {
        ui::theme::apply(QString::fromLatin1(themeName));
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            test::MainWindowDriver::clearSettings();
            test::MainWindowDriver driver;
            ui::StartOptions start;
            start.server = demo.baseUrl();
            start.dataset = u"demo/street-scenes"_s;
            start.sample = sample;
            QVERIFY(driver.open(start, size));
            QVERIFY(driver.waitForShown(sample, Bound));
            auto *tabs = driver.window()->findChild<QTabWidget *>(u"detailTabs"_s);
            auto *panel = driver.window()->findChild<IssuesPanel *>(u"issuesPanel"_s);
            auto *chip = driver.window()->findChild<QToolButton *>(u"openIssuesChip"_s);
            QVERIFY(tabs && panel && chip);
            QTRY_COMPARE_WITH_TIMEOUT(panel->state(), IssuesPanel::State::Issues, Bound);
            if (!commented) {
                // A reject with a comment lands, becomes an issue, and the tab counts it.
                QCOMPARE(panel->openCount(), before);
                auto *review =
                    driver.window()->findChild<ui::ReviewController *>(u"reviewController"_s);
                QVERIFY(review);
                // The sample is REJECTED already (a decision that changes nothing is not
                // sent): accepted first, then rejected again with the comment.
                review->decide({sample}, u"REVIEWED"_s);
                QTRY_COMPARE_WITH_TIMEOUT(review->decisions()->pendingCount(), 0, Bound);
                review->decide({sample}, u"REJECTED"_s,
                               u"The cyclist's shadow is labelled as the cyclist"_s);
                QTRY_COMPARE_WITH_TIMEOUT(panel->openCount(), before + 1, Bound);
                commented = true;
            }
            QCOMPARE(panel->openCount(), before + 1);
            QTest::mouseClick(chip, Qt::LeftButton);
            QCOMPARE(tabs->currentWidget(), panel);
            QVERIFY(chip->isVisible());
            QVERIFY2(chip->width() >= chip->sizeHint().width(),
                     qPrintable(u"%1 at %2 px"_s.arg(chip->text()).arg(chip->width())));
            for (QWidget *card : cards(*panel)) {
                auto *toggle = card->findChild<QPushButton *>(u"issueToggleButton"_s);
                QVERIFY2(toggle->width() >= toggle->sizeHint().width(), qPrintable(toggle->text()));
            }
            QCOMPARE(tabs->tabToolTip(tabs->indexOf(panel)), chip->text());
            QTRY_VERIFY(!driver.canvas()->overlayPending());
            const QString dir = qEnvironmentVariable("SEGSCOPE_SCREENSHOT_DIR");
            if (!dir.isEmpty()) {
                driver.window()->grab().save(u"%1/issues-%2x%3-%4.png"_s.arg(dir)
                                                 .arg(size.width())
                                                 .arg(size.height())
                                                 .arg(QString::fromLatin1(themeName).toLower()));
            }
            driver.close();
        }
    }
    ui::theme::apply(QString::fromLatin1(ui::theme::System));
}

SEGSCOPE_GUI_TEST_MAIN(TestIssuesPanel)
#include "tst_issuespanel.moc"
