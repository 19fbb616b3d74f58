// The review core (app/core/review) against the real segscope-server in-process over loopback:
// decisions shown at once and landed as PATCHes the server keeps, the last status asked for
// winning on one label, undo newest step first, refusals (403 for a reader, 404 for a deleted
// sample, a connection dropped on every attempt) putting the old status back and saying why, and
// a comment becoming an OPEN issue that undo closes. Faults come from a proxy in front of the
// server (tests/support/faultproxy.h); the server is never mocked.
#include "support/faultproxy.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "api/apiclient.h"
#include "review/reviewdecisions.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::review::ReviewDecisions;
using segscope::review::ReviewTarget;
using segscope::test::Fault;
using segscope::test::FaultProxy;
using segscope::test::HttpResult;

namespace {

constexpr int Bound = 15000;
const QString GroundTruth = u"ground-truth"_s;

QJsonObject bitmapAttributes() {
    return QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/mask.png"_s}}}};
}

//! statusShown's arguments as one string, for comparing sequences: "uuid labelset status".
QStringList shownList(const QSignalSpy &spy) {
    QStringList out;
    for (const QList<QVariant> &args : spy)
        out.append(args.at(0).toString() + u' ' + args.at(1).toString() + u' ' +
                   args.at(2).toString());
    return out;
}

QString shown(const QString &uuid, const QString &status) {
    return uuid + u' ' + GroundTruth + u' ' + status;
}

} // namespace

class TestReviewDecisions : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void decideLandsEveryLabel();
    void lastAskedForWinsOnOneLabel();
    void undoRestoresNewestStepFirst();
    void readerIsRefused();
    void deletedSampleIsRefused();
    void droppedConnectionIsRefusedAfterTheRetries();
    void commentBecomesAnIssueThatUndoCloses();
    void commentNotStoredKeepsTheStatus();

private:
    //! A new sample in alice/rev with a LABELED ground-truth label; its uuid.
    QString labelledSample();
    //! The label's status as the server has it now ("" when it has none).
    QString serverStatus(const QString &uuid);
    //! A client on `base` (the server when empty) with `key`, quick to retry.
    std::unique_ptr<api::ApiClient> client(const QString &key, QUrl base = {});

    test::ServerFixture f;
    QString alice, bob;
    int m_samples = 0;
};

void TestReviewDecisions::initTestCase() {
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    alice = f.addUser(u"alice"_s);
    bob = f.addUser(u"bob"_s);
    QVERIFY(!alice.isEmpty() && !bob.isEmpty());
    QVERIFY(!f.createDataset(alice, u"rev"_s, {{"public"_L1, true}}).isEmpty());
}

QString TestReviewDecisions::labelledSample() {
    const HttpResult s = f.http.post(
        u"/datasets/alice/rev/samples/"_s,
        QJsonObject{{"name"_L1, u"s%1"_s.arg(++m_samples)}, {"attributes"_L1, QJsonObject{}}},
        alice);
    const QString uuid = s.object().value("uuid"_L1).toString();
    const HttpResult l = f.http.put(
        u"/labels/%1/%2/"_s.arg(uuid, GroundTruth),
        QJsonObject{{"attributes"_L1, bitmapAttributes()}, {"label_status"_L1, u"LABELED"_s}},
        alice);
    if (s.status != 201 || l.status != 200) {
        qWarning("labelledSample: %s / %s", s.describe().constData(), l.describe().constData());
        return {};
    }
    return uuid;
}

QString TestReviewDecisions::serverStatus(const QString &uuid) {
    return f.http.get(u"/labels/%1/%2/"_s.arg(uuid, GroundTruth), alice)
        .object()
        .value("label_status"_L1)
        .toString();
}

std::unique_ptr<api::ApiClient> TestReviewDecisions::client(const QString &key, QUrl base) {
    api::ClientOptions o;
    o.baseUrl = base.isEmpty() ? f.baseUrl() : base;
    o.apiKey = key;
    o.maxAttempts = 3;
    o.backoffBase = std::chrono::milliseconds(10);
    o.backoffMax = std::chrono::milliseconds(40);
    o.cacheDirectory = f.dataDir() + u"/client-cache"_s;
    return std::make_unique<api::ApiClient>(o);
}

void TestReviewDecisions::decideLandsEveryLabel() {
    const QStringList uuids{labelledSample(), labelledSample(), labelledSample()};
    QVERIFY(!uuids.contains(QString()));
    const auto api = client(alice);
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy shownSpy(&d, &ReviewDecisions::statusShown);
    QSignalSpy landed(&d, &ReviewDecisions::landed);
    QSignalSpy refused(&d, &ReviewDecisions::refused);
    QSignalSpy undoAvailable(&d, &ReviewDecisions::undoAvailableChanged);

    QList<ReviewTarget> targets;
    for (const QString &uuid : uuids)
        targets.append({uuid, u"LABELED"_s});
    d.decide(targets, GroundTruth, u"REVIEWED"_s);

    // Shown at once, before any answer.
    QCOMPARE(shownList(shownSpy),
             QStringList({shown(uuids[0], u"REVIEWED"_s), shown(uuids[1], u"REVIEWED"_s),
                          shown(uuids[2], u"REVIEWED"_s)}));
    QCOMPARE(landed.count(), 0);
    QCOMPARE(d.pendingCount(), 3);
    QCOMPARE(d.shownStatus(uuids[1], GroundTruth).value_or(QString()), u"REVIEWED"_s);
    QVERIFY(!d.shownStatus(uuids[1], u"predictions"_s).has_value());
    QCOMPARE(undoAvailable.count(), 1);
    QCOMPARE(undoAvailable.first().first().toBool(), true);
    QCOMPARE(d.undoDepth(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(landed.count(), 3, Bound);
    QCOMPARE(refused.count(), 0);
    QCOMPARE(d.pendingCount(), 0);
    QStringList landedUuids;
    for (const QList<QVariant> &args : landed) {
        landedUuids.append(args.at(0).toString());
        const auto label = args.at(1).value<wire::Label>();
        QCOMPARE(label.labelStatus, u"REVIEWED"_s);
        QCOMPARE(label.reviewedBy, u"alice"_s);
    }
    landedUuids.sort();
    QStringList expected = uuids;
    expected.sort();
    QCOMPARE(landedUuids, expected);
    for (const QString &uuid : uuids)
        QCOMPARE(serverStatus(uuid), u"REVIEWED"_s);
    // Nothing more shown once they landed: the decision was right.
    QCOMPARE(shownSpy.count(), 3);

    // Deciding what is already shown sends nothing and is no step.
    d.decide(targets, GroundTruth, u"REVIEWED"_s);
    QCOMPARE(d.pendingCount(), 0);
    QCOMPARE(d.undoDepth(), 1);
}

void TestReviewDecisions::lastAskedForWinsOnOneLabel() {
    const QString uuid = labelledSample();
    QVERIFY(!uuid.isEmpty());
    // Each request waits a while at the proxy, so the three changes would overtake one another
    // if they were sent side by side.
    FaultProxy proxy(f.baseUrl());
    QVERIFY(proxy.listen());
    proxy.setLatency(60);
    const auto api = client(alice, proxy.url());
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy shownSpy(&d, &ReviewDecisions::statusShown);
    QSignalSpy landed(&d, &ReviewDecisions::landed);

    d.decide({{uuid, u"LABELED"_s}}, GroundTruth, u"REVIEWED"_s);
    d.decide({{uuid, u"REVIEWED"_s}}, GroundTruth, u"REJECTED"_s);
    QVERIFY(d.undo());
    QCOMPARE(shownList(shownSpy),
             QStringList({shown(uuid, u"REVIEWED"_s), shown(uuid, u"REJECTED"_s),
                          shown(uuid, u"REVIEWED"_s)}));
    QCOMPARE(d.pendingCount(), 3);
    QCOMPARE(d.shownStatus(uuid, GroundTruth).value_or(QString()), u"REVIEWED"_s);

    QTRY_COMPARE_WITH_TIMEOUT(d.pendingCount(), 0, Bound);
    QCOMPARE(landed.count(), 3);
    QStringList order;
    for (const QList<QVariant> &args : landed)
        order.append(args.at(1).value<wire::Label>().labelStatus);
    QCOMPARE(order, QStringList({u"REVIEWED"_s, u"REJECTED"_s, u"REVIEWED"_s}));
    QCOMPARE(proxy.count("PATCH", u"/labels/"_s), 3);
    QCOMPARE(proxy.maxInFlight(), 1);
    QCOMPARE(serverStatus(uuid), u"REVIEWED"_s);
    QCOMPARE(d.undoDepth(), 1);
}

void TestReviewDecisions::undoRestoresNewestStepFirst() {
    const QString a = labelledSample();
    const QString b = labelledSample();
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const auto api = client(alice);
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy undoAvailable(&d, &ReviewDecisions::undoAvailableChanged);

    d.decide({{a, u"LABELED"_s}, {b, u"LABELED"_s}}, GroundTruth, u"REVIEWED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(d.pendingCount(), 0, Bound);
    d.decide({{a, u"REVIEWED"_s}}, GroundTruth, u"REJECTED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(d.pendingCount(), 0, Bound);
    QCOMPARE(serverStatus(a), u"REJECTED"_s);
    QCOMPARE(serverStatus(b), u"REVIEWED"_s);
    QCOMPARE(d.undoDepth(), 2);

    // The newest step first: only a goes back, to REVIEWED.
    QSignalSpy shownSpy(&d, &ReviewDecisions::statusShown);
    QVERIFY(d.undo());
    QCOMPARE(shownList(shownSpy), QStringList({shown(a, u"REVIEWED"_s)}));
    QTRY_COMPARE_WITH_TIMEOUT(d.pendingCount(), 0, Bound);
    QCOMPARE(serverStatus(a), u"REVIEWED"_s);
    QCOMPARE(serverStatus(b), u"REVIEWED"_s);
    QVERIFY(d.canUndo());

    // Then the first: both back to LABELED, and no longer reviewed by anyone.
    shownSpy.clear();
    QVERIFY(d.undo());
    QCOMPARE(shownList(shownSpy), QStringList({shown(a, u"LABELED"_s), shown(b, u"LABELED"_s)}));
    QTRY_COMPARE_WITH_TIMEOUT(d.pendingCount(), 0, Bound);
    for (const QString &uuid : {a, b}) {
        const QJsonObject label =
            f.http.get(u"/labels/%1/%2/"_s.arg(uuid, GroundTruth), alice).object();
        QCOMPARE(label.value("label_status"_L1).toString(), u"LABELED"_s);
        QVERIFY(label.value("reviewed_by"_L1).isNull());
    }
    QVERIFY(!d.canUndo());
    QCOMPARE(undoAvailable.last().first().toBool(), false);
    QVERIFY(!d.undo());
}

void TestReviewDecisions::readerIsRefused() {
    const QString uuid = labelledSample();
    QVERIFY(!uuid.isEmpty());
    // bob may read alice's public dataset, not change it.
    QCOMPARE(f.http.get(u"/labels/%1/%2/"_s.arg(uuid, GroundTruth), bob).status, 200);
    const auto api = client(bob);
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy shownSpy(&d, &ReviewDecisions::statusShown);
    QSignalSpy refused(&d, &ReviewDecisions::refused);
    QSignalSpy landed(&d, &ReviewDecisions::landed);

    d.decide({{uuid, u"LABELED"_s}}, GroundTruth, u"REVIEWED"_s);
    QCOMPARE(shownList(shownSpy), QStringList({shown(uuid, u"REVIEWED"_s)}));
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, Bound);
    QCOMPARE(shownList(shownSpy),
             QStringList({shown(uuid, u"REVIEWED"_s), shown(uuid, u"LABELED"_s)}));
    const QList<QVariant> args = refused.first();
    QCOMPARE(args.at(0).toString(), uuid);
    QCOMPARE(args.at(1).toString(), GroundTruth);
    QCOMPARE(args.at(2).toString(), u"REVIEWED"_s);
    const QString message = args.at(3).toString();
    QVERIFY2(message.contains(u"may look at this dataset but not change"_s), qPrintable(message));
    QVERIFY2(message.contains(u"403"_s), qPrintable(message));
    QCOMPARE(landed.count(), 0);
    QCOMPARE(d.pendingCount(), 0);
    QCOMPARE(d.shownStatus(uuid, GroundTruth).value_or(QString()), u"LABELED"_s);
    QCOMPARE(serverStatus(uuid), u"LABELED"_s);
}

void TestReviewDecisions::deletedSampleIsRefused() {
    const QString uuid = labelledSample();
    QVERIFY(!uuid.isEmpty());
    QCOMPARE(f.http.del(u"/samples/%1/"_s.arg(uuid), alice).status, 204);
    const auto api = client(alice);
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy shownSpy(&d, &ReviewDecisions::statusShown);
    QSignalSpy refused(&d, &ReviewDecisions::refused);

    d.decide({{uuid, u"LABELED"_s}}, GroundTruth, u"REJECTED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, Bound);
    const QString message = refused.first().at(3).toString();
    QVERIFY2(message.contains(u"no longer exists"_s), qPrintable(message));
    QVERIFY2(message.contains(u"404"_s), qPrintable(message));
    QCOMPARE(shownList(shownSpy),
             QStringList({shown(uuid, u"REJECTED"_s), shown(uuid, u"LABELED"_s)}));
    QCOMPARE(d.pendingCount(), 0);
    QCOMPARE(f.http.get(u"/labels/%1/%2/"_s.arg(uuid, GroundTruth), alice).status, 404);
}

void TestReviewDecisions::droppedConnectionIsRefusedAfterTheRetries() {
    const QString uuid = labelledSample();
    QVERIFY(!uuid.isEmpty());
    FaultProxy proxy(f.baseUrl());
    QVERIFY(proxy.listen());
    // Every attempt (3 with this client) gets half an answer and a reset; none reaches the
    // server.
    proxy.respond("PATCH", u"/labels/"_s, Fault::resetMidBody(R"({"label_status":)"), 0, 3);
    const auto api = client(alice, proxy.url());
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy shownSpy(&d, &ReviewDecisions::statusShown);
    QSignalSpy refused(&d, &ReviewDecisions::refused);

    d.decide({{uuid, u"LABELED"_s}}, GroundTruth, u"REVIEWED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, Bound);
    QCOMPARE(proxy.count("PATCH", u"/labels/"_s), 3);
    const QString message = refused.first().at(3).toString();
    QVERIFY2(message.startsWith(u"could not reach the server"_s), qPrintable(message));
    QCOMPARE(shownList(shownSpy),
             QStringList({shown(uuid, u"REVIEWED"_s), shown(uuid, u"LABELED"_s)}));
    QCOMPARE(d.pendingCount(), 0);
    QCOMPARE(serverStatus(uuid), u"LABELED"_s);

    // The way is clear again: the same decision lands.
    QSignalSpy landed(&d, &ReviewDecisions::landed);
    d.decide({{uuid, u"LABELED"_s}}, GroundTruth, u"REVIEWED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(landed.count(), 1, Bound);
    QCOMPARE(serverStatus(uuid), u"REVIEWED"_s);
}

void TestReviewDecisions::commentBecomesAnIssueThatUndoCloses() {
    const QString uuid = labelledSample();
    QVERIFY(!uuid.isEmpty());
    const auto api = client(alice);
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy landed(&d, &ReviewDecisions::landed);
    QSignalSpy created(&d, &ReviewDecisions::issueCreated);
    QSignalSpy failed(&d, &ReviewDecisions::issueFailed);
    const QString comment = u"The front wheel is not in the mask"_s;

    d.decide({{uuid, u"LABELED"_s}}, GroundTruth, u"REJECTED"_s, comment);
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, Bound);
    QCOMPARE(landed.count(), 1);
    QCOMPARE(failed.count(), 0);
    const auto issue = created.first().first().value<wire::Issue>();
    QCOMPARE(issue.description, comment);
    QCOMPARE(issue.status, u"OPEN"_s);
    QCOMPARE(issue.sampleUuid, uuid);
    QCOMPARE(serverStatus(uuid), u"REJECTED"_s);

    HttpResult list = f.http.get(u"/samples/%1/issues/"_s.arg(uuid), alice);
    QVERIFY2(list.status == 200, list.describe());
    QCOMPARE(list.array().size(), 1);
    QCOMPARE(list.array().first()["uuid"_L1].toString(), issue.uuid);
    QCOMPARE(list.array().first()["status"_L1].toString(), u"OPEN"_s);
    QCOMPARE(list.array().first()["description"_L1].toString(), comment);
    QCOMPARE(list.array().first()["created_by"_L1].toString(), u"alice"_s);

    // Undo puts the status back and closes the issue (it stays, as the record of the decision),
    // and says so (the viewer's Issues tab follows it).
    QSignalSpy closed(&d, &ReviewDecisions::issueClosed);
    QVERIFY(d.undo());
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, Bound);
    QCOMPARE(closed.first().first().value<wire::Issue>().uuid, issue.uuid);
    QCOMPARE(closed.first().first().value<wire::Issue>().status, u"CLOSED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(f.http.get(u"/samples/%1/issues/"_s.arg(uuid), alice)
                                  .array()
                                  .first()["status"_L1]
                                  .toString(),
                              u"CLOSED"_s, Bound);
    QTRY_COMPARE_WITH_TIMEOUT(d.pendingCount(), 0, Bound);
    QCOMPARE(serverStatus(uuid), u"LABELED"_s);
    list = f.http.get(u"/samples/%1/issues/"_s.arg(uuid), alice);
    QCOMPARE(list.array().size(), 1);
}

void TestReviewDecisions::commentNotStoredKeepsTheStatus() {
    const QString uuid = labelledSample();
    QVERIFY(!uuid.isEmpty());
    FaultProxy proxy(f.baseUrl());
    QVERIFY(proxy.listen());
    proxy.respond("POST", u"/samples/%1/issues/"_s.arg(uuid),
                  Fault::json(500, R"({"detail":"Internal server error."})"), 0, 5);
    const auto api = client(alice, proxy.url());
    ReviewDecisions d;
    d.setClient(api.get());
    QSignalSpy landed(&d, &ReviewDecisions::landed);
    QSignalSpy created(&d, &ReviewDecisions::issueCreated);
    QSignalSpy failed(&d, &ReviewDecisions::issueFailed);
    QSignalSpy refused(&d, &ReviewDecisions::refused);

    d.decide({{uuid, u"LABELED"_s}}, GroundTruth, u"REJECTED"_s, u"wrong class"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Bound);
    QCOMPARE(failed.first().at(0).toString(), uuid);
    QVERIFY2(failed.first().at(1).toString().contains(u"not stored as an issue"_s),
             qPrintable(failed.first().at(1).toString()));
    QCOMPARE(landed.count(), 1);
    QCOMPARE(created.count(), 0);
    QCOMPARE(refused.count(), 0);
    QCOMPARE(serverStatus(uuid), u"REJECTED"_s);
    QCOMPARE(d.shownStatus(uuid, GroundTruth).value_or(QString()), u"REJECTED"_s);
    QVERIFY(f.http.get(u"/samples/%1/issues/"_s.arg(uuid), alice).array().isEmpty());
}

SEGSCOPE_TEST_MAIN(TestReviewDecisions)
#include "tst_reviewdecisions.moc"
