#include "testenvironment.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace segscope::test {

namespace {

const TestEnvironment *g_current = nullptr;

// The login keyring's password (Bus::SecretService): the keyring lives and dies with the test.
constexpr char KeyringPassword[] = "segscope-test-keyring";

// A session bus without <servicedir>: nothing can be started on demand, so a Secret Service
// is there only when the test started one (the system's session.conf would activate the
// desktop's gnome-keyring or KWallet at the first keychain call).
constexpr char BusConfig[] = R"(<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";

bool makeFolder(const char *variable, const QString &path, bool privateToUser = false) {
    if (!QDir().mkpath(path))
        return false;
    // Qt and gnome-keyring refuse a runtime folder others may read.
    if (privateToUser &&
        !QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return false;
    qputenv(variable, QFile::encodeName(path));
    return true;
}

} // namespace

TestEnvironment::TestEnvironment(Bus bus)
    : m_bus(bus)
    , m_home(QDir::tempPath() + u"/segscope-test-XXXXXX"_s) {
    g_current = this;
    if (!m_home.isValid()) {
        m_error = u"cannot make a temporary HOME: %1"_s.arg(m_home.errorString());
        return;
    }
    const QString home = m_home.path();
    qputenv("HOME", QFile::encodeName(home));
    if (!makeFolder("XDG_CONFIG_HOME", home + u"/config"_s) ||
        // Where the XDG default puts it under HOME, so paths the README names hold in tests.
        !makeFolder("XDG_DATA_HOME", home + u"/.local/share"_s) ||
        !makeFolder("XDG_CACHE_HOME", home + u"/cache"_s) ||
        !makeFolder("XDG_STATE_HOME", home + u"/state"_s) ||
        !makeFolder("XDG_RUNTIME_DIR", home + u"/runtime"_s, true)) {
        m_error = u"cannot make the XDG folders in %1"_s.arg(home);
        return;
    }
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Nothing of the developer's session: no key, no desktop (QtKeychain picks its backend by
    // it), no running keyring daemon for gnome-keyring-daemon to join.
    for (const char *variable : {"SEGMENTS_API_KEY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                                 "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "GNOME_KEYRING_CONTROL",
                                 // Qt's own dialogs: a native one would be out of the tests' reach.
                                 "QT_QPA_PLATFORMTHEME"})
        qunsetenv(variable);

    switch (bus) {
    case Bus::None:
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + QFile::encodeName(home + u"/runtime/no-session-bus"_s));
        break;
    case Bus::Private:
        startBus();
        break;
    case Bus::SecretService:
        if (startBus())
            startSecretService();
        break;
    }
}

TestEnvironment::~TestEnvironment() {
    // gnome-keyring-daemon quits when its bus goes away.
    if (m_busPid > 0) {
        ::kill(pid_t(m_busPid), SIGTERM);
        ::waitpid(pid_t(m_busPid), nullptr, 0);
    }
    if (m_busOutput >= 0)
        ::close(m_busOutput);
    if (g_current == this)
        g_current = nullptr;
}

const TestEnvironment *TestEnvironment::current() {
    return g_current;
}

QStringList TestEnvironment::filesHolding(const QByteArray &needle) const {
    QStringList found;
    // Sockets (the bus's, the keyring's) do not open: skipped.
    QDirIterator files(home(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(file.fileName());
    }
    return found;
}

bool TestEnvironment::startBus() {
    if (QStandardPaths::findExecutable(u"dbus-daemon"_s).isEmpty()) {
        m_error = u"dbus-daemon not found (package dbus-daemon; packaging/install-debian-deps.sh "
                  u"installs it)"_s;
        return false;
    }
    const QString configPath = m_home.filePath(u"session-bus.conf"_s);
    QFile config(configPath);
    if (!config.open(QIODevice::WriteOnly) ||
        config.write(QString::fromLatin1(BusConfig).arg(m_home.filePath(u"runtime"_s)).toUtf8()) <
            0) {
        m_error = u"cannot write %1"_s.arg(configPath);
        return false;
    }
    config.close();
    const QByteArray configArgument = "--config-file=" + QFile::encodeName(configPath);

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_error = u"pipe2 failed"_s;
        return false;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The bus ends with this program however it ends (a crash runs no destructor).
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(1);
        ::dup2(fds[1], STDOUT_FILENO);
        // Its complaints (an fd limit it may not raise in a container) are not the test's.
        if (const int null = ::open("/dev/null", O_WRONLY); null >= 0)
            ::dup2(null, STDERR_FILENO);
        ::execlp("dbus-daemon", "dbus-daemon", configArgument.constData(), "--nofork",
                 "--print-address=1", static_cast<char *>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    if (pid < 0) {
        ::close(fds[0]);
        m_error = u"fork failed"_s;
        return false;
    }
    m_busPid = pid;
    m_busOutput = fds[0];
    QByteArray address;
    char c = 0;
    for (;;) {
        const ssize_t n = ::read(m_busOutput, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || c == '\n')
            break;
        address.append(c);
    }
    if (address.isEmpty()) {
        m_error = u"dbus-daemon printed no address (run dbus-daemon --config-file=%1 --nofork "
                  u"--print-address to see why)"_s.arg(configPath);
        return false;
    }
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    return true;
}

bool TestEnvironment::startSecretService() {
    if (QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s).isEmpty()) {
        m_error = u"gnome-keyring-daemon not found (package gnome-keyring; "
                  u"packaging/install-debian-deps.sh installs it)"_s;
        return false;
    }
    // --unlock makes the login keyring with the password on stdin and unlocks it; --start then
    // finishes the running daemon's start-up (its name appears on the bus). Both print shell
    // variables, and the daemon would keep this program's stderr open after it ended (ctest
    // waits for that): their output goes nowhere.
    FILE *in = ::popen("gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1", "w");
    if (!in) {
        m_error = u"cannot run gnome-keyring-daemon"_s;
        return false;
    }
    std::fputs(KeyringPassword, in);
    const int unlocked = ::pclose(in);
    const int started =
        std::system("gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1");
    if (unlocked != 0 || started != 0) {
        m_error =
            u"gnome-keyring-daemon failed (--unlock: %1, --start: %2)"_s.arg(unlocked).arg(started);
        return false;
    }
    return true;
}

} // namespace segscope::test
