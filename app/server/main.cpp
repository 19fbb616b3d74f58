// segscope-server: the command line. Parses arguments, starts the Server, stops it on a signal.
#include "server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using segscope::server::Server;
using segscope::server::ServerOptions;

namespace {

int g_signalFd[2] = {-1, -1};
//! Set once the event loop runs; before that the server is still starting (drawing the demo).
volatile std::sig_atomic_t g_serving = 0;

void onSignal(int signal) {
    if (!g_serving) {
        // Still starting: nothing was answered yet, and the demo data is drawn in one
        // transaction that SQLite rolls back at the next open. Leave now rather than hold the
        // database until the drawing ends (a parent that is gone would not wait for us).
        ::_exit(128 + signal);
    }
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFd[0], &c, 1);
}

//! SIGINT/SIGTERM end the event loop; the Server's destructor then closes the database, and
//! every answered write was already committed. Before the event loop runs they end the process
//! at once (see onSignal).
void quitOnSignals(QCoreApplication &app) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalFd[1], &c, 1);
        app.quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

int fail(const QString &message, int code = 1) {
    std::fprintf(stderr, "segscope-server: %s\n", qPrintable(message));
    return code;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"segscope-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SEGSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local server that speaks the Segments.ai REST API.\n\n"
        u"  segscope-server [options]              serve\n"
        u"  segscope-server [--data DIR] user add NAME   add a user and print a new API key"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataOption(u"data"_s, u"The data folder (database and assets)."_s,
                                        u"DIR"_s);
    const QCommandLineOption listenOption(u"listen"_s,
                                          u"Address to listen on; port 0 picks a free one."_s,
                                          u"HOST:PORT"_s, u"127.0.0.1:8000"_s);
    const QCommandLineOption demoOption(u"demo"_s, u"Serve the demo datasets (loopback only)."_s);
    const QCommandLineOption samplesOption(
        u"demo-samples"_s, u"Also make demo/scale-N with N samples (up to 1,000,000)."_s, u"N"_s);
    const QCommandLineOption imagesOption(
        u"demo-images"_s, u"Scenes in demo/street-scenes (default 200)."_s, u"N"_s, u"200"_s);
    const QCommandLineOption quietOption(u"quiet"_s, u"Do not log each request."_s);
    const QCommandLineOption readyFdOption(
        u"ready-fd"_s,
        u"Once listening, write one JSON line {\"url\": ..., \"demo_key\": ...} to this open "
        u"file descriptor and close it (for a parent process; the key never goes to stdout "
        u"logs then)."_s,
        u"FD"_s);
    parser.addOptions({dataOption, listenOption, demoOption, samplesOption, imagesOption,
                       quietOption, readyFdOption});
    parser.addPositionalArgument(u"command"_s, u"Optional: user add NAME"_s, u"[user add NAME]"_s);
    parser.process(app);

    ServerOptions options;
    options.dataDir = parser.value(dataOption);
    if (options.dataDir.isEmpty())
        options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.logRequests = !parser.isSet(quietOption);

    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        if (args.size() != 3 || args.at(0) != "user"_L1 || args.at(1) != "add"_L1)
            return fail(u"unknown command; did you mean `user add NAME`?"_s, 2);
        Server server(options);
        QString error;
        const QString key = server.addUser(args.at(2), &error);
        if (key.isEmpty())
            return fail(error);
        std::printf("segscope-server: user '%s', API key %s\n", qPrintable(args.at(2)),
                    qPrintable(key));
        return 0;
    }

    const QString listen = parser.value(listenOption);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const uint port = listen.mid(colon + 1).toUInt(&portOk);
    QString host = listen.left(colon);
    if (host == "localhost"_L1)
        host = u"127.0.0.1"_s;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (colon <= 0 || !portOk || port > 65535 || QHostAddress(host).isNull())
        return fail(u"--listen wants HOST:PORT with a numeric host, e.g. 127.0.0.1:8000"_s, 2);
    options.address = QHostAddress(host);
    options.port = quint16(port);
    options.demo = parser.isSet(demoOption);
    if (parser.isSet(samplesOption)) {
        bool ok = false;
        options.demoSamples = parser.value(samplesOption).toInt(&ok);
        if (!ok || options.demoSamples < 1 || options.demoSamples > 1000000)
            return fail(u"--demo-samples wants a number from 1 to 1000000"_s, 2);
        options.demo = true;
    }
    bool imagesOk = false;
    options.demoImages = parser.value(imagesOption).toInt(&imagesOk);
    if (!imagesOk || options.demoImages < 1 || options.demoImages > 5000)
        return fail(u"--demo-images wants a number from 1 to 5000"_s, 2);
    if (options.demo && !options.address.isLoopback())
        return fail(u"--demo serves a known user; it only listens on a loopback address"_s, 2);
    int readyFd = -1;
    if (parser.isSet(readyFdOption)) {
        bool ok = false;
        readyFd = parser.value(readyFdOption).toInt(&ok);
        if (!ok || readyFd < 3 || ::fcntl(readyFd, F_GETFD) == -1)
            return fail(u"--ready-fd wants an open file descriptor above 2"_s, 2);
    }

    quitOnSignals(app);
    Server server(options);
    QString error;
    if (!server.start(&error))
        return fail(error);
    std::printf("segscope-server: listening on %s\n", qPrintable(server.baseUrl().toString()));
    if (readyFd >= 0) {
        // The parent's channel: one JSON line, then EOF. The demo key goes here, not to stdout.
        QJsonObject ready{{u"url"_s, server.baseUrl().toString()}};
        if (options.demo)
            ready.insert(u"demo_key"_s, server.demoKey());
        const QByteArray line = QJsonDocument(ready).toJson(QJsonDocument::Compact) + '\n';
        const bool written = ::write(readyFd, line.constData(), size_t(line.size())) == line.size();
        ::close(readyFd);
        if (!written)
            return fail(u"could not write to --ready-fd"_s);
    } else if (options.demo) {
        std::printf("segscope-server: demo user 'demo', API key %s\n",
                    qPrintable(server.demoKey()));
    }
    std::fflush(stdout);
    g_serving = 1;
    return app.exec();
}
