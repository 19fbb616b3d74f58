#include "command.h"

#include <cstdio>

Q_LOGGING_CATEGORY(lcCli, "segscope.cli", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::cli {

void printError(const QString &message) {
    const QByteArray bytes = (u"segscope: "_s + message.simplified() + u'\n').toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void Command::fail(const QString &message) {
    out().flush();
    printError(message);
    emit finished(ExitFailure);
}

void Command::fail(const api::ApiError &error) {
    using Kind = api::ApiError::Kind;
    if (error.kind == Kind::Network || error.kind == Kind::Timeout)
        return fail(u"cannot reach %1: %2"_s.arg(m_server.toString(), error.toString()));
    fail(error.toString());
}

void Command::succeed() {
    out().flush();
    emit finished(ExitOk);
}

QFile &Command::out() {
    static QFile file;
    if (!file.isOpen())
        file.open(stdout, QIODevice::WriteOnly);
    return file;
}

} // namespace segscope::cli
