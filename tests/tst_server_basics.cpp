// segscope-server over HTTP: status, users, auth (docs/api-contract.md §2: 401), methods, trailing
// slashes, datasets and labelsets with their permissions (403 / 404), and the SDK-required Dataset
// fields (docs/api-contract.md §3).
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpResult;
using segscope::test::kDatasetRequiredFields;
using segscope::test::ServerFixture;

class TestServerBasics : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void apiStatus();
    void authErrors_data();
    void authErrors();
    void user();
    void wrongMethodIs405();
    void unknownPathIs404();
    void trailingSlashOptional_data();
    void trailingSlashOptional();
    void datasetRequiredFields();
    void datasetCreateDuplicate();
    void organizationDatasets();
    void datasetList();
    void datasetListPagination();
    void datasetPatch();
    void datasetCreateAndPatchAgree_data();
    void datasetCreateAndPatchAgree();
    void datasetDelete();
    void permissions();
    void labelsets();

private:
    ServerFixture f;
    QString alice, bob;
};

void TestServerBasics::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    alice = f.addUser(u"alice"_s);
    bob = f.addUser(u"bob"_s);
    QVERIFY(!alice.isEmpty() && !bob.isEmpty());
    QVERIFY(!f.createDataset(alice, u"private"_s).isEmpty());
    QVERIFY(!f.createDataset(alice, u"open"_s, {{"public"_L1, true}}).isEmpty());
}

void TestServerBasics::apiStatus() {
    const HttpResult r = f.http.get(u"/api_status/?lib_version=1.30"_s, alice);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().isObject());
    QCOMPARE(f.http.get(u"/api_status/?lib_version=1.30"_s, {}).status, 401);
}

void TestServerBasics::authErrors_data() {
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("detail");
    QTest::newRow("missing") << QByteArray() << u"Authentication credentials were not provided."_s;
    QTest::newRow("bad key") << QByteArray("APIKey 0123456789abcdef") << u"Invalid API key."_s;
    QTest::newRow("empty key") << QByteArray("APIKey ") << u"Invalid API key."_s;
    QTest::newRow("bad scheme") << QByteArray("Basic YWxpY2U6eA==") << u"Invalid API key."_s;
    QTest::newRow("no scheme") << QByteArray("nonsense") << u"Invalid API key."_s;
    QTest::newRow("huge key") << QByteArray("APIKey " + QByteArray(5000, 'a'))
                              << u"Invalid API key."_s;
}

void TestServerBasics::authErrors() {
    QFETCH(QByteArray, authorization);
    QFETCH(QString, detail);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    for (const QString &path : {u"/user"_s, u"/datasets/alice/open/"_s, u"/user/datasets/"_s}) {
        const HttpResult r = f.http.request("GET", path, {}, {}, headers);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.object().value("detail"_L1).toString(), detail);
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("APIKey"));
    }
    // A write without a key is a 401 too, and stores nothing.
    const HttpResult w =
        f.http.request("POST", u"/user/datasets/"_s, R"({"name":"nokey"})", {}, headers);
    QCOMPARE(w.status, 401);
    QCOMPARE(f.http.get(u"/datasets/alice/nokey/"_s, alice).status, 404);
}

void TestServerBasics::user() {
    const HttpResult me = f.http.get(u"/user"_s, alice);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.object().value("username"_L1).toString(), u"alice"_s);
    QVERIFY(me.object().value("created_at"_L1).toString().endsWith(u'Z'));
    QVERIFY(me.object().value("is_organization"_L1).isBool());
    const HttpResult other = f.http.get(u"/users/bob"_s, alice);
    QCOMPARE(other.status, 200);
    QCOMPARE(other.object().value("username"_L1).toString(), u"bob"_s);
    const HttpResult missing = f.http.get(u"/users/nobody"_s, alice);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.message(), u"Not found."_s);
}

void TestServerBasics::wrongMethodIs405() {
    const QList<QPair<QByteArray, QString>> cases = {
        {"DELETE", u"/user"_s},      {"PUT", u"/datasets/alice/open/"_s},
        {"POST", u"/api_status/"_s}, {"PUT", u"/user/datasets/"_s},
        {"POST", u"/samples/x/"_s},  {"POST", u"/labels/x/ground-truth/"_s},
        {"GET", u"/assets/"_s},      {"PATCH", u"/datasets/alice/open/labelsets/"_s}};
    for (const auto &[verb, path] : cases) {
        const HttpResult r = f.http.request(verb, path, "{}", alice);
        QVERIFY2(r.status == 405, qPrintable(QString::fromLatin1(verb) + u' ' + path + u": "_s +
                                             QString::fromUtf8(r.describe())));
        QVERIFY(r.message().contains(QString::fromLatin1(verb)));
    }
}

void TestServerBasics::unknownPathIs404() {
    for (const QString &path :
         {u"/nope"_s, u"/datasets/alice"_s, u"/datasets/alice/open/x/y/z"_s}) {
        const HttpResult r = f.http.get(path, alice);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), u"Not found."_s);
    }
}

void TestServerBasics::trailingSlashOptional_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("api_status") << u"/api_status"_s;
    QTest::newRow("user") << u"/user"_s;
    QTest::newRow("users") << u"/users/alice"_s;
    QTest::newRow("user datasets") << u"/user/datasets"_s;
    QTest::newRow("users datasets") << u"/users/alice/datasets"_s;
    QTest::newRow("dataset") << u"/datasets/alice/open"_s;
    QTest::newRow("samples") << u"/datasets/alice/open/samples"_s;
    QTest::newRow("labelsets") << u"/datasets/alice/open/labelsets"_s;
    QTest::newRow("labelset") << u"/datasets/alice/open/labelsets/ground-truth"_s;
}

void TestServerBasics::trailingSlashOptional() {
    QFETCH(QString, path);
    const HttpResult bare = f.http.get(path, alice);
    const HttpResult slash = f.http.get(path + u'/', alice);
    QCOMPARE(bare.status, 200);
    QCOMPARE(slash.status, 200); // never a redirect
    QCOMPARE(slash.json(), bare.json());
    // A POST without the slash keeps its body (no redirect that would drop it).
    if (path == "/user/datasets"_L1) {
        QCOMPARE(f.http.post(path, QJsonObject{{"name"_L1, u"noslash"_s}}, alice).status, 201);
        QCOMPARE(f.http.get(u"/datasets/alice/noslash"_s, alice).status, 200);
    }
}

void TestServerBasics::datasetRequiredFields() {
    const HttpResult r = f.http.get(u"/datasets/alice/private/"_s, alice);
    QCOMPARE(r.status, 200);
    const QJsonObject d = r.object();
    QList<const char *> keys = kDatasetRequiredFields;
    keys << "samples_count"
         << "task_attributes"
         << "labelsets"
         << "data_type";
    for (const char *key : std::as_const(keys))
        QVERIFY2(d.contains(QLatin1StringView(key)), key);
    QCOMPARE(d.value("full_name"_L1).toString(), u"alice/private"_s);
    QCOMPARE(d.value("owner"_L1).toObject().value("username"_L1).toString(), u"alice"_s);
    QVERIFY(d.value("owner"_L1).toObject().contains("created_at"_L1));
    QVERIFY(d.value("metadata"_L1).isObject());
    QCOMPARE(d.value("samples_count"_L1).toInt(), 0);
    QCOMPARE(d.value("label_stats"_L1).toObject().value("TOTAL"_L1).toInt(), 0);
    const QJsonArray labelsets = d.value("labelsets"_L1).toArray();
    QCOMPARE(labelsets.size(), 1);
    QCOMPARE(labelsets.at(0).toObject().value("name"_L1).toString(), u"ground-truth"_s);
    QCOMPARE(labelsets.at(0).toObject().value("is_groundtruth"_L1).toBool(), true);
    QCOMPARE(d.value("task_attributes"_L1).toObject().value("categories"_L1).toArray().size(), 2);
}

void TestServerBasics::datasetCreateDuplicate() {
    const HttpResult r =
        f.http.post(u"/user/datasets/"_s, QJsonObject{{"name"_L1, u"open"_s}}, alice);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("name"_L1).toArray().first().toString().contains("already exists"_L1));
    // Same name under another owner is fine.
    QVERIFY(!f.createDataset(bob, u"open"_s).isEmpty());
}

void TestServerBasics::organizationDatasets() {
    // The SDK's add_dataset(organization=...): the caller's own name creates in its namespace,
    // with the same body reader as /user/datasets/.
    const HttpResult created = f.http.post(
        u"/organizations/alice/datasets/"_s,
        QJsonObject{{"name"_L1, u"org-made"_s}, {"description"_L1, u"via org"_s}}, alice);
    QVERIFY2(created.status == 201, created.describe());
    QCOMPARE(created.object().value("full_name"_L1).toString(), u"alice/org-made"_s);
    QCOMPARE(created.object().value("description"_L1).toString(), u"via org"_s);
    QCOMPARE(f.http.get(u"/datasets/alice/org-made/"_s, alice).status, 200);
    // A duplicate, through either route: 400 naming `name` with "already exists".
    for (const QString &path : {u"/organizations/alice/datasets"_s, u"/user/datasets/"_s}) {
        const HttpResult dup = f.http.post(path, QJsonObject{{"name"_L1, u"org-made"_s}}, alice);
        QCOMPARE(dup.status, 400);
        QVERIFY2(dup.object().value("name"_L1).toArray().first().toString().contains(
                     "already exists"_L1),
                 dup.describe());
    }
    // Bad input is the same 400 as on /user/datasets/.
    const HttpResult bad = f.http.post(u"/organizations/alice/datasets/"_s,
                                       QJsonObject{{"name"_L1, u"x"_s}, {"public"_L1, 1}}, alice);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.object().value("public"_L1).toArray().first().toString(),
             u"Must be a valid boolean."_s);
    // Any other name, an existing user or not: 403 with the API's body; nothing is created.
    for (const QString &org : {u"bob"_s, u"acme"_s}) {
        const HttpResult r = f.http.post(u"/organizations/"_s + org + u"/datasets/"_s,
                                         QJsonObject{{"name"_L1, u"org-other"_s}}, alice);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.message(), u"You do not have permission to perform this action."_s);
    }
    QCOMPARE(f.http.get(u"/datasets/bob/org-other/"_s, bob).status, 404);
    QCOMPARE(f.http.get(u"/datasets/alice/org-other/"_s, alice).status, 404);
    // Authentication first, as on every route.
    QCOMPARE(f.http.post(u"/organizations/alice/datasets/"_s, QJsonObject{{"name"_L1, u"k"_s}}, {})
                 .status,
             401);
    QCOMPARE(f.http.get(u"/organizations/alice/datasets/"_s, alice).status, 405);
}

void TestServerBasics::datasetList() {
    const HttpResult mine = f.http.get(u"/user/datasets/"_s, alice);
    QCOMPARE(mine.status, 200);
    QStringList names;
    for (const QJsonValue &v : mine.array())
        names.append(v.toObject().value("full_name"_L1).toString());
    QVERIFY(names.contains(u"alice/private"_s));
    QVERIFY(names.contains(u"alice/open"_s));

    // bob sees alice's public dataset, never her private one.
    const HttpResult theirs = f.http.get(u"/users/alice/datasets"_s, bob);
    QCOMPARE(theirs.status, 200);
    names.clear();
    for (const QJsonValue &v : theirs.array())
        names.append(v.toObject().value("full_name"_L1).toString());
    QVERIFY(names.contains(u"alice/open"_s));
    QVERIFY(!names.contains(u"alice/private"_s));
    QCOMPARE(f.http.get(u"/users/nobody/datasets"_s, bob).status, 404);
}

void TestServerBasics::datasetListPagination() {
    const QString carol = f.addUser(u"carol"_s);
    for (int i = 0; i < 5; ++i)
        QVERIFY(!f.createDataset(carol, u"c%1"_s.arg(i)).isEmpty());
    QStringList seen;
    for (int page = 1; page <= 3; ++page) {
        const HttpResult r =
            f.http.get(u"/users/carol/datasets?per_page=2&page=%1"_s.arg(page), carol);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.array().size(), page < 3 ? 2 : 1);
        for (const QJsonValue &v : r.array())
            seen.append(v.toObject().value("name"_L1).toString());
    }
    QCOMPARE(seen, (QStringList{u"c0"_s, u"c1"_s, u"c2"_s, u"c3"_s, u"c4"_s}));
    const HttpResult past = f.http.get(u"/users/carol/datasets?per_page=2&page=4"_s, carol);
    QCOMPARE(past.status, 404);
    QCOMPARE(past.message(), u"Invalid page."_s);
}

void TestServerBasics::datasetPatch() {
    QVERIFY(!f.createDataset(alice, u"patchme"_s).isEmpty());
    const HttpResult r = f.http.patch(u"/datasets/alice/patchme/"_s,
                                      QJsonObject{{"description"_L1, u"new words"_s},
                                                  {"enable_ratings"_L1, true},
                                                  {"metadata"_L1, QJsonObject{{"k"_L1, 1}}}},
                                      alice);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("description"_L1).toString(), u"new words"_s);
    const QJsonObject again = f.http.get(u"/datasets/alice/patchme"_s, alice).object();
    QCOMPARE(again.value("description"_L1).toString(), u"new words"_s);
    QCOMPARE(again.value("enable_ratings"_L1).toBool(), true);
    QCOMPARE(again.value("metadata"_L1).toObject().value("k"_L1).toInt(), 1);
    // A bad field changes nothing at all.
    const HttpResult bad =
        f.http.patch(u"/datasets/alice/patchme/"_s,
                     QJsonObject{{"description"_L1, u"half"_s}, {"public"_L1, u"yes"_s}}, alice);
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.object().contains("public"_L1));
    QCOMPARE(
        f.http.get(u"/datasets/alice/patchme"_s, alice).object().value("description"_L1).toString(),
        u"new words"_s);
}

void TestServerBasics::datasetCreateAndPatchAgree_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    const QString slug = u"Use letters, digits, '-', '_' or '.' (at most 100)."_s;
    QTest::newRow("name dots") << u"name"_s << QJsonValue(u".."_s) << slug;
    QTest::newRow("name too long") << u"name"_s << QJsonValue(QString(101, u'n')) << slug;
    QTest::newRow("name number") << u"name"_s << QJsonValue(5) << u"Not a valid string."_s;
    QTest::newRow("description number")
        << u"description"_s << QJsonValue(1) << u"Not a valid string."_s;
    QTest::newRow("null readme") << u"readme"_s << QJsonValue() << u"Not a valid string."_s;
    QTest::newRow("public text") << u"public"_s << QJsonValue(u"yes"_s)
                                 << u"Must be a valid boolean."_s;
    QTest::newRow("flag text") << u"enable_ratings"_s << QJsonValue(u"true"_s)
                               << u"Must be a valid boolean."_s;
    QTest::newRow("category") << u"category"_s << QJsonValue(u"cats"_s)
                              << u"\"cats\" is not a valid choice."_s;
    QTest::newRow("task_type") << u"task_type"_s << QJsonValue(u"drawing"_s)
                               << u"\"drawing\" is not a valid choice."_s;
    QTest::newRow("metadata list")
        << u"metadata"_s << QJsonValue(QJsonArray{1}) << u"Expected a JSON object."_s;
    QTest::newRow("category ids twice")
        << u"task_attributes"_s
        << QJsonValue(QJsonObject{
               {"categories"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"name"_L1, u"x"_s}},
                                            QJsonObject{{"id"_L1, 1}, {"name"_L1, u"y"_s}}}}})
        << u"category id 1 is used twice"_s;
    QTest::newRow("task_attributes bad text")
        << u"task_attributes"_s << QJsonValue(u"{categories"_s)
        << u"The string is not a JSON object."_s;
}

void TestServerBasics::datasetCreateAndPatchAgree() {
    // A value POST refuses, PATCH refuses with the same answer: one reader checks both.
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    if (f.http.get(u"/datasets/alice/agree/"_s, alice).status == 404)
        QVERIFY(!f.createDataset(alice, u"agree"_s).isEmpty());
    const QJsonObject before = f.http.get(u"/datasets/alice/agree/"_s, alice).object();
    QJsonObject body{{"name"_L1, u"agree-new"_s}};
    body.insert(field, value);
    const HttpResult created = f.http.post(u"/user/datasets/"_s, body, alice);
    QVERIFY2(created.status == 400, created.describe());
    QCOMPARE(created.object().value(field).toArray().first().toString(), message);
    const HttpResult patched =
        f.http.patch(u"/datasets/alice/agree/"_s, QJsonObject{{field, value}}, alice);
    QVERIFY2(patched.status == 400, patched.describe());
    QCOMPARE(patched.object(), created.object());
    QCOMPARE(f.http.get(u"/datasets/alice/agree/"_s, alice).object(), before);
    QCOMPARE(f.http.get(u"/datasets/alice/agree-new/"_s, alice).status, 404);
}

void TestServerBasics::datasetDelete() {
    QVERIFY(!f.createDataset(alice, u"gone"_s).isEmpty());
    QCOMPARE(f.createSamples(alice, u"alice/gone"_s, 3).size(), 3);
    QCOMPARE(f.http.del(u"/datasets/alice/gone/"_s, bob).status, 404); // private: bob cannot see it
    const HttpResult r = f.http.del(u"/datasets/alice/gone/"_s, alice);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(f.http.get(u"/datasets/alice/gone/"_s, alice).status, 404);
    QCOMPARE(f.http.del(u"/datasets/alice/gone/"_s, alice).status, 404);
}

void TestServerBasics::permissions() {
    const QString forbidden = u"You do not have permission to perform this action."_s;
    // Another user's private dataset: 404 for reads and writes alike, never 403.
    for (const QByteArray &verb : {QByteArray("GET"), QByteArray("PATCH"), QByteArray("DELETE")}) {
        const HttpResult r = f.http.request(verb, u"/datasets/alice/private/"_s, "{}", bob);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), u"Not found."_s);
    }
    QCOMPARE(f.http.get(u"/datasets/alice/private/samples/"_s, bob).status, 404);
    QCOMPARE(f.http.get(u"/datasets/alice/private/labelsets/"_s, bob).status, 404);
    // A public one: readable, but every write is 403.
    QCOMPARE(f.http.get(u"/datasets/alice/open/"_s, bob).status, 200);
    QCOMPARE(f.http.get(u"/datasets/alice/open/samples/"_s, bob).status, 200);
    const QStringList uuids = f.createSamples(alice, u"alice/open"_s, 1, u"perm"_s);
    QCOMPARE(uuids.size(), 1);
    const QString sample = u"/samples/"_s + uuids.first() + u'/';
    const QString label = u"/labels/"_s + uuids.first() + u"/ground-truth/"_s;
    const QList<QPair<QByteArray, QString>> writes = {
        {"PATCH", u"/datasets/alice/open/"_s},
        {"DELETE", u"/datasets/alice/open/"_s},
        {"POST", u"/datasets/alice/open/samples/"_s},
        {"POST", u"/datasets/alice/open/samples_bulk/"_s},
        {"DELETE", u"/datasets/alice/open/samples_bulk/"_s},
        {"POST", u"/datasets/alice/open/labelsets/"_s},
        {"DELETE", u"/datasets/alice/open/labelsets/ground-truth/"_s},
        {"PATCH", sample},
        {"DELETE", sample},
        {"PUT", label},
        {"PATCH", label},
        {"DELETE", label}};
    for (const auto &[verb, path] : writes) {
        const HttpResult r =
            f.http.request(verb, path, R"({"name":"x","uuids":["a"],"attributes":{}})", bob);
        QVERIFY2(r.status == 403, qPrintable(QString::fromLatin1(verb) + u' ' + path + u": "_s +
                                             QString::fromUtf8(r.describe())));
        QCOMPARE(r.message(), forbidden);
    }
    QCOMPARE(f.http.get(sample, alice).status, 200);
    QCOMPARE(f.http.get(u"/datasets/alice/open/"_s, alice).object().value("public"_L1).toBool(),
             true);
    QCOMPARE(f.http.get(u"/datasets/alice/open/"_s, bob).object().value("role"_L1).toString(),
             u"viewer"_s);
}

void TestServerBasics::labelsets() {
    const QString base = u"/datasets/alice/private/labelsets/"_s;
    const HttpResult created = f.http.post(base,
                                           QJsonObject{{"name"_L1, u"model-v1"_s},
                                                       {"description"_L1, u"d"_s},
                                                       {"attributes"_L1, u"{}"_s}},
                                           alice);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.object().value("name"_L1).toString(), u"model-v1"_s);
    QCOMPARE(created.object().value("is_groundtruth"_L1).toBool(), false);
    QVERIFY(created.object().contains("description"_L1));
    const HttpResult dup = f.http.post(base, QJsonObject{{"name"_L1, u"model-v1"_s}}, alice);
    QCOMPARE(dup.status, 400);
    QVERIFY(dup.message().contains("already exists"_L1));
    const HttpResult list = f.http.get(base, alice);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array().size(), 2);
    QCOMPARE(f.http.get(base + u"model-v1"_s, alice).object().value("name"_L1).toString(),
             u"model-v1"_s);
    QCOMPARE(f.http.get(base + u"nope/"_s, alice).status, 404);
    const HttpResult gt = f.http.del(base + u"ground-truth/"_s, alice);
    QCOMPARE(gt.status, 400);
    QVERIFY(!gt.message().isEmpty());
    QCOMPARE(f.http.del(base + u"model-v1/"_s, alice).status, 204);
    QCOMPARE(f.http.get(base + u"model-v1/"_s, alice).status, 404);
    QCOMPARE(f.http.del(base + u"model-v1/"_s, alice).status, 404);
    QCOMPARE(f.http.post(base, QJsonObject{{"description"_L1, u"no name"_s}}, alice).status, 400);
    QCOMPARE(f.http.post(base, QJsonObject{{"name"_L1, 5}}, alice).status, 400);
    QCOMPARE(f.http.post(base, QJsonObject{{"name"_L1, u"../x"_s}}, alice).status, 400);
    QCOMPARE(f.http.get(base, alice).array().size(), 1);
}

SEGSCOPE_TEST_MAIN(TestServerBasics)
#include "tst_server_basics.moc"
