// Issues on samples over HTTP (docs/api-contract.md §3.9, §4): the SDK's add_issue, get_issues,
// update_issue and delete_issue paths, every answer held against the SDK's Issue model; who may
// read and write them; bad bodies; and that an issue goes with its sample.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpResult;
using segscope::test::ServerFixture;

namespace {

//! The longest description the server takes (docs/api-contract.md §3.9).
constexpr int kMaxDescription = 2000;

//! The SDK's Issue (segments-ai src/segments/typing.py): every field required, none nullable.
//! Written from the SDK's model, not from this server's output.
const QList<const char *> kIssueStringFields{"uuid",       "description", "created_at",
                                             "updated_at", "created_by",  "updated_by",
                                             "status",     "sample_uuid", "sample_name"};

//! What the SDK's model would refuse in `issue`, or empty.
QString sdkProblem(const QJsonValue &value) {
    if (!value.isObject())
        return u"not an object"_s;
    const QJsonObject issue = value.toObject();
    for (const char *field : kIssueStringFields) {
        if (!issue.value(QLatin1StringView(field)).isString())
            return u"%1 is not a string"_s.arg(QLatin1StringView(field));
    }
    const QString status = issue.value("status"_L1).toString();
    if (status != "OPEN"_L1 && status != "CLOSED"_L1)
        return u"status %1 is not OPEN or CLOSED"_s.arg(status);
    if (!issue.value("comments"_L1).isArray())
        return u"comments is not a list"_s;
    for (const QJsonValue &c : issue.value("comments"_L1).toArray()) {
        for (const char *field : {"created_at", "created_by", "text"}) {
            if (!c.toObject().value(QLatin1StringView(field)).isString())
                return u"comments[].%1 is not a string"_s.arg(QLatin1StringView(field));
        }
    }
    for (const char *time : {"created_at", "updated_at"}) {
        if (!QDateTime::fromString(issue.value(QLatin1StringView(time)).toString(),
                                   Qt::ISODateWithMs)
                 .isValid())
            return u"%1 is not an ISO time"_s.arg(QLatin1StringView(time));
    }
    return {};
}

//! Within a minute of now: the server stamped it with this call.
bool isFresh(const QJsonValue &time) {
    const QDateTime t = QDateTime::fromString(time.toString(), Qt::ISODateWithMs);
    return t.isValid() && qAbs(t.secsTo(QDateTime::currentDateTimeUtc())) < 60;
}

QStringList uuids(const HttpResult &r) {
    QStringList out;
    for (const QJsonValue &v : r.array())
        out.append(v.toObject().value("uuid"_L1).toString());
    return out;
}

} // namespace

class TestServerIssues : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip();
    void singleSampleCarriesItsIssues();
    void needsKey();
    void privateDatasetIsNotFound();
    void readerMayListButNotWrite();
    void badBodies_data();
    void badBodies();
    void unknownTargets();
    void deletedSampleTakesItsIssues();

private:
    QString newSample(const QString &key, const QString &dataset, const QString &name);
    QJsonObject newIssue(const QString &sample, const QString &description);

    ServerFixture f;
    QString alice, bob;
};

QString TestServerIssues::newSample(const QString &key, const QString &dataset,
                                    const QString &name) {
    const HttpResult r = f.http.post(
        u"/datasets/"_s + dataset + u"/samples/"_s,
        QJsonObject{
            {"name"_L1, name},
            {"attributes"_L1,
             QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/a.jpg"_s}}}}}},
        key);
    return r.object().value("uuid"_L1).toString();
}

QJsonObject TestServerIssues::newIssue(const QString &sample, const QString &description) {
    const HttpResult r = f.http.post(u"/samples/"_s + sample + u"/issues/"_s,
                                     QJsonObject{{"description"_L1, description}}, alice);
    return r.status == 201 ? r.object() : QJsonObject();
}

void TestServerIssues::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    alice = f.addUser(u"alice"_s);
    bob = f.addUser(u"bob"_s);
    QVERIFY(!f.createDataset(alice, u"open"_s, {{"public"_L1, true}}).isEmpty());
    QVERIFY(!f.createDataset(alice, u"secret"_s).isEmpty());
}

void TestServerIssues::roundTrip() {
    QVERIFY(!f.createDataset(alice, u"trip"_s).isEmpty());
    const QString first = newSample(alice, u"alice/trip"_s, u"first.jpg"_s);
    const QString second = newSample(alice, u"alice/trip"_s, u"second.jpg"_s);
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    const QString issues = u"/samples/"_s + first + u"/issues/"_s;
    QCOMPARE(f.http.get(issues, alice).array().size(), 0);

    // add_issue as the SDK sends it: description and status.
    HttpResult r = f.http.post(
        issues,
        QJsonObject{{"description"_L1, u"Mask misses the pole."_s}, {"status"_L1, u"OPEN"_s}},
        alice);
    QVERIFY2(r.status == 201, r.describe());
    const QJsonObject a = r.object();
    QVERIFY2(sdkProblem(a).isEmpty(), qPrintable(sdkProblem(a)));
    QCOMPARE(a.value("description"_L1).toString(), u"Mask misses the pole."_s);
    QCOMPARE(a.value("status"_L1).toString(), u"OPEN"_s);
    QCOMPARE(a.value("created_by"_L1).toString(), u"alice"_s);
    QCOMPARE(a.value("updated_by"_L1).toString(), u"alice"_s);
    QCOMPARE(a.value("sample_uuid"_L1).toString(), first);
    QCOMPARE(a.value("sample_name"_L1).toString(), u"first.jpg"_s);
    QCOMPARE(a.value("comments"_L1).toArray(), QJsonArray());
    QVERIFY2(isFresh(a.value("created_at"_L1)), qPrintable(a.value("created_at"_L1).toString()));
    QCOMPARE(a.value("updated_at"_L1), a.value("created_at"_L1));

    // Without a status it is OPEN; CLOSED may be given; the path without its slash works too.
    r = f.http.post(issues.chopped(1), QJsonObject{{"description"_L1, u"Second note"_s}}, alice);
    QVERIFY2(r.status == 201, r.describe());
    const QJsonObject b = r.object();
    QCOMPARE(b.value("status"_L1).toString(), u"OPEN"_s);
    r = f.http.post(u"/samples/"_s + second + u"/issues/"_s,
                    QJsonObject{{"description"_L1, u"Already fixed"_s}, {"status"_L1, u"CLOSED"_s}},
                    alice);
    QVERIFY2(r.status == 201, r.describe());
    const QJsonObject c = r.object();
    QCOMPARE(c.value("status"_L1).toString(), u"CLOSED"_s);
    QCOMPARE(c.value("sample_name"_L1).toString(), u"second.jpg"_s);
    QVERIFY(a.value("uuid"_L1) != b.value("uuid"_L1));

    // The sample's list and the dataset's (a plain array, not paged), oldest first.
    r = f.http.get(issues, alice);
    QVERIFY2(r.status == 200 && r.json().isArray(), r.describe());
    QCOMPARE(r.array().at(0).toObject(), a);
    QCOMPARE(uuids(r), (QStringList{a.value("uuid"_L1).toString(), b.value("uuid"_L1).toString()}));
    r = f.http.get(u"/datasets/alice/trip/issues/"_s, alice);
    QVERIFY2(r.status == 200 && r.json().isArray(), r.describe());
    QCOMPARE(uuids(r), (QStringList{a.value("uuid"_L1).toString(), b.value("uuid"_L1).toString(),
                                    c.value("uuid"_L1).toString()}));
    for (const QJsonValue &v : r.array())
        QVERIFY2(sdkProblem(v).isEmpty(), qPrintable(sdkProblem(v)));
    // Another dataset's issues are not listed here.
    QCOMPARE(f.http.get(u"/datasets/alice/open/issues/"_s, alice).array().size(), 0);

    // update_issue: the status alone keeps the description, and the reverse.
    const QString path = u"/issues/"_s + a.value("uuid"_L1).toString() + u'/';
    r = f.http.patch(path, QJsonObject{{"status"_L1, u"CLOSED"_s}}, alice);
    QVERIFY2(r.status == 200, r.describe());
    QVERIFY2(sdkProblem(r.object()).isEmpty(), qPrintable(sdkProblem(r.object())));
    QCOMPARE(r.object().value("status"_L1).toString(), u"CLOSED"_s);
    QCOMPARE(r.object().value("description"_L1).toString(), u"Mask misses the pole."_s);
    QCOMPARE(r.object().value("created_at"_L1), a.value("created_at"_L1));
    QVERIFY(r.object().value("updated_at"_L1).toString() >= a.value("updated_at"_L1).toString());
    r = f.http.patch(path, QJsonObject{{"description"_L1, u"Mask misses the pole (left)."_s}},
                     alice);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("status"_L1).toString(), u"CLOSED"_s);
    QCOMPARE(r.object().value("description"_L1).toString(), u"Mask misses the pole (left)."_s);
    // Stored: the list reads it back so.
    QCOMPARE(f.http.get(issues, alice).array().at(0).toObject(), r.object());

    // A renamed sample's issues carry its new name.
    QCOMPARE(
        f.http
            .patch(u"/samples/"_s + first + u'/', QJsonObject{{"name"_L1, u"renamed.jpg"_s}}, alice)
            .status,
        200);
    QCOMPARE(f.http.get(issues, alice).array().at(0)["sample_name"_L1].toString(),
             u"renamed.jpg"_s);

    // delete_issue.
    r = f.http.del(path, alice);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(uuids(f.http.get(issues, alice)), QStringList{b.value("uuid"_L1).toString()});
    QCOMPARE(f.http.del(path, alice).status, 404);
    QCOMPARE(f.http.patch(path, QJsonObject{{"status"_L1, u"OPEN"_s}}, alice).status, 404);
}

void TestServerIssues::singleSampleCarriesItsIssues() {
    // The SDK's Sample has `issues`: the single-sample GET fills it, with or without a labelset.
    const QString sample = newSample(alice, u"alice/open"_s, u"with-issues.jpg"_s);
    QVERIFY(!sample.isEmpty());
    HttpResult r = f.http.get(u"/samples/"_s + sample + u'/', alice);
    QVERIFY2(r.object().value("issues"_L1).isArray(), r.describe());
    QCOMPARE(r.object().value("issues"_L1).toArray().size(), 0);
    const QJsonObject issue = newIssue(sample, u"Wrong class on the bus."_s);
    QVERIFY(!issue.isEmpty());
    for (const QString &query : {u""_s, u"?labelset=ground-truth"_s}) {
        r = f.http.get(u"/samples/"_s + sample + u'/' + query, alice);
        QVERIFY2(r.status == 200, r.describe());
        QCOMPARE(r.object().value("issues"_L1).toArray(), QJsonArray{issue});
    }
}

void TestServerIssues::needsKey() {
    const QString sample = newSample(alice, u"alice/open"_s, u"keyless.jpg"_s);
    const QJsonObject issue = newIssue(sample, u"Needs a key"_s);
    QVERIFY(!issue.isEmpty());
    const QString path = u"/issues/"_s + issue.value("uuid"_L1).toString() + u'/';
    const QList<QPair<QByteArray, QString>> calls = {
        {"POST", u"/samples/"_s + sample + u"/issues/"_s},
        {"GET", u"/samples/"_s + sample + u"/issues/"_s},
        {"GET", u"/datasets/alice/open/issues/"_s},
        {"PATCH", path},
        {"DELETE", path}};
    for (const auto &[verb, p] : calls) {
        for (const QString &key : {QString(), u"not-a-key"_s}) {
            const HttpResult r =
                f.http.request(verb, p, R"({"description":"x","status":"CLOSED"})", key);
            QVERIFY2(r.status == 401, qPrintable(QString::fromLatin1(verb) + u' ' + p + u": "_s +
                                                 QString::fromUtf8(r.describe())));
        }
    }
    // Nothing changed on the way.
    QCOMPARE(f.http.get(u"/samples/"_s + sample + u"/issues/"_s, alice).array(), QJsonArray{issue});
}

void TestServerIssues::privateDatasetIsNotFound() {
    const QString sample = newSample(alice, u"alice/secret"_s, u"hidden.jpg"_s);
    const QJsonObject issue = newIssue(sample, u"Private note"_s);
    QVERIFY(!issue.isEmpty());
    const QString path = u"/issues/"_s + issue.value("uuid"_L1).toString() + u'/';
    const QList<QPair<QByteArray, QString>> calls = {
        {"POST", u"/samples/"_s + sample + u"/issues/"_s},
        {"GET", u"/samples/"_s + sample + u"/issues/"_s},
        {"GET", u"/datasets/alice/secret/issues/"_s},
        {"PATCH", path},
        {"DELETE", path}};
    for (const auto &[verb, p] : calls) {
        const HttpResult r =
            f.http.request(verb, p, R"({"description":"x","status":"CLOSED"})", bob);
        QVERIFY2(r.status == 404, qPrintable(QString::fromLatin1(verb) + u' ' + p + u": "_s +
                                             QString::fromUtf8(r.describe())));
        QCOMPARE(r.message(), u"Not found."_s);
    }
    QCOMPARE(f.http.get(u"/samples/"_s + sample + u"/issues/"_s, alice).array(), QJsonArray{issue});
}

void TestServerIssues::readerMayListButNotWrite() {
    const QString sample = newSample(alice, u"alice/open"_s, u"public.jpg"_s);
    const QJsonObject issue = newIssue(sample, u"Public note"_s);
    QVERIFY(!issue.isEmpty());
    const QString list = u"/samples/"_s + sample + u"/issues/"_s;
    // Reading: bob sees alice's public dataset's issues.
    HttpResult r = f.http.get(list, bob);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.array(), QJsonArray{issue});
    r = f.http.get(u"/datasets/alice/open/issues/"_s, bob);
    QVERIFY2(r.status == 200, r.describe());
    QVERIFY(uuids(r).contains(issue.value("uuid"_L1).toString()));
    // Writing: 403, with the API's words, and nothing changes.
    const QString path = u"/issues/"_s + issue.value("uuid"_L1).toString() + u'/';
    const QList<QPair<QByteArray, QString>> writes = {
        {"POST", list}, {"PATCH", path}, {"DELETE", path}};
    for (const auto &[verb, p] : writes) {
        r = f.http.request(verb, p, R"({"description":"bob was here","status":"CLOSED"})", bob);
        QVERIFY2(r.status == 403, qPrintable(QString::fromLatin1(verb) + u' ' + p + u": "_s +
                                             QString::fromUtf8(r.describe())));
        QCOMPARE(r.message(), u"You do not have permission to perform this action."_s);
    }
    QCOMPARE(f.http.get(list, alice).array(), QJsonArray{issue});
}

void TestServerIssues::badBodies_data() {
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field"); //!< the field named, or empty for a `detail`
    const QByteArray tooLong =
        R"({"description":")" + QByteArray(kMaxDescription + 1, 'x') + R"("})";
    for (const QByteArray &verb : {QByteArray("POST"), QByteArray("PATCH")}) {
        const auto row = [&](const char *name, const QByteArray &body, const QString &field) {
            QTest::newRow((verb + ' ' + name).constData()) << verb << body << field;
        };
        row("malformed JSON", R"({"description": "x")", {});
        row("array", R"(["description"])", {});
        row("string", R"("description")", {});
        row("blank description", R"({"description":"   "})", u"description"_s);
        row("empty description", R"({"description":""})", u"description"_s);
        row("null description", R"({"description":null})", u"description"_s);
        row("number description", R"({"description":7})", u"description"_s);
        row("too long description", tooLong, u"description"_s);
        row("bad status", R"({"description":"x","status":"DONE"})", u"status"_s);
        row("lower-case status", R"({"description":"x","status":"open"})", u"status"_s);
        row("null status", R"({"description":"x","status":null})", u"status"_s);
        row("number status", R"({"description":"x","status":1})", u"status"_s);
    }
    QTest::newRow("POST missing description")
        << QByteArray("POST") << QByteArray(R"({"status":"OPEN"})") << u"description"_s;
}

void TestServerIssues::badBodies() {
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const QString sample =
        newSample(alice, u"alice/open"_s, QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(!sample.isEmpty());
    const QJsonObject issue = newIssue(sample, u"Keep me"_s);
    QVERIFY(!issue.isEmpty());
    const QString path = verb == "POST" ? u"/samples/"_s + sample + u"/issues/"_s
                                        : u"/issues/"_s + issue.value("uuid"_L1).toString() + u'/';
    const HttpResult r = f.http.request(verb, path, body, alice);
    QVERIFY2(r.status == 400, r.describe());
    if (field.isEmpty()) {
        QVERIFY2(r.object().value("detail"_L1).isString(), r.describe());
    } else {
        QVERIFY2(r.object().value(field).isArray(), r.describe());
        QVERIFY(!r.message().isEmpty());
    }
    // Nothing stored, nothing changed.
    QCOMPARE(f.http.get(u"/samples/"_s + sample + u"/issues/"_s, alice).array(), QJsonArray{issue});
}

void TestServerIssues::unknownTargets() {
    const QString nobody = u"00000000-0000-4000-8000-000000000000"_s;
    const QByteArray body = R"({"description":"x"})";
    for (const auto &[verb, path] :
         QList<QPair<QByteArray, QString>>{{"POST", u"/samples/"_s + nobody + u"/issues/"_s},
                                           {"GET", u"/samples/"_s + nobody + u"/issues/"_s},
                                           {"GET", u"/datasets/alice/nothing/issues/"_s},
                                           {"GET", u"/datasets/nobody/open/issues/"_s},
                                           {"PATCH", u"/issues/"_s + nobody + u'/'},
                                           {"DELETE", u"/issues/"_s + nobody + u'/'}}) {
        const HttpResult r = f.http.request(verb, path, body, alice);
        QVERIFY2(r.status == 404, qPrintable(QString::fromLatin1(verb) + u' ' + path + u": "_s +
                                             QString::fromUtf8(r.describe())));
    }
    // Unknown fields are ignored, as the SDK's extra = "ignore" reads answers.
    const QString sample = newSample(alice, u"alice/open"_s, u"extra.jpg"_s);
    const HttpResult r = f.http.post(
        u"/samples/"_s + sample + u"/issues/"_s,
        QJsonObject{{"description"_L1, u"x"_s}, {"comments"_L1, 5}, {"uuid"_L1, u"mine"_s}}, alice);
    QVERIFY2(r.status == 201, r.describe());
    QVERIFY(r.object().value("uuid"_L1).toString() != "mine"_L1);
    QCOMPARE(r.object().value("comments"_L1).toArray(), QJsonArray());
    // The longest description fits.
    const QString longest(kMaxDescription, u'y');
    const HttpResult full = f.http.post(u"/samples/"_s + sample + u"/issues/"_s,
                                        QJsonObject{{"description"_L1, longest}}, alice);
    QVERIFY2(full.status == 201, full.describe());
    QCOMPARE(full.object().value("description"_L1).toString(), longest);
}

void TestServerIssues::deletedSampleTakesItsIssues() {
    QVERIFY(!f.createDataset(alice, u"doomed"_s).isEmpty());
    const QString one = newSample(alice, u"alice/doomed"_s, u"one.jpg"_s);
    const QString two = newSample(alice, u"alice/doomed"_s, u"two.jpg"_s);
    const QString three = newSample(alice, u"alice/doomed"_s, u"three.jpg"_s);
    const QJsonObject a = newIssue(one, u"on one"_s);
    const QJsonObject b = newIssue(two, u"on two"_s);
    const QJsonObject c = newIssue(three, u"on three"_s);
    QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
    QCOMPARE(f.http.get(u"/datasets/alice/doomed/issues/"_s, alice).array().size(), 3);

    // One sample deleted, then one by the bulk delete: their issues go with them.
    QCOMPARE(f.http.del(u"/samples/"_s + one + u'/', alice).status, 204);
    QCOMPARE(f.http
                 .patch(u"/issues/"_s + a.value("uuid"_L1).toString() + u'/',
                        QJsonObject{{"status"_L1, u"CLOSED"_s}}, alice)
                 .status,
             404);
    QCOMPARE(f.http
                 .del(u"/datasets/alice/doomed/samples_bulk/"_s, alice,
                      QJsonObject{{"uuids"_L1, QJsonArray{two}}})
                 .status,
             200);
    QCOMPARE(uuids(f.http.get(u"/datasets/alice/doomed/issues/"_s, alice)),
             QStringList{c.value("uuid"_L1).toString()});
    QCOMPARE(f.http.del(u"/issues/"_s + b.value("uuid"_L1).toString() + u'/', alice).status, 404);

    // The whole dataset deleted: the last one goes too.
    QCOMPARE(f.http.del(u"/datasets/alice/doomed/"_s, alice).status, 204);
    QCOMPARE(f.http.del(u"/issues/"_s + c.value("uuid"_L1).toString() + u'/', alice).status, 404);
}

SEGSCOPE_TEST_MAIN(TestServerIssues)
#include "tst_server_issues.moc"
