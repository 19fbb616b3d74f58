#pragma once

#include <QByteArray>
#include <QString>

namespace segscope::test {

//! The path of a fixture in tests/data.
QString dataPath(const QString &name);
//! The bytes of a fixture in tests/data; fails the test (QFAIL-style, via qFatal) when missing.
QByteArray readData(const QString &name);

} // namespace segscope::test
