// Every endpoint function of the client against the real segscope-server, in-process on
// 127.0.0.1:0. Each slot stands alone: init() starts a server with a fresh data directory, and
// a slot makes the dataset, labelset, asset and samples it needs with the helpers below.
#include "support/testmain.h"

#include "server.h"

#include "api/assetsapi.h"
#include "api/datasetsapi.h"
#include "api/labelsapi.h"
#include "api/labelsetsapi.h"
#include "api/samplesapi.h"
#include "api/usersapi.h"

#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope::api;
namespace wire = segscope::wire;
using segscope::wire::SampleQuery;

namespace {

constexpr int Bound = 15000;
const QString Dataset = u"ann/flowers"_s;

//! The dataset the slots work on.
NewDataset flowers() {
    NewDataset nd;
    nd.name = u"flowers"_s;
    nd.description = u"Garden flowers"_s;
    nd.taskType = u"segmentation-bitmap"_s;
    nd.category = u"garden"_s;
    nd.taskAttributes = QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"categories"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"name"_L1, u"petal"_s}}}}};
    return nd;
}

// Runs one call to completion with the event loop running (the server answers on this
// thread). nullopt when it did not finish within Bound.
template <class T, class Start> std::optional<Result<T>> await(Start start) {
    std::optional<Result<T>> result;
    QObject context;
    start(&context, Callback<T>([&](Result<T> r) { result = std::move(r); }));
    (void)QTest::qWaitFor([&] { return result.has_value(); }, Bound);
    return result;
}

#define AWAIT(T, call) await<T>([&](QObject *ctx, Callback<T> cb) { return call; })
#define CHECK_OK(r)                                                                                \
    QVERIFY2((r) && (r)->ok(), (r) ? qPrintable((r)->error().toString()) : "call hung")
// Runs a set-up helper (which may fail the test) and stops the slot when it did.
#define SET_UP(call)                                                                               \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

} // namespace

class TestApiServer : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void statusAndUsers();
    void datasets();
    void labelsets();
    void assets();
    void samples();
    void pagingExactMultiple();
    void labels();
    void deletes();

private:
    // The set-up the slots share, each from a fresh server.
    void makeDataset();
    void makeLabelset();
    void uploadAssetFile();
    void makeSamples();

    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<QTemporaryDir> m_cache;
    std::unique_ptr<segscope::server::Server> m_server;
    std::unique_ptr<ApiClient> m_client;
    QString m_key;
    wire::File m_asset;
    QByteArray m_assetBytes;
    QStringList m_uuids;
};

void TestApiServer::init() {
    m_data = std::make_unique<QTemporaryDir>();
    m_cache = std::make_unique<QTemporaryDir>();
    m_uuids.clear();
    m_asset = {};
    m_assetBytes.clear();
    segscope::server::ServerOptions options;
    options.dataDir = m_data->path();
    options.logRequests = false;
    m_server = std::make_unique<segscope::server::Server>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_key = m_server->addUser(u"ann"_s, &error);
    QVERIFY2(!m_key.isEmpty(), qPrintable(error));
    ClientOptions o;
    o.baseUrl = m_server->baseUrl();
    o.apiKey = m_key;
    o.cacheDirectory = m_cache->path();
    m_client = std::make_unique<ApiClient>(o);
}

void TestApiServer::cleanup() {
    m_client.reset();
    m_server.reset();
    m_cache.reset();
    m_data.reset();
}

void TestApiServer::statusAndUsers() {
    const auto status = AWAIT(Done, getApiStatus(*m_client, ctx, cb));
    CHECK_OK(status);
    const auto me = AWAIT(wire::User, getCurrentUser(*m_client, ctx, cb));
    CHECK_OK(me);
    QCOMPARE(me->value().username, u"ann"_s);
    const auto ann = AWAIT(wire::User, getUser(*m_client, u"ann"_s, ctx, cb));
    CHECK_OK(ann);
    const auto nobody = AWAIT(wire::User, getUser(*m_client, u"nobody"_s, ctx, cb));
    QVERIFY(nobody);
    QCOMPARE(nobody->error().kind, ApiError::Kind::NotFound);

    ClientOptions bad = m_client->options();
    bad.apiKey = u"wrong"_s;
    ApiClient stranger(bad);
    const auto denied = AWAIT(Done, getApiStatus(stranger, ctx, cb));
    QVERIFY(denied);
    QCOMPARE(denied->error().kind, ApiError::Kind::Unauthorized);
}

void TestApiServer::makeDataset() {
    const NewDataset nd = flowers();
    const auto created = AWAIT(wire::Dataset, createDataset(*m_client, nd, ctx, cb));
    CHECK_OK(created);
    QCOMPARE(created->value().fullName, Dataset);
}

void TestApiServer::datasets() {
    SET_UP(makeDataset());
    const NewDataset nd = flowers();
    const auto duplicate = AWAIT(wire::Dataset, createDataset(*m_client, nd, ctx, cb));
    QVERIFY(duplicate);
    QCOMPARE(duplicate->error().kind, ApiError::Kind::Invalid);
    QVERIFY2(duplicate->error().message.contains(u"already exists"_s),
             qPrintable(duplicate->error().message));

    const auto got = AWAIT(wire::Dataset, getDataset(*m_client, Dataset, ctx, cb));
    CHECK_OK(got);
    QCOMPARE(got->value().samplesCount.value_or(-1), 0);
    QVERIFY(got->value().taskAttributes.has_value());
    QCOMPARE(got->value().labelsets.size(), 1);
    QCOMPARE(got->value().labelsets.first().name, u"ground-truth"_s);

    const auto patched =
        AWAIT(wire::Dataset, updateDataset(*m_client, Dataset,
                                           QJsonObject{{"description"_L1, u"Roses"_s}}, ctx, cb));
    CHECK_OK(patched);
    QCOMPARE(patched->value().description, u"Roses"_s);

    const auto mine = AWAIT(QList<wire::Dataset>, listDatasets(*m_client, {}, ctx, cb));
    CHECK_OK(mine);
    QCOMPARE(mine->value().size(), 1);
    const auto anns =
        AWAIT(QList<wire::Dataset>, listUserDatasets(*m_client, u"ann"_s, {}, ctx, cb));
    CHECK_OK(anns);
    QCOMPARE(anns->value().first().name, u"flowers"_s);
}

void TestApiServer::makeLabelset() {
    const auto created = AWAIT(wire::Labelset, createLabelset(*m_client, Dataset, u"model-v1"_s,
                                                              u"predictions"_s, ctx, cb));
    CHECK_OK(created);
    QCOMPARE(created->value().name, u"model-v1"_s);
    QVERIFY(!created->value().isGroundtruth);
}

void TestApiServer::labelsets() {
    SET_UP(makeDataset());
    SET_UP(makeLabelset());
    const auto all = AWAIT(QList<wire::Labelset>, listLabelsets(*m_client, Dataset, ctx, cb));
    CHECK_OK(all);
    QCOMPARE(all->value().size(), 2);
    const auto one = AWAIT(wire::Labelset, getLabelset(*m_client, Dataset, u"model-v1"_s, ctx, cb));
    CHECK_OK(one);
    QCOMPARE(one->value().description, u"predictions"_s);
}

void TestApiServer::uploadAssetFile() {
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkGreen);
    const QString path = m_data->filePath(u"upload.png"_s);
    QVERIFY(image.save(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_assetBytes = file.readAll();

    const auto asset = AWAIT(wire::File, createAsset(*m_client, u"upload.png"_s, ctx, cb));
    CHECK_OK(asset);
    m_asset = asset->value();
    QVERIFY(!m_asset.uploadUrl.isEmpty());
    qint64 total = 0;
    const auto uploaded =
        AWAIT(Done, uploadAsset(
                        *m_client, m_asset, path, ctx, [&](qint64, qint64 t) { total = t; }, cb));
    CHECK_OK(uploaded);
    QVERIFY(total >= m_assetBytes.size());
}

void TestApiServer::assets() {
    SET_UP(uploadAssetFile());

    const auto downloaded = AWAIT(QByteArray, downloadAsset(*m_client, QUrl(m_asset.url), ctx, cb));
    CHECK_OK(downloaded);
    QCOMPARE(downloaded->value(), m_assetBytes);

    // The second read comes from the disk cache (the server marks assets immutable).
    ApiRequest again;
    again.target = ApiRequest::Target::Asset;
    again.url = QUrl(m_asset.url);
    const auto cached = AWAIT(RawResponse, m_client->send(again, ctx, cb));
    CHECK_OK(cached);
    QVERIFY(cached->value().fromCache);
    QCOMPARE(cached->value().body, m_assetBytes);
}

void TestApiServer::makeSamples() {
    NewSample first;
    first.name = u"rose_00.png"_s;
    first.attributes = NewSample::imageAttributes(m_asset.url);
    first.metadata = QJsonObject{{"garden"_L1, u"north"_s}};
    const auto created = AWAIT(wire::Sample, createSample(*m_client, Dataset, first, ctx, cb));
    CHECK_OK(created);
    QCOMPARE(created->value().imageUrl, m_asset.url);
    m_uuids.append(created->value().uuid);

    QList<NewSample> more;
    for (int i = 0; i <= 9; ++i) { // rose_00 exists already: returned as it is
        NewSample s;
        s.name = u"rose_%1.png"_s.arg(i, 2, 10, QChar(u'0'));
        s.attributes = NewSample::imageAttributes(m_asset.url);
        s.metadata = QJsonObject{{"garden"_L1, i % 2 ? u"south"_s : u"north"_s}};
        more.append(s);
    }
    const auto bulk = AWAIT(QList<wire::Sample>, createSamples(*m_client, Dataset, more, ctx, cb));
    CHECK_OK(bulk);
    QCOMPARE(bulk->value().size(), 10);
    QCOMPARE(bulk->value().first().uuid, m_uuids.first());
    for (qsizetype i = 1; i < bulk->value().size(); ++i)
        m_uuids.append(bulk->value().at(i).uuid);
}

void TestApiServer::samples() {
    SET_UP(makeDataset());
    SET_UP(uploadAssetFile());
    SET_UP(makeSamples());

    const auto one = AWAIT(wire::Sample, getSample(*m_client, m_uuids.at(3), {}, ctx, cb));
    CHECK_OK(one);
    QCOMPARE(one->value().name, u"rose_03.png"_s);
    QCOMPARE(one->value().datasetFullName, Dataset);

    const auto patched =
        AWAIT(wire::Sample,
              updateSample(*m_client, m_uuids.at(3), QJsonObject{{"priority"_L1, 5}}, ctx, cb));
    CHECK_OK(patched);
    QCOMPARE(patched->value().priority, 5.0);

    SampleQuery query;
    QVERIFY(query.setMetadataTerms({u"garden:south"_s}));
    query.nameContains = u"ROSE_0"_s;
    query.sortField = u"name"_s;
    query.sortDescending = true;
    const auto south = AWAIT(QList<wire::Sample>, listSamples(*m_client, Dataset, query, ctx, cb));
    CHECK_OK(south);
    QCOMPARE(south->value().size(), 5);
    QCOMPARE(south->value().first().name, u"rose_09.png"_s);
}

void TestApiServer::pagingExactMultiple() {
    SET_UP(makeDataset());
    SET_UP(uploadAssetFile());
    SET_UP(makeSamples());

    // 10 samples, 5 per page: the walk must end cleanly after page 2 (page 3 is past the end).
    SampleQuery query;
    query.perPage = 5;
    QStringList names;
    QList<int> pages;
    const auto walked = await<Done>([&](QObject *ctx, Callback<Done> cb) {
        return walkSamples(
            *m_client, Dataset, query, ctx,
            [&](QList<wire::Sample> page, int number) {
                pages.append(number);
                for (const auto &s : page)
                    names.append(s.name);
                return true;
            },
            cb);
    });
    CHECK_OK(walked);
    QCOMPARE(names.size(), 10);
    QCOMPARE(names.first(), u"rose_00.png"_s);
    QCOMPARE(names.last(), u"rose_09.png"_s);
    QVERIFY(pages.size() >= 2);

    // One page ahead (the samples command's pace), 3 per page (a short last page) and 2 per
    // page (an exact multiple): the same samples in the same order, pages handed over in order.
    for (const int perPage : {3, 2}) {
        SampleQuery ahead;
        ahead.perPage = perPage;
        QStringList aheadNames;
        QList<int> aheadPages;
        const auto walkedAhead = await<Done>([&](QObject *ctx, Callback<Done> cb) {
            return walkSamples(
                *m_client, Dataset, ahead, ctx,
                [&](QList<wire::Sample> page, int number) {
                    aheadPages.append(number);
                    for (const auto &s : page)
                        aheadNames.append(s.name);
                    return true;
                },
                cb, PageWalk::Pace::OneAhead);
        });
        CHECK_OK(walkedAhead);
        QCOMPARE(aheadNames, names);
        QList<int> expectedPages;
        for (int p = 1; p <= (10 + perPage - 1) / perPage; ++p)
            expectedPages.append(p);
        QCOMPARE(aheadPages, expectedPages);
    }

    // Page k alone, and one past the end.
    query.page = 2;
    const auto second = AWAIT(QList<wire::Sample>, listSamples(*m_client, Dataset, query, ctx, cb));
    CHECK_OK(second);
    QCOMPARE(second->value().first().name, u"rose_05.png"_s);
    query.page = 3;
    const auto past = AWAIT(QList<wire::Sample>, listSamples(*m_client, Dataset, query, ctx, cb));
    QVERIFY(past);
    QVERIFY2(past->error().isInvalidPage(), qPrintable(past->error().toString()));
}

void TestApiServer::labels() {
    SET_UP(makeDataset());
    SET_UP(uploadAssetFile());
    SET_UP(makeSamples());

    const QString uuid = m_uuids.first();
    LabelInput input;
    input.attributes = QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, m_asset.url}}}};
    input.score = 0.75;
    const auto put =
        AWAIT(wire::Label, putLabel(*m_client, uuid, u"ground-truth"_s, input, ctx, cb));
    CHECK_OK(put);
    QCOMPARE(put->value().labelStatus, u"PRELABELED"_s);
    QCOMPARE(put->value().attributes.annotations.size(), 1);

    const auto got = AWAIT(wire::Label, getLabel(*m_client, uuid, u"ground-truth"_s, ctx, cb));
    CHECK_OK(got);
    QCOMPARE(got->value().attributes.bitmapUrl, m_asset.url);

    const auto patched =
        AWAIT(wire::Label, patchLabel(*m_client, uuid, u"ground-truth"_s,
                                      QJsonObject{{"label_status"_L1, u"LABELED"_s}}, ctx, cb));
    CHECK_OK(patched);
    QCOMPARE(patched->value().labelStatus, u"LABELED"_s);

    const auto withLabel =
        AWAIT(wire::Sample, getSample(*m_client, uuid, u"ground-truth"_s, ctx, cb));
    CHECK_OK(withLabel);
    QVERIFY(withLabel->value().fullLabel.has_value());

    SampleQuery query;
    query.labelset = u"ground-truth"_s;
    query.labelStatuses = {u"LABELED"_s};
    const auto labeled =
        AWAIT(QList<wire::Sample>, listSamples(*m_client, Dataset, query, ctx, cb));
    CHECK_OK(labeled);
    QCOMPARE(labeled->value().size(), 1);
    QCOMPARE(labeled->value().first().label->labelStatus, u"LABELED"_s);

    const auto deleted = AWAIT(Done, deleteLabel(*m_client, uuid, u"ground-truth"_s, ctx, cb));
    CHECK_OK(deleted);
    const auto gone = AWAIT(wire::Label, getLabel(*m_client, uuid, u"ground-truth"_s, ctx, cb));
    QVERIFY(gone);
    QCOMPARE(gone->error().kind, ApiError::Kind::NotFound);
}

void TestApiServer::deletes() {
    SET_UP(makeDataset());
    SET_UP(makeLabelset());
    SET_UP(uploadAssetFile());
    SET_UP(makeSamples());

    const QStringList some{m_uuids.at(0), m_uuids.at(1), u"00000000-0000-0000-0000-000000000000"_s};
    const auto bulk = AWAIT(qint64, deleteSamples(*m_client, Dataset, some, ctx, cb));
    CHECK_OK(bulk);
    QCOMPARE(bulk->value(), 2);
    const auto one = AWAIT(Done, deleteSample(*m_client, m_uuids.at(2), ctx, cb));
    CHECK_OK(one);
    const auto got = AWAIT(wire::Dataset, getDataset(*m_client, Dataset, ctx, cb));
    CHECK_OK(got);
    QCOMPARE(got->value().samplesCount.value_or(-1), 7);

    const auto labelset = AWAIT(Done, deleteLabelset(*m_client, Dataset, u"model-v1"_s, ctx, cb));
    CHECK_OK(labelset);
    const auto dataset = AWAIT(Done, deleteDataset(*m_client, Dataset, ctx, cb));
    CHECK_OK(dataset);
    const auto gone = AWAIT(wire::Dataset, getDataset(*m_client, Dataset, ctx, cb));
    QVERIFY(gone);
    QCOMPARE(gone->error().kind, ApiError::Kind::NotFound);
}

SEGSCOPE_TEST_MAIN(TestApiServer)
#include "tst_api_server.moc"
