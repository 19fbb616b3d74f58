// README "Using Segscope", Browse: the dataset list filters as one types and opens `owner/name`
// on Enter; the sample filter is kept per dataset; `--sample` opens straight at a sample with its
// dataset. The real main window offscreen, driven by keys and clicks, against segscope-server
// in-process with the demo data.
#include "support/mainwindowdriver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "browse/samplebrowser.h"
#include "detail/detailpane.h"

#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {
constexpr int Bound = 20000;
}

class TestReadmeBrowse : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void typingFiltersTheDatasetList();
    void ownerNameAndEnterOpensThatDataset();
    void enterOpensTheFirstMatch();
    void filterIsKeptPerDataset();
    void startsAtASample();

private:
    bool openWindow(const QString &dataset);
    QLineEdit *datasetFilter() const;
    QTreeView *datasetList() const;
    QLineEdit *sampleSearch() const;
    //! Clicks `fullName` in the dataset list.
    bool clickDataset(const QString &fullName);
    //! Samples of `dataset` whose name contains `text`, as the server counts them.
    int countOnServer(const QString &dataset, const QString &text);

    test::ServerFixture m_server;
    test::MainWindowDriver m_driver;
    QString m_key;
    QString m_bob;
    QStringList m_ownDatasets; //!< what GET /user/datasets/ lists for the demo user
};

void TestReadmeBrowse::initTestCase() {
    server::ServerOptions options;
    options.demo = true;
    options.demoImages = 6;
    QString error;
    QVERIFY2(m_server.start(options, &error), qPrintable(error));
    m_key = m_server.server()->demoKey();
    qputenv("SEGMENTS_API_KEY", m_key.toUtf8());
    // Two more of the demo user's, so a filter has something to leave out.
    QVERIFY(!m_server.createDataset(m_key, u"harbour-night"_s).isEmpty());
    QVERIFY(!m_server.createDataset(m_key, u"harbour-day"_s).isEmpty());
    // Someone else's public dataset.
    m_bob = m_server.addUser(u"bob"_s);
    QVERIFY(!m_server.createDataset(m_bob, u"open-data"_s, {{"public"_L1, true}}).isEmpty());

    const test::HttpResult listed = m_server.http.get(u"/user/datasets/"_s, m_key);
    QVERIFY2(listed.status == 200, listed.describe());
    for (const QJsonValue &d : listed.array())
        m_ownDatasets.append(d["full_name"_L1].toString());
    QVERIFY(m_ownDatasets.contains(u"demo/street-shapes"_s));
}

void TestReadmeBrowse::init() {
    test::MainWindowDriver::clearSettings();
}

void TestReadmeBrowse::cleanup() {
    m_driver.close();
}

bool TestReadmeBrowse::openWindow(const QString &dataset) {
    ui::StartOptions options;
    options.server = m_server.baseUrl();
    options.dataset = dataset;
    return m_driver.open(options) && m_driver.waitForDataset(dataset, Bound) &&
           QTest::qWaitFor([this] { return datasetList()->model()->rowCount() > 0; }, Bound);
}

QLineEdit *TestReadmeBrowse::datasetFilter() const {
    return m_driver.window()->findChild<QLineEdit *>(u"datasetFilter"_s);
}

QTreeView *TestReadmeBrowse::datasetList() const {
    return m_driver.window()->findChild<QTreeView *>(u"datasetList"_s);
}

QLineEdit *TestReadmeBrowse::sampleSearch() const {
    return m_driver.window()->findChild<QLineEdit *>(u"sampleSearch"_s);
}

bool TestReadmeBrowse::clickDataset(const QString &fullName) {
    QTreeView *list = datasetList();
    for (int r = 0; r < list->model()->rowCount(); ++r) {
        const QModelIndex index = list->model()->index(r, 0);
        if (index.data().toString() == fullName) {
            list->scrollTo(index);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                              list->visualRect(index).center());
            return true;
        }
    }
    return false;
}

int TestReadmeBrowse::countOnServer(const QString &dataset, const QString &text) {
    QString path = u"/datasets/%1/samples/?per_page=1000"_s.arg(dataset);
    if (!text.isEmpty())
        path += u"&name__contains="_s + test::enc(text);
    const test::HttpResult r = m_server.http.get(path, m_key);
    return r.status == 200 ? int(r.array().size()) : -1;
}

void TestReadmeBrowse::typingFiltersTheDatasetList() {
    QVERIFY(openWindow(u"demo/street-scenes"_s));
    QAbstractItemModel *list = datasetList()->model();
    QCOMPARE(list->rowCount(), m_ownDatasets.size());
    QVERIFY(list->rowCount() >= 4);

    QLineEdit *filter = datasetFilter();
    filter->setFocus();
    QTest::keyClicks(filter, u"harb"_s);
    QCOMPARE(list->rowCount(), 2);
    for (int r = 0; r < list->rowCount(); ++r)
        QVERIFY(list->index(r, 0).data().toString().startsWith(u"demo/harbour-"_s));
    QTest::keyClicks(filter, u"our-N"_s); // case does not matter
    QCOMPARE(list->rowCount(), 1);
    QCOMPARE(list->index(0, 0).data().toString(), u"demo/harbour-night"_s);
    QTest::keyClicks(filter, u"x"_s);
    QCOMPARE(list->rowCount(), 0);
    // Typing only filters: the open dataset stays open.
    const QString opened = QSettings().value(u"window/lastDataset"_s).toString();
    QVERIFY2(m_driver.browser()->isVisible(), qPrintable(u"typing opened "_s + opened));
    QCOMPARE(m_driver.browser()->dataset().fullName, u"demo/street-scenes"_s);
    QCOMPARE(opened, u"demo/street-scenes"_s);
    // Backspace widens it again; clearing shows everything.
    QTest::keyClick(filter, Qt::Key_Backspace);
    QCOMPARE(list->rowCount(), 1);
    filter->selectAll();
    QTest::keyClick(filter, Qt::Key_Delete);
    QCOMPARE(list->rowCount(), m_ownDatasets.size());
}

void TestReadmeBrowse::ownerNameAndEnterOpensThatDataset() {
    QVERIFY(openWindow(u"demo/street-scenes"_s));
    // Made after the window listed the datasets: it is not in the list.
    QVERIFY(!m_server.createDataset(m_bob, u"late-data"_s, {{"public"_L1, true}}).isEmpty());
    QCOMPARE(m_server.createSamples(m_bob, u"bob/late-data"_s, 3, u"late"_s).size(), 3);
    QLineEdit *filter = datasetFilter();
    filter->setFocus();
    QTest::keyClicks(filter, u"bob/late-data"_s);
    QCOMPARE(datasetList()->model()->rowCount(), 0); // not listed...
    QTest::keyClick(filter, Qt::Key_Return);
    QVERIFY(m_driver.waitForDataset(u"bob/late-data"_s, Bound)); // ...but opened
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.browser()->model()->rowCount(), 3, Bound);
    QCOMPARE(m_driver.browser()->model()->index(0, 0).data().toString(), u"late0000"_s);
    QVERIFY(m_driver.window()->windowTitle().contains(u"bob/late-data"_s));

    // One of the list, typed in full, opens too.
    filter->selectAll();
    QTest::keyClicks(filter, u"bob/open-data"_s);
    QCOMPARE(datasetList()->model()->rowCount(), 1);
    QTest::keyClick(filter, Qt::Key_Enter);
    QVERIFY(m_driver.waitForDataset(u"bob/open-data"_s, Bound));
}

void TestReadmeBrowse::enterOpensTheFirstMatch() {
    QVERIFY(openWindow(u"demo/street-scenes"_s));
    QLineEdit *filter = datasetFilter();
    filter->setFocus();
    QTest::keyClicks(filter, u"shapes"_s);
    QCOMPARE(datasetList()->model()->rowCount(), 1);
    QTest::keyClick(filter, Qt::Key_Return);
    QVERIFY(m_driver.waitForDataset(u"demo/street-shapes"_s, Bound));
}

void TestReadmeBrowse::filterIsKeptPerDataset() {
    const QString a = u"demo/street-scenes"_s;
    const QString b = u"demo/street-shapes"_s;
    QVERIFY(openWindow(a));
    ui::SampleBrowser *browser = m_driver.browser();
    const int all = browser->model()->rowCount();
    const int matching = countOnServer(a, u"_0003"_s);
    QVERIFY2(matching >= 1 && matching < all, qPrintable(u"%1 of %2"_s.arg(matching).arg(all)));

    // A filter on A...
    QLineEdit *search = sampleSearch();
    search->setFocus();
    QTest::keyClicks(search, u"_0003"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(browser->model()->rowCount(), matching, Bound);

    // ...is not B's: B opens unfiltered.
    QVERIFY(clickDataset(b));
    QVERIFY(m_driver.waitForDataset(b, Bound));
    QCOMPARE(search->text(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(browser->model()->rowCount(), countOnServer(b, QString()), Bound);

    // Back on A, A's filter is back, and applied.
    QVERIFY(clickDataset(a));
    QVERIFY(m_driver.waitForDataset(a, Bound));
    QCOMPARE(search->text(), u"_0003"_s);
    QTRY_COMPARE_WITH_TIMEOUT(browser->model()->rowCount(), matching, Bound);

    // And at the next start.
    m_driver.close();
    QVERIFY(openWindow(a));
    QCOMPARE(sampleSearch()->text(), u"_0003"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.browser()->model()->rowCount(), matching, Bound);
}

void TestReadmeBrowse::startsAtASample() {
    // The last sample of street-shapes by name: not the one a dataset opens on.
    const test::HttpResult r =
        m_server.http.get(u"/datasets/demo/street-shapes/samples/?sort=-name&per_page=1"_s, m_key);
    QVERIFY2(r.status == 200 && r.array().size() == 1, r.describe());
    const QString uuid = r.array().at(0)["uuid"_L1].toString();

    ui::StartOptions options;
    options.server = m_server.baseUrl();
    options.sample = uuid;
    QVERIFY(m_driver.open(options));
    QVERIFY(m_driver.waitForDataset(u"demo/street-shapes"_s, Bound));
    QVERIFY(m_driver.waitForShown(uuid, Bound));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.browser()->currentUuid(), uuid, Bound);
    QVERIFY(m_driver.browser()->model()->rowOfUuid(uuid) > 0);
}

SEGSCOPE_GUI_TEST_MAIN(TestReadmeBrowse)
#include "tst_readme_browse.moc"
