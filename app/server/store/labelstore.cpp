#include "labelstore.h"

#include "store/database.h"
#include "store/storeerror.h"
#include "store/timestamps.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::server {

QString LabelStore::columns() {
    return u"l.label_type, l.status, l.attributes, l.score, l.rating, l.created_at, l.created_by, "
           u"l.updated_at, l.updated_by, l.reviewed_at, l.reviewed_by"_s;
}

wire::Label LabelStore::fromQuery(const QSqlQuery &q, int first, const QString &sampleUuid,
                                  const QString &labelsetName) {
    wire::Label l;
    l.sampleUuid = sampleUuid;
    l.labelset = labelsetName;
    l.labelType = q.value(first).toString();
    l.labelStatus = q.value(first + 1).toString();
    wire::JsonError error;
    l.attributes =
        wire::readValue<wire::LabelAttributes>(
            QJsonDocument::fromJson(q.value(first + 2).toString().toUtf8()).object(), &error)
            .value_or(wire::LabelAttributes{});
    if (!q.value(first + 3).isNull())
        l.score = q.value(first + 3).toDouble();
    if (!q.value(first + 4).isNull())
        l.rating = q.value(first + 4).toDouble();
    l.createdAt = parseTime(q.value(first + 5).toString());
    l.createdBy = q.value(first + 6).toString();
    l.updatedAt = parseTime(q.value(first + 7).toString());
    l.updatedBy = q.value(first + 8).toString();
    if (!q.value(first + 9).isNull())
        l.reviewedAt = parseTime(q.value(first + 9).toString());
    l.reviewedBy = q.value(first + 10).toString();
    return l;
}

std::optional<wire::Label> LabelStore::find(const StoredSample &sample,
                                            const LabelsetRow &labelset) {
    QSqlQuery q = m_db.exec(u"SELECT "_s + columns() +
                                u" FROM labels l WHERE l.sample_id = ? AND l.labelset_id = ?"_s,
                            {sample.id, labelset.id});
    if (!q.next())
        return std::nullopt;
    return fromQuery(q, 0, sample.value.uuid, labelset.value.name);
}

wire::Label LabelStore::get(const StoredSample &sample, const LabelsetRow &labelset) {
    std::optional<wire::Label> label = find(sample, labelset);
    if (!label)
        throw StoreError::notFound();
    return *label;
}

wire::Label LabelStore::write(const StoredSample &sample, const LabelsetRow &labelset,
                              wire::Label label, const QString &user, bool isNew) {
    wire::Label &l = label;
    l.sampleUuid = sample.value.uuid;
    l.labelset = labelset.value.name;
    const QString now = nowString();
    l.updatedAt = parseTime(now);
    l.updatedBy = user;
    if (isNew) {
        l.createdAt = l.updatedAt;
        l.createdBy = user;
    }
    if (l.labelStatus == "REVIEWED"_L1 || l.labelStatus == "REJECTED"_L1 ||
        l.labelStatus == "VERIFIED"_L1) {
        l.reviewedAt = l.updatedAt;
        l.reviewedBy = user;
    } else {
        // Any other status (an undo back to LABELED) takes the review back: a label never
        // looks reviewed when it is not.
        l.reviewedAt = QDateTime();
        l.reviewedBy.clear();
    }
    const QString attrsText =
        QString::fromUtf8(QJsonDocument(l.attributes.toJson()).toJson(QJsonDocument::Compact));
    m_db.transaction([&] {
        m_db.exec(u"INSERT OR REPLACE INTO labels (sample_id, labelset_id, label_type, status, "
                  u"attributes, score, rating, created_at, created_by, updated_at, updated_by, "
                  u"reviewed_at, reviewed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                  {sample.id, labelset.id, l.labelType, l.labelStatus, attrsText,
                   l.score ? QVariant(*l.score) : QVariant(),
                   l.rating ? QVariant(*l.rating) : QVariant(), wire::formatTime(l.createdAt),
                   l.createdBy, now, user,
                   l.reviewedAt.isValid() ? QVariant(wire::formatTime(l.reviewedAt)) : QVariant(),
                   l.reviewedBy.isEmpty() ? QVariant() : QVariant(l.reviewedBy)});
        if (labelset.value.isGroundtruth)
            m_db.exec(u"UPDATE samples SET gt_updated_at = ? WHERE id = ?"_s, {now, sample.id});
    });
    return l;
}

void LabelStore::remove(const StoredSample &sample, const LabelsetRow &labelset) {
    m_db.transaction([&] {
        QSqlQuery q = m_db.exec(u"DELETE FROM labels WHERE sample_id = ? AND labelset_id = ?"_s,
                                {sample.id, labelset.id});
        if (q.numRowsAffected() == 0)
            throw StoreError::notFound();
        if (labelset.value.isGroundtruth)
            m_db.exec(u"UPDATE samples SET gt_updated_at = '' WHERE id = ?"_s, {sample.id});
    });
}

} // namespace segscope::server
