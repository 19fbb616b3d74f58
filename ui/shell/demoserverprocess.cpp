#include "shell/demoserverprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace segscope::ui {

DemoServerProcess::DemoServerProcess(QObject *parent)
    : QObject(parent) {
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    // The server must not outlive us, even when we are killed without a chance to stop it.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    // The server logs no requests (--quiet); what it says on stderr explains a failure.
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_errors = (m_errors + m_process.readAllStandardError()).right(4096); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DemoServerProcess::readOutput);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        if (!m_reported) {
            m_reported = true;
            emit failed(tr("Could not start the demo server (%1): %2")
                            .arg(serverExecutable(), m_process.errorString()));
        }
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (!m_reported) {
            m_reported = true;
            const QStringList lines = QString::fromUtf8(m_errors).split(u'\n', Qt::SkipEmptyParts);
            emit failed(tr("The demo server stopped before it was ready (exit code %1): %2")
                            .arg(code)
                            .arg(lines.isEmpty() ? tr("no message") : lines.last()));
        }
    });
}

DemoServerProcess::~DemoServerProcess() {
    stop();
}

QString DemoServerProcess::serverExecutable() {
    const QString besideUs =
        QDir(QCoreApplication::applicationDirPath()).filePath(u"segscope-server"_s);
    if (QFileInfo(besideUs).isExecutable())
        return besideUs;
    const QString onPath = QStandardPaths::findExecutable(u"segscope-server"_s);
    return onPath.isEmpty() ? besideUs : onPath;
}

QString DemoServerProcess::dataDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/demo"_s;
}

void DemoServerProcess::start() {
    m_reported = false;
    m_buffer.clear();
    m_errors.clear();
    m_process.start(serverExecutable(), {u"--demo"_s, u"--quiet"_s, u"--listen"_s, u"127.0.0.1:0"_s,
                                         u"--data"_s, dataDirectory()});
}

void DemoServerProcess::stop() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_reported = true;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
}

void DemoServerProcess::readOutput() {
    m_buffer += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
        m_buffer.remove(0, newline + 1);
        static const QString listening = u"segscope-server: listening on "_s;
        static const QString demoKey = u"segscope-server: demo user 'demo', API key "_s;
        if (line.startsWith(listening)) {
            m_url = QUrl(line.mid(listening.size()));
        } else if (line.startsWith(demoKey) && m_url.isValid() && !m_reported) {
            m_reported = true;
            emit ready(m_url, line.mid(demoKey.size()));
        }
    }
}

} // namespace segscope::ui
