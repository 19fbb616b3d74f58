// segscope-server on a database made by an older schema version (README, "Running
// segscope-server": a versioned schema). The file is written here by hand with the DDL that
// shipped (a frozen copy in tests/data/migration: shipped migrations are never edited, so a file
// made with it must keep opening), with rows in it; the server opens it, migrates it to its
// current version and serves the rows.
#include "support/serverfixture.h"
#include "support/testdata.h"
#include "support/testmain.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace segscope;
using segscope::test::HttpResult;
using segscope::test::ServerFixture;

namespace {

//! The DDL of schema version 1 and the rows of a file made with it (tests/data/migration).
QString schema() {
    return QString::fromUtf8(test::readData(u"migration/schema-v1.sql"_s));
}
QString rows() {
    return QString::fromUtf8(test::readData(u"migration/rows-v1.sql"_s));
}

const QString Key = u"old-key-of-olga-0123456789"_s;
const QString FirstUuid = u"6f1c3a52-0000-4000-8000-000000000001"_s;

//! Runs `script` (statements split on ';') on a file of its own connection; `version` >= 0 sets
//! PRAGMA user_version. Returns the first error, empty on success.
QString writeDatabase(const QString &path, const QString &script, int version) {
    const QString connection = u"handmade-"_s + path;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        for (const QString &statement : script.split(u';', Qt::SkipEmptyParts)) {
            if (statement.trimmed().isEmpty())
                continue;
            QSqlQuery q(db);
            q.prepare(statement);
            if (statement.contains(u":hash"_s))
                q.bindValue(u":hash"_s,
                            QCryptographicHash::hash(Key.toUtf8(), QCryptographicHash::Sha256));
            if (!q.exec() && error.isEmpty())
                error = q.lastError().text() + u": "_s + statement.simplified().left(60);
        }
        if (version >= 0)
            QSqlQuery(db).exec(u"PRAGMA user_version = %1"_s.arg(version));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

//! PRAGMA user_version of the file (-1 when it cannot be read).
int userVersion(const QString &path) {
    const QString connection = u"reader-"_s + path;
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"PRAGMA user_version"_s) && q.next())
                version = q.value(0).toInt();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return version;
}

} // namespace

class TestServerMigration : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void versionOneFileIsMigratedAndServed();
    void emptyFileGetsTheCurrentSchema();
    void newerFileIsRefusedUntouched();

private:
    int m_current = 0; //!< the schema version a fresh server writes
};

void TestServerMigration::initTestCase() {
    // The current version is what a new data folder gets, so this test needs no edit when a
    // migration is added.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        server::ServerOptions options;
        options.dataDir = dir.path();
        ServerFixture fresh;
        QString error;
        QVERIFY2(fresh.start(options, &error), qPrintable(error));
    }
    m_current = userVersion(dir.filePath(u"segscope.sqlite"_s));
    QVERIFY2(m_current >= 1, qPrintable(QString::number(m_current)));
}

void TestServerMigration::versionOneFileIsMigratedAndServed() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"segscope.sqlite"_s);
    QString error = writeDatabase(file, schema(), 1);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = writeDatabase(file, rows(), -1);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(userVersion(file), 1);

    server::ServerOptions options;
    options.dataDir = dir.path();
    ServerFixture fixture;
    QVERIFY2(fixture.start(options, &error), qPrintable(error));

    // The key stored by the old server still authenticates its user.
    const HttpResult me = fixture.http.get(u"/user/"_s, Key);
    QVERIFY2(me.status == 200, me.describe());
    QCOMPARE(me.object()["username"_L1].toString(), u"olga"_s);

    const HttpResult datasets = fixture.http.get(u"/user/datasets/"_s, Key);
    QVERIFY2(datasets.status == 200, datasets.describe());
    QCOMPARE(datasets.array().size(), 1);
    const QJsonObject dataset = datasets.array().at(0).toObject();
    QCOMPARE(dataset["full_name"_L1].toString(), u"olga/old-scenes"_s);
    QCOMPARE(dataset["description"_L1].toString(), u"made by schema 1"_s);

    const HttpResult full = fixture.http.get(u"/datasets/olga/old-scenes/"_s, Key);
    QVERIFY2(full.status == 200, full.describe());
    QCOMPARE(full.object()["task_attributes"_L1]["categories"_L1].toArray().size(), 2);

    const HttpResult samples =
        fixture.http.get(u"/datasets/olga/old-scenes/samples/?sort=name"_s, Key);
    QVERIFY2(samples.status == 200, samples.describe());
    QCOMPARE(samples.array().size(), 2);
    QCOMPARE(samples.array().at(0)["name"_L1].toString(), u"first.jpg"_s);
    QCOMPARE(samples.array().at(0)["uuid"_L1].toString(), FirstUuid);
    QCOMPARE(samples.array().at(0)["metadata"_L1]["weather"_L1].toString(), u"rain"_s);
    QCOMPARE(samples.array().at(1)["name"_L1].toString(), u"second.jpg"_s);

    const HttpResult label = fixture.http.get(u"/labels/%1/ground-truth/"_s.arg(FirstUuid), Key);
    QVERIFY2(label.status == 200, label.describe());
    QCOMPARE(label.object()["label_status"_L1].toString(), u"LABELED"_s);
    QCOMPARE(label.object()["attributes"_L1]["segmentation_bitmap"_L1]["url"_L1].toString(),
             u"https://example.invalid/first_label.png"_s);

    // The old rows take new writes beside them.
    const HttpResult created = fixture.http.post(
        u"/datasets/olga/old-scenes/samples/"_s,
        QJsonObject{{"name"_L1, u"third.jpg"_s},
                    {"attributes"_L1,
                     QJsonObject{{"image"_L1,
                                  QJsonObject{{"url"_L1, u"https://example.invalid/3.jpg"_s}}}}}},
        Key);
    QVERIFY2(created.status == 201 || created.status == 200, created.describe());
    QCOMPARE(fixture.http.get(u"/datasets/olga/old-scenes/samples/"_s, Key).array().size(), 3);
    // Tables a later migration added work on the old rows: an issue on a version-1 sample.
    const HttpResult issue =
        fixture.http.post(u"/samples/%1/issues/"_s.arg(FirstUuid),
                          QJsonObject{{"description"_L1, u"raised after the upgrade"_s}}, Key);
    QVERIFY2(issue.status == 201, issue.describe());
    QCOMPARE(issue.object()["sample_name"_L1].toString(), u"first.jpg"_s);
    const HttpResult issues = fixture.http.get(u"/datasets/olga/old-scenes/issues/"_s, Key);
    QVERIFY2(issues.status == 200, issues.describe());
    QCOMPARE(issues.array().size(), 1);
    QCOMPARE(issues.array().at(0).toObject(), issue.object());

    fixture.stop();
    QCOMPARE(userVersion(file), m_current);
}

void TestServerMigration::emptyFileGetsTheCurrentSchema() {
    // Version 0: an SQLite file with no tables (the state before the first migration).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"segscope.sqlite"_s);
    QString error = writeDatabase(file, u"CREATE TABLE unrelated (x INTEGER)"_s, 0);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(userVersion(file), 0);

    server::ServerOptions options;
    options.dataDir = dir.path();
    ServerFixture fixture;
    QVERIFY2(fixture.start(options, &error), qPrintable(error));
    const QString key = fixture.addUser(u"newcomer"_s);
    QVERIFY(!key.isEmpty());
    QVERIFY(!fixture.createDataset(key, u"fresh"_s).isEmpty());
    QCOMPARE(fixture.http.get(u"/user/datasets/"_s, key).array().size(), 1);
    fixture.stop();
    QCOMPARE(userVersion(file), m_current);
}

void TestServerMigration::newerFileIsRefusedUntouched() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"segscope.sqlite"_s);
    QString error = writeDatabase(file, schema(), m_current + 1);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    server::ServerOptions options;
    options.dataDir = dir.path();
    ServerFixture fixture;
    QVERIFY(!fixture.start(options, &error));
    QVERIFY2(error.contains(u"newer than this server's"_s), qPrintable(error));
    QCOMPARE(userVersion(file), m_current + 1);
}

SEGSCOPE_TEST_MAIN(TestServerMigration)
#include "tst_server_migration.moc"
