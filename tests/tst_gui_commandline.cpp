// README: the GUI's command line, `segscope [--demo] [--server URL] [--profile NAME] [--dataset
// OWNER/NAME] [--sample UUID]` (`--help`, `--version`): the built binary run as a child under the
// offscreen platform with a private HOME, against segscope-server in-process behind a recording
// proxy; and "Closing the window stops the server" with the real main window in this process.
#include "support/cliprocess.h"
#include "support/faultproxy.h"
#include "support/mainwindowdriver.h"
#include "support/serverfixture.h"
#include "support/testmain.h"

#include "shell/demoserverprocess.h"

#include "api/connectionprofile.h"
#include "application.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSettings>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::CliRun;

namespace {

constexpr int Bound = 30000;
// A demo start on drawn data (see initTestCase), generous for ASan on a busy machine.
constexpr int DemoBound = 120000;

QString binary() {
    return QStringLiteral(SEGSCOPE_CLI_BINARY);
}

//! This process's (isolated) environment for the GUI: offscreen, `key` as SEGMENTS_API_KEY.
QProcessEnvironment guiEnvironment(const QString &key = {}) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"SEGMENTS_API_KEY"_s);
    if (!key.isEmpty())
        env.insert(u"SEGMENTS_API_KEY"_s, key);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return env;
}

//! The fields of /proc/PID/stat after the command name: state, ppid, ...
QStringList statFields(qint64 pid) {
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString stat = QString::fromLatin1(file.readAll());
    return stat.mid(stat.lastIndexOf(u')') + 2).split(u' ');
}

//! Running: it exists and is no zombie.
bool isRunning(qint64 pid) {
    const QStringList fields = statFields(pid);
    return !fields.isEmpty() && fields.first() != "Z"_L1;
}

//! The running children of `parent` whose executable is segscope-server.
QList<qint64> serverChildren(qint64 parent) {
    QList<qint64> found;
    QDirIterator it(u"/proc"_s, QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        bool numeric = false;
        const qint64 pid = it.next().section(u'/', -1).toLongLong(&numeric);
        if (!numeric)
            continue;
        const QStringList fields = statFields(pid);
        if (fields.size() < 2 || fields.at(1).toLongLong() != parent || fields.first() == "Z"_L1)
            continue;
        if (QFileInfo(u"/proc/%1/exe"_s.arg(pid)).symLinkTarget().endsWith(u"/segscope-server"_s))
            found.append(pid);
    }
    return found;
}

//! The TCP port `pid` listens on (its sockets matched against /proc/PID/net/tcp), 0 if none.
quint16 listeningPort(qint64 pid) {
    QSet<QString> inodes;
    QDirIterator fds(u"/proc/%1/fd"_s.arg(pid), QDir::System | QDir::Files | QDir::NoDotAndDotDot);
    while (fds.hasNext()) {
        const QString target = QFileInfo(fds.next()).symLinkTarget().section(u'/', -1);
        if (target.startsWith(u"socket:["_s))
            inodes.insert(target.mid(8).chopped(1));
    }
    QFile tcp(u"/proc/%1/net/tcp"_s.arg(pid));
    if (!tcp.open(QIODevice::ReadOnly))
        return 0;
    tcp.readLine(); // the header
    while (!tcp.atEnd()) {
        const QStringList f = QString::fromLatin1(tcp.readLine()).split(u' ', Qt::SkipEmptyParts);
        // sl local_address rem_address st ... inode (the tenth field); 0A is LISTEN.
        if (f.size() > 9 && f.at(3) == "0A"_L1 && inodes.contains(f.at(9)))
            return quint16(f.at(1).section(u':', 1).toUInt(nullptr, 16));
    }
    return 0;
}

} // namespace

class TestGuiCommandLine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void help();
    void version();
    void badServer_data();
    void badServer();
    void unknownProfile();
    void profileConnectsToItsServer();
    void sampleOpensWithItsDataset();
    void demoStartsItsServerAndTakesItDown();
    void closingTheWindowStopsTheDemoServer();

private:
    //! Starts the GUI with `args`; it runs until cleanup() unless it ends by itself.
    void startGui(const QStringList &args, const QString &key);
    //! GET requests through the proxy whose target starts with `prefix`, in order.
    QList<test::RecordedRequest> gets(const QString &prefix) const;

    test::ServerFixture m_server;
    std::unique_ptr<test::FaultProxy> m_proxy;
    QString m_key;
    QString m_sample; //!< the last of ann/photos by name
    std::unique_ptr<QProcess> m_gui;
};

void TestGuiCommandLine::initTestCase() {
    setApplicationIdentity(); // this process's settings and data are the app's
    QString error;
    QVERIFY2(m_server.start({}, &error), qPrintable(error));
    m_key = m_server.addUser(u"ann"_s);
    QVERIFY(!m_key.isEmpty());
    QVERIFY(!m_server.createDataset(m_key, u"photos"_s).isEmpty());
    const QStringList uuids = m_server.createSamples(m_key, u"ann/photos"_s, 4);
    QCOMPARE(uuids.size(), 4);
    m_sample = uuids.last();

    // The demo's data is drawn once, on the first start (README); draw a small one ahead, as a
    // first start would, so that the --demo slots start the way every later start does.
    test::ServerProcess draw;
    draw.start({u"--data"_s, ui::DemoServerProcess::dataDirectory(), u"--listen"_s,
                u"127.0.0.1:0"_s, u"--demo"_s, u"--demo-images"_s, u"6"_s, u"--quiet"_s});
    QVERIFY(draw.readLine().contains(u"listening"_s));
    draw.process().terminate();
    QVERIFY(draw.waitFinished());
}

void TestGuiCommandLine::init() {
    m_proxy = std::make_unique<test::FaultProxy>(m_server.baseUrl());
    QVERIFY(m_proxy->listen());
    test::MainWindowDriver::clearSettings();
}

void TestGuiCommandLine::cleanup() {
    if (m_gui && m_gui->state() != QProcess::NotRunning) {
        m_gui->kill();
        m_gui->waitForFinished(Bound);
    }
    m_gui.reset();
    m_proxy.reset();
}

void TestGuiCommandLine::startGui(const QStringList &args, const QString &key) {
    m_gui = std::make_unique<QProcess>();
    m_gui->setProcessEnvironment(guiEnvironment(key));
    m_gui->start(binary(), args);
}

QList<test::RecordedRequest> TestGuiCommandLine::gets(const QString &prefix) const {
    QList<test::RecordedRequest> found;
    for (const test::RecordedRequest &r : m_proxy->requests()) {
        if (r.method == "GET" && r.target.startsWith(prefix.toUtf8()))
            found.append(r);
    }
    return found;
}

void TestGuiCommandLine::help() {
    const CliRun r = test::runCli(binary(), {u"--help"_s}, guiEnvironment(), {}, Bound);
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    for (const QString &option :
         {u"--demo"_s, u"--server <URL>"_s, u"--profile <NAME>"_s, u"--dataset <OWNER/NAME>"_s,
          u"--sample <UUID>"_s, u"--help"_s, u"--version"_s})
        QVERIFY2(out.contains(option), qPrintable(option + u" not in:\n"_s + out));
}

void TestGuiCommandLine::version() {
    const CliRun r = test::runCli(binary(), {u"--version"_s}, guiEnvironment(), {}, Bound);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out).trimmed(), u"segscope "_s + QStringLiteral(SEGSCOPE_VERSION));
    // Over SSH or in a container there is no display: the text needs none.
    QProcessEnvironment bare = guiEnvironment();
    for (const QString &name : {u"QT_QPA_PLATFORM"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s})
        bare.remove(name);
    for (const QString &arg : {u"--version"_s, u"--help"_s}) {
        const CliRun text = test::runCli(binary(), {arg}, bare, {}, Bound);
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(QString::fromUtf8(text.out).contains(u"segscope"_s), text.err.constData());
    }
}

void TestGuiCommandLine::badServer_data() {
    QTest::addColumn<QString>("url");
    QTest::newRow("ftp") << u"ftp://example.org"_s;
    QTest::newRow("no scheme") << u"example.org"_s;
    QTest::newRow("no host") << u"http://"_s;
}

void TestGuiCommandLine::badServer() {
    QFETCH(QString, url);
    const CliRun r = test::runCli(binary(), {u"--server"_s, url}, guiEnvironment(m_key), {}, Bound);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("segscope: ") && r.err.contains("--server"), r.err.constData());
}

void TestGuiCommandLine::unknownProfile() {
    const CliRun r =
        test::runCli(binary(), {u"--profile"_s, u"nosuch"_s}, guiEnvironment(m_key), {}, Bound);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err, QByteArray("segscope: no profile named nosuch\n"));
    QCOMPARE(m_proxy->requests().size(), 0);
}

void TestGuiCommandLine::profileConnectsToItsServer() {
    // The profile file the app reads: $XDG_CONFIG_HOME/Segscope/segscope.conf.
    const QString settings = qEnvironmentVariable("XDG_CONFIG_HOME") + u"/Segscope/segscope.conf"_s;
    api::ProfileStore(settings).save({u"work"_s, m_proxy->url()});
    startGui({u"--profile"_s, u"work"_s}, m_key);
    // The window lists the datasets of the profile's server, with the key.
    QTRY_VERIFY_WITH_TIMEOUT(!gets(u"/user/datasets/"_s).isEmpty(), Bound);
    QCOMPARE(gets(u"/user/datasets/"_s).first().header("Authorization"),
             "APIKey " + m_key.toUtf8());
    QCOMPARE(m_gui->state(), QProcess::Running);
}

void TestGuiCommandLine::sampleOpensWithItsDataset() {
    startGui({u"--server"_s, m_proxy->url().toString(), u"--sample"_s, m_sample}, m_key);
    // The sample first, then its dataset, then the sample's label in the detail pane.
    QTRY_VERIFY_WITH_TIMEOUT(!gets(u"/labels/%1/"_s.arg(m_sample)).isEmpty(), Bound);
    QTRY_VERIFY_WITH_TIMEOUT(!gets(u"/datasets/ann/photos/samples/"_s).isEmpty(), Bound);
    QList<QByteArray> order;
    for (const test::RecordedRequest &r : m_proxy->requests())
        order.append(r.target);
    const auto first = [&](const QString &prefix) {
        for (qsizetype i = 0; i < order.size(); ++i) {
            if (order.at(i).startsWith(prefix.toUtf8()))
                return i;
        }
        return qsizetype(-1);
    };
    const qsizetype sample = first(u"/samples/%1/"_s.arg(m_sample));
    const qsizetype dataset = first(u"/datasets/ann/photos/"_s);
    QVERIFY2(sample >= 0 && dataset > sample, order.join('\n').constData());
    QVERIFY(first(u"/datasets/ann/photos/samples/"_s) > sample);
}

void TestGuiCommandLine::demoStartsItsServerAndTakesItDown() {
    // README: the data is drawn once into ~/.local/share/Segscope/segscope/demo.
    const QString demoData = QDir::homePath() + u"/.local/share/Segscope/segscope/demo"_s;
    startGui({u"--demo"_s}, QString());
    QVERIFY(m_gui->waitForStarted(Bound));
    const qint64 gui = m_gui->processId();
    QTRY_VERIFY_WITH_TIMEOUT(serverChildren(gui).size() == 1, Bound);
    const qint64 server = serverChildren(gui).first();
    QTRY_VERIFY_WITH_TIMEOUT(listeningPort(server) != 0, DemoBound);
    // It answers as segscope-server does on 127.0.0.1 (its key stays between it and the app).
    test::HttpClient http(QUrl(u"http://127.0.0.1:%1"_s.arg(listeningPort(server))));
    const test::HttpResult status = http.get(u"/api_status/"_s, QString());
    QVERIFY2(status.status == 401 && !status.message().isEmpty(), status.describe());
    QVERIFY(QFile::exists(demoData + u"/segscope.sqlite"_s));

    // The app goes (SIGTERM, as a session logout ends it): its server goes with it.
    ::kill(pid_t(gui), SIGTERM);
    QVERIFY(m_gui->waitForFinished(Bound));
    QTRY_VERIFY_WITH_TIMEOUT(!isRunning(server), Bound);
}

void TestGuiCommandLine::closingTheWindowStopsTheDemoServer() {
    QSettings().setValue(u"hints/demoShown"_s, true); // no welcome box over the window
    test::MainWindowDriver driver;
    ui::StartOptions options;
    options.demo = true;
    QVERIFY(driver.open(options));
    QVERIFY(driver.waitForDataset(u"demo/street-scenes"_s, DemoBound));
    const QList<qint64> servers = serverChildren(QCoreApplication::applicationPid());
    QCOMPARE(servers.size(), 1);
    QVERIFY(isRunning(servers.first()));

    // Closing the window (its close button; File > Quit has no key under the offscreen
    // platform's key bindings) ends the app, which runGui() then leaves: the server goes.
    QVERIFY(driver.window()->close());
    QVERIFY(!driver.window()->isVisible());
    driver.close();
    QVERIFY(!isRunning(servers.first()));
    QCOMPARE(serverChildren(QCoreApplication::applicationPid()).size(), 0);
}

SEGSCOPE_GUI_TEST_MAIN(TestGuiCommandLine)
#include "tst_gui_commandline.moc"
