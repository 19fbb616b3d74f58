#include "sample.h"

#include "vocabulary.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

namespace {

// `{"url": ...}` of an image; the SDK's URL model allows the url to be missing or null.
QString readUrl(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    if (!v.isObject())
        return {};
    ObjectReader url(v, path, error);
    return url.nullableString("url"_L1).value_or(QString());
}

void readImageAttributes(Sample &s, const JsonPath &path, JsonError *error) {
    const JsonPath attrsPath = path.child("attributes"_L1);
    s.imageUrl = readUrl(s.attributes.value("image"_L1), attrsPath.child("image"_L1), error);
    const QJsonValue framesValue = s.attributes.value("frames"_L1);
    if (!framesValue.isArray())
        return;
    const QJsonArray frames = framesValue.toArray();
    const JsonPath framesPath = attrsPath.child("frames"_L1);
    s.frames.reserve(frames.size());
    for (qsizetype i = 0; i < frames.size() && !error->isSet(); ++i) {
        const JsonPath framePath = framesPath.at(i);
        ObjectReader frame(frames.at(i), framePath, error);
        SampleFrame f;
        f.name = frame.string("name"_L1, ObjectReader::Optional);
        f.timestamp = frame.lenientNumber("timestamp"_L1);
        f.imageUrl = readUrl(frame.object().value("image"_L1), framePath.child("image"_L1), error);
        s.frames.append(f);
    }
}

} // namespace

QString sampleKindName(SampleKind kind) {
    switch (kind) {
    case SampleKind::Image:
        return u"image"_s;
    case SampleKind::ImageSequence:
        return u"image sequence"_s;
    case SampleKind::PointCloud:
        return u"point cloud"_s;
    case SampleKind::PointCloudSequence:
        return u"point cloud sequence"_s;
    case SampleKind::MultiSensor:
        return u"multi-sensor sequence"_s;
    case SampleKind::Text:
        return u"text"_s;
    case SampleKind::Unknown:
        break;
    }
    return u"unknown data"_s;
}

// Docs: only uuid, name and attributes are needed to list and show a sample; the rest has a
// default, and the label of a list may be a summary, a full label or null.
Sample Sample::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Sample s;
    s.uuid = r.string("uuid"_L1);
    s.name = r.string("name"_L1);
    s.attributes = r.object("attributes"_L1);
    s.metadata = r.object("metadata"_L1, ObjectReader::Optional);
    s.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    s.createdBy = r.nullableString("created_by"_L1).value_or(QString());
    s.priority = r.number("priority"_L1, ObjectReader::Optional);
    s.dataType = r.string("data_type"_L1, ObjectReader::Optional);
    if (r.ok())
        readImageAttributes(s, path, error);
    s.readme = r.string("readme"_L1, ObjectReader::Optional);
    s.assignedLabeler = r.nullableString("assigned_labeler"_L1);
    s.assignedReviewer = r.nullableString("assigned_reviewer"_L1);
    s.datasetFullName = r.string("dataset_full_name"_L1, ObjectReader::Optional);
    const QJsonValue label = r.object().value("label"_L1);
    if (label.isNull() && r.object().contains("label"_L1)) {
        s.label = LabelSummary{u"UNLABELED"_s, {}, {}, {}, {}};
    } else if (r.has("label"_L1) && r.ok()) {
        // A full Label carries its `attributes`; a list's summary does not.
        const JsonPath p = path.child("label"_L1);
        const QJsonObject o = r.object("label"_L1, ObjectReader::Checked);
        if (o.contains("attributes"_L1)) {
            s.fullLabel = Label::read(o, p, error);
            s.label = s.fullLabel->summary();
        } else if (r.ok()) {
            s.label = LabelSummary::read(o, p, error);
        }
    }
    return s;
}

QJsonObject Sample::toJson() const {
    QJsonObject o{
        {"uuid"_L1, uuid},
        {"name"_L1, name},
        {"metadata"_L1, metadata},
        {"created_at"_L1, timeToJson(createdAt)},
        {"created_by"_L1, createdBy},
        {"priority"_L1, priority},
        {"attributes"_L1, attributes},
        {"readme"_L1, readme},
        {"assigned_labeler"_L1, assignedLabeler ? QJsonValue(*assignedLabeler) : QJsonValue()},
        {"assigned_reviewer"_L1, assignedReviewer ? QJsonValue(*assignedReviewer) : QJsonValue()}};
    if (!dataType.isEmpty())
        o.insert("data_type"_L1, dataType);
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

SampleKind Sample::kind() const {
    if (attributes.value("image"_L1).isObject())
        return SampleKind::Image;
    if (attributes.value("frames"_L1).isArray()) {
        const QJsonArray frames = attributes.value("frames"_L1).toArray();
        const QJsonObject first = frames.isEmpty() ? QJsonObject() : frames.first().toObject();
        if (first.contains("pcd"_L1))
            return SampleKind::PointCloudSequence;
        return SampleKind::ImageSequence; // an empty sequence is still a sequence
    }
    if (attributes.value("pcd"_L1).isObject())
        return SampleKind::PointCloud;
    if (attributes.value("sensors"_L1).isArray())
        return SampleKind::MultiSensor;
    if (attributes.value("text"_L1).isString())
        return SampleKind::Text;
    return SampleKind::Unknown;
}

} // namespace segscope::wire
