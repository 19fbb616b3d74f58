// `segscope review` run as the built binary against segscope-server (in-process on 127.0.0.1:0,
// behind a counting proxy): statuses set and kept by the server, --labelset, --comment as issues,
// --json, refusals and usage errors (which send nothing), and `segscope help review`.
#include "support/cliprocess.h"
#include "support/faultproxy.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::CliRun;
using segscope::test::HttpResult;

namespace {

constexpr int Bound = 60000;

QJsonObject bitmapAttributes() {
    return QJsonObject{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, u"https://x.invalid/mask.png"_s}}}};
}

} // namespace

class TestReviewCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void twoSamplesReviewed();
    void otherLabelset();
    void commentOpensAnIssue();
    void commentNotStoredFailsButTheStatusStays();
    void json();
    void unknownSampleIsRefused();
    void readerIsRefused();
    void usageErrorsSendNothing_data();
    void usageErrorsSendNothing();
    void help();

private:
    //! A new sample in alice/rev with a label in `labelset` of `status`; its uuid.
    QString labelledSample(const QString &status = u"LABELED"_s,
                           const QString &labelset = u"ground-truth"_s);
    QJsonObject serverLabel(const QString &uuid, const QString &labelset = u"ground-truth"_s);
    //! `segscope review args... --server <proxy>` with `key` (alice's when empty).
    CliRun run(QStringList args, const QString &key = {});

    test::ServerFixture f;
    std::unique_ptr<test::FaultProxy> m_proxy;
    QTemporaryDir m_home;
    QString alice, bob;
    int m_samples = 0;
};

void TestReviewCli::initTestCase() {
    QVERIFY(m_home.isValid());
    QString error;
    QVERIFY2(f.start({}, &error), qPrintable(error));
    alice = f.addUser(u"alice"_s);
    bob = f.addUser(u"bob"_s);
    QVERIFY(!f.createDataset(alice, u"rev"_s, {{"public"_L1, true}}).isEmpty());
    const HttpResult ls = f.http.post(u"/datasets/alice/rev/labelsets/"_s,
                                      QJsonObject{{"name"_L1, u"predictions"_s}}, alice);
    QVERIFY2(ls.status == 201 || ls.status == 200, ls.describe());
    m_proxy = std::make_unique<test::FaultProxy>(f.baseUrl());
    QVERIFY(m_proxy->listen());
}

QString TestReviewCli::labelledSample(const QString &status, const QString &labelset) {
    const HttpResult s = f.http.post(
        u"/datasets/alice/rev/samples/"_s,
        QJsonObject{{"name"_L1, u"s%1"_s.arg(++m_samples)}, {"attributes"_L1, QJsonObject{}}},
        alice);
    const QString uuid = s.object().value("uuid"_L1).toString();
    const HttpResult l = f.http.put(
        u"/labels/%1/%2/"_s.arg(uuid, labelset),
        QJsonObject{{"attributes"_L1, bitmapAttributes()}, {"label_status"_L1, status}}, alice);
    if (s.status != 201 || l.status != 200) {
        qWarning("labelledSample: %s / %s", s.describe().constData(), l.describe().constData());
        return {};
    }
    return uuid;
}

QJsonObject TestReviewCli::serverLabel(const QString &uuid, const QString &labelset) {
    return f.http.get(u"/labels/%1/%2/"_s.arg(uuid, labelset), alice).object();
}

CliRun TestReviewCli::run(QStringList args, const QString &key) {
    args.prepend(u"review"_s);
    args << u"--server"_s << m_proxy->url().toString();
    return test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), args,
                        test::cliEnvironment(m_home.path(), key.isEmpty() ? alice : key), {},
                        Bound);
}

void TestReviewCli::twoSamplesReviewed() {
    const QString a = labelledSample();
    const QString b = labelledSample(u"REJECTED"_s);
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    m_proxy->resetCounts();
    // Any case; the same uuid twice is one sample.
    const CliRun r = run({a, b, a, u"--status"_s, u"reviewed"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.lines(), QStringList({a + u"  REVIEWED  (was LABELED)"_s,
                                     b + u"  REVIEWED  (was REJECTED)"_s}));
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    for (const QString &uuid : {a, b}) {
        const QJsonObject label = serverLabel(uuid);
        QCOMPARE(label["label_status"_L1].toString(), u"REVIEWED"_s);
        QCOMPARE(label["reviewed_by"_L1].toString(), u"alice"_s);
    }
    // One PATCH per sample, and no issue without a comment.
    QCOMPARE(m_proxy->count("PATCH", u"/labels/"_s), 2);
    QCOMPARE(m_proxy->count("POST", u"/samples/"_s), 0);

    // --reject is REJECTED.
    const CliRun rejected = run({a, u"--reject"_s});
    QVERIFY2(rejected.exitCode == 0, rejected.err.constData());
    QCOMPARE(rejected.lines(), QStringList({a + u"  REJECTED  (was REVIEWED)"_s}));
    QCOMPARE(serverLabel(a)["label_status"_L1].toString(), u"REJECTED"_s);
}

void TestReviewCli::otherLabelset() {
    const QString a = labelledSample(u"PRELABELED"_s, u"predictions"_s);
    QVERIFY(!a.isEmpty());
    const CliRun r = run({a, u"--labelset"_s, u"predictions"_s, u"--accept"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.lines(), QStringList({a + u"  REVIEWED  (was PRELABELED)"_s}));
    QCOMPARE(serverLabel(a, u"predictions"_s)["label_status"_L1].toString(), u"REVIEWED"_s);
    // ground-truth has no label for it and gets none.
    QCOMPARE(f.http.get(u"/labels/%1/ground-truth/"_s.arg(a), alice).status, 404);
}

void TestReviewCli::commentOpensAnIssue() {
    const QString a = labelledSample();
    const QString b = labelledSample();
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const QString comment = u"Two cars share one instance"_s;
    const CliRun r = run({a, b, u"--status"_s, u"REJECTED"_s, u"--comment"_s, comment});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList lines = r.lines();
    QCOMPARE(lines.size(), 2);
    const QStringList samples{a, b};
    for (int i = 0; i < 2; ++i) {
        const HttpResult issues = f.http.get(u"/samples/%1/issues/"_s.arg(samples[i]), alice);
        QCOMPARE(issues.array().size(), 1);
        const QJsonObject issue = issues.array().first().toObject();
        QCOMPARE(issue["description"_L1].toString(), comment);
        QCOMPARE(issue["status"_L1].toString(), u"OPEN"_s);
        QCOMPARE(issue["created_by"_L1].toString(), u"alice"_s);
        // The line names the sample's own issue.
        QCOMPARE(lines[i],
                 samples[i] + u"  REJECTED  (was LABELED)  issue "_s + issue["uuid"_L1].toString());
        QCOMPARE(serverLabel(samples[i])["label_status"_L1].toString(), u"REJECTED"_s);
    }
}

void TestReviewCli::commentNotStoredFailsButTheStatusStays() {
    const QString a = labelledSample();
    const QString b = labelledSample();
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    // b's issue is refused by the server (as the proxy answers for it); a's is stored.
    m_proxy->respond("POST", u"/samples/%1/issues/"_s.arg(b),
                     test::Fault::json(500, R"({"detail":"Internal server error."})"), 0, 5);
    const CliRun r = run({a, b, u"--reject"_s, u"--comment"_s, u"wrong class"_s});
    m_proxy->clearRules();
    QCOMPARE(r.exitCode, 1);
    const QStringList lines = r.lines();
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(a + u"  REJECTED  (was LABELED)  issue "_s), qPrintable(lines[0]));
    QCOMPARE(lines[1], b + u"  REJECTED  (was LABELED)"_s);
    QVERIFY2(r.err.contains(b.toUtf8() + ": The comment was not stored as an issue"),
             r.err.constData());
    QVERIFY2(r.err.contains("1 comment not stored as an issue"), r.err.constData());
    QCOMPARE(serverLabel(a)["label_status"_L1].toString(), u"REJECTED"_s);
    QCOMPARE(serverLabel(b)["label_status"_L1].toString(), u"REJECTED"_s);
    QCOMPARE(f.http.get(u"/samples/%1/issues/"_s.arg(a), alice).array().size(), 1);
    QCOMPARE(f.http.get(u"/samples/%1/issues/"_s.arg(b), alice).array().size(), 0);
}

void TestReviewCli::json() {
    const QString a = labelledSample();
    const QString b = labelledSample();
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const CliRun r = run({a, b, u"--status"_s, u"VERIFIED"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(doc.isArray());
    const QJsonArray labels = doc.array();
    QCOMPARE(labels.size(), 2);
    QCOMPARE(labels[0]["sample_uuid"_L1].toString(), a);
    QCOMPARE(labels[1]["sample_uuid"_L1].toString(), b);
    for (const QJsonValue &label : labels) {
        QCOMPARE(label["label_status"_L1].toString(), u"VERIFIED"_s);
        QCOMPARE(label["labelset"_L1].toString(), u"ground-truth"_s);
        QCOMPARE(label["reviewed_by"_L1].toString(), u"alice"_s);
        // As the server keeps it.
        QCOMPARE(label["reviewed_at"_L1],
                 serverLabel(label["sample_uuid"_L1].toString()).value("reviewed_at"_L1));
    }
}

void TestReviewCli::unknownSampleIsRefused() {
    const QString a = labelledSample();
    QVERIFY(!a.isEmpty());
    const QString unknown = u"00000000-0000-4000-8000-00000000dead"_s;
    const CliRun r = run({unknown, a, u"--status"_s, u"REVIEWED"_s});
    QCOMPARE(r.exitCode, 1);
    const QStringList lines = r.lines();
    QCOMPARE(lines.size(), 2);
    QVERIFY2(
        lines[0].startsWith(unknown + u"  refused: the sample or its label no longer exists"_s),
        qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(u"404"_s), qPrintable(lines[0]));
    // The other sample still landed.
    QCOMPARE(lines[1], a + u"  REVIEWED  (was LABELED)"_s);
    QCOMPARE(serverLabel(a)["label_status"_L1].toString(), u"REVIEWED"_s);
    QVERIFY2(r.err.contains("1 of 2 samples refused"), r.err.constData());

    // With --json the refusal goes to stderr and the array holds what landed.
    const CliRun j = run({unknown, u"--status"_s, u"REVIEWED"_s, u"--json"_s});
    QCOMPARE(j.exitCode, 1);
    QCOMPARE(QJsonDocument::fromJson(j.out).array().size(), 0);
    QVERIFY(QJsonDocument::fromJson(j.out).isArray());
    QVERIFY2(j.err.contains(unknown.toUtf8() + " refused:"), j.err.constData());
}

void TestReviewCli::readerIsRefused() {
    const QString a = labelledSample();
    QVERIFY(!a.isEmpty());
    const CliRun r = run({a, u"--accept"_s}, bob);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.lines().size(), 1);
    QVERIFY2(r.lines().first().startsWith(a + u"  refused: you may look at this dataset"_s),
             qPrintable(r.lines().first()));
    QVERIFY2(r.lines().first().contains(u"403"_s), qPrintable(r.lines().first()));
    QCOMPARE(serverLabel(a)["label_status"_L1].toString(), u"LABELED"_s);
}

void TestReviewCli::usageErrorsSendNothing_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString uuid = u"00000000-0000-4000-8000-000000000001"_s;
    QTest::newRow("accept is not a status")
        << QStringList{uuid, u"--status"_s, u"accept"_s} << u"unknown label status \"accept\""_s;
    QTest::newRow("UNLABELED") << QStringList{uuid, u"--status"_s, u"unlabeled"_s}
                               << u"UNLABELED cannot be set"_s;
    QTest::newRow("no status") << QStringList{uuid} << u"needs --status"_s;
    QTest::newRow("two statuses") << QStringList{uuid, u"--accept"_s, u"--reject"_s}
                                  << u"only one of"_s;
    QTest::newRow("no uuid") << QStringList{u"--status"_s, u"REVIEWED"_s}
                             << u"at least one SAMPLE_UUID"_s;
    QTest::newRow("empty comment")
        << QStringList{uuid, u"--accept"_s, u"--comment"_s, u" "_s} << u"--comment needs"_s;
    QTest::newRow("empty labelset")
        << QStringList{uuid, u"--accept"_s, u"--labelset"_s, QString()} << u"--labelset needs"_s;
}

void TestReviewCli::usageErrorsSendNothing() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    m_proxy->resetCounts();
    const CliRun r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY2(r.err.contains("see: segscope review --help"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QCOMPARE(m_proxy->requests().size(), 0);
}

void TestReviewCli::help() {
    const auto env = test::cliEnvironment(m_home.path(), {});
    const CliRun viaHelp =
        test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), {u"help"_s, u"review"_s}, env);
    QCOMPARE(viaHelp.exitCode, 0);
    const QString text = QString::fromUtf8(viaHelp.out);
    QVERIFY2(text.startsWith(u"Usage: segscope review [options] SAMPLE_UUID..."_s),
             qPrintable(text));
    for (const QString &option : {u"--status"_s, u"--accept"_s, u"--reject"_s, u"--labelset"_s,
                                  u"--comment"_s, u"--json"_s, u"--server"_s, u"--profile"_s})
        QVERIFY2(text.contains(option), qPrintable(option));
    // Every status that may be written is named, UNLABELED is not.
    QVERIFY(text.contains(u"REVIEWING_IN_PROGRESS"_s));
    QVERIFY(!text.contains(u"UNLABELED"_s));
    const CliRun viaOption =
        test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), {u"review"_s, u"--help"_s}, env);
    QCOMPARE(viaOption.exitCode, 0);
    QCOMPARE(viaOption.out, viaHelp.out);

    const CliRun list = test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), {u"help"_s}, env);
    QCOMPARE(list.exitCode, 0);
    QVERIFY(QRegularExpression(u"^  review +Set the status"_s, QRegularExpression::MultilineOption)
                .match(QString::fromUtf8(list.out))
                .hasMatch());
    const CliRun unknown =
        test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), {u"help"_s, u"nope"_s}, env);
    QCOMPARE(unknown.exitCode, 2);
}

SEGSCOPE_TEST_MAIN(TestReviewCli)
#include "tst_review_cli.moc"
