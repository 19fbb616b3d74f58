// GET /datasets/{ds}/samples/ (docs/api-contract.md §5): pagination edges, stable sort across pages
// for every field in both directions, filters alone and combined, labelset summaries and full
// labels.
#include "support/serverfixture.h"
#include "support/testmain.h"
#include "wire/samplequery.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::enc;
using segscope::test::HttpClient;
using segscope::test::HttpResult;
using segscope::test::rawRequest;
using segscope::test::ServerFixture;

class TestServerListing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyDataset();
    void exactMultiple();
    void perPageClamped();
    void badPageParameters_data();
    void badPageParameters();
    void stableSortAcrossPages_data();
    void stableSortAcrossPages();
    void nameContains_data();
    void nameContains();
    void plusIsASpace_data();
    void plusIsASpace();
    void clientQueryKeepsPlus();
    void labelStatus_data();
    void labelStatus();
    void metadataFilters_data();
    void metadataFilters();
    void badFilters_data();
    void badFilters();
    void labelsetSummary();
    void includeFullLabel();

private:
    QStringList names(const HttpResult &r) const;
    bool makeSpaced(); //!< lister/spaced: names with a space, a plus, neither
    ServerFixture f;
    QString key;
};

QStringList TestServerListing::names(const HttpResult &r) const {
    QStringList out;
    for (const QJsonValue &v : r.array())
        out.append(v.toObject().value("name"_L1).toString());
    out.sort();
    return out;
}

void TestServerListing::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    key = f.addUser(u"lister"_s);
    QVERIFY(!f.createDataset(key, u"empty"_s).isEmpty());
    QVERIFY(!f.createDataset(key, u"twenty"_s).isEmpty());
    QCOMPARE(f.createSamples(key, u"lister/twenty"_s, 20).size(), 20);

    // The sort dataset: ties in priority, in created_at (one bulk insert may share a
    // millisecond) and in gt_label__updated_at (unlabeled samples all share "").
    QVERIFY(!f.createDataset(key, u"sorted"_s).isEmpty());
    const QStringList uuids = f.createSamples(key, u"lister/sorted"_s, 45, u"z"_s);
    QCOMPARE(uuids.size(), 45);
    for (int i = 0; i < 45; i += 4) {
        const HttpResult r = f.http.put(
            u"/labels/"_s + uuids.at(i) + u"/ground-truth/"_s,
            QJsonObject{{"attributes"_L1, QJsonObject{}}, {"label_status"_L1, u"LABELED"_s}}, key);
        QVERIFY2(r.status == 200, r.describe());
    }

    // The filter dataset: odd names, metadata of both kinds, labels in two labelsets.
    QVERIFY(!f.createDataset(key, u"filtered"_s).isEmpty());
    QVERIFY(f.http
                .post(u"/datasets/lister/filtered/labelsets/"_s,
                      QJsonObject{{"name"_L1, u"other"_s}}, key)
                .status == 201);
    struct Row {
        QString name;
        QJsonObject metadata;
        QString gt;    // ground-truth status, empty = unlabeled
        QString other; // `other` labelset status
    };
    const QList<Row> rows = {
        {u"Alpha.jpg"_s, {{"city"_L1, u"Ghent"_s}, {"speed"_L1, 5}}, u"LABELED"_s, {}},
        {u"alpha_2.jpg"_s,
         {{"city"_L1, u"ghent"_s}, {"speed"_L1, 50}},
         u"REVIEWED"_s,
         u"LABELED"_s},
        {u"beta%.jpg"_s, {{"city"_L1, u"Leuven"_s}, {"speed"_L1, 12.5}}, {}, u"REJECTED"_s},
        {u"gamma.png"_s, {{"city"_L1, u"Ghent"_s}, {"speed"_L1, u"fast"_s}}, u"SKIPPED"_s, {}},
        {u"x'; DROP TABLE samples; --"_s, {{"note"_L1, u"a,b"_s}, {"flag"_L1, true}}, {}, {}},
        {u"delta.bmp"_s, {{"city"_L1, u"Ghent'--"_s}, {"speed"_L1, 3}}, u"LABELED"_s, u"LABELED"_s},
    };
    for (const Row &row : rows) {
        const HttpResult r = f.http.post(u"/datasets/lister/filtered/samples/"_s,
                                         QJsonObject{{"name"_L1, row.name},
                                                     {"metadata"_L1, row.metadata},
                                                     {"attributes"_L1, QJsonObject{}}},
                                         key);
        QVERIFY2(r.status == 201, r.describe());
        const QString uuid = r.object().value("uuid"_L1).toString();
        for (const auto &[labelset, status] :
             {std::pair{u"ground-truth"_s, row.gt}, std::pair{u"other"_s, row.other}}) {
            if (status.isEmpty())
                continue;
            const HttpResult l = f.http.put(
                u"/labels/"_s + uuid + u'/' + labelset + u'/',
                QJsonObject{
                    {"attributes"_L1,
                     QJsonObject{{"format_version"_L1, u"0.1"_s},
                                 {"annotations"_L1,
                                  QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 2}}}}}},
                    {"label_status"_L1, status},
                    {"score"_L1, 0.5}},
                key);
            QVERIFY2(l.status == 200, l.describe());
        }
    }
}

void TestServerListing::emptyDataset() {
    const HttpResult first = f.http.get(u"/datasets/lister/empty/samples/"_s, key);
    QCOMPARE(first.status, 200);
    QVERIFY(first.json().isArray());
    QCOMPARE(first.array().size(), 0);
    const HttpResult second = f.http.get(u"/datasets/lister/empty/samples/?page=2"_s, key);
    QCOMPARE(second.status, 404);
    QCOMPARE(second.message(), u"Invalid page."_s);
    // A filter that matches nothing is an empty page 1 too.
    const HttpResult none =
        f.http.get(u"/datasets/lister/twenty/samples/?name__contains=nomatch"_s, key);
    QCOMPARE(none.status, 200);
    QCOMPARE(none.array().size(), 0);
}

void TestServerListing::exactMultiple() {
    QSet<QString> seen;
    for (int page = 1; page <= 2; ++page) {
        const HttpResult r =
            f.http.get(u"/datasets/lister/twenty/samples/?per_page=10&page=%1"_s.arg(page), key);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.array().size(), 10);
        for (const QJsonValue &v : r.array())
            seen.insert(v.toObject().value("uuid"_L1).toString());
    }
    QCOMPARE(seen.size(), 20);
    const HttpResult past =
        f.http.get(u"/datasets/lister/twenty/samples/?per_page=10&page=3"_s, key);
    QCOMPARE(past.status, 404);
    QCOMPARE(past.message(), u"Invalid page."_s);
    QCOMPARE(
        f.http.get(u"/datasets/lister/twenty/samples/?per_page=10&page=99999999999"_s, key).status,
        404);
    QCOMPARE(
        f.http.get(u"/datasets/lister/twenty"_s, key).object().value("samples_count"_L1).toInt(),
        20);
}

void TestServerListing::perPageClamped() {
    QVERIFY(!f.createDataset(key, u"big"_s).isEmpty());
    QCOMPARE(f.createSamples(key, u"lister/big"_s, 1003).size(), 1003);
    const HttpResult r = f.http.get(u"/datasets/lister/big/samples/?per_page=5000"_s, key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().size(), 1000);
    const HttpResult rest =
        f.http.get(u"/datasets/lister/big/samples/?per_page=5000&page=2"_s, key);
    QCOMPARE(rest.status, 200);
    QCOMPARE(rest.array().size(), 3);
    // The default page is the SDK's 1000.
    QCOMPARE(f.http.get(u"/datasets/lister/big/samples/"_s, key).array().size(), 1000);
}

void TestServerListing::badPageParameters_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::newRow("page=0") << u"page=0"_s << 404;
    QTest::newRow("page=-1") << u"page=-1"_s << 404;
    QTest::newRow("page=abc") << u"page=abc"_s << 404;
    QTest::newRow("page=1.5") << u"page=1.5"_s << 404;
    QTest::newRow("per_page=0") << u"per_page=0"_s << 400;
    QTest::newRow("per_page=-5") << u"per_page=-5"_s << 400;
    QTest::newRow("per_page=abc") << u"per_page=abc"_s << 400;
    QTest::newRow("per_page=huge") << u"per_page=99999999999999999999999"_s << 400;
}

void TestServerListing::badPageParameters() {
    QFETCH(QString, query);
    QFETCH(int, status);
    const HttpResult r = f.http.get(u"/datasets/lister/twenty/samples/?"_s + query, key);
    QVERIFY2(r.status == status, r.describe());
    QVERIFY(!r.message().isEmpty());
    const HttpResult d = f.http.get(u"/user/datasets/?"_s + query, key);
    QVERIFY2(d.status == status, d.describe());
}

void TestServerListing::stableSortAcrossPages_data() {
    QTest::addColumn<QString>("sort");
    for (const QString &field :
         {u"name"_s, u"created_at"_s, u"priority"_s, u"gt_label__updated_at"_s}) {
        QTest::newRow(qPrintable(field)) << field;
        QTest::newRow(qPrintable(u'-' + field)) << u'-' + field;
    }
}

void TestServerListing::stableSortAcrossPages() {
    QFETCH(QString, sort);
    const HttpResult all = f.http.get(u"/datasets/lister/sorted/samples/?per_page=1000&sort="_s +
                                          sort + u"&labelset=ground-truth"_s,
                                      key);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.array().size(), 45);
    QStringList walked;
    for (int page = 1;; ++page) {
        const HttpResult r = f.http.get(
            u"/datasets/lister/sorted/samples/?per_page=7&page=%1&sort="_s.arg(page) + sort, key);
        if (page == 8) {
            QCOMPARE(r.status, 404);
            break;
        }
        QCOMPARE(r.status, 200);
        QCOMPARE(r.array().size(), page < 7 ? 7 : 3);
        for (const QJsonValue &v : r.array())
            walked.append(v.toObject().value("uuid"_L1).toString());
    }
    QCOMPARE(QSet<QString>(walked.begin(), walked.end()).size(), 45);
    QStringList single;
    for (const QJsonValue &v : all.array())
        single.append(v.toObject().value("uuid"_L1).toString());
    QCOMPARE(walked, single);
    // And the order is the asked one: by the field, then by uuid, both in the same direction.
    const bool desc = sort.startsWith(u'-');
    const QString field = desc ? sort.mid(1) : sort;
    const auto keyOf = [&](const QJsonObject &s) -> QVariant {
        if (field == "priority"_L1)
            return s.value("priority"_L1).toDouble();
        if (field == "gt_label__updated_at"_L1) {
            const QJsonObject label = s.value("label"_L1).toObject();
            return label.value("label_status"_L1).toString() == "UNLABELED"_L1
                       ? QString()
                       : label.value("updated_at"_L1).toString();
        }
        return s.value(field).toString();
    };
    for (qsizetype i = 1; i < all.array().size(); ++i) {
        const QJsonObject a = all.array().at(i - 1).toObject(), b = all.array().at(i).toObject();
        const QVariant ka = keyOf(a), kb = keyOf(b);
        const auto cmp = QVariant::compare(ka, kb);
        const auto order =
            cmp == QPartialOrdering::Equivalent
                ? QVariant::compare(a.value("uuid"_L1).toString(), b.value("uuid"_L1).toString())
                : cmp;
        QVERIFY2(desc ? order == QPartialOrdering::Greater : order == QPartialOrdering::Less,
                 qPrintable(u"%1 then %2"_s.arg(ka.toString(), kb.toString())));
    }
}

void TestServerListing::nameContains_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("case-insensitive")
        << u"ALPHA"_s << QStringList{u"Alpha.jpg"_s, u"alpha_2.jpg"_s};
    QTest::newRow("percent literal") << u"%"_s << QStringList{u"beta%.jpg"_s};
    QTest::newRow("underscore literal") << u"_"_s << QStringList{u"alpha_2.jpg"_s};
    QTest::newRow("dot") << u".png"_s << QStringList{u"gamma.png"_s};
    QTest::newRow("sql-like") << u"'; DROP"_s << QStringList{u"x'; DROP TABLE samples; --"_s};
    QTest::newRow("quote") << u"'"_s << QStringList{u"x'; DROP TABLE samples; --"_s};
    QTest::newRow("backslash") << u"\\"_s << QStringList{};
    QTest::newRow("nothing") << u"zzz"_s << QStringList{};
}

void TestServerListing::nameContains() {
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const HttpResult r =
        f.http.get(u"/datasets/lister/filtered/samples/?name__contains="_s + enc(text), key);
    QVERIFY2(r.status == 200, r.describe());
    expected.sort();
    QCOMPARE(names(r), expected);
    QCOMPARE(
        f.http.get(u"/datasets/lister/filtered"_s, key).object().value("samples_count"_L1).toInt(),
        6);
}

bool TestServerListing::makeSpaced() {
    if (f.http.get(u"/datasets/lister/spaced/"_s, key).status == 200)
        return true;
    if (f.createDataset(key, u"spaced"_s).isEmpty())
        return false;
    for (const QString &name :
         {u"red car.jpg"_s, u"red+car.jpg"_s, u"redcar.jpg"_s, u"blue car.jpg"_s}) {
        if (f.http
                .post(u"/datasets/lister/spaced/samples/"_s,
                      QJsonObject{{"name"_L1, name}, {"attributes"_L1, QJsonObject{}}}, key)
                .status != 201)
            return false;
    }
    return true;
}

void TestServerListing::plusIsASpace_data() {
    QTest::addColumn<QByteArray>("value"); // as it goes on the wire
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("plus: a space (requests, Django)")
        << QByteArray("red+car") << QStringList{u"red car.jpg"_s};
    QTest::newRow("%20: a space") << QByteArray("red%20car") << QStringList{u"red car.jpg"_s};
    QTest::newRow("%2B: a plus") << QByteArray("red%2Bcar") << QStringList{u"red+car.jpg"_s};
    QTest::newRow("%2b: a plus") << QByteArray("red%2bcar") << QStringList{u"red+car.jpg"_s};
    QTest::newRow("both") << QByteArray("d+%2B") << QStringList{};
    QTest::newRow("plus alone") << QByteArray("+car")
                                << QStringList{u"red car.jpg"_s, u"blue car.jpg"_s};
}

void TestServerListing::plusIsASpace() {
    // Form decoding of the query (docs/api-contract.md §5.4): the SDK's requests sends a space
    // as `+`, and a plus as %2B.
    QFETCH(QByteArray, value);
    QFETCH(QStringList, expected);
    QVERIFY(makeSpaced());
    const QByteArray target = "/datasets/lister/spaced/samples/?name__contains=" + value;
    // Raw bytes, so that no client library re-encodes the query on the way.
    const HttpResult r =
        rawRequest(f.baseUrl(), "GET " + target +
                                    " HTTP/1.1\r\nHost: localhost\r\n"
                                    "Authorization: APIKey " +
                                    key.toLatin1() + "\r\nConnection: close\r\n\r\n");
    QVERIFY2(r.status == 200, r.describe());
    expected.sort();
    QCOMPARE(names(r), expected);
    // Every value is decoded so: `+` around a label status is a space, which the reader trims.
    const HttpResult statuses = rawRequest(
        f.baseUrl(), "GET /datasets/lister/spaced/samples/?label_status=+UNLABELED+ HTTP/1.1\r\n"
                     "Host: localhost\r\nAuthorization: APIKey " +
                         key.toLatin1() + "\r\nConnection: close\r\n\r\n");
    QVERIFY2(statuses.status == 200, statuses.describe());
    QCOMPARE(statuses.array().size(), 4);
}

void TestServerListing::clientQueryKeepsPlus() {
    // The client's side of form decoding: wire's query writer and the QUrl handling of
    // api::Call (setQuery, tolerant) must send a plus as %2B, or the server reads a space.
    QVERIFY(makeSpaced());
    for (const auto &[text, expected] :
         {std::pair{u"red+car"_s, u"red+car.jpg"_s}, std::pair{u"red car"_s, u"red car.jpg"_s}}) {
        segscope::wire::SampleQuery query;
        query.nameContains = text;
        QUrl url = f.baseUrl();
        url.setPath(u"/datasets/lister/spaced/samples/"_s, QUrl::TolerantMode);
        url.setQuery(query.toQueryString(), QUrl::TolerantMode);
        QVERIFY2(!url.query(QUrl::FullyEncoded).contains(u'+'), qPrintable(url.toString()));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "APIKey " + key.toLatin1());
        const HttpResult r = HttpClient::finish(f.http.manager().get(request));
        QVERIFY2(r.status == 200, r.describe());
        QCOMPARE(names(r), QStringList{expected});
    }
}

void TestServerListing::labelStatus_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("labeled (gt default)")
        << u"label_status=LABELED"_s << QStringList{u"Alpha.jpg"_s, u"delta.bmp"_s};
    QTest::newRow("two statuses") << u"label_status=LABELED,SKIPPED"_s
                                  << QStringList{u"Alpha.jpg"_s, u"delta.bmp"_s, u"gamma.png"_s};
    QTest::newRow("unlabeled gt") << u"label_status=UNLABELED"_s
                                  << QStringList{u"beta%.jpg"_s, u"x'; DROP TABLE samples; --"_s};
    QTest::newRow("unlabeled other")
        << u"label_status=UNLABELED&labelset=other"_s
        << QStringList{u"Alpha.jpg"_s, u"gamma.png"_s, u"x'; DROP TABLE samples; --"_s};
    QTest::newRow("unlabeled or rejected in other")
        << u"label_status=UNLABELED,REJECTED&labelset=other"_s
        << QStringList{u"Alpha.jpg"_s, u"beta%.jpg"_s, u"gamma.png"_s,
                       u"x'; DROP TABLE samples; --"_s};
    QTest::newRow("lower case") << u"label_status=reviewed"_s << QStringList{u"alpha_2.jpg"_s};
    QTest::newRow("with name") << u"label_status=LABELED&labelset=other&name__contains=alpha"_s
                               << QStringList{u"alpha_2.jpg"_s};
    QTest::newRow("with metadata")
        << u"label_status=LABELED&filters=city:Ghent"_s << QStringList{u"Alpha.jpg"_s};
}

void TestServerListing::labelStatus() {
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const HttpResult r = f.http.get(u"/datasets/lister/filtered/samples/?"_s + query, key);
    QVERIFY2(r.status == 200, r.describe());
    expected.sort();
    QCOMPARE(names(r), expected);
}

void TestServerListing::metadataFilters_data() {
    QTest::addColumn<QString>("filters");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("string equality")
        << u"city:Ghent"_s << QStringList{u"Alpha.jpg"_s, u"gamma.png"_s};
    QTest::newRow("case matters") << u"city:ghent"_s << QStringList{u"alpha_2.jpg"_s};
    QTest::newRow("number as string") << u"speed:5"_s << QStringList{u"Alpha.jpg"_s};
    QTest::newRow("decimal as string") << u"speed:12.5"_s << QStringList{u"beta%.jpg"_s};
    QTest::newRow("greater") << u"speed:>5"_s << QStringList{u"alpha_2.jpg"_s, u"beta%.jpg"_s};
    QTest::newRow("greater or equal")
        << u"speed:>=5"_s << QStringList{u"Alpha.jpg"_s, u"alpha_2.jpg"_s, u"beta%.jpg"_s};
    QTest::newRow("less") << u"speed:<5"_s << QStringList{u"delta.bmp"_s};
    QTest::newRow("less or equal")
        << u"speed:<=12.5"_s << QStringList{u"Alpha.jpg"_s, u"beta%.jpg"_s, u"delta.bmp"_s};
    QTest::newRow("and") << u"city:Ghent,speed:>1"_s << QStringList{u"Alpha.jpg"_s};
    QTest::newRow("bool") << u"flag:true"_s << QStringList{u"x'; DROP TABLE samples; --"_s};
    QTest::newRow("sql-like value") << u"city:Ghent'--"_s << QStringList{u"delta.bmp"_s};
    QTest::newRow("sql-like key") << u"x' OR 1=1 --:1"_s << QStringList{};
    QTest::newRow("quote in key") << u"ci\"ty:Ghent"_s << QStringList{};
    QTest::newRow("missing key") << u"nope:1"_s << QStringList{};
}

void TestServerListing::metadataFilters() {
    QFETCH(QString, filters);
    QFETCH(QStringList, expected);
    const HttpResult r =
        f.http.get(u"/datasets/lister/filtered/samples/?filters="_s + enc(filters), key);
    QVERIFY2(r.status == 200, r.describe());
    expected.sort();
    QCOMPARE(names(r), expected);
}

void TestServerListing::badFilters_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("status") << u"label_status=DONE"_s << u"label_status"_s;
    QTest::newRow("filter without colon") << u"filters=city"_s << u"filters"_s;
    QTest::newRow("filter without key") << u"filters=:x"_s << u"filters"_s;
    QTest::newRow("numeric op on text") << u"filters=speed:>fast"_s << u"filters"_s;
    QTest::newRow("sort field") << u"sort=uuid"_s << u"sort"_s;
    QTest::newRow("sort sql") << u"sort=name;DROP%20TABLE%20samples"_s << u"sort"_s;
    QTest::newRow("unknown labelset") << u"labelset=nope"_s << u"detail"_s;
    QTest::newRow("unknown labelset with status")
        << u"labelset=nope&label_status=LABELED"_s << u"detail"_s;
}

void TestServerListing::badFilters() {
    QFETCH(QString, query);
    QFETCH(QString, field);
    const HttpResult r = f.http.get(u"/datasets/lister/filtered/samples/?"_s + query, key);
    QVERIFY2(r.status == 400 || (field == "detail"_L1 && r.status == 404), r.describe());
    QVERIFY2(r.object().contains(field), r.describe());
    QVERIFY(!r.message().isEmpty());
    QCOMPARE(
        f.http.get(u"/datasets/lister/filtered"_s, key).object().value("samples_count"_L1).toInt(),
        6);
}

void TestServerListing::labelsetSummary() {
    const HttpResult plain = f.http.get(u"/datasets/lister/filtered/samples/"_s, key);
    QCOMPARE(plain.status, 200);
    for (const QJsonValue &v : plain.array())
        QVERIFY(!v.toObject().contains("label"_L1) || v.toObject().value("label"_L1).isNull());
    const HttpResult r = f.http.get(u"/datasets/lister/filtered/samples/?labelset=other"_s, key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().size(), 6);
    QHash<QString, QString> status;
    for (const QJsonValue &v : r.array()) {
        const QJsonObject s = v.toObject();
        for (const char *k : {"uuid", "name", "metadata", "created_at", "created_by", "priority"})
            QVERIFY2(s.contains(QLatin1StringView(k)), k);
        const QJsonObject label = s.value("label"_L1).toObject();
        QVERIFY(label.contains("label_status"_L1));
        QVERIFY(!label.contains("attributes"_L1));
        status.insert(s.value("name"_L1).toString(), label.value("label_status"_L1).toString());
        if (label.value("label_status"_L1).toString() != "UNLABELED"_L1)
            QCOMPARE(label.value("score"_L1).toDouble(), 0.5);
    }
    QCOMPARE(status.value(u"beta%.jpg"_s), u"REJECTED"_s);
    QCOMPARE(status.value(u"Alpha.jpg"_s), u"UNLABELED"_s);
    QCOMPARE(status.value(u"delta.bmp"_s), u"LABELED"_s);
}

void TestServerListing::includeFullLabel() {
    const HttpResult r = f.http.get(
        u"/datasets/lister/filtered/samples/?labelset=ground-truth&include_full_label=1&name__contains=alpha"_s,
        key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().size(), 2);
    for (const QJsonValue &v : r.array()) {
        const QJsonObject label = v.toObject().value("label"_L1).toObject();
        for (const char *k : {"sample_uuid", "label_type", "label_status", "labelset", "created_at",
                              "created_by", "updated_at", "attributes"})
            QVERIFY2(label.contains(QLatin1StringView(k)), k);
        QCOMPARE(label.value("sample_uuid"_L1), v.toObject().value("uuid"_L1));
        QCOMPARE(label.value("labelset"_L1).toString(), u"ground-truth"_s);
        QCOMPARE(label.value("attributes"_L1).toObject().value("annotations"_L1).toArray().size(),
                 1);
    }
    // Without a labelset include_full_label does nothing.
    const HttpResult bare =
        f.http.get(u"/datasets/lister/filtered/samples/?include_full_label=1"_s, key);
    QCOMPARE(bare.status, 200);
    QVERIFY(!bare.array().first().toObject().value("label"_L1).isObject());
}

SEGSCOPE_TEST_MAIN(TestServerListing)
#include "tst_server_listing.moc"
