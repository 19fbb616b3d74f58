// The headless commands, run as the built `segscope` binary against the fault server.
#include "support/cliprocess.h"
#include "support/faultserver.h"
#include "support/testdata.h"
#include "support/testmain.h"

#include "api/connectionprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::Fault;
using segscope::test::FaultServer;
using segscope::test::RecordedRequest;

namespace {

const QString Key = u"sk-cli-SECRET-51e2"_s;
constexpr int Bound = 20000;

using Run = segscope::test::CliRun;

QByteArray sampleJson(int i) {
    return QJsonDocument(QJsonObject{{"uuid"_L1, u"uuid-%1"_s.arg(i)},
                                     {"name"_L1, u"s%1"_s.arg(i)},
                                     {"attributes"_L1, QJsonObject()},
                                     {"metadata"_L1, QJsonObject()},
                                     {"created_at"_L1, u"2026-11-27T10:20:30Z"_s},
                                     {"created_by"_L1, u"demo"_s},
                                     {"priority"_L1, 0},
                                     {"label"_L1, QJsonObject{{"label_status"_L1, u"LABELED"_s}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray page(int first, int count) {
    QByteArrayList items;
    for (int i = first; i < first + count; ++i)
        items.append(sampleJson(i));
    return '[' + items.join(',') + ']';
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void init();
    void usageErrors_data();
    void usageErrors();
    void unreachableServer();
    void serverErrorIsOneLine();
    void missingKey();
    void profileWithoutKeychain();
    void datasetsJson();
    void samplesJsonStreamsAllPages();
    void samplesPlainWithFilters();
    void labelJson();
    void labelNotFound();

private:
    Run run(const QStringList &args, bool withKey = true);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FaultServer> m_server;
};

void TestCli::init() {
    m_home = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FaultServer>();
    QVERIFY(m_server->listen());
}

Run TestCli::run(const QStringList &args, bool withKey) {
    // The fault server answers on this thread: runCli waits with the event loop running.
    return segscope::test::runCli(
        QStringLiteral(SEGSCOPE_CLI_BINARY), args,
        segscope::test::cliEnvironment(m_home->path(), withKey ? Key : QString()), {}, Bound);
}

void TestCli::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("samples without dataset") << QStringList{u"samples"_s} << u"OWNER/NAME"_s;
    QTest::newRow("dataset not owner/name")
        << QStringList{u"samples"_s, u"flowers"_s} << u"OWNER/NAME"_s;
    QTest::newRow("unknown option") << QStringList{u"datasets"_s, u"--colour"_s} << u"colour"_s;
    QTest::newRow("bad status") << QStringList{u"samples"_s, u"a/b"_s, u"--status"_s,
                                               u"LABELED,DONE"_s}
                                << u"DONE"_s;
    QTest::newRow("bad sort") << QStringList{u"samples"_s, u"a/b"_s, u"--sort"_s, u"-size"_s}
                              << u"size"_s;
    QTest::newRow("bad limit") << QStringList{u"samples"_s, u"a/b"_s, u"--limit"_s, u"0"_s}
                               << u"--limit"_s;
    QTest::newRow("bad filter") << QStringList{u"samples"_s, u"a/b"_s, u"--filter"_s, u"rain"_s}
                                << u"KEY:VALUE"_s;
    QTest::newRow("label without uuid") << QStringList{u"label"_s} << u"SAMPLE_UUID"_s;
    QTest::newRow("missing option value")
        << QStringList{u"label"_s, u"u"_s, u"--labelset"_s} << u"labelset"_s;
    QTest::newRow("bad server") << QStringList{u"datasets"_s, u"--server"_s, u"ftp://x"_s}
                                << u"--server"_s;
}

void TestCli::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("segscope: "), r.err.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QCOMPARE(m_server->requestCount(), 0);
}

void TestCli::unreachableServer() {
    const quint16 closedPort = m_server->url().port();
    m_server.reset(); // nothing listens there any more
    const Run r = run({u"datasets"_s, u"--server"_s, u"http://127.0.0.1:%1"_s.arg(closedPort)});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("cannot reach http://127.0.0.1:"), r.err.constData());
}

void TestCli::serverErrorIsOneLine() {
    m_server->setFallback(Fault::json(401, R"({"detail":"Invalid API key.\nTry again."})"));
    const Run r = run({u"datasets"_s, u"--server"_s, m_server->url().toString()});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QByteArray("segscope: Invalid API key. Try again. (HTTP 401)\n"));
    QVERIFY(!r.err.contains(Key.toUtf8()));
}

void TestCli::missingKey() {
    const Run r = run({u"datasets"_s, u"--server"_s, m_server->url().toString()}, false);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("SEGMENTS_API_KEY"), r.err.constData());
    QCOMPARE(m_server->requestCount(), 0);
}

void TestCli::profileWithoutKeychain() {
    // The profile file the CLI reads ($XDG_CONFIG_HOME/Segscope/segscope.conf).
    const QString settings = m_home->filePath(u"config/Segscope/segscope.conf"_s);
    segscope::api::ProfileStore(settings).save({u"work"_s, m_server->url()});
    QVERIFY(QFile::exists(settings));
    const Run r = run({u"datasets"_s, u"--profile"_s, u"work"_s}, false);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    // No keychain service runs on this program's private bus: the clear message, no plain-text
    // read.
    QVERIFY2(r.err.contains("No keychain service is running: set SEGMENTS_API_KEY"),
             r.err.constData());
    QCOMPARE(m_server->requestCount(), 0);

    // With the environment key the profile's server is used.
    m_server->enqueue(Fault::json(200, "[]"));
    const Run ok = run({u"datasets"_s, u"--profile"_s, u"work"_s, u"--json"_s});
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(ok.out, QByteArray("[]\n"));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestCli::datasetsJson() {
    const QByteArray dataset = segscope::test::readData(u"dataset.json"_s);
    m_server->enqueue(Fault::json(200, '[' + dataset + ']'));
    const Run r = run({u"datasets"_s, u"--json"_s, u"--server"_s, m_server->url().toString()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    const QJsonArray list = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first()["full_name"_L1].toString(), u"demo/street-scenes"_s);
    const auto &request = m_server->requests().first();
    QVERIFY(request.target.startsWith("/user/datasets/?page=1&per_page=1000"));
    QCOMPARE(request.header("Authorization"), "APIKey " + Key.toUtf8());
}

void TestCli::samplesJsonStreamsAllPages() {
    // Answered by page: the walk asks one page ahead, so page 3 may be asked for (and answered
    // `Invalid page.`) while the short page 2 is written out.
    m_server->setResponder([](const RecordedRequest &request) -> std::optional<Fault> {
        if (request.target.contains("page=1&"))
            return Fault::json(200, page(0, 1000));
        if (request.target.contains("page=2&"))
            return Fault::json(200, page(1000, 2));
        return Fault::json(404, R"({"detail":"Invalid page."})");
    });
    const Run r = run(
        {u"samples"_s, u"demo/scale"_s, u"--json"_s, u"--server"_s, m_server->url().toString()});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonArray list = QJsonDocument::fromJson(r.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(list.size(), 1002);
    QCOMPARE(list.last()["name"_L1].toString(), u"s1001"_s);
    QVERIFY(m_server->requestCount() >= 2 && m_server->requestCount() <= 3);
    QVERIFY(m_server->requests().at(0).target.contains("page=1&per_page=1000"));
    QVERIFY(m_server->requests().at(1).target.contains("page=2&per_page=1000") ||
            m_server->requests().at(1).target.contains("page=3&per_page=1000"));
    m_server->setResponder({});
}

void TestCli::samplesPlainWithFilters() {
    m_server->enqueue(Fault::json(200, page(0, 2)));
    const Run r =
        run({u"samples"_s, u"demo/scale"_s, u"--name"_s, u"s 1"_s, u"--status"_s,
             u"LABELED,REVIEWED"_s, u"--labelset"_s, u"ground-truth"_s, u"--filter"_s,
             u"weather:rain"_s, u"--filter"_s, u"speed:>5"_s, u"--sort"_s, u"-created_at"_s,
             u"--limit"_s, u"2"_s, u"--server"_s, m_server->url().toString()});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("uuid-0\ts0\tLABELED\nuuid-1\ts1\tLABELED\n"));
    QCOMPARE(m_server->requests().first().target,
             QByteArray("/datasets/demo/scale/samples/?page=1&per_page=2&name__contains=s%201"
                        "&label_status=LABELED%2CREVIEWED&labelset=ground-truth"
                        "&filters=weather%3Arain%2Cspeed%3A%3E5&sort=-created_at"));
}

void TestCli::labelJson() {
    m_server->enqueue(Fault::json(200, segscope::test::readData(u"label_bitmap.json"_s)));
    const Run r = run({u"label"_s, u"0b2b1c44-0c2f-4a38-9f2b-111111111111"_s, u"--server"_s,
                       m_server->url().toString()});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject label = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(label["label_status"_L1].toString(), u"REVIEWED"_s);
    QCOMPARE(m_server->requests().first().target,
             QByteArray("/labels/0b2b1c44-0c2f-4a38-9f2b-111111111111/ground-truth/"));
}

void TestCli::labelNotFound() {
    m_server->enqueue(Fault::json(404, R"({"detail":"Not found."})"));
    const Run r = run({u"label"_s, u"abc"_s, u"--labelset"_s, u"mine"_s, u"--server"_s,
                       m_server->url().toString()});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("no label for sample abc in labelset mine"), r.err.constData());
}

// A private session bus with no keychain service on it (profileWithoutKeychain: the command
// finds the bus, and no keychain on it).
SEGSCOPE_TEST_MAIN_WITH_BUS(TestCli, segscope::test::Bus::Private)
#include "tst_cli.moc"
