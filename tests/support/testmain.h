#pragma once

// main() for the test programs, in place of QTEST_MAIN / QTEST_GUILESS_MAIN: every program
// isolates itself (TestEnvironment) before its application object exists.

#include "support/testenvironment.h"

#include <QTest>
#ifdef QT_WIDGETS_LIB
#include <QApplication>
#endif

#define SEGSCOPE_TEST_MAIN_IMPL(AppType, TestObject, bus)                                          \
    int main(int argc, char *argv[]) {                                                             \
        const segscope::test::TestEnvironment environment(bus);                                    \
        if (!environment.error().isEmpty()) {                                                      \
            qCritical("test environment: %s", qPrintable(environment.error()));                    \
            return 2;                                                                              \
        }                                                                                          \
        AppType app(argc, argv);                                                                   \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                   \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }

//! A test program without widgets (QCoreApplication) and without a session bus.
#define SEGSCOPE_TEST_MAIN(TestObject)                                                             \
    SEGSCOPE_TEST_MAIN_IMPL(QCoreApplication, TestObject, segscope::test::Bus::None)
//! The same with the session bus given (segscope::test::Bus).
#define SEGSCOPE_TEST_MAIN_WITH_BUS(TestObject, bus)                                               \
    SEGSCOPE_TEST_MAIN_IMPL(QCoreApplication, TestObject, bus)
//! A widget test program (QApplication, offscreen) without a session bus.
#define SEGSCOPE_GUI_TEST_MAIN(TestObject)                                                         \
    SEGSCOPE_TEST_MAIN_IMPL(QApplication, TestObject, segscope::test::Bus::None)
//! The same with the session bus given (segscope::test::Bus).
#define SEGSCOPE_GUI_TEST_MAIN_WITH_BUS(TestObject, bus)                                           \
    SEGSCOPE_TEST_MAIN_IMPL(QApplication, TestObject, bus)
