// The sample list model against a real segscope-server (in-process, loopback): a virtual list
// sized to the dataset, pages fetched where the view looks, filters, stale replies dropped.
#include "support/testmain.h"

#include "api/apiclient.h"
#include "api/samplesapi.h"
#include "models/samplelistmodel.h"
#include "server.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;

namespace {
constexpr int kSamples = 1050; // ten full pages of 100 and a short one
const QString kDataset = u"demo/scale-1050"_s;
} // namespace

class TestSampleListModel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sizedToDatasetWithPlaceholders();
    void jumpToEndLoadsOnlyTheEnd();
    void pagesLeavingTheViewAreCancelled();
    void sortDescending();
    void filteredGrowsWithFetchMore();
    void filterChangeDropsLateReplies();
    void labelStatusFilter();
    void setLabelStatusShowsAtOnce();
    void errorThenRetry();
    void pagesFarFromViewAreEvicted();
    void fullLabelsRefetchWithoutReset();
    void addedSampleIsPinnedWithoutReset(); // last: it adds a sample (and deletes it again)

private:
    QTemporaryDir m_dir;
    std::unique_ptr<server::Server> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    std::unique_ptr<models::SampleListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestSampleListModel::initTestCase() {
    QVERIFY(m_dir.isValid());
    server::ServerOptions options;
    options.dataDir = m_dir.path();
    options.demo = true;
    options.demoImages = 2;
    options.demoSamples = kSamples;
    options.logRequests = false;
    m_server = std::make_unique<server::Server>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    api::ClientOptions client;
    client.baseUrl = m_server->baseUrl();
    client.apiKey = m_server->demoKey();
    client.cacheDirectory = m_dir.filePath(u"cache"_s);
    m_client = std::make_unique<api::ApiClient>(client);
}

void TestSampleListModel::init() {
    m_model = std::make_unique<models::SampleListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_tester->setUseFetchMore(true);
}

void TestSampleListModel::cleanup() {
    m_tester.reset();
    m_model.reset();
}

void TestSampleListModel::sizedToDatasetWithPlaceholders() {
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    QCOMPARE(m_model->rowCount(), kSamples);
    QVERIFY(!m_model->canFetchMore({}));
    QVERIFY(m_model->row(0) == nullptr);
    QCOMPARE(m_model->index(0, 0).data(models::SampleListModel::LoadedRole).toBool(), false);
    // Asking for the row's data asks for its page.
    QSignalSpy loaded(m_model.get(), &models::SampleListModel::pageLoaded);
    m_model->setVisibleRows(0, 20);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.first().first().toInt(), 0);
    QVERIFY(m_model->row(0));
    QCOMPARE(m_model->row(0)->name, u"frame_0000000.jpg"_s);
    QCOMPARE(m_model->index(99, 0).data().toString(), u"frame_0000099.jpg"_s);
    QVERIFY(!m_model->row(0)->labelStatus.isEmpty()); // listed with labelset=ground-truth
    QVERIFY(!m_model->row(0)->imageUrl.isEmpty());
    QVERIFY(m_model->row(100) == nullptr);
}

void TestSampleListModel::jumpToEndLoadsOnlyTheEnd() {
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    QSignalSpy loaded(m_model.get(), &models::SampleListModel::pageLoaded);
    m_model->setVisibleRows(kSamples - 30, kSamples - 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->row(kSamples - 1) != nullptr, 10000);
    QCOMPARE(m_model->row(kSamples - 1)->name, u"frame_0001049.jpg"_s);
    QCOMPARE(m_model->row(1000)->name, u"frame_0001000.jpg"_s);
    // Only the page(s) under the view were fetched: nothing in between.
    for (const QList<QVariant> &args : std::as_const(loaded))
        QVERIFY2(args.first().toInt() >= 9, "a page far from the view was fetched");
    QVERIFY(m_model->row(500) == nullptr);
    QCOMPARE(m_model->loadedRowCount(), 50 + (m_model->row(999) ? 100 : 0));
}

void TestSampleListModel::pagesLeavingTheViewAreCancelled() {
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    m_model->setVisibleRows(300, 350);
    QCoreApplication::sendPostedEvents(); // nothing yet: requests go out on the next turn
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pagesInFlight() > 0 || m_model->row(300), 5000);
    // The user jumps away before the page arrives: it is cancelled, the new one fetched.
    m_model->setVisibleRows(900, 950);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->row(900) != nullptr, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->pagesInFlight(), 0, 10000);
    QVERIFY(m_model->row(950));
}

void TestSampleListModel::sortDescending() {
    models::SampleFilter filter;
    filter.sortDescending = true;
    m_model->setFilter(filter);
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    m_model->setVisibleRows(0, 10);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->row(0) != nullptr, 10000);
    QCOMPARE(m_model->row(0)->name, u"frame_0001049.jpg"_s);
    QCOMPARE(m_model->row(1)->name, u"frame_0001048.jpg"_s);
}

void TestSampleListModel::filteredGrowsWithFetchMore() {
    models::SampleFilter filter;
    filter.nameContains = u"frame_00001"_s; // frame_0000100 .. frame_0000199: 100 rows
    m_model->setPageSize(30);
    m_model->setFilter(filter);
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->canFetchMore({}));
    int guard = 0;
    while (m_model->canFetchMore({}) && guard++ < 20) {
        const int before = m_model->rowCount();
        m_model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > before || !m_model->canFetchMore({}), 10000);
    }
    QCOMPARE(m_model->rowCount(), 100);
    QVERIFY(m_model->isExhaustive());
    for (int r = 0; r < m_model->rowCount(); ++r)
        QVERIFY(m_model->row(r)->name.startsWith(u"frame_00001"_s));
}

void TestSampleListModel::filterChangeDropsLateReplies() {
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    m_model->setVisibleRows(0, 99);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pagesInFlight() > 0, 5000);
    // A new filter while page 0 of the old one is on the wire.
    models::SampleFilter filter;
    filter.nameContains = u"frame_0001049"_s;
    m_model->setFilter(filter);
    m_model->fetchMore({});
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->canFetchMore({}), 10000);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->row(0)->name, u"frame_0001049.jpg"_s);
    // Once the client has nothing on the wire or waiting, every reply of the old query has
    // been delivered or dropped: none can land later.
    QTRY_COMPARE_WITH_TIMEOUT(m_client->runningCount() + m_client->queuedCount(), 0, 10000);
    QCOMPARE(m_model->pagesInFlight(), 0);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->row(0)->name, u"frame_0001049.jpg"_s);
}

void TestSampleListModel::labelStatusFilter() {
    models::SampleFilter filter;
    filter.labelStatuses = {u"SKIPPED"_s};
    m_model->setPageSize(1000);
    m_model->setFilter(filter);
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    m_model->fetchMore({});
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->canFetchMore({}), 10000);
    QVERIFY(m_model->rowCount() > 0);
    QVERIFY(m_model->rowCount() < kSamples);
    for (int r = 0; r < m_model->rowCount(); ++r)
        QCOMPARE(m_model->row(r)->labelStatus, u"SKIPPED"_s);
}

void TestSampleListModel::setLabelStatusShowsAtOnce() {
    // A review decision shows in its row at once, in the paged and in the filtered list, and
    // says so to the views; an unlisted uuid changes nothing.
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    QSignalSpy loaded(m_model.get(), &models::SampleListModel::pageLoaded);
    m_model->setVisibleRows(0, 20);
    QVERIFY(loaded.wait(10000));
    const QString uuid = m_model->row(3)->uuid;
    const QString other = m_model->row(4)->labelStatus;
    const QString status =
        m_model->row(3)->labelStatus == u"REJECTED"_s ? u"REVIEWED"_s : u"REJECTED"_s;
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setLabelStatus(uuid, status));
    QCOMPARE(m_model->row(3)->labelStatus, status);
    QCOMPARE(m_model->index(3, models::SampleListModel::StatusColumn)
                 .data(models::SampleListModel::LabelStatusRole)
                 .toString(),
             status);
    QCOMPARE(m_model->row(4)->labelStatus, other);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 3);
    QVERIFY(!m_model->setLabelStatus(u"00000000-0000-0000-0000-000000000000"_s, status));

    models::SampleFilter filter;
    filter.nameContains = u"frame_00000"_s;
    m_model->setFilter(filter);
    m_model->fetchMore({});
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 5, 10000);
    const QString filtered = m_model->row(2)->uuid;
    QVERIFY(m_model->setLabelStatus(filtered, u"VERIFIED"_s));
    QCOMPARE(m_model->row(2)->labelStatus, u"VERIFIED"_s);
}

void TestSampleListModel::errorThenRetry() {
    api::ClientOptions options;
    options.baseUrl = QUrl(u"http://127.0.0.1:1"_s); // nothing listens there
    options.apiKey = m_server->demoKey();
    options.maxAttempts = 1;
    api::ApiClient unreachable(options);
    m_model->setDataset(&unreachable, kDataset, kSamples);
    QSignalSpy failed(m_model.get(), &models::SampleListModel::loadFailed);
    m_model->setVisibleRows(0, 10);
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.first().first().toString().isEmpty());
    QVERIFY(m_model->row(0) == nullptr);
    // The same view on a working connection loads.
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    m_model->setVisibleRows(0, 10);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->row(0) != nullptr, 10000);
}

void TestSampleListModel::pagesFarFromViewAreEvicted() {
    m_model->setMaxCachedPages(2);
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    for (int first : {0, 300, 600, 900}) {
        m_model->setVisibleRows(first, first + 50);
        QTRY_VERIFY_WITH_TIMEOUT(m_model->row(first) != nullptr, 10000);
    }
    QVERIFY(m_model->row(0) == nullptr);
    QVERIFY(m_model->row(900) != nullptr);
    QVERIFY(m_model->loadedRowCount() <= 200);
}

void TestSampleListModel::addedSampleIsPinnedWithoutReset() {
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    m_model->setVisibleRows(0, 250);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->row(250) != nullptr, 10000);
    // Named to sort between frame_0000150 and frame_0000151: the server lists it on page 1.
    api::NewSample create;
    create.name = u"frame_0000150x.jpg"_s;
    create.attributes = api::NewSample::imageAttributes(m_model->row(0)->imageUrl);
    std::optional<wire::Sample> created;
    api::createSample(*m_client, kDataset, create, this, [&](api::Result<wire::Sample> r) {
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        created = r.value();
    });
    QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 10000);

    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy loaded(m_model.get(), &models::SampleListModel::pageLoaded);
    QCOMPARE(m_model->addSample(*created), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->rowCount(), kSamples + 1);
    QCOMPARE(m_model->row(0)->uuid, created->uuid);
    QCOMPARE(m_model->rowOfUuid(created->uuid), 0);
    // The rows below stay visible while their pages are refreshed, then the new sample is left
    // out where the server lists it: no duplicate, nothing missing.
    QVERIFY(m_model->row(1));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 3, 10000);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->row(1)->name, u"frame_0000000.jpg"_s);
    QCOMPARE(m_model->row(151)->name, u"frame_0000150.jpg"_s);
    QCOMPARE(m_model->row(152)->name, u"frame_0000151.jpg"_s);
    QCOMPARE(m_model->row(250)->name, u"frame_0000249.jpg"_s);
    for (int r = 1; r <= 250; ++r)
        QVERIFY(m_model->row(r)->uuid != created->uuid);
    QCOMPARE(m_model->rowOfUuid(created->uuid), 0);

    // Filtered: the pinned sample is not listed twice either.
    models::SampleFilter filter;
    filter.nameContains = u"frame_000015"_s;
    m_model->setFilter(filter);
    m_model->addSample(*created);
    while (m_model->canFetchMore({}))
        QTRY_VERIFY_WITH_TIMEOUT((m_model->fetchMore({}), m_model->pagesInFlight() == 0), 10000);
    QCOMPARE(m_model->rowCount(), 11); // frame_0000150..159 and the new one
    QCOMPARE(m_model->row(0)->uuid, created->uuid);
    for (int r = 1; r < m_model->rowCount(); ++r)
        QVERIFY(m_model->row(r)->uuid != created->uuid);

    bool deleted = false;
    api::deleteSamples(*m_client, kDataset, {created->uuid}, this,
                       [&](api::Result<qint64> r) { deleted = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(deleted, 10000);
}

void TestSampleListModel::fullLabelsRefetchWithoutReset() {
    m_model->setDataset(m_client.get(), kDataset, kSamples);
    m_model->setVisibleRows(0, 49);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->row(49) != nullptr, 10000);
    QVERIFY(m_model->row(10)->bitmapUrl.isEmpty()); // listed with the label summary only
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy loaded(m_model.get(), &models::SampleListModel::pageLoaded);
    m_model->setIncludeFullLabel(true);
    QVERIFY(m_model->includesFullLabel());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(reset.size(), 0); // rows stay, so do scroll position and selection
    int withBitmap = 0;
    int firstLabeled = -1;
    for (int r = 0; r < 50; ++r) {
        const models::SampleRow *row = m_model->row(r);
        QVERIFY(row);
        const bool labeled = row->labelStatus != "UNLABELED"_L1 && row->labelStatus != "SKIPPED"_L1;
        QVERIFY2(row->bitmapUrl.isEmpty() != labeled, qPrintable(row->name + row->labelStatus));
        if (labeled) {
            ++withBitmap;
            firstLabeled = firstLabeled < 0 ? r : firstLabeled;
            QVERIFY(!row->instanceCategories.isEmpty());
        }
    }
    QVERIFY(withBitmap > 10);
    // Off again: what rows have stays, nothing is fetched for it.
    m_model->setIncludeFullLabel(false);
    QCOMPARE(m_model->pagesInFlight(), 0);
    QVERIFY(!m_model->row(firstLabeled)->bitmapUrl.isEmpty());
}

SEGSCOPE_TEST_MAIN(TestSampleListModel)
#include "tst_samplelistmodel.moc"
