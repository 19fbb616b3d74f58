#pragma once

#include <QString>
#include <QTemporaryDir>

namespace segscope::test {

//! A private HOME for one test program: HOME, XDG_CONFIG_HOME (HOME/config), XDG_CACHE_HOME
//! (HOME/cache) and XDG_RUNTIME_DIR point into a temporary folder, XDG_DATA_HOME is unset (so
//! data lands in HOME/.local/share, as the README says), the session bus points nowhere (no
//! keychain is reached) and the platform is offscreen (its clipboard lives in this process).
//! Made before the Q(Gui)Application, so nothing reads or writes the developer's settings,
//! caches, keychain or clipboard; child processes inherit it.
class IsolatedHome {
public:
    IsolatedHome();

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

} // namespace segscope::test

//! QTEST_MAIN for widget tests, with an IsolatedHome made before the QApplication.
#define SEGSCOPE_ISOLATED_WIDGETS_TEST_MAIN(TestObject)                                            \
    int main(int argc, char **argv) {                                                              \
        segscope::test::IsolatedHome home;                                                         \
        if (!home.isValid())                                                                       \
            return 1;                                                                              \
        QApplication app(argc, argv);                                                              \
        QApplication::setAttribute(Qt::AA_Use96Dpi, true);                                         \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
