#pragma once

#include "api/apiclient.h"

#include <QCommandLineParser>
#include <QFile>
#include <QObject>

Q_DECLARE_LOGGING_CATEGORY(lcCli)

namespace segscope::cli {

//! Exit statuses of the headless commands.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

//! One headless command (`segscope datasets`, ...). Parsing is synchronous; running is
//! asynchronous and ends with finished().
class Command : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    //! One line for `segscope --help`-style listings.
    virtual QString summary() const = 0;
    //! Adds the command's own options and positional arguments.
    virtual void addOptions(QCommandLineParser &parser) = 0;
    //! Reads them; a non-empty result is a usage error (exit 2).
    virtual QString readOptions(const QCommandLineParser &parser) = 0;
    //! Starts the work; ends by emitting finished().
    virtual void start(api::ApiClient &client) = 0;
    //! False when the parsed options need no server (an offline `render`): run() then neither
    //! resolves a connection nor asks for a key, and the client handed to start() has none.
    virtual bool needsServer() const { return true; }

    //! The server talked to, named in errors that never reached it.
    void setServer(const QUrl &server) { m_server = server; }

signals:
    void finished(int exitCode);

protected:
    //! Prints `segscope: <message>` on one line of stderr and finishes with status 1.
    void fail(const QString &message);
    //! The same for a failed call; a transport failure names the server.
    void fail(const api::ApiError &error);
    void succeed();
    //! Standard output, written in pages and flushed by the commands.
    static QFile &out();

private:
    QUrl m_server;
};

//! `segscope: <message>` on stderr, newlines folded so it stays one line.
void printError(const QString &message);

} // namespace segscope::cli
