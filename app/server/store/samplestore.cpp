#include "samplestore.h"

#include "store/database.h"
#include "store/labelstore.h"
#include "store/storeerror.h"
#include "store/timestamps.h"

#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

QString toText(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject fromText(const QString &s) {
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

const QString kSampleColumns =
    u"s.id, s.dataset_id, s.uuid, s.name, s.metadata, s.attributes, s.priority, s.readme, "
    u"s.assigned_labeler, s.assigned_reviewer, s.created_at, s.created_by"_s;
constexpr int kLabelColumn = 12;

QString sortColumn(const QString &field) {
    if (field == "created_at"_L1)
        return u"s.created_at"_s;
    if (field == "priority"_L1)
        return u"s.priority"_s;
    if (field == "gt_label__updated_at"_L1)
        return u"s.gt_updated_at"_s;
    return u"s.name"_s;
}

} // namespace

StoredSample SampleStore::create(const DatasetRow &dataset, wire::Sample s,
                                 const QString &createdBy, bool existingOk) {
    return m_db.transaction([&] {
        QSqlQuery existing = m_db.exec(
            u"SELECT uuid FROM samples WHERE dataset_id = ? AND name = ?"_s, {dataset.id, s.name});
        if (existing.next()) {
            if (existingOk)
                return byUuid(existing.value(0).toString());
            throw StoreError::conflict(
                u"name"_s,
                u"A sample with the name \"%1\" already exists in this dataset."_s.arg(s.name));
        }
        s.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.createdBy = createdBy;
        const QString now = nowString();
        m_db.exec(u"INSERT INTO samples (uuid, dataset_id, name, metadata, attributes, priority, "
                  u"readme, assigned_labeler, assigned_reviewer, created_at, created_by) "
                  u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                  {s.uuid, dataset.id, s.name, toText(s.metadata), toText(s.attributes), s.priority,
                   s.readme, s.assignedLabeler ? QVariant(*s.assignedLabeler) : QVariant(),
                   s.assignedReviewer ? QVariant(*s.assignedReviewer) : QVariant(), now,
                   createdBy});
        return byUuid(s.uuid);
    });
}

StoredSample SampleStore::rowFromQuery(const QSqlQuery &q, int labelColumn,
                                       const QString &labelsetName, bool fullLabel) {
    StoredSample row;
    row.id = q.value(0).toLongLong();
    row.datasetId = q.value(1).toLongLong();
    wire::Sample &s = row.value;
    s.uuid = q.value(2).toString();
    s.name = q.value(3).toString();
    s.metadata = fromText(q.value(4).toString());
    s.attributes = fromText(q.value(5).toString());
    s.priority = q.value(6).toDouble();
    s.readme = q.value(7).toString();
    if (!q.value(8).isNull())
        s.assignedLabeler = q.value(8).toString();
    if (!q.value(9).isNull())
        s.assignedReviewer = q.value(9).toString();
    s.createdAt = parseTime(q.value(10).toString());
    s.createdBy = q.value(11).toString();
    if (labelColumn < 0)
        return row;
    if (q.value(labelColumn).isNull()) {
        s.label = wire::LabelSummary{u"UNLABELED"_s, std::nullopt, {}, {}, {}};
        return row;
    }
    const wire::Label label = LabelStore::fromQuery(q, labelColumn, s.uuid, labelsetName);
    s.label = wire::LabelSummary{label.labelStatus, label.score, label.updatedAt, label.createdBy,
                                 label.reviewedBy};
    if (fullLabel)
        s.fullLabel = label;
    return row;
}

QList<wire::Sample> SampleStore::list(const DatasetRow &dataset, const wire::SampleQuery &query,
                                      const std::optional<LabelsetRow> &labelset) {
    const bool withLabel = !query.labelset.isEmpty() && labelset;
    const QString labelsetName = labelset ? labelset->value.name : QString();
    // The page's ids come from an index-only scan (sort key, uuid, rowid); only those rows are
    // then read in full, so a deep OFFSET skips index entries, not table rows.
    const QString column = sortColumn(query.sortField);
    const QString direction = query.sortDescending ? u" DESC"_s : u""_s;
    // Names are unique in a dataset, so the name order has no ties to break: ordering by the
    // name alone lets SQLite walk the UNIQUE (dataset_id, name) index, whose entries are half
    // the size of (dataset_id, name, uuid) ones, and a deep OFFSET skips half the pages.
    const QString order =
        column == "s.name"_L1 ? column + direction : column + direction + u", s.uuid"_s + direction;
    const bool needLabelJoin = !query.labelStatuses.isEmpty() && labelset;
    QString inner = u"SELECT s.id FROM samples s"_s;
    QVariantList values;
    if (needLabelJoin) {
        inner += u" LEFT JOIN labels l ON l.sample_id = s.id AND l.labelset_id = ?"_s;
        values.append(labelset->id);
    }
    inner += u" WHERE s.dataset_id = ?"_s;
    values.append(dataset.id);
    if (!query.nameContains.isEmpty()) {
        QString pattern = query.nameContains;
        pattern.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        inner += u" AND s.name LIKE ? ESCAPE '\\'"_s;
        values.append(u'%' + pattern + u'%');
    }
    if (needLabelJoin) {
        QStringList parts;
        QStringList statuses = query.labelStatuses;
        if (statuses.removeAll(u"UNLABELED"_s) > 0)
            parts.append(u"l.status IS NULL"_s);
        if (!statuses.isEmpty()) {
            parts.append(u"l.status IN ("_s + QStringList(statuses.size(), u"?"_s).join(u',') +
                         u')');
            for (const QString &st : std::as_const(statuses))
                values.append(st);
        }
        inner += u" AND ("_s + parts.join(u" OR "_s) + u')';
    }
    for (const wire::MetadataTerm &t : query.metadata) {
        // A JSON path cannot quote a key holding '"' or '\\' (SQLite has no escape there): such
        // keys are looked up with json_each instead, which compares the key as plain text.
        const bool plainKey = !t.key.contains(u'"') && !t.key.contains(u'\\');
        const QVariant path = plainKey ? QVariant(u"$.\""_s + t.key + u'"') : QVariant(t.key);
        const QString value = plainKey
                                  ? u"json_extract(s.metadata, ?)"_s
                                  : u"(SELECT value FROM json_each(s.metadata) WHERE key = ?)"_s;
        const QString type = plainKey ? u"json_type(s.metadata, ?)"_s
                                      : u"(SELECT type FROM json_each(s.metadata) WHERE key = ?)"_s;
        if (t.op == wire::MetadataTerm::Equal) {
            // Values compare as strings; JSON true/false also match "true"/"false".
            inner += u" AND (CAST("_s + value + u" AS TEXT) = ? OR ("_s + type +
                     u" IN ('true', 'false') AND "_s + type + u" = lower(?)))"_s;
            values << path << t.value << path << path << t.value;
        } else {
            inner += u" AND "_s + type + u" IN ('integer', 'real') AND "_s + value + u' ' +
                     t.opSymbol() + u" ?"_s;
            values << path << path << t.value.toDouble();
        }
    }
    inner += u" ORDER BY "_s + order + u" LIMIT ? OFFSET ?"_s;
    values << query.perPage << qint64(query.page - 1) * query.perPage;

    QString sql = u"SELECT "_s + kSampleColumns;
    QVariantList outerValues;
    if (withLabel) {
        sql += u", "_s + LabelStore::columns() +
               u" FROM samples s LEFT JOIN labels l ON "
               u"l.sample_id = s.id AND l.labelset_id = ?"_s;
        outerValues.append(labelset->id);
    } else {
        sql += u" FROM samples s"_s;
    }
    sql += u" WHERE s.id IN ("_s + inner + u") ORDER BY "_s + order;
    outerValues.append(values);
    QSqlQuery q = m_db.exec(sql, outerValues);
    QList<wire::Sample> out;
    out.reserve(query.perPage);
    while (q.next()) {
        out.append(
            rowFromQuery(q, withLabel ? kLabelColumn : -1, labelsetName, query.includeFullLabel)
                .value);
    }
    return out;
}

StoredSample SampleStore::byUuid(const QString &uuid) {
    QSqlQuery q =
        m_db.exec(u"SELECT "_s + kSampleColumns + u" FROM samples s WHERE s.uuid = ?"_s, {uuid});
    if (!q.next())
        throw StoreError::notFound();
    return rowFromQuery(q, -1, {}, false);
}

void SampleStore::update(StoredSample &row, const wire::Sample &changed) {
    const wire::Sample &s = changed;
    m_db.transaction([&] {
        if (s.name != row.value.name) {
            QSqlQuery exists =
                m_db.exec(u"SELECT 1 FROM samples WHERE dataset_id = ? AND name = ?"_s,
                          {row.datasetId, s.name});
            if (exists.next())
                throw StoreError::conflict(
                    u"name"_s,
                    u"A sample with the name \"%1\" already exists in this dataset."_s.arg(s.name));
        }
        m_db.exec(u"UPDATE samples SET name = ?, metadata = ?, attributes = ?, priority = ?, "
                  u"readme = ?, assigned_labeler = ?, assigned_reviewer = ? WHERE id = ?"_s,
                  {s.name, toText(s.metadata), toText(s.attributes), s.priority, s.readme,
                   s.assignedLabeler ? QVariant(*s.assignedLabeler) : QVariant(),
                   s.assignedReviewer ? QVariant(*s.assignedReviewer) : QVariant(), row.id});
    });
    row.value = s;
}

void SampleStore::remove(const StoredSample &row) {
    m_db.transaction([&] { m_db.exec(u"DELETE FROM samples WHERE id = ?"_s, {row.id}); });
}

qint64 SampleStore::removeMany(qint64 datasetId, const QStringList &uuids) {
    return m_db.transaction([&] {
        qint64 deleted = 0;
        for (const QString &uuid : uuids) {
            QSqlQuery q = m_db.exec(u"DELETE FROM samples WHERE dataset_id = ? AND uuid = ?"_s,
                                    {datasetId, uuid});
            deleted += q.numRowsAffected();
        }
        return deleted;
    });
}

} // namespace segscope::server
