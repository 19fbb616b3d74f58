#include "labelstore.h"

#include "http/httperror.h"
#include "wire/vocabulary.h"
#include "store/database.h"
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

wire::Label LabelStore::get(const SampleRow &sample, const LabelsetRow &labelset) {
    QSqlQuery q = m_db.exec(u"SELECT "_s + columns() +
                                u" FROM labels l WHERE l.sample_id = ? AND l.labelset_id = ?"_s,
                            {sample.id, labelset.id});
    if (!q.next())
        throw HttpError::notFound();
    return fromQuery(q, 0, sample.value.uuid, labelset.value.name);
}

wire::Label LabelStore::write(const DatasetRow &dataset, const SampleRow &sample,
                               const LabelsetRow &labelset, const QJsonObject &body,
                               const QString &user, bool replace) {
    std::optional<wire::Label> existing;
    try {
        existing = get(sample, labelset);
    } catch (const HttpError &) {
    }
    if (!replace && !existing)
        throw HttpError::notFound();

    wire::Label l = existing.value_or(wire::Label{});
    l.sampleUuid = sample.value.uuid;
    l.labelset = labelset.value.name;
    l.labelType = dataset.value.taskType;
    if (replace || body.contains("attributes"_L1)) {
        QJsonValue attrs = body.value("attributes"_L1);
        if (attrs.isString()) { // the SDK may send attributes as a JSON string
            QJsonParseError parseError;
            const QJsonDocument doc =
                QJsonDocument::fromJson(attrs.toString().toUtf8(), &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject())
                throw HttpError::field(u"attributes"_s, u"The string is not a JSON object."_s);
            attrs = doc.object();
        }
        if (!attrs.isObject())
            throw HttpError::field(u"attributes"_s,
                                   u"This field is required and must be an object."_s);
        wire::JsonError error;
        const auto parsed = wire::readValue<wire::LabelAttributes>(attrs, &error);
        if (!parsed)
            throw HttpError::field(u"attributes"_s, error.toString());
        const wire::TaskAttributes ta =
            dataset.value.taskAttributes.value_or(wire::TaskAttributes{});
        QSet<qint64> ids;
        for (const wire::Annotation &a : parsed->annotations) {
            if (!ta.category(a.categoryId))
                throw HttpError::field(
                    u"attributes"_s,
                    u"annotation %1: category_id %2 is not a category of this dataset"_s.arg(a.id)
                        .arg(a.categoryId));
            if (ids.contains(a.id))
                throw HttpError::field(u"attributes"_s,
                                       u"annotation id %1 is used twice"_s.arg(a.id));
            ids.insert(a.id);
        }
        l.attributes = *parsed;
    }
    if (body.contains("label_status"_L1) || replace) {
        const QJsonValue st = body.value("label_status"_L1);
        const QString status = st.isUndefined() ? u"PRELABELED"_s : st.toString();
        if (!wire::isLabelStatus(status) || status == "UNLABELED"_L1)
            throw HttpError::field(u"label_status"_s, u"\"%1\" is not a valid choice."_s.arg(
                                                          st.toVariant().toString()));
        l.labelStatus = status;
    }
    if (body.contains("score"_L1)) {
        const QJsonValue score = body.value("score"_L1);
        if (!score.isNull() && !score.isDouble())
            throw HttpError::field(u"score"_s, u"A valid number is required."_s);
        l.score = score.isNull() ? std::nullopt : std::optional<double>(score.toDouble());
    }
    const QString now = nowString();
    l.updatedAt = parseTime(now);
    l.updatedBy = user;
    if (!existing) {
        l.createdAt = l.updatedAt;
        l.createdBy = user;
    }
    if (l.labelStatus == "REVIEWED"_L1 || l.labelStatus == "REJECTED"_L1 ||
        l.labelStatus == "VERIFIED"_L1) {
        l.reviewedAt = l.updatedAt;
        l.reviewedBy = user;
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

void LabelStore::remove(const SampleRow &sample, const LabelsetRow &labelset) {
    m_db.transaction([&] {
        QSqlQuery q = m_db.exec(u"DELETE FROM labels WHERE sample_id = ? AND labelset_id = ?"_s,
                                {sample.id, labelset.id});
        if (q.numRowsAffected() == 0)
            throw HttpError::notFound();
        if (labelset.value.isGroundtruth)
            m_db.exec(u"UPDATE samples SET gt_updated_at = '' WHERE id = ?"_s, {sample.id});
    });
}

} // namespace segscope::server
