#include <QTest>
class Pending : public QObject {
    Q_OBJECT
private slots:
    void pending() { QFAIL("being written"); }
};
QTEST_GUILESS_MAIN(Pending)
#include "tst_api_server.moc"
