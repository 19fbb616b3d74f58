// Samples over HTTP: create / get / patch / delete, samples_bulk create and delete, gzip request
// bodies, and concurrent writers from several clients at once.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using segscope::test::gzip;
using segscope::test::HttpClient;
using segscope::test::HttpResult;
using segscope::test::ServerFixture;
using segscope::test::toJsonBytes;

class TestServerSamples : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void createAndGet();
    void createDuplicateName();
    void unknownSample();
    void patch();
    void createAndPatchAgree_data();
    void createAndPatchAgree();
    void deleteSample();
    void bulkCreate();
    void bulkDelete();
    void bulkDeleteAllOrNothing();
    void gzipBodies();
    void corruptGzip();
    void unsupportedEncoding();
    void concurrentWriters();

private:
    int count(const QString &ds);
    ServerFixture f;
    QString key;
    const QString ds = u"sam/main"_s;
};

int TestServerSamples::count(const QString &dataset) {
    return f.http.get(u"/datasets/"_s + dataset + u'/', key)
        .object()
        .value("samples_count"_L1)
        .toInt(-1);
}

void TestServerSamples::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    key = f.addUser(u"sam"_s);
    QVERIFY(!f.createDataset(key, u"main"_s).isEmpty());
}

void TestServerSamples::createAndGet() {
    const QJsonObject body{
        {"name"_L1, u"first.jpg"_s},
        {"attributes"_L1,
         QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/a.jpg"_s}}}}},
        {"metadata"_L1, QJsonObject{{"weather"_L1, u"rain"_s}, {"n"_L1, 3}}},
        {"priority"_L1, 2.5},
        {"readme"_L1, u"hello"_s},
        {"assigned_labeler"_L1, u"sam"_s}};
    const HttpResult r = f.http.post(u"/datasets/sam/main/samples/"_s, body, key);
    QCOMPARE(r.status, 201);
    const QJsonObject s = r.object();
    for (const char *k :
         {"uuid", "name", "metadata", "created_at", "created_by", "priority", "attributes"})
        QVERIFY2(s.contains(QLatin1StringView(k)), k);
    QCOMPARE(s.value("created_by"_L1).toString(), u"sam"_s);
    QCOMPARE(s.value("priority"_L1).toDouble(), 2.5);
    QVERIFY(s.value("created_at"_L1).toString().endsWith(u'Z'));
    const QString uuid = s.value("uuid"_L1).toString();
    QCOMPARE(uuid.size(), 36);

    const HttpResult got = f.http.get(u"/samples/"_s + uuid + u'/', key);
    QCOMPARE(got.status, 200);
    const QJsonObject g = got.object();
    QCOMPARE(g.value("dataset_full_name"_L1).toString(), ds);
    QCOMPARE(
        g.value("attributes"_L1).toObject().value("image"_L1).toObject().value("url"_L1).toString(),
        u"https://x.invalid/a.jpg"_s);
    QCOMPARE(g.value("metadata"_L1).toObject().value("n"_L1).toInt(), 3);
    QCOMPARE(g.value("readme"_L1).toString(), u"hello"_s);
    QCOMPARE(g.value("assigned_labeler"_L1).toString(), u"sam"_s);
    QVERIFY(g.value("assigned_reviewer"_L1).isNull());
    // Without a slash, and with a labelset that holds no label for it: `label` is null, as the
    // SDK's Sample.label (a Label or None) expects.
    const HttpResult labelled =
        f.http.get(u"/samples/"_s + uuid + u"?labelset=ground-truth"_s, key);
    QCOMPARE(labelled.status, 200);
    QVERIFY2(labelled.object().contains("label"_L1), labelled.describe());
    QVERIFY2(labelled.object().value("label"_L1).isNull(), labelled.describe());
    // Without a labelset there is no `label` at all.
    QVERIFY(!got.object().contains("label"_L1));
    QCOMPARE(f.http.get(u"/samples/"_s + uuid + u"?labelset=nope"_s, key).status, 404);
    // The minimal body the docs show: name and attributes.
    QCOMPARE(f.http
                 .post(u"/datasets/sam/main/samples"_s,
                       QJsonObject{{"name"_L1, u"minimal"_s}, {"attributes"_L1, QJsonObject{}}},
                       key)
                 .status,
             201);
}

void TestServerSamples::createDuplicateName() {
    const int before = count(ds);
    const HttpResult r = f.http.post(
        u"/datasets/sam/main/samples/"_s,
        QJsonObject{{"name"_L1, u"first.jpg"_s}, {"attributes"_L1, QJsonObject{}}}, key);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.message().contains("already exists"_L1), r.describe());
    QCOMPARE(count(ds), before);
}

void TestServerSamples::unknownSample() {
    const QString missing = u"/samples/00000000-0000-0000-0000-000000000000/"_s;
    for (const QByteArray &verb : {QByteArray("GET"), QByteArray("PATCH"), QByteArray("DELETE")}) {
        const HttpResult r = f.http.request(verb, missing, R"({"name":"x"})", key);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), u"Not found."_s);
    }
    QCOMPARE(f.http.get(u"/datasets/sam/nope/samples/"_s, key).status, 404);
    QCOMPARE(
        f.http.post(u"/datasets/sam/nope/samples/"_s, QJsonObject{{"name"_L1, u"x"_s}}, key).status,
        404);
    QCOMPARE(f.http.get(u"/datasets/nobody/main/samples/"_s, key).status, 404);
}

void TestServerSamples::patch() {
    const QStringList uuids = f.createSamples(key, ds, 2, u"patch"_s);
    QCOMPARE(uuids.size(), 2);
    const QString path = u"/samples/"_s + uuids.at(0) + u'/';
    HttpResult r = f.http.patch(path,
                                QJsonObject{{"name"_L1, u"renamed"_s},
                                            {"metadata"_L1, QJsonObject{{"k"_L1, u"v"_s}}},
                                            {"priority"_L1, 9},
                                            {"assigned_reviewer"_L1, u"sam"_s}},
                                key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("name"_L1).toString(), u"renamed"_s);
    QCOMPARE(r.object().value("dataset_full_name"_L1).toString(), ds);
    r = f.http.get(path, key);
    QCOMPARE(r.object().value("name"_L1).toString(), u"renamed"_s);
    QCOMPARE(r.object().value("priority"_L1).toDouble(), 9.0);
    QCOMPARE(r.object().value("assigned_reviewer"_L1).toString(), u"sam"_s);
    QCOMPARE(r.object().value("metadata"_L1).toObject().value("k"_L1).toString(), u"v"_s);
    // The attributes were not in the body: they stay.
    QVERIFY(r.object().value("attributes"_L1).toObject().contains("image"_L1));
    // null unassigns.
    r = f.http.patch(path, QJsonObject{{"assigned_reviewer"_L1, QJsonValue()}}, key);
    QCOMPARE(r.status, 200);
    QVERIFY(f.http.get(path, key).object().value("assigned_reviewer"_L1).isNull());
    // Renaming onto another sample's name: 400, nothing changes.
    r = f.http.patch(path, QJsonObject{{"name"_L1, u"patch0001"_s}, {"priority"_L1, 1}}, key);
    QCOMPARE(r.status, 400);
    QVERIFY(r.message().contains("already exists"_L1));
    QCOMPARE(f.http.get(path, key).object().value("priority"_L1).toDouble(), 9.0);
    // The longest name POST takes, PATCH takes too.
    const QString longest(255, u'x');
    r = f.http.patch(path, QJsonObject{{"name"_L1, longest}}, key);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(f.http.get(path, key).object().value("name"_L1).toString(), longest);
}

void TestServerSamples::createAndPatchAgree_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    const QString notString = u"Not a valid string."_s;
    QTest::newRow("name of 300 characters")
        << u"name"_s << QJsonValue(QString(300, u'n'))
        << u"Ensure this field has no more than 255 characters."_s;
    QTest::newRow("blank name") << u"name"_s << QJsonValue(u"   "_s) << notString;
    QTest::newRow("null name") << u"name"_s << QJsonValue() << notString;
    QTest::newRow("name number") << u"name"_s << QJsonValue(7) << notString;
    QTest::newRow("attributes list")
        << u"attributes"_s << QJsonValue(QJsonArray{}) << u"Expected a JSON object."_s;
    QTest::newRow("image url number")
        << u"attributes"_s << QJsonValue(QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, 3}}}})
        << u"attributes.image.url: expected a non-empty string"_s;
    QTest::newRow("frames object")
        << u"attributes"_s << QJsonValue(QJsonObject{{"frames"_L1, QJsonObject{}}})
        << u"attributes.frames: expected an array"_s;
    QTest::newRow("metadata text")
        << u"metadata"_s << QJsonValue(u"k=v"_s) << u"Expected a JSON object."_s;
    QTest::newRow("null metadata") << u"metadata"_s << QJsonValue() << u"Expected a JSON object."_s;
    QTest::newRow("priority text")
        << u"priority"_s << QJsonValue(u"high"_s) << u"A valid number is required."_s;
    QTest::newRow("null priority")
        << u"priority"_s << QJsonValue() << u"A valid number is required."_s;
    QTest::newRow("readme number") << u"readme"_s << QJsonValue(1) << notString;
    QTest::newRow("null readme") << u"readme"_s << QJsonValue() << notString;
    QTest::newRow("labeler number") << u"assigned_labeler"_s << QJsonValue(1) << notString;
    QTest::newRow("reviewer list")
        << u"assigned_reviewer"_s << QJsonValue(QJsonArray{}) << notString;
}

void TestServerSamples::createAndPatchAgree() {
    // A value POST refuses, PATCH refuses with the same answer (and the other way round): one
    // reader checks both. Nothing is stored by either.
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    const QStringList uuids =
        f.createSamples(key, ds, 1, u"agree-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QCOMPARE(uuids.size(), 1);
    const QString path = u"/samples/"_s + uuids.first() + u'/';
    const QJsonObject before = f.http.get(path, key).object();
    const int samplesBefore = count(ds);

    QJsonObject body{{"name"_L1, u"agree-new"_s}, {"attributes"_L1, QJsonObject{}}};
    body.insert(field, value);
    const HttpResult created = f.http.post(u"/datasets/sam/main/samples/"_s, body, key);
    QVERIFY2(created.status == 400, created.describe());
    QCOMPARE(created.object().value(field).toArray().first().toString(), message);

    const HttpResult patched = f.http.patch(path, QJsonObject{{field, value}}, key);
    QVERIFY2(patched.status == 400, patched.describe());
    QCOMPARE(patched.object(), created.object());

    QCOMPARE(count(ds), samplesBefore);
    QCOMPARE(f.http.get(path, key).object(), before);
}

void TestServerSamples::deleteSample() {
    const QStringList uuids = f.createSamples(key, ds, 1, u"del"_s);
    QCOMPARE(uuids.size(), 1);
    const int before = count(ds);
    const HttpResult r = f.http.del(u"/samples/"_s + uuids.first() + u'/', key);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(f.http.get(u"/samples/"_s + uuids.first(), key).status, 404);
    QCOMPARE(count(ds), before - 1);
}

void TestServerSamples::bulkCreate() {
    QVERIFY(!f.createDataset(key, u"bulk"_s).isEmpty());
    const QStringList first = f.createSamples(key, u"sam/bulk"_s, 5, u"b"_s);
    QCOMPARE(first.size(), 5);
    // b0003 and b0004 exist: returned as they are (same uuid), not an error; b0005.. are new.
    QJsonArray items;
    for (int i = 3; i < 8; ++i)
        items.append(QJsonObject{{"name"_L1, u"b%1"_s.arg(i, 4, 10, QChar(u'0'))},
                                 {"attributes"_L1, QJsonObject{}},
                                 {"metadata"_L1, QJsonObject{{"second"_L1, true}}}});
    const HttpResult r = f.http.post(u"/datasets/sam/bulk/samples_bulk/"_s, items, key);
    QVERIFY2(r.status == 201 || r.status == 200, r.describe());
    const QJsonArray out = r.array();
    QCOMPARE(out.size(), 5);
    QCOMPARE(out.at(0).toObject().value("uuid"_L1).toString(), first.at(3));
    QCOMPARE(out.at(1).toObject().value("uuid"_L1).toString(), first.at(4));
    QVERIFY(!out.at(0).toObject().value("metadata"_L1).toObject().contains("second"_L1));
    QVERIFY(!first.contains(out.at(2).toObject().value("uuid"_L1).toString()));
    QCOMPARE(count(u"sam/bulk"_s), 8);
    // The same name twice in one request: one sample.
    const QJsonObject twin{{"name"_L1, u"twin"_s}, {"attributes"_L1, QJsonObject{}}};
    const HttpResult twins =
        f.http.post(u"/datasets/sam/bulk/samples_bulk"_s, QJsonArray{twin, twin}, key);
    QVERIFY2(twins.status == 201 || twins.status == 200, twins.describe());
    QCOMPARE(twins.array().at(0).toObject().value("uuid"_L1),
             twins.array().at(1).toObject().value("uuid"_L1));
    QCOMPARE(count(u"sam/bulk"_s), 9);
    // One bad item: nothing of the request is stored.
    const HttpResult bad = f.http.post(
        u"/datasets/sam/bulk/samples_bulk/"_s,
        QJsonArray{QJsonObject{{"name"_L1, u"fine"_s}}, QJsonObject{{"name"_L1, 42}}}, key);
    QCOMPARE(bad.status, 400);
    QVERIFY2(bad.object().contains("[1].name"_L1), bad.describe());
    QCOMPARE(count(u"sam/bulk"_s), 9);
    QCOMPARE(
        f.http.post(u"/datasets/sam/bulk/samples_bulk/"_s, QJsonObject{{"name"_L1, u"x"_s}}, key)
            .status,
        400);
    QJsonArray tooMany;
    for (int i = 0; i < 1001; ++i)
        tooMany.append(QJsonObject{{"name"_L1, u"many%1"_s.arg(i)}});
    QCOMPARE(f.http.post(u"/datasets/sam/bulk/samples_bulk/"_s, tooMany, key).status, 400);
    QCOMPARE(count(u"sam/bulk"_s), 9);
}

void TestServerSamples::bulkDelete() {
    QVERIFY(!f.createDataset(key, u"bulkdel"_s).isEmpty());
    QVERIFY(!f.createDataset(key, u"neighbour"_s).isEmpty());
    const QStringList uuids = f.createSamples(key, u"sam/bulkdel"_s, 6, u"d"_s);
    const QStringList other = f.createSamples(key, u"sam/neighbour"_s, 1, u"n"_s);
    QCOMPARE(uuids.size(), 6);
    const QJsonArray list{uuids.at(0), uuids.at(1), u"not-a-uuid"_s,
                          u"00000000-0000-0000-0000-000000000000"_s, other.first()};
    const HttpResult r =
        f.http.del(u"/datasets/sam/bulkdel/samples_bulk/"_s, key, QJsonObject{{"uuids"_L1, list}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("deleted_count"_L1).toInt(), 2);
    QCOMPARE(count(u"sam/bulkdel"_s), 4);
    QCOMPARE(f.http.get(u"/samples/"_s + other.first(), key).status, 200); // another dataset's
    QCOMPARE(f.http.get(u"/samples/"_s + uuids.at(0), key).status, 404);
    // Again: already gone, skipped.
    const HttpResult again = f.http.del(u"/datasets/sam/bulkdel/samples_bulk"_s, key,
                                        QJsonObject{{"uuids"_L1, QJsonArray{uuids.at(0)}}});
    QCOMPARE(again.status, 200);
    QCOMPARE(again.object().value("deleted_count"_L1).toInt(), 0);
}

void TestServerSamples::bulkDeleteAllOrNothing() {
    const QStringList uuids = f.createSamples(key, u"sam/bulkdel"_s, 3, u"aon"_s);
    const int before = count(u"sam/bulkdel"_s);
    const QList<QJsonValue> bad = {
        QJsonObject{{"uuids"_L1, QJsonArray{uuids.at(0), 7}}},
        QJsonObject{{"uuids"_L1, QJsonArray{}}},
        QJsonObject{{"uuids"_L1, uuids.at(0)}},
        QJsonObject{},
        QJsonArray{uuids.at(0)},
    };
    for (const QJsonValue &body : bad) {
        const HttpResult r = f.http.del(u"/datasets/sam/bulkdel/samples_bulk/"_s, key, body);
        QVERIFY2(r.status == 400, r.describe());
        QVERIFY(!r.message().isEmpty());
    }
    QJsonArray tooMany;
    for (int i = 0; i < 1001; ++i)
        tooMany.append(uuids.at(i % 3));
    QCOMPARE(
        f.http
            .del(u"/datasets/sam/bulkdel/samples_bulk/"_s, key, QJsonObject{{"uuids"_L1, tooMany}})
            .status,
        400);
    QCOMPARE(f.http.request("DELETE", u"/datasets/sam/bulkdel/samples_bulk/"_s, {}, key).status,
             400);
    QCOMPARE(count(u"sam/bulkdel"_s), before);
    QCOMPARE(f.http.get(u"/samples/"_s + uuids.at(0), key).status, 200);
}

void TestServerSamples::gzipBodies() {
    const QList<QPair<QByteArray, QByteArray>> gz = {{"Content-Encoding", "gzip"}};
    const QByteArray body = toJsonBytes(QJsonObject{
        {"name"_L1, u"zipped.jpg"_s},
        {"attributes"_L1,
         QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/z.jpg"_s}}}}},
        {"metadata"_L1, QJsonObject{{"padding"_L1, QString(5000, u'x')}}}});
    HttpResult r = f.http.request("POST", u"/datasets/sam/main/samples/"_s, gzip(body), key, gz);
    QVERIFY2(r.status == 201, r.describe());
    const QString uuid = r.object().value("uuid"_L1).toString();
    QCOMPARE(f.http.get(u"/samples/"_s + uuid, key)
                 .object()
                 .value("metadata"_L1)
                 .toObject()
                 .value("padding"_L1)
                 .toString()
                 .size(),
             5000);
    // Bulk create, sample patch, label put and patch: gzipped like the SDK does.
    const QByteArray bulk = toJsonBytes(QJsonArray{QJsonObject{{"name"_L1, u"zipped-bulk"_s}}});
    r = f.http.request("POST", u"/datasets/sam/main/samples_bulk/"_s, gzip(bulk), key, gz);
    QVERIFY2(r.status == 201 || r.status == 200, r.describe());
    r = f.http.request("PATCH", u"/samples/"_s + uuid + u'/', gzip(R"({"priority":4})"), key, gz);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("priority"_L1).toDouble(), 4.0);
    const QByteArray label =
        R"({"attributes":{"format_version":"0.1","annotations":[{"id":1,"category_id":1}]},"label_status":"LABELED"})";
    r = f.http.request("PUT", u"/labels/"_s + uuid + u"/ground-truth/"_s, gzip(label), key, gz);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("label_status"_L1).toString(), u"LABELED"_s);
    r = f.http.request("PATCH", u"/labels/"_s + uuid + u"/ground-truth/"_s,
                       gzip(R"({"label_status":"REVIEWED"})"), key, gz);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(f.http.get(u"/labels/"_s + uuid + u"/ground-truth"_s, key)
                 .object()
                 .value("label_status"_L1)
                 .toString(),
             u"REVIEWED"_s);
}

void TestServerSamples::corruptGzip() {
    const QList<QPair<QByteArray, QByteArray>> gz = {{"Content-Encoding", "gzip"}};
    const int before = count(ds);
    const QByteArray good = gzip(R"({"name":"corrupt.jpg","attributes":{}})");
    const QList<QByteArray> bodies = {
        good.left(good.size() / 2),                        // truncated
        QByteArray("not gzip at all"),                     // garbage
        good.left(10) + QByteArray(good.size() - 10, 'x'), // header fine, stream garbage
        gzip("{not json"),                                 // fine gzip, bad JSON
    };
    for (const QByteArray &b : bodies) {
        const HttpResult r = f.http.request("POST", u"/datasets/sam/main/samples/"_s, b, key, gz);
        QVERIFY2(r.status == 400, r.describe());
        QVERIFY(!r.message().isEmpty());
    }
    QCOMPARE(count(ds), before);
    QCOMPARE(
        f.http.get(u"/datasets/sam/main/samples/?name__contains=corrupt"_s, key).array().size(), 0);
}

void TestServerSamples::unsupportedEncoding() {
    const HttpResult r = f.http.request("POST", u"/datasets/sam/main/samples/"_s, "xxxx", key,
                                        {{"Content-Encoding", "br"}});
    QVERIFY2(r.status >= 400 && r.status < 500, r.describe());
    QVERIFY(!r.message().isEmpty());
}

void TestServerSamples::concurrentWriters() {
    QVERIFY(!f.createDataset(key, u"parallel"_s).isEmpty());
    constexpr int clients = 5, perClient = 20;
    std::vector<std::unique_ptr<HttpClient>> http;
    QList<QNetworkReply *> replies;
    for (int c = 0; c < clients; ++c) {
        http.push_back(std::make_unique<HttpClient>(f.baseUrl()));
        for (int i = 0; i < perClient; ++i) {
            const QByteArray body = toJsonBytes(QJsonObject{{"name"_L1, u"c%1-%2"_s.arg(c).arg(i)},
                                                            {"attributes"_L1, QJsonObject{}}});
            replies.append(
                http.back()->start("POST", u"/datasets/sam/parallel/samples/"_s, body, key));
        }
    }
    // A client that races to create the same name: exactly one of them wins.
    for (int c = 0; c < clients; ++c)
        replies.append(http.at(c)->start("POST", u"/datasets/sam/parallel/samples/"_s,
                                         R"({"name":"contested","attributes":{}})", key));
    QSet<QString> uuids;
    int created = 0, conflicts = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        const HttpResult r = HttpClient::finish(reply);
        if (r.status == 201) {
            ++created;
            uuids.insert(r.object().value("uuid"_L1).toString());
        } else if (r.status == 400 && r.message().contains("already exists"_L1)) {
            ++conflicts;
        } else {
            QFAIL(r.describe().constData());
        }
    }
    QCOMPARE(created, clients * perClient + 1);
    QCOMPARE(conflicts, clients - 1);
    QCOMPARE(uuids.size(), created);
    const HttpResult all = f.http.get(u"/datasets/sam/parallel/samples/?per_page=1000"_s, key);
    QCOMPARE(all.array().size(), created);
    QSet<QString> listed;
    for (const QJsonValue &v : all.array())
        listed.insert(v.toObject().value("uuid"_L1).toString());
    QCOMPARE(listed, uuids);
}

SEGSCOPE_TEST_MAIN(TestServerSamples)
#include "tst_server_samples.moc"
