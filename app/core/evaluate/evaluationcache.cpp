#include "evaluationcache.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEvaluationCache, "segscope.evaluate.cache")

namespace segscope::evaluate {

namespace {

// Bumped when the stored form changes: an older file is then emptied, not misread.
constexpr int SchemaVersion = 1;

//! A label's updated_at as stored; "none" for no label (a null string would bind as NULL).
QString timeText(const QDateTime &t) {
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : u"none"_s;
}

QString nextConnectionName() {
    static std::atomic_int counter{0};
    return u"segscope-evaluation-cache-%1"_s.arg(counter.fetch_add(1));
}

QCborValue categoryValue(qint64 id) {
    return id == labels::BackgroundCategory ? QCborValue(QCborValue::Null) : QCborValue(id);
}

std::optional<qint64> categoryOf(const QCborValue &v) {
    if (v.isNull())
        return labels::BackgroundCategory;
    if (v.isInteger())
        return v.toInteger();
    return std::nullopt;
}

} // namespace

EvaluationCache::EvaluationCache(const QString &directory) {
    if (directory.isEmpty() || !QDir().mkpath(directory))
        return;
    m_path = QDir(directory).filePath(u"evaluations.sqlite"_s);
    if (open())
        return;
    // Not a database we can use (corrupt, another program's, an older schema that cannot be
    // dropped): it is only a cache, so start again from an empty file.
    qCWarning(lcEvaluationCache) << "replacing the unreadable cache" << m_path;
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(m_path + suffix);
    if (!open())
        qCWarning(lcEvaluationCache) << "evaluating without a disk cache";
}

QString EvaluationCache::defaultDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(u"evaluations"_s);
}

EvaluationCache::~EvaluationCache() {
    close();
}

bool EvaluationCache::open() {
    const QString name = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=2000"_s);
        if (!db.open()) {
            qCWarning(lcEvaluationCache) << "cannot open" << m_path << db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return false;
        }
    }
    m_connection = name;
    if (prepareSchema())
        return true;
    close();
    return false;
}

bool EvaluationCache::prepareSchema() {
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    // A corrupt file opens fine and fails here, on its first read.
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
        return false;
    const int version = q.value(0).toInt();
    if (version != SchemaVersion && version != 0) {
        if (!q.exec(u"DROP TABLE IF EXISTS results"_s))
            return false;
    }
    // A cache may lose its last writes on a power cut: a lost row is recomputed, never wrong.
    q.exec(u"PRAGMA journal_mode=WAL"_s);
    q.exec(u"PRAGMA synchronous=OFF"_s);
    if (!q.exec(u"CREATE TABLE IF NOT EXISTS results ("
                u"server TEXT NOT NULL, dataset TEXT NOT NULL, reference TEXT NOT NULL, "
                u"candidate TEXT NOT NULL, uuid TEXT NOT NULL, reference_updated TEXT NOT NULL, "
                u"candidate_updated TEXT NOT NULL, result BLOB NOT NULL, "
                u"PRIMARY KEY (server, dataset, reference, candidate, uuid))"_s))
        return false;
    if (!q.exec(u"PRAGMA user_version = %1"_s.arg(SchemaVersion)))
        return false;
    // Reading a row proves the table's pages are sound, not only the header.
    return q.exec(u"SELECT count(*) FROM results"_s) && q.next();
}

void EvaluationCache::close() {
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

std::optional<SampleEvaluation> EvaluationCache::find(const EvaluationCacheKey &key) {
    if (!isOpen())
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT reference_updated, candidate_updated, result FROM results WHERE "
              u"server = ? AND dataset = ? AND reference = ? AND candidate = ? AND uuid = ?"_s);
    for (const QString &v : {key.server, key.dataset, key.reference, key.candidate, key.uuid})
        q.addBindValue(v);
    if (!q.exec()) {
        qCDebug(lcEvaluationCache) << "lookup failed" << q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    if (q.value(0).toString() != timeText(key.referenceUpdatedAt) ||
        q.value(1).toString() != timeText(key.candidateUpdatedAt))
        return std::nullopt;
    std::optional<SampleEvaluation> result = decode(q.value(2).toByteArray());
    if (!result)
        return std::nullopt;
    result->uuid = key.uuid;
    result->referenceUpdatedAt = key.referenceUpdatedAt;
    result->candidateUpdatedAt = key.candidateUpdatedAt;
    return result;
}

void EvaluationCache::store(const EvaluationCacheKey &key, const SampleEvaluation &result) {
    if (!isOpen() || result.presence == SampleEvaluation::Presence::Failed)
        return;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"INSERT OR REPLACE INTO results (server, dataset, reference, candidate, uuid, "
              u"reference_updated, candidate_updated, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const QString &v : {key.server, key.dataset, key.reference, key.candidate, key.uuid})
        q.addBindValue(v);
    q.addBindValue(timeText(key.referenceUpdatedAt));
    q.addBindValue(timeText(key.candidateUpdatedAt));
    q.addBindValue(encode(result));
    if (!q.exec())
        qCDebug(lcEvaluationCache) << "store failed" << q.lastError().text();
}

QByteArray EvaluationCache::encode(const SampleEvaluation &r) {
    QCborArray confusion;
    for (const ConfusionEntry &e : r.confusion)
        confusion.append(
            QCborArray{categoryValue(e.reference), categoryValue(e.candidate), e.pixels});
    QCborMap map;
    map.insert(u"presence"_s, int(r.presence));
    map.insert(u"name"_s, r.name);
    map.insert(u"meanIoU"_s, r.meanIoU);
    map.insert(u"pixelAccuracy"_s, r.pixelAccuracy);
    map.insert(u"referenceUnannotated"_s, r.referenceUnannotatedPixels);
    map.insert(u"candidateUnannotated"_s, r.candidateUnannotatedPixels);
    map.insert(u"defects"_s, QCborArray::fromStringList(r.defects));
    map.insert(u"confusion"_s, confusion);
    return QCborValue(map).toCbor();
}

std::optional<SampleEvaluation> EvaluationCache::decode(const QByteArray &bytes) {
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isMap())
        return std::nullopt;
    const QCborMap map = value.toMap();
    const auto number = [&map](const QString &key) -> std::optional<double> {
        const QCborValue v = map.value(key);
        if (v.isDouble() || v.isInteger())
            return v.toDouble();
        return std::nullopt;
    };
    SampleEvaluation r;
    const QCborValue presence = map.value(u"presence"_s);
    if (!presence.isInteger() || presence.toInteger() < 0 ||
        presence.toInteger() > int(SampleEvaluation::Presence::Neither))
        return std::nullopt;
    r.presence = SampleEvaluation::Presence(presence.toInteger());
    r.name = map.value(u"name"_s).toString();
    const auto meanIoU = number(u"meanIoU"_s);
    const auto accuracy = number(u"pixelAccuracy"_s);
    if (!meanIoU || !accuracy)
        return std::nullopt;
    r.meanIoU = *meanIoU;
    r.pixelAccuracy = *accuracy;
    r.referenceUnannotatedPixels = map.value(u"referenceUnannotated"_s).toInteger();
    r.candidateUnannotatedPixels = map.value(u"candidateUnannotated"_s).toInteger();
    for (const QCborValue &d : map.value(u"defects"_s).toArray())
        r.defects.append(d.toString());
    const QCborValue confusion = map.value(u"confusion"_s);
    if (!confusion.isArray())
        return std::nullopt;
    for (const QCborValue &entry : confusion.toArray()) {
        const QCborArray e = entry.toArray();
        if (e.size() != 3)
            return std::nullopt;
        const auto reference = categoryOf(e.at(0));
        const auto candidate = categoryOf(e.at(1));
        if (!reference || !candidate || !e.at(2).isInteger() || e.at(2).toInteger() <= 0)
            return std::nullopt;
        r.confusion.push_back({*reference, *candidate, e.at(2).toInteger()});
    }
    return r;
}

} // namespace segscope::evaluate
