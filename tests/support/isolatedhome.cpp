#include "isolatedhome.h"

#include <QDir>

namespace segscope::test {

IsolatedHome::IsolatedHome() {
    if (!m_dir.isValid())
        return;
    const QByteArray home = QFile::encodeName(m_dir.path());
    QDir(m_dir.path()).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(m_dir.filePath(QStringLiteral("runtime")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("HOME", home);
    qputenv("XDG_CONFIG_HOME", home + "/config");
    qputenv("XDG_CACHE_HOME", home + "/cache");
    qputenv("XDG_RUNTIME_DIR", home + "/runtime");
    qunsetenv("XDG_DATA_HOME");
    // A bus address nothing listens on: the keychain reports "no service" instead of reaching
    // the developer's Secret Service.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home + "/runtime/no-bus");
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's own dialogs (a native one would be out of the test's reach).
    qunsetenv("QT_QPA_PLATFORMTHEME");
    qunsetenv("SEGMENTS_API_KEY");
}

} // namespace segscope::test
