// The headless commands of the README ("Headless commands": datasets, samples, label) run as the
// built `segscope` binary against the real segscope-server (in-process on 127.0.0.1:0), with the
// key from SEGMENTS_API_KEY.
#include "support/cliprocess.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::CliRun;

namespace {

constexpr int Bound = 30000;

QJsonObject labelBody(const QString &status) {
    const QJsonObject attributes{
        {"format_version"_L1, u"0.1"_s},
        {"annotations"_L1, QJsonArray{QJsonObject{{"id"_L1, 1}, {"category_id"_L1, 1}}}},
        {"segmentation_bitmap"_L1, QJsonObject{{"url"_L1, u"https://example.invalid/l.png"_s}}}};
    return {{"attributes"_L1, attributes}, {"label_status"_L1, status}};
}

} // namespace

class TestCliServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void datasets();
    void datasetsJson();
    void samplesJson();
    void samplesLimit();
    void samplesStatus();
    void label();
    void labelMissing();
    void refusedKey();

private:
    CliRun run(QStringList args, const QString &key = {});

    test::ServerFixture m_server;
    QTemporaryDir m_home;
    QString m_key;
    QStringList m_uuids; //!< s0000..s0004 of ann/photos
};

void TestCliServer::initTestCase() {
    QVERIFY(m_home.isValid());
    QString error;
    QVERIFY2(m_server.start({}, &error), qPrintable(error));
    m_key = m_server.addUser(u"ann"_s);
    QVERIFY(!m_key.isEmpty());
    QVERIFY(!m_server.createDataset(m_key, u"photos"_s).isEmpty());
    m_uuids = m_server.createSamples(m_key, u"ann/photos"_s, 5);
    QCOMPARE(m_uuids.size(), 5);
    // Another user's private dataset, which ann must not see.
    const QString bob = m_server.addUser(u"bob"_s);
    QVERIFY(!m_server.createDataset(bob, u"secret"_s).isEmpty());
    const QStringList statuses{u"LABELED"_s, u"REVIEWED"_s, u"LABELED"_s};
    for (int i = 0; i < statuses.size(); ++i) {
        const test::HttpResult r = m_server.http.put(
            u"/labels/%1/ground-truth/"_s.arg(m_uuids.at(i)), labelBody(statuses.at(i)), m_key);
        QVERIFY2(r.status == 200 || r.status == 201, r.describe());
    }
}

CliRun TestCliServer::run(QStringList args, const QString &key) {
    args << u"--server"_s << m_server.baseUrl().toString();
    return test::runCli(QStringLiteral(SEGSCOPE_CLI_BINARY), args,
                        test::cliEnvironment(m_home.path(), key.isEmpty() ? m_key : key), {},
                        Bound);
}

void TestCliServer::datasets() {
    const CliRun r = run({u"datasets"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.lines(), QStringList{u"ann/photos\tsegmentation-bitmap\t5"_s});
    QVERIFY(r.err.isEmpty());
}

void TestCliServer::datasetsJson() {
    const CliRun r = run({u"datasets"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error;
    const QJsonArray list = QJsonDocument::fromJson(r.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0)["full_name"_L1].toString(), u"ann/photos"_s);
    QCOMPARE(list.at(0)["owner"_L1]["username"_L1].toString(), u"ann"_s);
}

void TestCliServer::samplesJson() {
    const CliRun r = run({u"samples"_s, u"ann/photos"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error;
    const QJsonArray list = QJsonDocument::fromJson(r.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QStringList uuids;
    QStringList names;
    for (const QJsonValue &s : list) {
        uuids.append(s["uuid"_L1].toString());
        names.append(s["name"_L1].toString());
    }
    uuids.sort();
    names.sort();
    QStringList expected = m_uuids;
    expected.sort();
    QCOMPARE(uuids, expected);
    QCOMPARE(names, (QStringList{u"s0000"_s, u"s0001"_s, u"s0002"_s, u"s0003"_s, u"s0004"_s}));
}

void TestCliServer::samplesLimit() {
    const CliRun r =
        run({u"samples"_s, u"ann/photos"_s, u"--limit"_s, u"2"_s, u"--sort"_s, u"name"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList lines = r.lines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).split(u'\t').value(1), u"s0000"_s);
    QCOMPARE(lines.at(1).split(u'\t').value(1), u"s0001"_s);

    const CliRun json = run({u"samples"_s, u"ann/photos"_s, u"--limit"_s, u"3"_s, u"--json"_s});
    QVERIFY2(json.exitCode == 0, json.err.constData());
    QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 3);
}

void TestCliServer::samplesStatus() {
    const CliRun r = run({u"samples"_s, u"ann/photos"_s, u"--status"_s, u"LABELED"_s,
                          u"--labelset"_s, u"ground-truth"_s, u"--sort"_s, u"name"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.lines(), (QStringList{m_uuids.at(0) + u"\ts0000\tLABELED"_s,
                                     m_uuids.at(2) + u"\ts0002\tLABELED"_s}));

    const CliRun two =
        run({u"samples"_s, u"ann/photos"_s, u"--status"_s, u"REVIEWED,LABELED"_s, u"--json"_s});
    QVERIFY2(two.exitCode == 0, two.err.constData());
    QCOMPARE(QJsonDocument::fromJson(two.out).array().size(), 3);

    const CliRun none = run({u"samples"_s, u"ann/photos"_s, u"--status"_s, u"SKIPPED"_s});
    QVERIFY2(none.exitCode == 0, none.err.constData());
    QVERIFY(none.out.isEmpty());
}

void TestCliServer::label() {
    const CliRun r = run({u"label"_s, m_uuids.at(1)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error;
    const QJsonObject label = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(label["label_status"_L1].toString(), u"REVIEWED"_s);
    QCOMPARE(label["attributes"_L1]["annotations"_L1].toArray().size(), 1);
    QCOMPARE(label["attributes"_L1]["segmentation_bitmap"_L1]["url"_L1].toString(),
             u"https://example.invalid/l.png"_s);
}

void TestCliServer::labelMissing() {
    // s0004 has no label: one line on stderr, status 1.
    const CliRun r = run({u"label"_s, m_uuids.at(4)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("no label for sample " + m_uuids.at(4).toUtf8()), r.err.constData());
}

void TestCliServer::refusedKey() {
    const CliRun r = run({u"datasets"_s}, u"not-a-key-of-this-server"_s);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("segscope: ") && r.err.contains("401"), r.err.constData());
}

SEGSCOPE_TEST_MAIN(TestCliServer)
#include "tst_cli_server.moc"
