// The sample browser's table against segscope-server in-process: a header click sorts by the
// server's sort field (and says why when a column cannot sort), one sort shown by the filter
// bar and the headers alike; the Name column stays at the left edge while the others scroll;
// the status column reads as the grid's badges.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "api/datasetsapi.h"
#include "browse/samplebrowser.h"
#include "browse/sampletableview.h"
#include "models/samplelistmodel.h"
#include "settings/appsettings.h"

#include <QComboBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::ServerFixture;

class TestSampleTable : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void headerClickSorts();
    void frozenNameColumnStaysWhileScrolling();

private:
    //! Shows `dataset` as a table and waits for its first row to be current.
    bool open(const wire::Dataset &dataset);
    QString nameAt(int row) const;

    ServerFixture m_fixture;
    QString m_key;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<ui::SampleBrowser> m_browser;
    wire::Dataset m_many; //!< b0000..b0019 created first, then a0000..a0019
};

void TestSampleTable::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_fixture.start({}, &error), qPrintable(error));
    m_key = m_fixture.addUser(u"ann"_s);
    QVERIFY(!m_key.isEmpty());
    api::ClientOptions client;
    client.baseUrl = m_fixture.baseUrl();
    client.apiKey = m_key;
    client.cacheDirectory = m_fixture.dataDir() + u"/client-cache"_s;
    m_client = std::make_unique<api::ApiClient>(client);
    QVERIFY(!m_fixture.createDataset(m_key, u"many"_s).isEmpty());
    // Created "b" first: sorted by name "a0000" comes first, by creation a "b".
    QCOMPARE(m_fixture.createSamples(m_key, u"ann/many"_s, 20, u"b"_s).size(), 20);
    QTest::qWait(20); // a later created_at for the second batch
    QCOMPARE(m_fixture.createSamples(m_key, u"ann/many"_s, 20, u"a"_s).size(), 20);
    bool done = false;
    api::getDataset(*m_client, u"ann/many"_s, this, [&](api::Result<wire::Dataset> r) {
        if (r.ok())
            m_many = r.value();
        done = true;
    });
    QTRY_VERIFY(done);
    QCOMPARE(m_many.samplesCount.value_or(0), 40);
}

void TestSampleTable::init() {
    QSettings().clear();
    m_browser = std::make_unique<ui::SampleBrowser>();
    m_browser->resize(900, 640);
    m_browser->setClient(m_client.get());
    m_browser->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_browser.get()));
}

void TestSampleTable::cleanup() {
    m_browser.reset();
}

bool TestSampleTable::open(const wire::Dataset &dataset) {
    settings::DatasetTableMode(dataset.fullName).set(true);
    m_browser->showDataset(dataset);
    return QTest::qWaitFor([this] { return !m_browser->currentUuid().isEmpty(); }, 10000);
}

QString TestSampleTable::nameAt(int row) const {
    const models::SampleRow *r = m_browser->model()->row(row);
    return r ? r->name : QString();
}

void TestSampleTable::headerClickSorts() {
    QVERIFY(open(m_many));
    auto *table = m_browser->findChild<ui::SampleTableView *>(u"sampleTable"_s);
    auto *sortBox = m_browser->findChild<QComboBox *>(u"sortField"_s);
    QTRY_COMPARE(nameAt(0), u"a0000"_s);
    QCOMPARE(sortBox->currentData().toString(), u"name"_s);
    QHeaderView *header = table->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(models::SampleListModel::NameColumn));

    const auto click = [header](int column) {
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    };
    click(models::SampleListModel::CreatedColumn);
    QCOMPARE(m_browser->model()->filter().sortField, u"created_at"_s);
    QCOMPARE(sortBox->currentData().toString(), u"created_at"_s);
    // The first batch was created first (within a batch the times may tie).
    QTRY_VERIFY(nameAt(0).startsWith(u'b'));
    QCOMPARE(header->sortIndicatorSection(), int(models::SampleListModel::CreatedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    // Again: the other way round.
    click(models::SampleListModel::CreatedColumn);
    QVERIFY(m_browser->model()->filter().sortDescending);
    QTRY_VERIFY(nameAt(0).startsWith(u'a'));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

    // A header the API cannot sort by: the sort stays, a message says why.
    QSignalSpy messages(m_browser.get(), &ui::SampleBrowser::statusMessage);
    const models::SampleFilter before = m_browser->model()->filter();
    click(models::SampleListModel::StatusColumn);
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.at(0).at(0).toString().contains(u"cannot sort"_s),
             qPrintable(messages.at(0).at(0).toString()));
    QCOMPARE(m_browser->model()->filter(), before);
    QCOMPARE(header->sortIndicatorSection(), int(models::SampleListModel::CreatedColumn));
    QVERIFY(m_browser->model()
                ->headerData(models::SampleListModel::StatusColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(u"label status"_s));

    // The sort box leads the headers too.
    sortBox->setCurrentIndex(sortBox->findData(u"priority"_s));
    QCOMPARE(header->sortIndicatorSection(), int(models::SampleListModel::PriorityColumn));
}

void TestSampleTable::frozenNameColumnStaysWhileScrolling() {
    m_browser->resize(420, 500);
    QVERIFY(open(m_many));
    auto *table = m_browser->findChild<ui::SampleTableView *>(u"sampleTable"_s);
    QTableView *frozen = table->frozenView();
    QTRY_VERIFY(table->horizontalScrollBar()->maximum() > 0);
    QVERIFY(frozen->isVisible());
    QVERIFY(frozen->isColumnHidden(models::SampleListModel::StatusColumn));
    QCOMPARE(frozen->columnWidth(0), table->columnWidth(0));

    table->horizontalScrollBar()->setValue(table->horizontalScrollBar()->maximum());
    QVERIFY(table->columnViewportPosition(0) < 0); // the table under it did scroll
    QCOMPARE(frozen->x(), table->frameWidth());
    const QModelIndex first = m_browser->model()->index(0, 0);
    QCOMPARE(frozen->visualRect(first).x(), 0);
    QCOMPARE(frozen->visualRect(first).y(), table->visualRect(first).y());
    QCOMPARE(frozen->indexAt(QPoint(5, 5)).data().toString(), nameAt(0));

    // Scrolled down, both views show the same rows.
    table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
    QCOMPARE(frozen->verticalScrollBar()->value(), table->verticalScrollBar()->value());

    // The status column reads as the grid's badges, with the raw status as its tooltip.
    QAbstractItemDelegate *status =
        table->itemDelegateForColumn(models::SampleListModel::StatusColumn);
    auto *styled = qobject_cast<QStyledItemDelegate *>(status);
    QVERIFY(styled);
    QCOMPARE(styled->displayText(u"LABELING_IN_PROGRESS"_s, QLocale()), u"labeling"_s);
}

SEGSCOPE_GUI_TEST_MAIN(TestSampleTable)
#include "tst_sampletable.moc"
