// The segscope-server binary as a child process: its first stdout lines, --demo on a
// non-loopback address, `user add`, SIGTERM after writes, and a restart on the same data folder
// that keeps every byte.
#include "support/serverfixture.h"
#include "support/testmain.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using segscope::test::HttpClient;
using segscope::test::HttpResult;
using segscope::test::ServerProcess;

class TestServerProcess : public QObject {
    Q_OBJECT

private slots:
    void listeningLine();
    void demoLines();
    void demoRefusedOnAnyAddress();
    void badArguments();
    void userAdd();
    void sigtermAndRestartKeepEveryByte();
    void sigtermWhileDrawingTheDemo();

private:
    //! Starts the binary and reads its first line; returns the base URL, or empty.
    static QUrl startServer(ServerProcess &p, const QString &dir, const QStringList &extra = {});
};

namespace {

const QRegularExpression
    kListening(u"^segscope-server: listening on (http://127\\.0\\.0\\.1:([0-9]+))$"_s);
const QRegularExpression kDemoKey(u"^segscope-server: demo user 'demo', API key ([0-9a-f]{40})$"_s);
const QRegularExpression kUserKey(u"^segscope-server: user '([^']+)', API key ([0-9a-f]{40})$"_s);

} // namespace

QUrl TestServerProcess::startServer(ServerProcess &p, const QString &dir,
                                    const QStringList &extra) {
    p.start(QStringList{u"--data"_s, dir, u"--listen"_s, u"127.0.0.1:0"_s, u"--quiet"_s} + extra);
    const QString line = p.readLine();
    const QRegularExpressionMatch m = kListening.match(line);
    if (!m.hasMatch()) {
        qWarning("first line: %s; stderr: %s", qPrintable(line),
                 p.process().readAllStandardError().constData());
        return {};
    }
    return QUrl(m.captured(1));
}

void TestServerProcess::listeningLine() {
    QTemporaryDir dir;
    ServerProcess p;
    const QUrl base = startServer(p, dir.path());
    QVERIFY(base.isValid());
    QVERIFY(base.port() > 0);
    HttpClient http(base);
    const HttpResult r = http.get(u"/api_status/"_s, {});
    QCOMPARE(r.status, 401); // it listens, and wants a key
    QCOMPARE(r.header("WWW-Authenticate"), QByteArray("APIKey"));
    p.process().terminate();
    QVERIFY(p.waitFinished());
    QCOMPARE(p.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.process().exitCode(), 0);
}

void TestServerProcess::demoLines() {
    QTemporaryDir dir;
    ServerProcess p;
    const QUrl base = startServer(p, dir.path(), {u"--demo"_s, u"--demo-images"_s, u"6"_s});
    QVERIFY(base.isValid());
    const QString second = p.readLine();
    const QRegularExpressionMatch m = kDemoKey.match(second);
    QVERIFY2(m.hasMatch(), qPrintable(second));
    HttpClient http(base);
    const HttpResult me = http.get(u"/user"_s, m.captured(1));
    QCOMPARE(me.status, 200);
    QCOMPARE(me.object().value("username"_L1).toString(), u"demo"_s);
    QCOMPARE(http.get(u"/datasets/demo/street-scenes/"_s, m.captured(1))
                 .object()
                 .value("samples_count"_L1)
                 .toInt(),
             6);
    p.process().terminate();
    QVERIFY(p.waitFinished());
    QCOMPARE(p.process().exitCode(), 0);
}

void TestServerProcess::demoRefusedOnAnyAddress() {
    QTemporaryDir dir;
    for (const QString &listen : {u"0.0.0.0:0"_s, u"[::]:0"_s}) {
        ServerProcess p;
        p.start({u"--data"_s, dir.path(), u"--listen"_s, listen, u"--demo"_s, u"--demo-images"_s,
                 u"6"_s});
        QVERIFY(p.waitFinished());
        QCOMPARE(p.process().exitStatus(), QProcess::NormalExit);
        QVERIFY(p.process().exitCode() != 0);
        QVERIFY(p.process().readAllStandardOutput().isEmpty()); // never said "listening"
        QVERIFY(p.process().readAllStandardError().contains("loopback"));
    }
}

void TestServerProcess::badArguments() {
    QTemporaryDir dir;
    for (const QStringList &args :
         {QStringList{u"--listen"_s, u"nohost"_s}, QStringList{u"--listen"_s, u"127.0.0.1:99999"_s},
          QStringList{u"--demo-samples"_s, u"0"_s}, QStringList{u"user"_s, u"remove"_s, u"x"_s}}) {
        int code = 0;
        const QByteArray out =
            ServerProcess::run(QStringList{u"--data"_s, dir.path()} + args, &code);
        QVERIFY2(code != 0 && code != -1, qPrintable(args.join(u' ')));
        QVERIFY(!out.contains("listening"));
    }
}

void TestServerProcess::userAdd() {
    QTemporaryDir dir;
    ServerProcess server;
    const QUrl base = startServer(server, dir.path());
    QVERIFY(base.isValid());
    // Added while the server runs on the same folder: the key works at once.
    int code = -1;
    const QByteArray out =
        ServerProcess::run({u"--data"_s, dir.path(), u"user"_s, u"add"_s, u"carol"_s}, &code);
    QCOMPARE(code, 0);
    const QRegularExpressionMatch m = kUserKey.match(QString::fromUtf8(out).trimmed());
    QVERIFY2(m.hasMatch(), out.constData());
    QCOMPARE(m.captured(1), u"carol"_s);
    HttpClient http(base);
    const HttpResult me = http.get(u"/user"_s, m.captured(2));
    QCOMPARE(me.status, 200);
    QCOMPARE(me.object().value("username"_L1).toString(), u"carol"_s);
    // The same name again, or a bad name: refused, with a message.
    ServerProcess::run({u"--data"_s, dir.path(), u"user"_s, u"add"_s, u"carol"_s}, &code);
    QVERIFY(code > 0);
    ServerProcess::run({u"--data"_s, dir.path(), u"user"_s, u"add"_s, u"../evil"_s}, &code);
    QVERIFY(code > 0);
    server.process().terminate();
    QVERIFY(server.waitFinished());
    QCOMPARE(server.process().exitCode(), 0);
}

void TestServerProcess::sigtermAndRestartKeepEveryByte() {
    QTemporaryDir dir;
    int code = -1;
    const QByteArray out =
        ServerProcess::run({u"--data"_s, dir.path(), u"user"_s, u"add"_s, u"dora"_s}, &code);
    QCOMPARE(code, 0);
    const QString key = kUserKey.match(QString::fromUtf8(out).trimmed()).captured(2);
    QVERIFY(!key.isEmpty());

    ServerProcess first;
    const QUrl base1 = startServer(first, dir.path(), {u"--demo"_s, u"--demo-images"_s, u"6"_s});
    QVERIFY(base1.isValid());
    const QString demoKey1 = kDemoKey.match(first.readLine()).captured(1);
    QVERIFY(!demoKey1.isEmpty());
    HttpClient http(base1);

    // Writes of every kind, the last ones answered just before the signal.
    QCOMPARE(
        http.post(u"/user/datasets/"_s,
                  QJsonObject{
                      {"name"_L1, u"kept"_s},
                      {"task_attributes"_L1,
                       QJsonObject{{"categories"_L1,
                                    QJsonArray{QJsonObject{{"id"_L1, 1}, {"name"_L1, u"a"_s}}}}}}},
                  key)
            .status,
        201);
    QCOMPARE(
        http.post(u"/datasets/dora/kept/labelsets/"_s, QJsonObject{{"name"_L1, u"extra"_s}}, key)
            .status,
        201);
    const QByteArray imageBytes = segscope::test::tinyJpeg();
    const QByteArray maskBytes = segscope::test::tinyPng(8, 8);
    const QJsonObject image = segscope::test::uploadAsset(http, key, u"img.jpg"_s, imageBytes);
    const QJsonObject mask = segscope::test::uploadAsset(http, key, u"mask.png"_s, maskBytes);
    QVERIFY(!image.isEmpty() && !mask.isEmpty());
    QStringList uuids;
    for (int i = 0; i < 30; ++i) {
        const HttpResult r = http.post(
            u"/datasets/dora/kept/samples/"_s,
            QJsonObject{{"name"_L1, u"s%1"_s.arg(i)},
                        {"attributes"_L1,
                         QJsonObject{{"image"_L1, QJsonObject{{"url"_L1, image.value("url"_L1)}}}}},
                        {"metadata"_L1, QJsonObject{{"i"_L1, i}, {"t"_L1, u"ü'\"%"_s}}}},
            key);
        QCOMPARE(r.status, 201);
        uuids.append(r.object().value("uuid"_L1).toString());
    }
    for (int i = 0; i < 30; i += 3) {
        QCOMPARE(
            http.put(u"/labels/"_s + uuids.at(i) + u"/ground-truth/"_s,
                     QJsonObject{
                         {"attributes"_L1,
                          QJsonObject{{"annotations"_L1, QJsonArray{QJsonObject{
                                                             {"id"_L1, 1}, {"category_id"_L1, 1}}}},
                                      {"segmentation_bitmap"_L1,
                                       QJsonObject{{"url"_L1, mask.value("url"_L1)}}}}},
                         {"label_status"_L1, u"LABELED"_s}},
                     key)
                .status,
            200);
    }
    QCOMPARE(http.del(u"/samples/"_s + uuids.at(1), key).status, 204);
    QCOMPARE(http.patch(u"/samples/"_s + uuids.at(2), QJsonObject{{"priority"_L1, 7}}, key).status,
             200);

    const QStringList views = {
        u"/user/datasets/"_s,
        u"/datasets/dora/kept/"_s,
        u"/datasets/dora/kept/labelsets/"_s,
        u"/datasets/dora/kept/samples/?labelset=ground-truth&include_full_label=1"_s,
        u"/datasets/dora/kept/samples/?sort=-created_at"_s,
        u"/labels/"_s + uuids.at(0) + u"/ground-truth/"_s,
        u"/samples/"_s + uuids.at(3)};
    QList<QByteArray> before;
    for (const QString &v : views)
        before.append(http.get(v, key).body);
    const QByteArray demoBefore =
        http.get(
                u"/datasets/demo/street-scenes/samples/?labelset=predictions&include_full_label=1"_s,
                demoKey1)
            .body;
    QVERIFY(demoBefore.size() > 100);

    first.process().terminate(); // SIGTERM
    QVERIFY(first.waitFinished());
    QCOMPARE(first.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(first.process().exitCode(), 0);

    ServerProcess second;
    const QUrl base2 = startServer(second, dir.path(), {u"--demo"_s, u"--demo-images"_s, u"6"_s});
    QVERIFY(base2.isValid());
    const QString demoKey2 = kDemoKey.match(second.readLine()).captured(1);
    QVERIFY(!demoKey2.isEmpty());
    http.setBaseUrl(base2);
    const QByteArray oldOrigin = base1.toString().toUtf8(), newOrigin = base2.toString().toUtf8();
    for (qsizetype i = 0; i < views.size(); ++i) {
        const HttpResult r = http.get(views.at(i), key);
        QCOMPARE(r.status, 200);
        QByteArray expected = before.at(i);
        expected.replace(oldOrigin + '/', newOrigin + '/');
        QCOMPARE(r.body, expected);
    }
    QByteArray demoExpected = demoBefore;
    demoExpected.replace(oldOrigin + '/', newOrigin + '/');
    QCOMPARE(
        http.get(
                u"/datasets/demo/street-scenes/samples/?labelset=predictions&include_full_label=1"_s,
                demoKey2)
            .body,
        demoExpected);
    // The asset URLs now name the new port, and serve the same bytes.
    const QJsonObject sample = http.get(u"/samples/"_s + uuids.at(0), key).object();
    const QString imageUrl = sample.value("attributes"_L1)
                                 .toObject()
                                 .value("image"_L1)
                                 .toObject()
                                 .value("url"_L1)
                                 .toString();
    QVERIFY2(imageUrl.startsWith(base2.toString() + u"/assets/"_s), qPrintable(imageUrl));
    QCOMPARE(http.get(imageUrl.mid(base2.toString().size()), {}).body, imageBytes);
    const QString maskUrl = http.get(u"/labels/"_s + uuids.at(0) + u"/ground-truth/"_s, key)
                                .object()
                                .value("attributes"_L1)
                                .toObject()
                                .value("segmentation_bitmap"_L1)
                                .toObject()
                                .value("url"_L1)
                                .toString();
    QVERIFY2(maskUrl.startsWith(base2.toString() + u"/assets/"_s), qPrintable(maskUrl));
    QCOMPARE(http.get(maskUrl.mid(base2.toString().size()), {}).body, maskBytes);
    QCOMPARE(http.get(u"/datasets/dora/kept/"_s, key).object().value("samples_count"_L1).toInt(),
             29);
    second.process().terminate();
    QVERIFY(second.waitFinished());
    QCOMPARE(second.process().exitCode(), 0);
}

void TestServerProcess::sigtermWhileDrawingTheDemo() {
    // A GUI closed during the demo's first start: its server must go at once, not hold the
    // database until the drawing ends, and the next start must find the data folder whole.
    QTemporaryDir dir;
    {
        ServerProcess p;
        p.start({u"--data"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--demo"_s,
                 u"--demo-images"_s, u"5000"_s});
        QByteArray stderrText;
        QTRY_VERIFY_WITH_TIMEOUT(
            (stderrText += p.process().readAllStandardError()).contains("generating"), 60000);
        p.process().terminate();
        QVERIFY(p.waitFinished());
        QCOMPARE(p.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.process().exitCode(), 128 + SIGTERM); // left while drawing, before serving
        QVERIFY(!p.process().readAllStandardOutput().contains("listening"));
    }
    ServerProcess again;
    const QUrl base = startServer(again, dir.path(), {u"--demo"_s, u"--demo-images"_s, u"6"_s});
    QVERIFY(base.isValid());
    const QString key = kDemoKey.match(again.readLine()).captured(1);
    QVERIFY(!key.isEmpty());
    // The interrupted drawing was rolled back: the demo is the one drawn now.
    QCOMPARE(HttpClient(base)
                 .get(u"/datasets/demo/street-scenes/"_s, key)
                 .object()
                 .value("samples_count"_L1)
                 .toInt(),
             6);
    again.process().terminate();
    QVERIFY(again.waitFinished());
    QCOMPARE(again.process().exitCode(), 0);
}

SEGSCOPE_TEST_MAIN(TestServerProcess)
#include "tst_server_process.moc"
