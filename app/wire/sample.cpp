#include "sample.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

namespace {

void readImageAttributes(Sample &s, ObjectReader &r, const JsonPath &path, JsonError *error) {
    const JsonPath attrsPath = path.child("attributes"_L1);
    if (s.attributes.contains("image"_L1)) {
        const JsonPath imagePath = attrsPath.child("image"_L1);
        ObjectReader image(s.attributes.value("image"_L1), imagePath, error);
        s.imageUrl = image.string("url"_L1);
    }
    if (s.attributes.contains("frames"_L1) && r.ok()) {
        ObjectReader attrs(s.attributes, attrsPath, error);
        const QJsonArray frames = attrs.array("frames"_L1);
        const JsonPath framesPath = attrsPath.child("frames"_L1);
        for (qsizetype i = 0; i < frames.size() && r.ok(); ++i) {
            const JsonPath framePath = framesPath.at(i);
            ObjectReader frame(frames.at(i), framePath, error);
            SampleFrame f;
            f.name = frame.string("name"_L1, ObjectReader::Optional);
            f.timestamp = frame.lenientNumber("timestamp"_L1);
            if (frame.has("image"_L1)) {
                const JsonPath imagePath = framePath.child("image"_L1);
                ObjectReader image(frame.object().value("image"_L1), imagePath, error);
                f.imageUrl = image.string("url"_L1);
            }
            s.frames.append(f);
        }
    }
}

} // namespace

Sample Sample::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Sample s;
    s.uuid = r.string("uuid"_L1);
    s.name = r.string("name"_L1);
    s.metadata = r.object("metadata"_L1);
    s.createdAt = r.dateTime("created_at"_L1);
    s.createdBy = r.nullableString("created_by"_L1).value_or(QString());
    if (r.ok() && !r.object().contains("created_by"_L1))
        r.fail("created_by"_L1, u"required field is missing"_s);
    s.priority = r.number("priority"_L1);
    s.attributes = r.object("attributes"_L1, ObjectReader::Optional);
    if (r.ok())
        readImageAttributes(s, r, path, error);
    s.readme = r.string("readme"_L1, ObjectReader::Optional);
    s.assignedLabeler = r.nullableString("assigned_labeler"_L1);
    s.assignedReviewer = r.nullableString("assigned_reviewer"_L1);
    s.datasetFullName = r.string("dataset_full_name"_L1, ObjectReader::Optional);
    if (r.has("label"_L1)) {
        const QJsonObject label = r.object("label"_L1);
        const JsonPath p = path.child("label"_L1);
        if (label.contains("sample_uuid"_L1)) {
            s.fullLabel = Label::read(label, p, error);
            s.label =
                LabelSummary{s.fullLabel->labelStatus, s.fullLabel->score, s.fullLabel->updatedAt,
                             s.fullLabel->createdBy, s.fullLabel->reviewedBy};
        } else {
            s.label = LabelSummary::read(label, p, error);
        }
    }
    return s;
}

QJsonObject Sample::toJson() const {
    QJsonObject o{
        {"uuid"_L1, uuid},
        {"name"_L1, name},
        {"metadata"_L1, metadata},
        {"created_at"_L1, formatTime(createdAt)},
        {"created_by"_L1, createdBy},
        {"priority"_L1, priority},
        {"attributes"_L1, attributes},
        {"readme"_L1, readme},
        {"assigned_labeler"_L1, assignedLabeler ? QJsonValue(*assignedLabeler) : QJsonValue()},
        {"assigned_reviewer"_L1, assignedReviewer ? QJsonValue(*assignedReviewer) : QJsonValue()}};
    if (!datasetFullName.isEmpty())
        o.insert("dataset_full_name"_L1, datasetFullName);
    if (fullLabel)
        o.insert("label"_L1, fullLabel->toJson());
    else if (label)
        o.insert("label"_L1, label->toJson());
    return o;
}

QString Sample::displayImageUrl() const {
    if (!imageUrl.isEmpty())
        return imageUrl;
    for (const SampleFrame &f : frames) {
        if (!f.imageUrl.isEmpty())
            return f.imageUrl;
    }
    return {};
}

} // namespace segscope::wire
