#include "issuestore.h"

#include "store/database.h"
#include "store/storeerror.h"
#include "store/timestamps.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

// The sample's uuid and name come from a join, so a renamed sample shows its name now.
const QString kIssueSelect =
    u"SELECT i.id, i.sample_id, i.uuid, i.description, i.status, i.created_at, i.updated_at, "
    u"i.created_by, i.updated_by, s.uuid, s.name FROM issues i "
    u"JOIN samples s ON s.id = i.sample_id "_s;

} // namespace

IssueRow IssueStore::rowFromQuery(const QSqlQuery &q) {
    IssueRow row;
    row.id = q.value(0).toLongLong();
    row.sampleId = q.value(1).toLongLong();
    wire::Issue &i = row.value;
    i.uuid = q.value(2).toString();
    i.description = q.value(3).toString();
    i.status = q.value(4).toString();
    i.createdAt = parseTime(q.value(5).toString());
    i.updatedAt = parseTime(q.value(6).toString());
    i.createdBy = q.value(7).toString();
    i.updatedBy = q.value(8).toString();
    i.sampleUuid = q.value(9).toString();
    i.sampleName = q.value(10).toString();
    return row;
}

wire::Issue IssueStore::create(const StoredSample &sample, const wire::Issue &issue,
                               const QString &user, const QString &at) {
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString time = at.isEmpty() ? nowString() : at;
    return m_db.transaction([&] {
        m_db.exec(u"INSERT INTO issues (uuid, sample_id, dataset_id, description, status, "
                  u"created_at, created_by, updated_at, updated_by) "
                  u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                  {uuid, sample.id, sample.datasetId, issue.description, issue.status, time, user,
                   time, user});
        return byUuid(uuid).value;
    });
}

QList<wire::Issue> IssueStore::list(const QString &where, qint64 id) {
    QSqlQuery q = m_db.exec(kIssueSelect + where + u" ORDER BY i.created_at, i.id"_s, {id});
    QList<wire::Issue> out;
    while (q.next())
        out.append(rowFromQuery(q).value);
    return out;
}

QList<wire::Issue> IssueStore::forSample(qint64 sampleId) {
    return list(u"WHERE i.sample_id = ?"_s, sampleId);
}

QList<wire::Issue> IssueStore::forDataset(qint64 datasetId) {
    return list(u"WHERE i.dataset_id = ?"_s, datasetId);
}

IssueRow IssueStore::byUuid(const QString &uuid) {
    QSqlQuery q = m_db.exec(kIssueSelect + u"WHERE i.uuid = ?"_s, {uuid});
    if (!q.next())
        throw StoreError::notFound();
    return rowFromQuery(q);
}

void IssueStore::update(IssueRow &row, const wire::Issue &changed, const QString &user) {
    const QString now = nowString();
    m_db.transaction([&] {
        m_db.exec(u"UPDATE issues SET description = ?, status = ?, updated_at = ?, "
                  u"updated_by = ? WHERE id = ?"_s,
                  {changed.description, changed.status, now, user, row.id});
    });
    row.value.description = changed.description;
    row.value.status = changed.status;
    row.value.updatedAt = parseTime(now);
    row.value.updatedBy = user;
}

void IssueStore::remove(const IssueRow &row) {
    m_db.transaction([&] {
        QSqlQuery q = m_db.exec(u"DELETE FROM issues WHERE id = ?"_s, {row.id});
        if (q.numRowsAffected() == 0)
            throw StoreError::notFound();
    });
}

} // namespace segscope::server
