// Review decisions as the server sees them (docs/api-contract.md §3.7, §4): a PATCH of
// label_status alone stamps reviewed_by / reviewed_at for REVIEWED, REJECTED and VERIFIED, clears
// them for any other status (an undo back to LABELED), keeps everything else of the label, and is
// 403 for a user who may read the dataset but not write it.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpResult;
using segscope::test::ServerFixture;

namespace {

QJsonObject bitmapAttributes() {
    return QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}},
                                      QJsonObject{{"id"_L1, 2}, {"category_id"_L1, 2}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/mask.png"_s}}}};
}

//! Within a minute of now: stamped by this call.
bool isFresh(const QJsonValue &time) {
    const QDateTime t = QDateTime::fromString(time.toString(), Qt::ISODateWithMs);
    return t.isValid() && qAbs(t.secsTo(QDateTime::currentDateTimeUtc())) < 60;
}

} // namespace

class TestServerReview : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void reviewingStatusesStampTheCaller_data();
    void reviewingStatusesStampTheCaller();
    void otherStatusClearsTheReview_data();
    void otherStatusClearsTheReview();
    void putWithoutStatusClearsTheReview();
    void statusOnlyPatchKeepsTheRest();
    void summaryFollows();
    void readerIsForbidden();

private:
    //! A sample in alice/rev with a LABELED ground-truth label; its label path.
    QString labelledSample(const QString &name);

    ServerFixture f;
    QString alice, bob;
};

QString TestServerReview::labelledSample(const QString &name) {
    const HttpResult s =
        f.http.post(u"/datasets/alice/rev/samples/"_s,
                    QJsonObject{{"name"_L1, name}, {"attributes"_L1, QJsonObject{}}}, alice);
    const QString path =
        u"/labels/"_s + s.object().value("uuid"_L1).toString() + u"/ground-truth/"_s;
    const HttpResult l = f.http.put(path,
                                    QJsonObject{{"attributes"_L1, bitmapAttributes()},
                                                {"label_status"_L1, u"LABELED"_s},
                                                {"score"_L1, 0.5}},
                                    alice);
    return s.status == 201 && l.status == 200 ? path : QString();
}

void TestServerReview::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    alice = f.addUser(u"alice"_s);
    bob = f.addUser(u"bob"_s);
    QVERIFY(!f.createDataset(alice, u"rev"_s, {{"public"_L1, true}}).isEmpty());
}

void TestServerReview::reviewingStatusesStampTheCaller_data() {
    QTest::addColumn<QString>("status");
    QTest::newRow("REVIEWED") << u"REVIEWED"_s;
    QTest::newRow("REJECTED") << u"REJECTED"_s;
    QTest::newRow("VERIFIED") << u"VERIFIED"_s;
}

void TestServerReview::reviewingStatusesStampTheCaller() {
    QFETCH(QString, status);
    const QString path = labelledSample(u"stamp-"_s + status);
    QVERIFY(!path.isEmpty());
    HttpResult r = f.http.get(path, alice);
    // LABELED: not reviewed, and the fields are there as null (the SDK's Optional[str]).
    QVERIFY2(r.object().contains("reviewed_at"_L1) && r.object().value("reviewed_at"_L1).isNull(),
             r.describe());
    QVERIFY2(r.object().contains("reviewed_by"_L1) && r.object().value("reviewed_by"_L1).isNull(),
             r.describe());

    r = f.http.patch(path, QJsonObject{{"label_status"_L1, status}}, alice);
    QVERIFY2(r.status == 200, r.describe());
    const QJsonObject l = r.object();
    QCOMPARE(l.value("label_status"_L1).toString(), status);
    QCOMPARE(l.value("reviewed_by"_L1).toString(), u"alice"_s);
    QVERIFY2(isFresh(l.value("reviewed_at"_L1)), r.describe());
    // The review is this write: the same moment as its update.
    QCOMPARE(l.value("reviewed_at"_L1), l.value("updated_at"_L1));
    QCOMPARE(l.value("updated_by"_L1).toString(), u"alice"_s);
    // Stored so.
    QCOMPARE(f.http.get(path, alice).object(), l);
}

void TestServerReview::otherStatusClearsTheReview_data() {
    QTest::addColumn<QString>("reviewed");
    QTest::addColumn<QString>("back");
    QTest::newRow("REVIEWED then LABELED (an undo)") << u"REVIEWED"_s << u"LABELED"_s;
    QTest::newRow("REJECTED then LABELED (an undo)") << u"REJECTED"_s << u"LABELED"_s;
    QTest::newRow("REVIEWED then REVIEWING_IN_PROGRESS")
        << u"REVIEWED"_s << u"REVIEWING_IN_PROGRESS"_s;
    QTest::newRow("VERIFIED then PRELABELED") << u"VERIFIED"_s << u"PRELABELED"_s;
    QTest::newRow("REJECTED then SKIPPED") << u"REJECTED"_s << u"SKIPPED"_s;
}

void TestServerReview::otherStatusClearsTheReview() {
    QFETCH(QString, reviewed);
    QFETCH(QString, back);
    const QString path = labelledSample(u"clear-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(!path.isEmpty());
    HttpResult r = f.http.patch(path, QJsonObject{{"label_status"_L1, reviewed}}, alice);
    QCOMPARE(r.object().value("reviewed_by"_L1).toString(), u"alice"_s);
    r = f.http.patch(path, QJsonObject{{"label_status"_L1, back}}, alice);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("label_status"_L1).toString(), back);
    QVERIFY2(r.object().contains("reviewed_by"_L1) && r.object().value("reviewed_by"_L1).isNull(),
             r.describe());
    QVERIFY2(r.object().contains("reviewed_at"_L1) && r.object().value("reviewed_at"_L1).isNull(),
             r.describe());
    QCOMPARE(f.http.get(path, alice).object(), r.object());
    // Reviewed again: stamped again.
    r = f.http.patch(path, QJsonObject{{"label_status"_L1, reviewed}}, alice);
    QCOMPARE(r.object().value("reviewed_by"_L1).toString(), u"alice"_s);
    QVERIFY(isFresh(r.object().value("reviewed_at"_L1)));
}

void TestServerReview::putWithoutStatusClearsTheReview() {
    // A PUT replaces the label; without a status it is PRELABELED, no longer reviewed.
    const QString path = labelledSample(u"put-over-review"_s);
    QVERIFY(!path.isEmpty());
    QCOMPARE(f.http.patch(path, QJsonObject{{"label_status"_L1, u"REVIEWED"_s}}, alice).status,
             200);
    const HttpResult r =
        f.http.put(path, QJsonObject{{"attributes"_L1, bitmapAttributes()}}, alice);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object().value("label_status"_L1).toString(), u"PRELABELED"_s);
    QVERIFY(r.object().value("reviewed_by"_L1).isNull());
    QVERIFY(r.object().value("reviewed_at"_L1).isNull());
}

void TestServerReview::statusOnlyPatchKeepsTheRest() {
    const QString path = labelledSample(u"keep"_s);
    QVERIFY(!path.isEmpty());
    const QJsonObject before = f.http.get(path, alice).object();
    // What ReviewDecisions sends: {"label_status": S} alone.
    for (const QString &status : {u"REJECTED"_s, u"LABELED"_s, u"REVIEWED"_s}) {
        const HttpResult r = f.http.patch(path, QJsonObject{{"label_status"_L1, status}}, alice);
        QVERIFY2(r.status == 200, r.describe());
        const QJsonObject after = f.http.get(path, alice).object();
        QCOMPARE(after.value("label_status"_L1).toString(), status);
        for (const char *kept : {"attributes", "score", "label_type", "labelset", "sample_uuid",
                                 "created_at", "created_by", "rating"})
            QVERIFY2(after.value(QLatin1StringView(kept)) == before.value(QLatin1StringView(kept)),
                     kept);
        QCOMPARE(after.value("attributes"_L1).toObject(), bitmapAttributes());
        QCOMPARE(after.value("score"_L1).toDouble(), 0.5);
    }
}

void TestServerReview::summaryFollows() {
    // The list's LabelSummary, the status filter and the dataset's counts follow a decision.
    const QString path = labelledSample(u"summary"_s);
    QVERIFY(!path.isEmpty());
    const auto listed = [&](const QString &status) {
        const HttpResult r =
            f.http.get(u"/datasets/alice/rev/samples/?labelset=ground-truth&name__contains=summary"
                       u"&label_status="_s +
                           status,
                       alice);
        return r.array();
    };
    const auto count = [&](const char *status) {
        return f.http.get(u"/datasets/alice/rev/"_s, alice)
            .object()
            .value("label_stats"_L1)
            .toObject()
            .value(QLatin1StringView(status))
            .toInt();
    };
    const int rejectedBefore = count("REJECTED");
    QCOMPARE(listed(u"REJECTED"_s).size(), 0);
    QCOMPARE(f.http.patch(path, QJsonObject{{"label_status"_L1, u"REJECTED"_s}}, alice).status,
             200);
    const QJsonArray rejected = listed(u"REJECTED"_s);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0)["label"_L1]["reviewed_by"_L1].toString(), u"alice"_s);
    QCOMPARE(count("REJECTED"), rejectedBefore + 1);
    QCOMPARE(f.http.patch(path, QJsonObject{{"label_status"_L1, u"LABELED"_s}}, alice).status, 200);
    QCOMPARE(listed(u"REJECTED"_s).size(), 0);
    const QJsonArray labeled = listed(u"LABELED"_s);
    QCOMPARE(labeled.size(), 1);
    QVERIFY(labeled.at(0)["label"_L1]["reviewed_by"_L1].isNull());
    QCOMPARE(count("REJECTED"), rejectedBefore);
}

void TestServerReview::readerIsForbidden() {
    const QString path = labelledSample(u"read-only"_s);
    QVERIFY(!path.isEmpty());
    const QJsonObject before = f.http.get(path, alice).object();
    // bob may read alice's public dataset's label...
    HttpResult r = f.http.get(path, bob);
    QVERIFY2(r.status == 200, r.describe());
    QCOMPARE(r.object(), before);
    // ...but not decide on it: 403 with the API's words, for every status and every write.
    for (const QString &status : {u"REVIEWED"_s, u"REJECTED"_s, u"LABELED"_s}) {
        r = f.http.patch(path, QJsonObject{{"label_status"_L1, status}}, bob);
        QVERIFY2(r.status == 403, r.describe());
        QCOMPARE(r.message(), u"You do not have permission to perform this action."_s);
    }
    r = f.http.put(path, QJsonObject{{"attributes"_L1, bitmapAttributes()}}, bob);
    QCOMPARE(r.status, 403);
    QCOMPARE(f.http.del(path, bob).status, 403);
    // The label is as it was.
    QCOMPARE(f.http.get(path, alice).object(), before);
}

SEGSCOPE_TEST_MAIN(TestServerReview)
#include "tst_server_review.moc"
