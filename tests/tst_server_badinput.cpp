// Bad input on every write endpoint: malformed JSON, wrong types, missing fields, SQL-like and
// traversal strings. Each answers 4xx with a clear message, never 5xx, and stores nothing: the
// whole visible state is compared before and after.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::enc;
using segscope::test::HttpResult;
using segscope::test::ServerFixture;

class TestServerBadInput : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void rejected_data();
    void rejected();
    void sqlLikeStringsStoredLiterally();
    void sqlLikeStringsInPaths();
    void oddButValidJson();

private:
    QByteArray snapshot();
    ServerFixture f;
    QString key;
    QString sample;
    QString issue; //!< an issue on `sample`
};

void TestServerBadInput::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    key = f.addUser(u"mallory"_s);
    QVERIFY(!f.createDataset(key, u"ds"_s).isEmpty());
    const QStringList uuids = f.createSamples(key, u"mallory/ds"_s, 3);
    QCOMPARE(uuids.size(), 3);
    sample = uuids.first();
    QCOMPARE(f.http
                 .put(u"/labels/"_s + sample + u"/ground-truth/"_s,
                      QJsonObject{{"attributes"_L1, QJsonObject{{"annotations"_L1, QJsonArray{}}}},
                                  {"label_status"_L1, u"LABELED"_s}},
                      key)
                 .status,
             200);
    const HttpResult raised = f.http.post(u"/samples/"_s + sample + u"/issues/"_s,
                                          QJsonObject{{"description"_L1, u"first"_s}}, key);
    QVERIFY2(raised.status == 201, raised.describe());
    issue = raised.object().value("uuid"_L1).toString();
}

//! Everything a client can see of the user's data, as bytes.
QByteArray TestServerBadInput::snapshot() {
    QByteArray out;
    for (const QString &p :
         {u"/user/datasets/"_s, u"/datasets/mallory/ds/"_s,
          u"/datasets/mallory/ds/samples/?labelset=ground-truth&include_full_label=1"_s,
          u"/datasets/mallory/ds/labelsets/"_s, u"/datasets/mallory/ds/issues/"_s}) {
        const HttpResult r = f.http.get(p, key);
        out += QByteArray::number(r.status) + ' ' + r.body + '\n';
    }
    return out;
}

void TestServerBadInput::rejected_data() {
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field"); // the field the error names, or "detail"

    const QList<QPair<QByteArray, QString>> endpoints = {
        {"POST", u"/user/datasets/"_s},
        {"PATCH", u"/datasets/mallory/ds/"_s},
        {"POST", u"/datasets/mallory/ds/samples/"_s},
        {"POST", u"/datasets/mallory/ds/samples_bulk/"_s},
        {"DELETE", u"/datasets/mallory/ds/samples_bulk/"_s},
        {"PATCH", u"/samples/{s}/"_s},
        {"PUT", u"/labels/{s}/ground-truth/"_s},
        {"PATCH", u"/labels/{s}/ground-truth/"_s},
        {"POST", u"/datasets/mallory/ds/labelsets/"_s},
        {"POST", u"/assets/"_s},
        {"POST", u"/samples/{s}/issues/"_s},
        {"PATCH", u"/issues/{i}/"_s},
    };
    const QList<QPair<const char *, QByteArray>> malformed = {
        {"truncated", R"({"name":)"},
        {"not json", "hello"},
        {"trailing comma", R"({"name":"a",})"},
        {"single quotes", "{'name':'a'}"},
        {"invalid utf8", "{\"name\":\"\xff\xfe\"}"},
        {"deep nesting", QByteArray(5000, '[') + QByteArray(5000, ']')},
        {"nan", R"({"name":NaN})"},
        {"nul byte", QByteArray("{\"name\":\"a\0b\"}", 14)},
    };
    for (const auto &[verb, path] : endpoints) {
        const QByteArray tag = verb + ' ' + path.toLatin1();
        for (const auto &[what, body] : malformed)
            QTest::newRow((tag + ": " + what).constData()) << verb << path << body << u"detail"_s;
        // Bulk create wants an array; every other endpoint an object.
        const bool wantsArray = path.endsWith("samples_bulk/"_L1) && verb == "POST";
        for (const QByteArray &root : {QByteArray("5"), QByteArray("\"text\""), QByteArray("null"),
                                       wantsArray ? QByteArray("{}") : QByteArray("[]")})
            QTest::newRow((tag + ": root " + root).constData())
                << verb << path << root << u"detail"_s;
    }

    auto row = [](const char *tag, const QByteArray &verb, const QString &path,
                  const QByteArray &body, const QString &field) {
        QTest::newRow(tag) << verb << path << body << field;
    };
    // Missing required fields and wrong types, endpoint by endpoint.
    row("dataset: no name", "POST", u"/user/datasets/"_s, R"({"description":"d"})", u"name"_s);
    row("dataset: name number", "POST", u"/user/datasets/"_s, R"({"name":5})", u"name"_s);
    row("dataset: name traversal", "POST", u"/user/datasets/"_s, R"({"name":"../../etc"})",
        u"name"_s);
    row("dataset: name sql", "POST", u"/user/datasets/"_s,
        R"({"name":"x'; DROP TABLE samples; --"})", u"name"_s);
    row("dataset: name slash", "POST", u"/user/datasets/"_s, R"({"name":"a/b"})", u"name"_s);
    row("dataset: public text", "POST", u"/user/datasets/"_s, R"({"name":"p","public":"yes"})",
        u"public"_s);
    row("dataset: task_type", "POST", u"/user/datasets/"_s, R"({"name":"t","task_type":"drawing"})",
        u"task_type"_s);
    row("dataset: category", "POST", u"/user/datasets/"_s, R"({"name":"c","category":"cats"})",
        u"category"_s);
    row("dataset: metadata list", "POST", u"/user/datasets/"_s, R"({"name":"m","metadata":[1]})",
        u"metadata"_s);
    row("dataset: flag text", "POST", u"/user/datasets/"_s,
        R"({"name":"f","enable_ratings":"true"})", u"enable_ratings"_s);
    row("dataset: categories not list", "POST", u"/user/datasets/"_s,
        R"({"name":"ta","task_attributes":{"categories":{"id":1}}})", u"task_attributes"_s);
    row("dataset: task_attributes bad string", "POST", u"/user/datasets/"_s,
        R"({"name":"ta","task_attributes":"{categories"})", u"task_attributes"_s);
    row("dataset: category without id", "POST", u"/user/datasets/"_s,
        R"({"name":"ta","task_attributes":{"categories":[{"name":"x"}]}})", u"task_attributes"_s);
    row("dataset: category ids twice", "POST", u"/user/datasets/"_s,
        R"({"name":"ta","task_attributes":{"categories":[{"id":1,"name":"x"},{"id":1,"name":"y"}]}})",
        u"task_attributes"_s);
    row("dataset patch: description number", "PATCH", u"/datasets/mallory/ds/"_s,
        R"({"description":1})", u"description"_s);
    row("dataset patch: rename bad", "PATCH", u"/datasets/mallory/ds/"_s,
        R"({"name":"..","description":"x"})", u"name"_s);
    row("sample: no name", "POST", u"/datasets/mallory/ds/samples/"_s, R"({"attributes":{}})",
        u"name"_s);
    row("sample: empty name", "POST", u"/datasets/mallory/ds/samples/"_s, R"({"name":"  "})",
        u"name"_s);
    row("sample: name object", "POST", u"/datasets/mallory/ds/samples/"_s, R"({"name":{}})",
        u"name"_s);
    row("sample: long name", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":")" + QByteArray(300, 'n') + R"("})", u"name"_s);
    row("sample: attributes list", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","attributes":[]})", u"attributes"_s);
    row("sample: image url number", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","attributes":{"image":{"url":3}}})", u"attributes"_s);
    row("sample: image not object", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","attributes":{"image":"x.jpg"}})", u"attributes"_s);
    row("sample: frames object", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","attributes":{"frames":{}}})", u"attributes"_s);
    row("sample: metadata text", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","metadata":"k=v"})", u"metadata"_s);
    row("sample: priority text", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","priority":"high"})", u"priority"_s);
    row("sample: readme number", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","readme":1})", u"readme"_s);
    row("sample: labeler number", "POST", u"/datasets/mallory/ds/samples/"_s,
        R"({"name":"a","assigned_labeler":1})", u"assigned_labeler"_s);
    row("bulk: item not object", "POST", u"/datasets/mallory/ds/samples_bulk/"_s,
        R"([{"name":"ok"},5])", u"detail"_s);
    row("bulk: second item bad", "POST", u"/datasets/mallory/ds/samples_bulk/"_s,
        R"([{"name":"ok1"},{"name":"ok2","priority":"x"}])", u"[1].priority"_s);
    row("bulk delete: no uuids", "DELETE", u"/datasets/mallory/ds/samples_bulk/"_s,
        R"({"ids":["a"]})", u"uuids"_s);
    row("bulk delete: numbers", "DELETE", u"/datasets/mallory/ds/samples_bulk/"_s,
        R"({"uuids":[1,2]})", u"uuids"_s);
    row("bulk delete: mixed", "DELETE", u"/datasets/mallory/ds/samples_bulk/"_s,
        R"({"uuids":["{s}",null]})", u"uuids"_s);
    row("sample patch: name null", "PATCH", u"/samples/{s}/"_s, R"({"name":null})", u"name"_s);
    row("sample patch: attributes text", "PATCH", u"/samples/{s}/"_s,
        R"({"priority":1,"attributes":"x"})", u"attributes"_s);
    row("sample patch: metadata list", "PATCH", u"/samples/{s}/"_s,
        R"({"priority":1,"metadata":[]})", u"metadata"_s);
    row("sample patch: priority bool", "PATCH", u"/samples/{s}/"_s, R"({"priority":true})",
        u"priority"_s);
    row("sample patch: readme null", "PATCH", u"/samples/{s}/"_s, R"({"priority":1,"readme":null})",
        u"readme"_s);
    row("sample patch: reviewer list", "PATCH", u"/samples/{s}/"_s,
        R"({"priority":1,"assigned_reviewer":[]})", u"assigned_reviewer"_s);
    row("label put: category", "PUT", u"/labels/{s}/ground-truth/"_s,
        R"({"attributes":{"annotations":[{"id":1,"category_id":77}]}})", u"attributes"_s);
    row("label put: unlabeled", "PUT", u"/labels/{s}/ground-truth/"_s,
        R"({"attributes":{},"label_status":"UNLABELED"})", u"label_status"_s);
    row("label patch: status", "PATCH", u"/labels/{s}/ground-truth/"_s,
        R"({"label_status":"FINE"})", u"label_status"_s);
    row("label patch: score", "PATCH", u"/labels/{s}/ground-truth/"_s, R"({"score":[1]})",
        u"score"_s);
    row("labelset: no name", "POST", u"/datasets/mallory/ds/labelsets/"_s, R"({"description":"d"})",
        u"name"_s);
    row("labelset: name sql", "POST", u"/datasets/mallory/ds/labelsets/"_s,
        R"({"name":"x'; DROP TABLE labels; --"})", u"name"_s);
    row("labelset: traversal", "POST", u"/datasets/mallory/ds/labelsets/"_s,
        R"({"name":"../ground-truth"})", u"name"_s);
    row("labelset: duplicate", "POST", u"/datasets/mallory/ds/labelsets/"_s,
        R"({"name":"ground-truth"})", u"name"_s);
    row("labelset: description number", "POST", u"/datasets/mallory/ds/labelsets/"_s,
        R"({"name":"ok","description":2})", u"description"_s);
    row("asset: no filename", "POST", u"/assets/"_s, R"({"name":"x.png"})", u"filename"_s);
    row("asset: filename list", "POST", u"/assets/"_s, R"({"filename":["x.png"]})", u"filename"_s);
    row("issue: no description", "POST", u"/samples/{s}/issues/"_s, R"({"status":"OPEN"})",
        u"description"_s);
    row("issue: blank description", "POST", u"/samples/{s}/issues/"_s, R"({"description":" "})",
        u"description"_s);
    row("issue: description list", "POST", u"/samples/{s}/issues/"_s, R"({"description":["x"]})",
        u"description"_s);
    row("issue: status", "POST", u"/samples/{s}/issues/"_s,
        R"({"description":"x","status":"RESOLVED"})", u"status"_s);
    row("issue patch: description null", "PATCH", u"/issues/{i}/"_s, R"({"description":null})",
        u"description"_s);
    row("issue patch: status bool", "PATCH", u"/issues/{i}/"_s, R"({"status":true})", u"status"_s);
}

void TestServerBadInput::rejected() {
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    path.replace(u"{s}"_s, sample).replace(u"{i}"_s, issue);
    body.replace("{s}", sample.toUtf8());
    const QByteArray before = snapshot();
    const HttpResult r = f.http.request(verb, path, body, key);
    QVERIFY2(r.status >= 400 && r.status < 500, r.describe());
    QVERIFY2(r.status != 404 && r.status != 405, r.describe());
    QVERIFY2(r.object().contains(field), r.describe());
    QVERIFY2(!r.message().trimmed().isEmpty(), r.describe());
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(snapshot(), before);
}

void TestServerBadInput::sqlLikeStringsStoredLiterally() {
    const QStringList nasty = {
        u"x'; DROP TABLE samples; --"_s, u"\" OR 1=1 --"_s, u"Robert'); DELETE FROM users;--"_s,
        u"../../etc/passwd"_s,           u"%_\\%"_s,        u"名前 ünïcode 🚗"_s,
        u"<script>alert(1)</script>"_s};
    for (const QString &name : nasty) {
        const QJsonObject metadata{{name, name}};
        const HttpResult r = f.http.post(u"/datasets/mallory/ds/samples/"_s,
                                         QJsonObject{{"name"_L1, name},
                                                     {"attributes"_L1, QJsonObject{}},
                                                     {"metadata"_L1, metadata},
                                                     {"readme"_L1, name}},
                                         key);
        QVERIFY2(r.status == 201, r.describe());
        const HttpResult got =
            f.http.get(u"/samples/"_s + r.object().value("uuid"_L1).toString(), key);
        QCOMPARE(got.object().value("name"_L1).toString(), name);
        QCOMPARE(got.object().value("metadata"_L1).toObject(), metadata);
        QCOMPARE(got.object().value("readme"_L1).toString(), name);
        // Found by its exact name, and by metadata equality, literally.
        const HttpResult byName =
            f.http.get(u"/datasets/mallory/ds/samples/?name__contains="_s + enc(name), key);
        QCOMPARE(byName.array().size(), 1);
        QCOMPARE(byName.array().first().toObject().value("name"_L1).toString(), name);
        if (!name.contains(u',') && !name.contains(u':')) {
            const HttpResult byMeta = f.http.get(
                u"/datasets/mallory/ds/samples/?filters="_s + enc(name + u':' + name), key);
            if (name.startsWith(
                    u'<')) { // "key:<..." is a numeric comparison (docs/api-contract.md §5)
                QCOMPARE(byMeta.status, 400);
                QVERIFY(byMeta.object().contains("filters"_L1));
                continue;
            }
            QVERIFY2(byMeta.status == 200, byMeta.describe());
            QVERIFY2(byMeta.array().size() == 1, qPrintable(name));
        }
    }
    // The tables are all still there.
    QCOMPARE(f.http.get(u"/datasets/mallory/ds/"_s, key).object().value("samples_count"_L1).toInt(),
             3 + int(nasty.size()));
    QCOMPARE(f.http.get(u"/user"_s, key).status, 200);
}

void TestServerBadInput::sqlLikeStringsInPaths() {
    for (const QString &p :
         {u"/users/x'%20OR%20'1'='1"_s, u"/datasets/mallory/ds'--/"_s,
          u"/datasets/mallory'%20OR%201=1--/ds/"_s, u"/samples/'%20OR%201=1--/"_s,
          u"/labels/x/ground-truth'--/"_s, u"/datasets/mallory/ds/labelsets/x'%20OR%20'1'='1/"_s,
          u"/datasets/..%2F..%2Fetc/passwd/"_s}) {
        const HttpResult r = f.http.get(p, key);
        QVERIFY2(r.status == 404, qPrintable(p + u": "_s + QString::fromUtf8(r.describe())));
        QCOMPARE(r.message(), u"Not found."_s);
    }
    QCOMPARE(f.http.get(u"/datasets/mallory/ds/"_s, key).status, 200);
}

void TestServerBadInput::oddButValidJson() {
    // Valid JSON with extras: unknown fields are ignored; a BOM-less body with whitespace is fine.
    HttpResult r = f.http.request(
        "POST", u"/datasets/mallory/ds/samples/"_s,
        "\n  {\"name\": \"odd\", \"attributes\": {}, \"unknown\": [1, {\"x\": null}]}  \n", key);
    QVERIFY2(r.status == 201, r.describe());
    // Huge numbers are numbers.
    r = f.http.request("POST", u"/datasets/mallory/ds/samples/"_s,
                       R"({"name":"bignum","attributes":{},"priority":1e308})", key);
    QVERIFY2(r.status == 201, r.describe());
    QCOMPARE(r.object().value("priority"_L1).toDouble(), 1e308);
}

SEGSCOPE_TEST_MAIN(TestServerBadInput)
#include "tst_server_badinput.moc"
