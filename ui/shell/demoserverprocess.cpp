#include "shell/demoserverprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {
constexpr int ReadyFd = 3;
} // namespace

DemoServerProcess::DemoServerProcess(QObject *parent)
    : QObject(parent) {
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    // Its stdout is for people; what we need comes through the ready pipe.
    m_process.setStandardOutputFile(QProcess::nullDevice());
    // The server logs no requests (--quiet); what it says on stderr explains a failure.
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_errors = (m_errors + m_process.readAllStandardError()).right(4096); });
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
    closeReadyChannel();
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
    closeReadyChannel();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_reported = true;
        emit failed(tr("Could not start the demo server: %1").arg(qt_error_string(errno)));
        return;
    }
    m_readyFd = fds[0];
    const int writeEnd = fds[1];
    m_process.setChildProcessModifier([writeEnd] {
        // The server must not outlive us, even when we are killed without a chance to stop it.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        // The ready pipe becomes the child's fd 3 (dup2 clears close-on-exec on the copy).
        ::dup2(writeEnd, ReadyFd);
    });
    m_readyNotifier = new QSocketNotifier(m_readyFd, QSocketNotifier::Read, this);
    connect(m_readyNotifier, &QSocketNotifier::activated, this, &DemoServerProcess::readReady);
    QStringList arguments{u"--demo"_s, u"--quiet"_s,    u"--listen"_s,   u"127.0.0.1:0"_s,
                          u"--data"_s, dataDirectory(), u"--ready-fd"_s, QString::number(ReadyFd)};
    if (m_sceneCount > 0)
        arguments << u"--demo-images"_s << QString::number(m_sceneCount);
    m_process.start(serverExecutable(), arguments);
    // The child has its copy (or failed to start): without ours, EOF means it is gone.
    ::close(writeEnd);
}

void DemoServerProcess::closeReadyChannel() {
    if (m_readyNotifier) {
        // Possibly called from its own activated(): let it finish first.
        m_readyNotifier->setEnabled(false);
        m_readyNotifier->deleteLater();
        m_readyNotifier = nullptr;
    }
    if (m_readyFd >= 0)
        ::close(m_readyFd);
    m_readyFd = -1;
}

void DemoServerProcess::stop() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_reported = true;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
}

void DemoServerProcess::readReady() {
    char chunk[1024];
    const ssize_t n = ::read(m_readyFd, chunk, sizeof chunk);
    if (n > 0 && m_buffer.size() < 64 * 1024) {
        m_buffer.append(chunk, qsizetype(n));
        if (!m_buffer.contains('\n'))
            return;
    } else if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    // A whole line, EOF, or an error: the channel has said all it will.
    closeReadyChannel();
    if (m_reported)
        return;
    const QJsonObject line =
        QJsonDocument::fromJson(m_buffer.left(m_buffer.indexOf('\n'))).object();
    const QUrl url(line.value(u"url"_s).toString());
    const QString key = line.value(u"demo_key"_s).toString();
    if (url.isValid() && !url.host().isEmpty() && !key.isEmpty()) {
        m_reported = true;
        emit ready(url, key);
    }
    // Otherwise the server ended before it was ready; `finished` says why.
}

} // namespace segscope::ui
