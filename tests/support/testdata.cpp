#include "testdata.h"

#include <QFile>

namespace segscope::test {

QString dataPath(const QString &name) {
    return QStringLiteral(SEGSCOPE_TEST_DATA_DIR) + QLatin1Char('/') + name;
}

QByteArray readData(const QString &name) {
    QFile f(dataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

} // namespace segscope::test
