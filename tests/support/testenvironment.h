#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace segscope::test {

//! The session bus a test program gets.
enum class Bus {
    None,          //!< DBUS_SESSION_BUS_ADDRESS names a socket that does not exist: no bus at all
    Private,       //!< a dbus-daemon of the program's own, with nothing on it
    SecretService, //!< Private, with gnome-keyring-daemon serving an unlocked login keyring
};

//! A test program's world of its own, made before its Q*Application exists (SEGSCOPE_TEST_MAIN
//! in testmain.h): the offscreen platform (unless QT_QPA_PLATFORM is set), HOME and every XDG
//! folder (config, data, cache, state, runtime) under a fresh temporary folder, the session bus
//! chosen, and none of SEGMENTS_API_KEY, the desktop session's variables or the user's keyring
//! daemon. So whatever way the program is started (ctest, or by hand), nothing it does reaches
//! the developer's keychain, settings, caches or clipboard. The daemons it starts end with it,
//! even when it crashes.
class TestEnvironment {
public:
    explicit TestEnvironment(Bus bus = Bus::None);
    ~TestEnvironment();
    TestEnvironment(const TestEnvironment &) = delete;
    TestEnvironment &operator=(const TestEnvironment &) = delete;

    //! Empty when everything is set up; else what failed (the program should not run then).
    QString error() const { return m_error; }
    //! The temporary HOME; XDG_CONFIG_HOME, XDG_DATA_HOME, ... are folders inside it.
    QString home() const { return m_home.path(); }
    Bus bus() const { return m_bus; }
    //! Every file under HOME whose bytes contain `needle` (a secret that must be in none).
    QStringList filesHolding(const QByteArray &needle) const;

    //! The environment of this program; nullptr when none was made.
    static const TestEnvironment *current();

private:
    bool startBus();
    bool startSecretService();

    Bus m_bus;
    QTemporaryDir m_home;
    qint64 m_busPid = 0;
    int m_busOutput = -1; //!< kept open: the daemon never gets SIGPIPE for its stdout
    QString m_error;
};

} // namespace segscope::test
