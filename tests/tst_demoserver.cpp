// The embedded demo's child server (ui/shell/demoserverprocess): it starts the real
// segscope-server binary, learns its URL and key through the ready pipe (not from log text),
// reports a server that cannot start, and stops it.
#include "support/serverfixture.h"

#include "shell/demoserverprocess.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using segscope::test::HttpClient;
using segscope::test::ServerProcess;
using segscope::ui::DemoServerProcess;

class TestDemoServer : public QObject {
    Q_OBJECT

private slots:
    void init();
    void readyThroughThePipe();
    void serverThatCannotStartIsReported();
    void readyFdMustBeOpen();

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestDemoServer::init() {
    // The demo's data goes to the user's data folder: a fresh one for each slot.
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    qputenv("XDG_DATA_HOME", m_home->filePath(u"data"_s).toLocal8Bit());
}

void TestDemoServer::readyThroughThePipe() {
    DemoServerProcess demo;
    demo.setSceneCount(6); // the first start draws the demo data: keep it small
    QSignalSpy ready(&demo, &DemoServerProcess::ready);
    QSignalSpy failed(&demo, &DemoServerProcess::failed);
    demo.start();
    QVERIFY(ready.wait(120000));
    QCOMPARE(failed.count(), 0);
    const QUrl url = ready.at(0).at(0).toUrl();
    const QString key = ready.at(0).at(1).toString();
    QCOMPARE(url.host(), u"127.0.0.1"_s);
    QVERIFY(url.port() > 0);
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{40}$"_s).match(key).hasMatch(), qPrintable(key));

    HttpClient http(url);
    const auto me = http.get(u"/user"_s, key);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.object().value("username"_L1).toString(), u"demo"_s);
    QCOMPARE(http.get(u"/datasets/demo/street-scenes/"_s, key)
                 .object()
                 .value("samples_count"_L1)
                 .toInt(),
             6);
    QCOMPARE(http.get(u"/user"_s, u"0000000000000000000000000000000000000000"_s).status, 401);

    demo.stop();
    // Stopped: nothing listens there any more.
    QCOMPARE(http.get(u"/user"_s, key).status, 0);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(failed.count(), 0);
}

void TestDemoServer::serverThatCannotStartIsReported() {
    // A file where the data folder should be: the server cannot open its database.
    const QString dataDir = DemoServerProcess::dataDirectory();
    QVERIFY(QDir().mkpath(QFileInfo(dataDir).path()));
    QFile blocker(dataDir);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    DemoServerProcess demo;
    QSignalSpy ready(&demo, &DemoServerProcess::ready);
    QSignalSpy failed(&demo, &DemoServerProcess::failed);
    demo.start();
    QVERIFY(failed.wait(60000));
    QCOMPARE(ready.count(), 0);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(u"stopped before it was ready"_s), qPrintable(message));
}

void TestDemoServer::readyFdMustBeOpen() {
    QTemporaryDir dir;
    int code = 0;
    ServerProcess::run(
        {u"--data"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--ready-fd"_s, u"97"_s},
        &code);
    QCOMPARE(code, 2);
    ServerProcess::run(
        {u"--data"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--ready-fd"_s, u"1"_s}, &code);
    QCOMPARE(code, 2);
}

QTEST_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
