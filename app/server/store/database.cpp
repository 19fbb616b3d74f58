#include "database.h"

#include <QAtomicInt>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

// Each migration moves the schema from version i to i + 1; never edit one that has shipped.
const char *const kMigrations[] = {
    // 1: the first schema.
    R"sql(
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL DEFAULT '',
    is_organization INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key_hash BLOB NOT NULL UNIQUE,
    purpose TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT 'other',
    public INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    task_type TEXT NOT NULL,
    task_attributes TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    flags TEXT NOT NULL DEFAULT '{}',
    readme TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (owner_id, name)
);
CREATE TABLE labelsets (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    is_groundtruth INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (dataset_id, name)
);
CREATE TABLE samples (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    attributes TEXT NOT NULL DEFAULT '{}',
    priority REAL NOT NULL DEFAULT 0,
    readme TEXT NOT NULL DEFAULT '',
    assigned_labeler TEXT,
    assigned_reviewer TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    gt_updated_at TEXT NOT NULL DEFAULT '',
    UNIQUE (dataset_id, name)
);
CREATE INDEX samples_by_name ON samples (dataset_id, name, uuid);
CREATE INDEX samples_by_created ON samples (dataset_id, created_at, uuid);
CREATE INDEX samples_by_priority ON samples (dataset_id, priority, uuid);
CREATE INDEX samples_by_gt_updated ON samples (dataset_id, gt_updated_at, uuid);
CREATE TABLE labels (
    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    labelset_id INTEGER NOT NULL REFERENCES labelsets(id) ON DELETE CASCADE,
    label_type TEXT NOT NULL,
    status TEXT NOT NULL,
    attributes TEXT NOT NULL,
    score REAL,
    rating REAL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    reviewed_at TEXT,
    reviewed_by TEXT,
    PRIMARY KEY (sample_id, labelset_id)
) WITHOUT ROWID;
CREATE INDEX labels_by_status ON labels (labelset_id, status, sample_id);
CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    filename TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    size INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    stored INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
)sql",
    // 2: issues on samples (issue 15). dataset_id is the sample's (a sample never moves), kept
    // here so that a dataset's issues list from an index without a join.
    R"sql(
CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX issues_by_sample ON issues (sample_id, created_at, id);
CREATE INDEX issues_by_dataset ON issues (dataset_id, created_at, id);
)sql",
};

QAtomicInt g_connectionCounter;

bool isDiskFull(const QSqlError &e) {
    const QString code = e.nativeErrorCode();
    // SQLITE_FULL (13) and SQLITE_IOERR (10) both show up when the disk fills.
    return code == "13"_L1 || code == "10"_L1 || e.databaseText().contains("full"_L1);
}

} // namespace

Database::Database(const QString &path)
    : m_connectionName(u"segscope-server-"_s +
                       QString::number(g_connectionCounter.fetchAndAddRelaxed(1)))
    , m_path(path) {}

Database::~Database() {
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

void Database::open() {
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!m_db.open())
        throw StorageError(
            u"cannot open the database "_s + m_path + u": "_s + m_db.lastError().text(), false);
    exec(u"PRAGMA journal_mode=WAL"_s);
    exec(u"PRAGMA synchronous=NORMAL"_s);
    exec(u"PRAGMA foreign_keys=ON"_s);
    exec(u"PRAGMA cache_size=-32000"_s);
    migrate();
}

int Database::schemaVersion() {
    QSqlQuery q = exec(u"PRAGMA user_version"_s);
    return q.next() ? q.value(0).toInt() : 0;
}

void Database::migrate() {
    const int target = int(std::size(kMigrations));
    int version = schemaVersion();
    if (version > target) {
        throw StorageError(
            u"the database has schema version %1, newer than this server's %2"_s.arg(version).arg(
                target),
            false);
    }
    while (version < target) {
        transaction([&] {
            const QString script = QString::fromUtf8(kMigrations[version]);
            for (const QString &statement : script.split(u';', Qt::SkipEmptyParts)) {
                if (!statement.trimmed().isEmpty())
                    exec(statement);
            }
            exec(u"PRAGMA user_version = %1"_s.arg(version + 1));
        });
        ++version;
    }
}

QSqlQuery Database::exec(const QString &sql, std::initializer_list<QVariant> values) {
    return exec(sql, QVariantList(values));
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &values) {
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        fail(q, sql);
    // A null QString (a field the client left out) binds as SQL NULL, which the NOT NULL text
    // columns refuse; only an invalid QVariant means NULL here.
    for (const QVariant &v : values) {
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.addBindValue(QString(u""_s));
        else
            q.addBindValue(v);
    }
    if (!q.exec())
        fail(q, sql);
    return q;
}

void Database::fail(const QSqlQuery &q, const QString &what) {
    const QSqlError e = q.lastError();
    throw StorageError(e.text() + u" ("_s + what.simplified().left(80) + u')', isDiskFull(e));
}

void Database::begin() {
    exec(u"BEGIN IMMEDIATE"_s);
    m_inTransaction = true;
}

void Database::commit() {
    m_inTransaction = false;
    QSqlQuery q(m_db);
    if (!q.exec(u"COMMIT"_s)) {
        const QSqlError e = q.lastError();
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        throw StorageError(e.text(), isDiskFull(e));
    }
}

void Database::rollback() {
    m_inTransaction = false;
    QSqlQuery q(m_db);
    q.exec(u"ROLLBACK"_s);
}

} // namespace segscope::server
