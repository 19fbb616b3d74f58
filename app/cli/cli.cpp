#include "cli.h"
#include "command.h"
#include "datasetscommand.h"
#include "evaluatecommand.h"
#include "labelcommand.h"
#include "rendercommand.h"
#include "reviewcommand.h"
#include "samplescommand.h"
#include "uploadcommand.h"

#include "api/connectionprofile.h"
#include "api/keystore.h"
#include "application.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace segscope::cli {

namespace {

struct CommandEntry {
    const char *name;
    std::function<Command *()> make;
};

// The headless commands. To add one: write a Command subclass and add a line here; main()
// dispatches every name in this table (and `help`) to the CLI.
const std::vector<CommandEntry> &commands() {
    static const std::vector<CommandEntry> table{
        {"datasets",
         [] {
             return new DatasetsCommand;
         }},
        {"samples",
         [] {
             return new SamplesCommand;
         }},
        {"label",
         [] {
             return new LabelCommand;
         }},
        {"render",
         [] {
             return new RenderCommand;
         }},
        {"upload",
         [] {
             return new UploadCommand;
         }},
        {"evaluate",
         [] {
             return new EvaluateCommand;
         }},
        {"review",
         [] {
             return new ReviewCommand;
         }},
    };
    return table;
}

void printOut(const QString &text) {
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

int usageError(const QString &command, const QString &message) {
    printError(message + u" (see: segscope "_s + command + u" --help)"_s);
    return ExitUsage;
}

std::unique_ptr<Command> makeCommand(const QString &name) {
    for (const CommandEntry &entry : commands()) {
        if (name == QLatin1StringView(entry.name))
            return std::unique_ptr<Command>(entry.make());
    }
    return nullptr;
}

// The options every command has, then the command's own.
void setUpParser(QCommandLineParser &parser, Command &command, const QCommandLineOption &help) {
    parser.setApplicationDescription(command.summary());
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOption(help);
    parser.addOption(
        {u"server"_s, u"API server (default %1)."_s.arg(defaultServerUrl().toString()), u"URL"_s});
    parser.addOption(
        {u"profile"_s, u"Connection profile (its server and keychain key)."_s, u"NAME"_s});
    command.addOptions(parser);
}

// QCommandLineParser names the program by its path; the usage line names the command too.
QString helpText(const QCommandLineParser &parser, const QString &name) {
    QString text = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    const QString usage = u"Usage: "_s;
    if (!program.isEmpty() && text.startsWith(usage + program))
        text.replace(usage.size(), program.size(), u"segscope "_s + name);
    return text;
}

const QCommandLineOption &helpOption() {
    static const QCommandLineOption help{{u"h"_s, u"help"_s}, u"Show this help."_s};
    return help;
}

int helpUsageError(const QString &message) {
    printError(message + u" (see: segscope help)"_s);
    return ExitUsage;
}

// `segscope help`: the commands with their summaries; `segscope help COMMAND`: the command's
// --help.
int printHelp(const QStringList &topics) {
    if (topics.size() > 1)
        return helpUsageError(u"help takes at most one COMMAND"_s);
    if (topics.isEmpty()) {
        QString text = u"Usage: segscope COMMAND [options]\n\nCommands:\n"_s;
        for (const CommandEntry &entry : commands()) {
            const std::unique_ptr<Command> command(entry.make());
            text += u"  %1%2\n"_s.arg(QLatin1StringView(entry.name), -10).arg(command->summary());
        }
        text += u"\nsegscope help COMMAND (or segscope COMMAND --help) shows its options.\n"_s;
        printOut(text);
        return ExitOk;
    }
    const std::unique_ptr<Command> command = makeCommand(topics.first());
    if (!command)
        return helpUsageError(u"no command named \"%1\""_s.arg(topics.first()));
    QCommandLineParser parser;
    setUpParser(parser, *command, helpOption());
    printOut(helpText(parser, topics.first()));
    return ExitOk;
}

struct Connection {
    QUrl baseUrl;
    QString profile;
};

// --server, else the profile's URL, else the real service. Empty error on success.
QString resolveConnection(const QCommandLineParser &parser, Connection *connection) {
    connection->profile = parser.value(u"profile"_s);
    connection->baseUrl = parseServerUrl(parser.value(u"server"_s));
    if (!connection->profile.isEmpty()) {
        const auto profile = api::ProfileStore().find(connection->profile);
        if (!profile)
            return u"no connection profile named \"%1\""_s.arg(connection->profile);
        if (connection->baseUrl.isEmpty())
            connection->baseUrl = parseServerUrl(profile->baseUrl.toString());
        if (connection->baseUrl.isEmpty())
            return u"profile \"%1\" has no valid server URL"_s.arg(connection->profile);
    }
    if (connection->baseUrl.isEmpty())
        connection->baseUrl = defaultServerUrl();
    return {};
}

} // namespace

bool isHeadlessCommand(const char *argument) {
    if (!argument)
        return false;
    if (std::strcmp(argument, "help") == 0)
        return true;
    for (const CommandEntry &entry : commands()) {
        if (std::strcmp(entry.name, argument) == 0)
            return true;
    }
    return false;
}

int run(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    setApplicationIdentity(); // the GUI's, so both read the same connection profiles

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || !isHeadlessCommand(argv[1]))
        return usageError(QString(), u"expected a command"_s);
    const QString name = args.takeAt(1);
    if (name == u"help"_s)
        return printHelp(args.mid(1));
    std::unique_ptr<Command> command = makeCommand(name);

    QCommandLineParser parser;
    const QCommandLineOption &help = helpOption();
    setUpParser(parser, *command, help);
    args[0] = u"segscope "_s + name;
    if (!parser.parse(args))
        return usageError(name, parser.errorText());
    if (parser.isSet(help)) {
        printOut(helpText(parser, name));
        return ExitOk;
    }
    if (const QString error = command->readOptions(parser); !error.isEmpty())
        return usageError(name, error);
    if (parser.isSet(u"server"_s) && parseServerUrl(parser.value(u"server"_s)).isEmpty())
        return usageError(
            name, u"--server needs an http(s) URL, got \"%1\""_s.arg(parser.value(u"server"_s)));

    QObject::connect(command.get(), &Command::finished, &app, &QCoreApplication::exit);
    if (!command->needsServer()) {
        // Offline work: no profile, no key, no request. The client only satisfies start().
        api::ApiClient unused;
        QTimer::singleShot(0, command.get(), [&] { command->start(unused); });
        const int code = QCoreApplication::exec();
        command.reset();
        return code;
    }

    Connection connection;
    if (const QString error = resolveConnection(parser, &connection); !error.isEmpty()) {
        printError(error);
        return ExitFailure;
    }

    command->setServer(connection.baseUrl);
    api::ClientOptions options;
    options.baseUrl = connection.baseUrl;
    auto client = std::make_unique<api::ApiClient>(options);
    api::KeyStore::resolveKey(connection.profile, command.get(),
                              [&](const QString &key, const QString &error) {
                                  if (!error.isEmpty()) {
                                      printError(error);
                                      return QCoreApplication::exit(ExitFailure);
                                  }
                                  client->setApiKey(key);
                                  command->start(*client);
                              });
    const int code = QCoreApplication::exec();
    // The command (the context of every call) goes first, so no callback outlives it.
    command.reset();
    client.reset();
    return code;
}

} // namespace segscope::cli
