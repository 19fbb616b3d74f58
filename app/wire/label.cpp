#include "label.h"

#include "vocabulary.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

namespace {

// A status the client does not know (one the service adds later) is kept and shown as it is;
// only a strict reading (the server's) refuses it.
QString readStatus(ObjectReader &r, ObjectReader::Need need) {
    const QString s = r.string("label_status"_L1, need);
    if (r.ok() && r.strict() && !isLabelStatus(s))
        r.fail("label_status"_L1, u"unknown label status \""_s + s + u'"');
    return s;
}

} // namespace

Annotation Annotation::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Annotation a;
    a.id = r.integer("id"_L1, r.strict() ? ObjectReader::Required : ObjectReader::Checked);
    // Bitmap ids are 24 bits (§6); other kinds (point clouds) may use larger ones, which the
    // bitmap code never matches, so only the strict (server) reading refuses them.
    if (r.ok() && r.strict() && (a.id < 0 || a.id > 0xFFFFFF))
        r.fail("id"_L1, u"expected an id from 0 to 16777215"_s);
    a.categoryId = r.integer("category_id"_L1);
    a.type = r.string("type"_L1, ObjectReader::Optional);
    a.attributes = r.object("attributes"_L1, ObjectReader::Optional);
    a.trackId = r.optionalInteger("track_id"_L1);
    const QJsonArray pts = r.array("points"_L1, ObjectReader::Checked);
    const JsonPath pointsPath = path.child("points"_L1);
    a.points.reserve(pts.size());
    for (qsizetype i = 0; i < pts.size() && r.ok(); ++i) {
        const QJsonArray p = pts.at(i).toArray();
        if (p.size() < 2 || !p.at(0).isDouble() || !p.at(1).isDouble()) {
            *error = JsonError{pointsPath.at(i).toString(), u"expected a point [x, y]"_s};
            break;
        }
        a.points.append(QPointF(p.at(0).toDouble(), p.at(1).toDouble()));
    }
    return a;
}

QJsonObject Annotation::toJson() const {
    QJsonObject o{{"id"_L1, id}, {"category_id"_L1, categoryId}};
    if (!type.isEmpty()) {
        o.insert("type"_L1, type);
        QJsonArray pts;
        for (const QPointF &p : points)
            pts.append(QJsonArray{p.x(), p.y()});
        o.insert("points"_L1, pts);
    }
    if (!attributes.isEmpty())
        o.insert("attributes"_L1, attributes);
    if (trackId)
        o.insert("track_id"_L1, *trackId);
    return o;
}

LabelAttributes LabelAttributes::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    LabelAttributes a;
    a.formatVersion = r.string("format_version"_L1, ObjectReader::Optional);
    if (a.formatVersion.isEmpty())
        a.formatVersion = u"0.1"_s;
    a.annotations = r.list<Annotation>("annotations"_L1, ObjectReader::Checked);
    a.hasBitmapField = r.object().contains("segmentation_bitmap"_L1);
    if (r.has("segmentation_bitmap"_L1) && r.ok()) {
        const JsonPath p = path.child("segmentation_bitmap"_L1);
        const QJsonObject bitmapObject = r.object("segmentation_bitmap"_L1, ObjectReader::Checked);
        ObjectReader bitmap(bitmapObject, p, error);
        a.bitmapUrl = bitmap.nullableString("url"_L1, ObjectReader::Checked).value_or(QString());
    }
    a.imageAttributes = r.object("image_attributes"_L1, ObjectReader::Optional);
    a.frames = r.array("frames"_L1, ObjectReader::Checked);
    if (!a.frames.isEmpty() && r.ok()) {
        const JsonPath framesPath = path.child("frames"_L1);
        a.frameAttributes.reserve(a.frames.size());
        for (qsizetype i = 0; i < a.frames.size() && r.ok(); ++i)
            a.frameAttributes.append(
                LabelAttributes::read(a.frames.at(i), framesPath.at(i), error));
    }
    return a;
}

QJsonObject LabelAttributes::toJson() const {
    QJsonArray anns;
    for (const Annotation &a : annotations)
        anns.append(a.toJson());
    QJsonObject o{{"format_version"_L1, formatVersion}, {"annotations"_L1, anns}};
    if (hasBitmapField) {
        o.insert(
            "segmentation_bitmap"_L1,
            QJsonObject{{"url"_L1, bitmapUrl.isEmpty() ? QJsonValue() : QJsonValue(bitmapUrl)}});
    }
    if (!imageAttributes.isEmpty())
        o.insert("image_attributes"_L1, imageAttributes);
    if (!frames.isEmpty())
        o.insert("frames"_L1, frames);
    return o;
}

const Annotation *LabelAttributes::annotation(qint64 id) const {
    for (const Annotation &a : annotations) {
        if (a.id == id)
            return &a;
    }
    return nullptr;
}

Label Label::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Label l;
    l.sampleUuid = r.string("sample_uuid"_L1, ObjectReader::Optional);
    l.labelType = r.string("label_type"_L1, ObjectReader::Optional);
    l.labelStatus = readStatus(r, ObjectReader::Optional);
    l.labelset = r.string("labelset"_L1, ObjectReader::Optional);
    l.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    l.createdBy = r.nullableString("created_by"_L1).value_or(QString());
    l.updatedAt = r.dateTime("updated_at"_L1, ObjectReader::Optional);
    l.updatedBy = r.nullableString("updated_by"_L1).value_or(QString());
    l.score = r.optionalNumber("score"_L1);
    l.rating = r.optionalNumber("rating"_L1);
    l.reviewedAt = r.dateTime("reviewed_at"_L1, ObjectReader::Optional);
    l.reviewedBy = r.nullableString("reviewed_by"_L1).value_or(QString());
    l.attributes = r.child<LabelAttributes>("attributes"_L1);
    return l;
}

LabelSummary Label::summary() const {
    return LabelSummary{labelStatus, score, updatedAt, createdBy, reviewedBy};
}

QJsonObject Label::toJson() const {
    auto orNull = [](const QString &s) {
        return s.isEmpty() ? QJsonValue() : QJsonValue(s);
    };
    QJsonObject o{{"sample_uuid"_L1, sampleUuid},
                  {"label_type"_L1, labelType},
                  {"label_status"_L1, labelStatus},
                  {"labelset"_L1, labelset},
                  {"created_at"_L1, timeToJson(createdAt)},
                  {"created_by"_L1, orNull(createdBy)},
                  {"updated_at"_L1, timeToJson(updatedAt)},
                  {"updated_by"_L1, orNull(updatedBy)},
                  {"score"_L1, score ? QJsonValue(*score) : QJsonValue()},
                  {"rating"_L1, rating ? QJsonValue(*rating) : QJsonValue()},
                  {"reviewed_at"_L1, timeToJson(reviewedAt)},
                  {"reviewed_by"_L1, orNull(reviewedBy)},
                  {"attributes"_L1, attributes.toJson()}};
    return o;
}

LabelSummary LabelSummary::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    LabelSummary s;
    s.labelStatus = readStatus(r, ObjectReader::Optional);
    s.score = r.optionalNumber("score"_L1);
    s.updatedAt = r.dateTime("updated_at"_L1, ObjectReader::Optional);
    s.createdBy = r.nullableString("created_by"_L1).value_or(QString());
    s.reviewedBy = r.nullableString("reviewed_by"_L1).value_or(QString());
    return s;
}

QJsonObject LabelSummary::toJson() const {
    auto orNull = [](const QString &s) {
        return s.isEmpty() ? QJsonValue() : QJsonValue(s);
    };
    return QJsonObject{{"label_status"_L1, labelStatus},
                       {"score"_L1, score ? QJsonValue(*score) : QJsonValue()},
                       {"updated_at"_L1, timeToJson(updatedAt)},
                       {"created_by"_L1, orNull(createdBy)},
                       {"reviewed_by"_L1, orNull(reviewedBy)}};
}

} // namespace segscope::wire
