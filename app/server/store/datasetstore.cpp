#include "datasetstore.h"
#include "wire/contract.h"

#include "store/database.h"
#include "store/storeerror.h"
#include "store/timestamps.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

QString toText(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject fromText(const QString &s) {
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

const QString kDatasetColumns = u"d.id, d.owner_id, d.name, d.description, d.category, d.public, "
                                u"d.archived, d.task_type, d.task_attributes, d.metadata, d.flags, "
                                u"d.readme, d.created_at, u.username, u.email, u.created_at"_s;

} // namespace

DatasetRow DatasetStore::create(const UserRecord &owner, const wire::Dataset &dataset) {
    const wire::Dataset &d = dataset;
    return m_db.transaction([&] {
        QSqlQuery exists = m_db.exec(u"SELECT 1 FROM datasets WHERE owner_id = ? AND name = ?"_s,
                                     {owner.id, d.name});
        if (exists.next())
            throw StoreError::conflict(u"name"_s, u"A dataset with this name already exists."_s);
        const QString now = nowString();
        QJsonObject flags;
        for (const wire::DatasetFlagField &f : wire::datasetFlagFields())
            flags.insert(f.key, d.flags.*f.member);
        QSqlQuery q = m_db.exec(
            u"INSERT INTO datasets (owner_id, name, description, category, public, archived, "
            u"task_type, task_attributes, metadata, flags, readme, created_at) "
            u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {owner.id, d.name, d.description, d.category, d.isPublic, d.archived, d.taskType,
             toText(d.taskAttributes.value_or(wire::TaskAttributes{}).toJson()), toText(d.metadata),
             toText(flags), d.readme, now});
        const qint64 id = q.lastInsertId().toLongLong();
        m_db.exec(
            u"INSERT INTO labelsets (dataset_id, name, description, is_groundtruth, created_at) "
            u"VALUES (?, ?, '', 1, ?)"_s,
            {id, wire::DefaultLabelset, now});
        return byId(id);
    });
}

void DatasetStore::update(DatasetRow &row, const wire::Dataset &changed) {
    const wire::Dataset &d = changed;
    m_db.transaction([&] {
        if (d.name != row.value.name) {
            QSqlQuery exists = m_db.exec(
                u"SELECT 1 FROM datasets WHERE owner_id = ? AND name = ?"_s, {row.ownerId, d.name});
            if (exists.next())
                throw StoreError::conflict(u"name"_s,
                                           u"A dataset with this name already exists."_s);
        }
        QJsonObject flags;
        for (const wire::DatasetFlagField &f : wire::datasetFlagFields())
            flags.insert(f.key, d.flags.*f.member);
        m_db.exec(u"UPDATE datasets SET name = ?, description = ?, category = ?, public = ?, "
                  u"archived = ?, task_type = ?, task_attributes = ?, metadata = ?, flags = ?, "
                  u"readme = ? WHERE id = ?"_s,
                  {d.name, d.description, d.category, d.isPublic, d.archived, d.taskType,
                   toText(d.taskAttributes.value_or(wire::TaskAttributes{}).toJson()),
                   toText(d.metadata), toText(flags), d.readme, row.id});
    });
    row = byId(row.id);
}

void DatasetStore::remove(const DatasetRow &row) {
    m_db.transaction([&] { m_db.exec(u"DELETE FROM datasets WHERE id = ?"_s, {row.id}); });
    m_stats.remove(row.id);
}

QList<DatasetRow> DatasetStore::rows(QSqlQuery &q) {
    QList<DatasetRow> out;
    while (q.next()) {
        DatasetRow row;
        row.id = q.value(0).toLongLong();
        row.ownerId = q.value(1).toLongLong();
        wire::Dataset &d = row.value;
        d.name = q.value(2).toString();
        d.description = q.value(3).toString();
        d.category = q.value(4).toString();
        d.isPublic = q.value(5).toBool();
        d.archived = q.value(6).toBool();
        d.taskType = q.value(7).toString();
        wire::JsonError error;
        d.taskAttributes =
            wire::readValue<wire::TaskAttributes>(fromText(q.value(8).toString()), &error)
                .value_or(wire::TaskAttributes{});
        d.metadata = fromText(q.value(9).toString());
        const QJsonObject flags = fromText(q.value(10).toString());
        for (const wire::DatasetFlagField &f : wire::datasetFlagFields())
            d.flags.*f.member = flags.value(f.key).toBool(d.flags.*f.member);
        d.readme = q.value(11).toString();
        d.createdAt = parseTime(q.value(12).toString());
        d.owner.username = q.value(13).toString();
        d.owner.email = q.value(14).toString();
        d.owner.createdAt = parseTime(q.value(15).toString());
        d.fullName = d.owner.username + u'/' + d.name;
        out.append(row);
    }
    return out;
}

DatasetRow DatasetStore::byId(qint64 id) {
    QSqlQuery q =
        m_db.exec(u"SELECT "_s + kDatasetColumns +
                      u" FROM datasets d JOIN users u ON u.id = d.owner_id WHERE d.id = ?"_s,
                  {id});
    const QList<DatasetRow> r = rows(q);
    return r.isEmpty() ? DatasetRow{} : r.first();
}

DatasetRow DatasetStore::byName(const QString &owner, const QString &name) {
    QSqlQuery q = m_db.exec(u"SELECT "_s + kDatasetColumns +
                                u" FROM datasets d JOIN users u ON u.id = d.owner_id "
                                u"WHERE u.username = ? AND d.name = ?"_s,
                            {owner, name});
    const QList<DatasetRow> r = rows(q);
    if (r.isEmpty())
        throw StoreError::notFound();
    return r.first();
}

QList<DatasetRow> DatasetStore::visible(const UserRecord &caller, const QString &ownerFilter,
                                        int page, int perPage) {
    QString sql = u"SELECT "_s + kDatasetColumns +
                  u" FROM datasets d JOIN users u ON u.id = d.owner_id "
                  u"WHERE (d.owner_id = ? OR d.public = 1)"_s;
    QVariantList values{caller.id};
    if (!ownerFilter.isEmpty()) {
        sql += u" AND u.username = ?"_s;
        values.append(ownerFilter);
    }
    sql += u" ORDER BY (d.owner_id = ?) DESC, u.username, d.name LIMIT ? OFFSET ?"_s;
    values << caller.id << perPage << qint64(page - 1) * perPage;
    QSqlQuery q = m_db.exec(sql, values);
    return rows(q);
}

QList<LabelsetRow> DatasetStore::labelsets(qint64 datasetId) {
    QSqlQuery q =
        m_db.exec(u"SELECT id, name, description, is_groundtruth, created_at FROM labelsets "
                  u"WHERE dataset_id = ? ORDER BY is_groundtruth DESC, name"_s,
                  {datasetId});
    QList<LabelsetRow> out;
    while (q.next()) {
        LabelsetRow r;
        r.id = q.value(0).toLongLong();
        r.datasetId = datasetId;
        r.value.name = q.value(1).toString();
        r.value.description = q.value(2).toString();
        r.value.isGroundtruth = q.value(3).toBool();
        r.value.createdAt = parseTime(q.value(4).toString());
        out.append(r);
    }
    return out;
}

LabelsetRow DatasetStore::labelset(qint64 datasetId, const QString &name) {
    for (const LabelsetRow &r : labelsets(datasetId)) {
        if (r.value.name == name)
            return r;
    }
    throw StoreError::notFound();
}

LabelsetRow DatasetStore::createLabelset(qint64 datasetId, const wire::Labelset &value) {
    const QString &name = value.name;
    const QString &description = value.description;
    return m_db.transaction([&] {
        for (const LabelsetRow &r : labelsets(datasetId)) {
            if (r.value.name == name)
                throw StoreError::conflict(u"name"_s,
                                           u"A labelset with this name already exists."_s);
        }
        m_db.exec(u"INSERT INTO labelsets (dataset_id, name, description, created_at) "
                  u"VALUES (?, ?, ?, ?)"_s,
                  {datasetId, name, description, nowString()});
        return labelset(datasetId, name);
    });
}

void DatasetStore::removeLabelset(const LabelsetRow &row) {
    m_db.transaction([&] { m_db.exec(u"DELETE FROM labelsets WHERE id = ?"_s, {row.id}); });
}

const DatasetStore::Stats &DatasetStore::stats(qint64 datasetId) {
    auto it = m_stats.find(datasetId);
    if (it != m_stats.end())
        return *it;
    Stats s;
    QSqlQuery count =
        m_db.exec(u"SELECT COUNT(*) FROM samples WHERE dataset_id = ?"_s, {datasetId});
    s.samples = count.next() ? count.value(0).toLongLong() : 0;
    QSqlQuery q =
        m_db.exec(u"SELECT l.status, COUNT(*) FROM labels l "
                  u"JOIN labelsets ls ON ls.id = l.labelset_id "
                  u"WHERE ls.dataset_id = ? AND ls.is_groundtruth = 1 GROUP BY l.status"_s,
                  {datasetId});
    qint64 labeled = 0;
    while (q.next()) {
        s.labelStats.insert(q.value(0).toString(), q.value(1).toLongLong());
        labeled += q.value(1).toLongLong();
    }
    s.labelStats.insert(u"UNLABELED"_s, s.samples - labeled);
    s.labelStats.insert(u"TOTAL"_s, s.samples);
    return *m_stats.insert(datasetId, s);
}

wire::Dataset DatasetStore::toWire(const DatasetRow &row, const UserRecord &caller) {
    wire::Dataset d = row.value;
    const Stats &s = stats(row.id);
    d.samplesCount = s.samples;
    d.labelStats = s.labelStats;
    d.collaboratorsCount = 0;
    d.role = row.ownerId == caller.id ? u"owner"_s : u"viewer"_s;
    for (const LabelsetRow &l : labelsets(row.id))
        d.labelsets.append(l.value);
    return d;
}

} // namespace segscope::server
