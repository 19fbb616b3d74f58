// Labels over HTTP (PUT / PATCH / GET / DELETE and their errors), label_stats, and the asset URL
// round trip: URLs the server handed out come back unchanged in samples and label bitmaps.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpResult;
using segscope::test::ServerFixture;

class TestServerLabels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void putGetPatchDelete();
    void putDefaultsToPrelabeled();
    void vectorLabel();
    void badLabels_data();
    void badLabels();
    void putAndPatchAgree_data();
    void putAndPatchAgree();
    void unknownTargets();
    void labelStats();
    void assetUrlRoundTrip();
    void foreignUrlsUntouched();

private:
    QString newSample(const QString &name);
    ServerFixture f;
    QString key;
};

namespace {

QJsonObject bitmapAttributes(const QString &url = u"https://x.invalid/bitmap.png"_s) {
    return QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}},
                                      QJsonObject{{"id"_L1, 2}, {"category_id"_L1, 2}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, url}}}};
}

} // namespace

QString TestServerLabels::newSample(const QString &name) {
    const HttpResult r =
        f.http.post(u"/datasets/lab/seg/samples/"_s,
                    QJsonObject{{"name"_L1, name}, {"attributes"_L1, QJsonObject{}}}, key);
    return r.object().value("uuid"_L1).toString();
}

void TestServerLabels::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    key = f.addUser(u"lab"_s);
    QVERIFY(!f.createDataset(key, u"seg"_s).isEmpty());
    QVERIFY(
        f.http.post(u"/datasets/lab/seg/labelsets/"_s, QJsonObject{{"name"_L1, u"preds"_s}}, key)
            .status == 201);
}

void TestServerLabels::putGetPatchDelete() {
    const QString uuid = newSample(u"crud"_s);
    QVERIFY(!uuid.isEmpty());
    const QString path = u"/labels/"_s + uuid + u"/ground-truth/"_s;
    QCOMPARE(f.http.get(path, key).status, 404); // no label yet
    HttpResult r = f.http.put(path,
                              QJsonObject{{"attributes"_L1, bitmapAttributes()},
                                          {"label_status"_L1, u"LABELED"_s},
                                          {"score"_L1, 0.75}},
                              key);
    QVERIFY2(r.status == 200, r.describe());
    QJsonObject l = r.object();
    for (const char *k : {"sample_uuid", "label_type", "label_status", "labelset", "created_at",
                          "created_by", "updated_at", "attributes"})
        QVERIFY2(l.contains(QLatin1StringView(k)), k);
    QCOMPARE(l.value("sample_uuid"_L1).toString(), uuid);
    QCOMPARE(l.value("label_type"_L1).toString(), u"segmentation-bitmap"_s);
    QCOMPARE(l.value("labelset"_L1).toString(), u"ground-truth"_s);
    QCOMPARE(l.value("created_by"_L1).toString(), u"lab"_s);
    QCOMPARE(l.value("score"_L1).toDouble(), 0.75);

    r = f.http.get(path, key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("attributes"_L1).toObject(), bitmapAttributes());
    // The single-sample GET with that labelset carries the same full Label...
    const HttpResult withLabel =
        f.http.get(u"/samples/"_s + uuid + u"/?labelset=ground-truth"_s, key);
    QCOMPARE(withLabel.status, 200);
    QCOMPARE(withLabel.object().value("label"_L1).toObject(), r.object());
    // ...and the list keeps its summaries (no sample_uuid, no attributes).
    const HttpResult listed =
        f.http.get(u"/datasets/lab/seg/samples/?labelset=ground-truth&name__contains=crud"_s, key);
    QCOMPARE(listed.array().size(), 1);
    const QJsonObject summary = listed.array().at(0).toObject().value("label"_L1).toObject();
    QCOMPARE(summary.value("label_status"_L1).toString(), u"LABELED"_s);
    QVERIFY(!summary.contains("sample_uuid"_L1));
    QVERIFY(!summary.contains("attributes"_L1));
    // Without the trailing slash too.
    QCOMPARE(f.http.get(path.chopped(1), key).object(), r.object());

    r = f.http.patch(path, QJsonObject{{"label_status"_L1, u"REVIEWED"_s}}, key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("label_status"_L1).toString(), u"REVIEWED"_s);
    QCOMPARE(r.object().value("reviewed_by"_L1).toString(), u"lab"_s);
    // PATCH kept the attributes and the score.
    r = f.http.get(path, key);
    QCOMPARE(r.object().value("attributes"_L1).toObject(), bitmapAttributes());
    QCOMPARE(r.object().value("score"_L1).toDouble(), 0.75);
    r = f.http.patch(path, QJsonObject{{"score"_L1, QJsonValue()}}, key);
    QCOMPARE(r.status, 200);
    QVERIFY(f.http.get(path, key).object().value("score"_L1).isNull());

    // PUT replaces: attributes as the SDK may send them, a JSON string.
    r = f.http.put(
        path, QJsonObject{{"attributes"_L1, u"{\"format_version\":\"0.1\",\"annotations\":[]}"_s}},
        key);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("attributes"_L1).toObject().value("annotations"_L1).toArray().size(),
             0);

    QCOMPARE(f.http.del(path, key).status, 204);
    QCOMPARE(f.http.get(path, key).status, 404);
    QCOMPARE(f.http.del(path, key).status, 404);
    QCOMPARE(f.http.patch(path, QJsonObject{{"label_status"_L1, u"LABELED"_s}}, key).status, 404);
    // Deleted: the sample's `label` in that labelset is null again.
    const HttpResult sample = f.http.get(u"/samples/"_s + uuid + u"?labelset=ground-truth"_s, key);
    QCOMPARE(sample.status, 200);
    QVERIFY2(sample.object().contains("label"_L1), sample.describe());
    QVERIFY2(sample.object().value("label"_L1).isNull(), sample.describe());
}

void TestServerLabels::putDefaultsToPrelabeled() {
    const QString uuid = newSample(u"default-status"_s);
    const HttpResult r = f.http.put(u"/labels/"_s + uuid + u"/preds"_s,
                                    QJsonObject{{"attributes"_L1, bitmapAttributes()}}, key);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("label_status"_L1).toString(), u"PRELABELED"_s);
    QCOMPARE(r.object().value("labelset"_L1).toString(), u"preds"_s);
    // The other labelset is untouched.
    QCOMPARE(f.http.get(u"/labels/"_s + uuid + u"/ground-truth"_s, key).status, 404);
}

void TestServerLabels::vectorLabel() {
    QVERIFY(!f.createDataset(key, u"vec"_s, {{"task_type"_L1, u"vector"_s}}).isEmpty());
    const HttpResult s =
        f.http.post(u"/datasets/lab/vec/samples/"_s,
                    QJsonObject{{"name"_L1, u"v"_s}, {"attributes"_L1, QJsonObject{}}}, key);
    const QString uuid = s.object().value("uuid"_L1).toString();
    const QJsonObject attrs{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1,
         QJsonArray{
             QJsonObject{{"id"_L1, 1},
                         {"category_id"_L1, 1},
                         {"type"_L1, u"bbox"_s},
                         {"points"_L1, QJsonArray{QJsonArray{1.5, 2}, QJsonArray{10, 20.25}}}},
             QJsonObject{{"id"_L1, 2},
                         {"category_id"_L1, 2},
                         {"type"_L1, u"polygon"_s},
                         {"points"_L1,
                          QJsonArray{QJsonArray{0, 0}, QJsonArray{5, 0}, QJsonArray{5, 5}}}}}}};
    const HttpResult r =
        f.http.put(u"/labels/"_s + uuid + u"/ground-truth/"_s,
                   QJsonObject{{"attributes"_L1, attrs}, {"label_status"_L1, u"LABELED"_s}}, key);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("label_type"_L1).toString(), u"vector"_s);
    const QJsonArray back = f.http.get(u"/labels/"_s + uuid + u"/ground-truth/"_s, key)
                                .object()
                                .value("attributes"_L1)
                                .toObject()
                                .value("annotations"_L1)
                                .toArray();
    QCOMPARE(back.size(), 2);
    QCOMPARE(back.at(0).toObject().value("points"_L1),
             attrs.value("annotations"_L1).toArray().at(0).toObject().value("points"_L1));
    QCOMPARE(back.at(1).toObject().value("type"_L1).toString(), u"polygon"_s);
}

void TestServerLabels::badLabels_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("category not in dataset")
        << QByteArray(R"({"attributes":{"annotations":[{"id":1,"category_id":99}]}})")
        << u"attributes"_s;
    QTest::newRow("status UNLABELED")
        << QByteArray(R"({"attributes":{"annotations":[]},"label_status":"UNLABELED"})")
        << u"label_status"_s;
    QTest::newRow("status unknown")
        << QByteArray(R"({"attributes":{"annotations":[]},"label_status":"DONE"})")
        << u"label_status"_s;
    QTest::newRow("status number")
        << QByteArray(R"({"attributes":{"annotations":[]},"label_status":3})") << u"label_status"_s;
    QTest::newRow("attributes missing")
        << QByteArray(R"({"label_status":"LABELED"})") << u"attributes"_s;
    QTest::newRow("attributes array") << QByteArray(R"({"attributes":[1,2]})") << u"attributes"_s;
    QTest::newRow("attributes bad string")
        << QByteArray(R"({"attributes":"{nope"})") << u"attributes"_s;
    QTest::newRow("annotations not a list")
        << QByteArray(R"({"attributes":{"annotations":{"id":1}}})") << u"attributes"_s;
    QTest::newRow("annotation id text")
        << QByteArray(R"({"attributes":{"annotations":[{"id":"one","category_id":1}]}})")
        << u"attributes"_s;
    QTest::newRow("annotation without category")
        << QByteArray(R"({"attributes":{"annotations":[{"id":1}]}})") << u"attributes"_s;
    QTest::newRow("duplicate ids")
        << QByteArray(
               R"({"attributes":{"annotations":[{"id":1,"category_id":1},{"id":1,"category_id":2}]}})")
        << u"attributes"_s;
    QTest::newRow("bitmap url number")
        << QByteArray(R"({"attributes":{"annotations":[],"segmentation_bitmap":{"url":5}}})")
        << u"attributes"_s;
    QTest::newRow("score text") << QByteArray(R"({"attributes":{"annotations":[]},"score":"high"})")
                                << u"score"_s;
    QTest::newRow("malformed") << QByteArray(R"({"attributes":)") << u"detail"_s;
    QTest::newRow("array body") << QByteArray(R"([1])") << u"detail"_s;
    QTest::newRow("empty body") << QByteArray() << u"detail"_s;
}

void TestServerLabels::badLabels() {
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const QString uuid = newSample(u"bad-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(!uuid.isEmpty());
    const QString path = u"/labels/"_s + uuid + u"/ground-truth/"_s;
    HttpResult r = f.http.request("PUT", path, body, key);
    QVERIFY2(r.status == 400, r.describe());
    QVERIFY2(r.object().contains(field), r.describe());
    QVERIFY(!r.message().isEmpty());
    QCOMPARE(f.http.get(path, key).status, 404); // nothing stored
    // PATCH over a good label: 400 and the label is unchanged.
    QCOMPARE(f.http
                 .put(path,
                      QJsonObject{{"attributes"_L1, bitmapAttributes()},
                                  {"label_status"_L1, u"LABELED"_s}},
                      key)
                 .status,
             200);
    if (field == "attributes"_L1 && !body.contains("attributes"))
        return; // a PATCH need not carry the attributes
    r = f.http.request("PATCH", path, body.isEmpty() ? QByteArray("{") : body, key);
    QVERIFY2(r.status == 400, r.describe());
    const QJsonObject after = f.http.get(path, key).object();
    QCOMPARE(after.value("label_status"_L1).toString(), u"LABELED"_s);
    QCOMPARE(after.value("attributes"_L1).toObject(), bitmapAttributes());
}

void TestServerLabels::putAndPatchAgree_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("status") << u"label_status"_s << QJsonValue(u"FINE"_s)
                            << u"\"FINE\" is not a valid choice."_s;
    QTest::newRow("unlabeled") << u"label_status"_s << QJsonValue(u"UNLABELED"_s)
                               << u"\"UNLABELED\" is not a valid choice."_s;
    QTest::newRow("score text") << u"score"_s << QJsonValue(u"high"_s)
                                << u"A valid number is required."_s;
    QTest::newRow("attributes list") << u"attributes"_s << QJsonValue(QJsonArray{1, 2})
                                     << u"This field is required and must be an object."_s;
    QTest::newRow("attributes bad text")
        << u"attributes"_s << QJsonValue(u"{nope"_s) << u"The string is not a JSON object."_s;
    QTest::newRow("unknown category")
        << u"attributes"_s
        << QJsonValue(QJsonObject{
               {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 77}}}}})
        << u"annotation 1: category_id 77 is not a category of this dataset"_s;
}

void TestServerLabels::putAndPatchAgree() {
    // A value PUT refuses, PATCH refuses with the same answer: one reader checks both.
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    const QString uuid = newSample(u"agree-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(!uuid.isEmpty());
    const QString path = u"/labels/"_s + uuid + u"/ground-truth/"_s;
    QJsonObject body{{"attributes"_L1, bitmapAttributes()}, {"label_status"_L1, u"LABELED"_s}};
    QCOMPARE(f.http.put(path, body, key).status, 200);
    const QJsonObject before = f.http.get(path, key).object();
    body.insert(field, value);
    const HttpResult put = f.http.put(path, body, key);
    QVERIFY2(put.status == 400, put.describe());
    QCOMPARE(put.object().value(field).toArray().first().toString(), message);
    const HttpResult patched = f.http.patch(path, QJsonObject{{field, value}}, key);
    QVERIFY2(patched.status == 400, patched.describe());
    QCOMPARE(patched.object(), put.object());
    QCOMPARE(f.http.get(path, key).object(), before);
}

void TestServerLabels::unknownTargets() {
    const QString uuid = newSample(u"targets"_s);
    const QByteArray body = R"({"attributes":{"annotations":[]}})";
    for (const QByteArray &verb :
         {QByteArray("GET"), QByteArray("PUT"), QByteArray("PATCH"), QByteArray("DELETE")}) {
        HttpResult r =
            f.http.request(verb, u"/labels/"_s + uuid + u"/no-such-labelset/"_s, body, key);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), u"Not found."_s);
        r = f.http.request(verb, u"/labels/00000000-0000-0000-0000-000000000000/ground-truth/"_s,
                           body, key);
        QCOMPARE(r.status, 404);
    }
    // Another user's private sample: 404, not 403.
    const QString eve = f.addUser(u"eve"_s);
    QCOMPARE(f.http.request("PUT", u"/labels/"_s + uuid + u"/ground-truth/"_s, body, eve).status,
             404);
    QCOMPARE(f.http.get(u"/labels/"_s + uuid + u"/ground-truth/"_s, eve).status, 404);
    QCOMPARE(f.http.get(u"/samples/"_s + uuid, eve).status, 404);
}

void TestServerLabels::labelStats() {
    QVERIFY(!f.createDataset(key, u"stats"_s).isEmpty());
    const QStringList uuids = f.createSamples(key, u"lab/stats"_s, 4);
    QCOMPARE(uuids.size(), 4);
    const QStringList statuses = {u"LABELED"_s, u"LABELED"_s, u"REVIEWED"_s};
    for (int i = 0; i < 3; ++i)
        QCOMPARE(f.http
                     .put(u"/labels/"_s + uuids.at(i) + u"/ground-truth/"_s,
                          QJsonObject{{"attributes"_L1, QJsonObject{}},
                                      {"label_status"_L1, statuses.at(i)}},
                          key)
                     .status,
                 200);
    QJsonObject stats =
        f.http.get(u"/datasets/lab/stats/"_s, key).object().value("label_stats"_L1).toObject();
    QCOMPARE(stats.value("LABELED"_L1).toInt(), 2);
    QCOMPARE(stats.value("REVIEWED"_L1).toInt(), 1);
    QCOMPARE(stats.value("UNLABELED"_L1).toInt(), 1);
    QCOMPARE(stats.value("TOTAL"_L1).toInt(), 4);
    QCOMPARE(f.http.del(u"/labels/"_s + uuids.at(0) + u"/ground-truth/"_s, key).status, 204);
    QCOMPARE(f.http.del(u"/samples/"_s + uuids.at(3), key).status, 204);
    stats = f.http.get(u"/datasets/lab/stats/"_s, key).object().value("label_stats"_L1).toObject();
    QCOMPARE(stats.value("LABELED"_L1).toInt(), 1);
    QCOMPARE(stats.value("UNLABELED"_L1).toInt(), 1);
    QCOMPARE(stats.value("TOTAL"_L1).toInt(), 3);
}

void TestServerLabels::assetUrlRoundTrip() {
    const QJsonObject image =
        segscope::test::uploadAsset(f.http, key, u"photo.jpg"_s, segscope::test::tinyJpeg());
    const QJsonObject bitmap =
        segscope::test::uploadAsset(f.http, key, u"mask.png"_s, segscope::test::tinyPng());
    QVERIFY(!image.isEmpty() && !bitmap.isEmpty());
    const QString imageUrl = image.value("url"_L1).toString();
    const QString bitmapUrl = bitmap.value("url"_L1).toString();
    QVERIFY2(imageUrl.startsWith(f.baseUrl().toString() + u"/assets/"_s), qPrintable(imageUrl));

    const QJsonObject attributes{
        {"image"_L1, QJsonObject{{"url"_L1, imageUrl}}},
        {"frames"_L1, QJsonArray{QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, imageUrl}}},
                                             {"name"_L1, u"f0"_s}}}}};
    const QJsonObject metadata{{"source"_L1, imageUrl}, {"note"_L1, u"see "_s + imageUrl}};
    HttpResult r = f.http.post(u"/datasets/lab/seg/samples/"_s,
                               QJsonObject{{"name"_L1, u"with-asset"_s},
                                           {"attributes"_L1, attributes},
                                           {"metadata"_L1, metadata}},
                               key);
    QVERIFY2(r.status == 201, r.describe());
    QCOMPARE(r.object().value("attributes"_L1).toObject(), attributes);
    const QString uuid = r.object().value("uuid"_L1).toString();
    r = f.http.get(u"/samples/"_s + uuid, key);
    QCOMPARE(r.object().value("attributes"_L1).toObject(), attributes);
    QCOMPARE(r.object().value("metadata"_L1).toObject(), metadata);
    // PATCH with the same url keeps it too.
    r = f.http.patch(u"/samples/"_s + uuid, QJsonObject{{"attributes"_L1, attributes}}, key);
    QCOMPARE(r.object().value("attributes"_L1).toObject(), attributes);

    const QJsonObject labelAttrs = bitmapAttributes(bitmapUrl);
    r = f.http.put(u"/labels/"_s + uuid + u"/ground-truth/"_s,
                   QJsonObject{{"attributes"_L1, labelAttrs}, {"label_status"_L1, u"LABELED"_s}},
                   key);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("attributes"_L1).toObject(), labelAttrs);
    QCOMPARE(f.http.get(u"/labels/"_s + uuid + u"/ground-truth/"_s, key)
                 .object()
                 .value("attributes"_L1)
                 .toObject(),
             labelAttrs);
    r = f.http.get(
        u"/datasets/lab/seg/samples/?labelset=ground-truth&include_full_label=1&name__contains=with-asset"_s,
        key);
    QCOMPARE(r.array().size(), 1);
    const QJsonObject listed = r.array().first().toObject();
    QCOMPARE(listed.value("attributes"_L1).toObject(), attributes);
    QCOMPARE(listed.value("label"_L1).toObject().value("attributes"_L1).toObject(), labelAttrs);

    // And the URL serves the bytes.
    const HttpResult served = f.http.get(bitmapUrl.mid(f.baseUrl().toString().size()), {});
    QCOMPARE(served.status, 200);
    QCOMPARE(served.body, segscope::test::tinyPng());
}

void TestServerLabels::foreignUrlsUntouched() {
    // Strings that only look like our origin, or like the internal form, come back as sent.
    const QString origin = f.baseUrl().toString();
    const QJsonObject metadata{{"other"_L1, u"http://127.0.0.1:1/assets/x/y.jpg"_s},
                               {"prefix"_L1, origin + u"0/x"_s},
                               {"inner"_L1, u"segscope-asset:/assets/x"_s},
                               {"plain"_L1, u"x \"segscope-asset:/ y"_s}};
    const QJsonObject attributes{
        {"image"_L1, QJsonObject{{"url"_L1, u"https://cdn.example/a.jpg"_s}}}};
    HttpResult r = f.http.post(u"/datasets/lab/seg/samples/"_s,
                               QJsonObject{{"name"_L1, u"foreign"_s},
                                           {"attributes"_L1, attributes},
                                           {"metadata"_L1, metadata}},
                               key);
    QVERIFY2(r.status == 201, r.describe());
    r = f.http.get(u"/samples/"_s + r.object().value("uuid"_L1).toString(), key);
    QCOMPARE(r.object().value("attributes"_L1).toObject(), attributes);
    QCOMPARE(r.object().value("metadata"_L1).toObject(), metadata);
}

SEGSCOPE_TEST_MAIN(TestServerLabels)
#include "tst_server_labels.moc"
