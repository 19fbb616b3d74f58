#include "requestbodies.h"

#include "wire/contract.h"
#include "wire/vocabulary.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

//! Dataset and labelset names: they appear in URLs, so a slug.
void checkSlug(const BodyReader &r, QLatin1StringView key, const QString &name) {
    static const QRegularExpression slug(u"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"_s);
    if (!slug.match(name).hasMatch())
        r.fail(key, u"Use letters, digits, '-', '_' or '.' (at most 100)."_s);
}

//! `image`, when the object has one, must hold a non-empty `url`; `where` names the object.
void checkImage(const BodyReader &r, const QJsonObject &holder, const QString &where) {
    if (!holder.contains("image"_L1))
        return;
    const QJsonValue url = holder.value("image"_L1).toObject().value("url"_L1);
    if (!holder.value("image"_L1).isObject() || !url.isString() || url.toString().isEmpty())
        r.fail("attributes"_L1, where + u".image.url: expected a non-empty string"_s);
}

//! An image, or an image sequence (`frames`, each an object with the same rule for its image).
void checkSampleAttributes(const BodyReader &r, const QJsonObject &attrs) {
    checkImage(r, attrs, u"attributes"_s);
    if (!attrs.contains("frames"_L1))
        return;
    if (!attrs.value("frames"_L1).isArray())
        r.fail("attributes"_L1, u"attributes.frames: expected an array"_s);
    const QJsonArray frames = attrs.value("frames"_L1).toArray();
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const QString where = u"attributes.frames[%1]"_s.arg(i);
        if (!frames.at(i).isObject())
            r.fail("attributes"_L1, where + u": expected an object"_s);
        checkImage(r, frames.at(i).toObject(), where);
    }
}

//! What an annotation must carry beyond an id and a category, by task type (the SDK's models).
struct AnnotationRule {
    bool shape = false; //!< vector kinds: a `type` and its `points`
    bool track = false; //!< image sequences (their annotations are per frame): a `track_id`
};

AnnotationRule annotationRule(const QString &taskType) {
    const bool sequence =
        taskType == "image-segmentation-sequence"_L1 || taskType == "image-vector-sequence"_L1;
    const bool vector = taskType == "bboxes"_L1 || taskType == "vector"_L1 ||
                        taskType == "keypoints"_L1 || taskType == "image-vector-sequence"_L1;
    return AnnotationRule{vector, sequence};
}

//! Every annotation's category is one of the dataset's, no id is used twice, and it has what
//! `rule` asks; `where` prefixes the message for a sequence's frame.
void checkAnnotations(const BodyReader &r, const QList<wire::Annotation> &annotations,
                      const wire::TaskAttributes &categories, AnnotationRule rule,
                      const QString &where) {
    static const QStringList shapes{u"bbox"_s, u"polygon"_s, u"polyline"_s, u"point"_s};
    QSet<qint64> ids;
    for (const wire::Annotation &a : annotations) {
        if (rule.shape && !shapes.contains(a.type))
            r.fail("attributes"_L1,
                   where +
                       u"annotation %1: type must be bbox, polygon, polyline or point"_s.arg(a.id));
        if (rule.shape && a.points.isEmpty())
            r.fail("attributes"_L1,
                   where + u"annotation %1: points: expected a list of [x, y]"_s.arg(a.id));
        if (rule.track && !a.trackId)
            r.fail("attributes"_L1,
                   where + u"annotation %1: track_id is required in a sequence"_s.arg(a.id));
        if (!categories.category(a.categoryId))
            r.fail("attributes"_L1,
                   where + u"annotation %1: category_id %2 is not a category of this dataset"_s
                               .arg(a.id)
                               .arg(a.categoryId));
        if (ids.contains(a.id))
            r.fail("attributes"_L1, where + u"annotation id %1 is used twice"_s.arg(a.id));
        ids.insert(a.id);
    }
}

//! A sequence label (image-segmentation-sequence, image-vector-sequence): `frames`, each frame
//! the attributes of a one-image label (read by wire into `frameAttributes`): `annotations`
//! (checked as for one image) and, for segmentation, `segmentation_bitmap`.
void checkFrames(const BodyReader &r, const QJsonObject &attrs, const wire::LabelAttributes &parsed,
                 bool segmentation, const wire::TaskAttributes &categories, AnnotationRule rule) {
    if (!attrs.value("frames"_L1).isArray())
        r.fail("attributes"_L1, u"frames: a sequence label needs a list of frames"_s);
    const QJsonArray frames = attrs.value("frames"_L1).toArray();
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const QString where = u"frames[%1]"_s.arg(i);
        const QJsonObject frame = frames.at(i).toObject();
        if (!frames.at(i).isObject() || !frame.value("annotations"_L1).isArray())
            r.fail("attributes"_L1, where + u".annotations: expected a list"_s);
        if (segmentation && !frame.value("segmentation_bitmap"_L1).isObject())
            r.fail("attributes"_L1, where + u".segmentation_bitmap: expected an object"_s);
        checkAnnotations(r, parsed.frameAttributes.value(i).annotations, categories, rule,
                         where + u": "_s);
    }
}

} // namespace

void readSampleBody(const QJsonValue &body, BodyReader::Mode mode, const wire::JsonPath &path,
                    wire::Sample &into) {
    const BodyReader r(body, mode, path, u"Expected a JSON object for a sample."_s);
    r.require("name"_L1);
    if (auto name = r.text("name"_L1, {true, 255}))
        into.name = *name;
    if (auto attributes = r.object("attributes"_L1)) {
        checkSampleAttributes(r, *attributes);
        into.attributes = *attributes;
    }
    if (auto metadata = r.object("metadata"_L1))
        into.metadata = *metadata;
    if (auto priority = r.number("priority"_L1))
        into.priority = *priority;
    if (auto readme = r.text("readme"_L1))
        into.readme = *readme;
    if (auto labeler = r.nullableText("assigned_labeler"_L1))
        into.assignedLabeler = *labeler;
    if (auto reviewer = r.nullableText("assigned_reviewer"_L1))
        into.assignedReviewer = *reviewer;
}

void readDatasetBody(const QJsonValue &body, BodyReader::Mode mode, wire::Dataset &into) {
    const wire::JsonPath root;
    const BodyReader r(body, mode, root, u"Expected a JSON object as the request body."_s);
    r.require("name"_L1);
    if (auto name = r.text("name"_L1)) {
        checkSlug(r, "name"_L1, *name);
        into.name = *name;
    }
    if (auto description = r.text("description"_L1))
        into.description = *description;
    if (auto readme = r.text("readme"_L1))
        into.readme = *readme;
    if (auto category = r.text("category"_L1)) {
        if (!wire::isDatasetCategory(*category))
            r.fail("category"_L1, u"\"%1\" is not a valid choice."_s.arg(*category));
        into.category = *category;
    }
    if (auto taskType = r.text("task_type"_L1)) {
        if (!wire::isTaskType(*taskType))
            r.fail("task_type"_L1, u"\"%1\" is not a valid choice."_s.arg(*taskType));
        into.taskType = *taskType;
    }
    if (auto isPublic = r.boolean("public"_L1))
        into.isPublic = *isPublic;
    if (auto archived = r.boolean("archived"_L1))
        into.archived = *archived;
    if (auto metadata = r.object("metadata"_L1))
        into.metadata = *metadata;
    for (const wire::DatasetFlagField &f : wire::datasetFlagFields()) {
        if (auto flag = r.boolean(f.key))
            into.flags.*f.member = *flag;
    }
    if (auto value = r.valueOrJsonText("task_attributes"_L1)) {
        wire::JsonError error = wire::JsonError::strictReading();
        const auto ta = wire::readValue<wire::TaskAttributes>(*value, &error);
        if (!ta)
            r.fail("task_attributes"_L1, error.toString());
        QSet<qint64> ids;
        for (const wire::Category &c : ta->categories) {
            if (ids.contains(c.id))
                r.fail("task_attributes"_L1, u"category id %1 is used twice"_s.arg(c.id));
            ids.insert(c.id);
        }
        into.taskAttributes = *ta;
    }
}

wire::Labelset readLabelsetBody(const QJsonValue &body) {
    const wire::JsonPath root;
    const BodyReader r(body, BodyReader::Create, root,
                       u"Expected a JSON object as the request body."_s);
    wire::Labelset l;
    r.require("name"_L1);
    l.name = r.text("name"_L1).value_or(QString());
    checkSlug(r, "name"_L1, l.name);
    l.description = r.text("description"_L1).value_or(QString());
    return l;
}

void readLabelBody(const QJsonValue &body, BodyReader::Mode mode, const QString &taskType,
                   const wire::TaskAttributes &categories, wire::Label &into) {
    const wire::JsonPath root;
    const BodyReader r(body, mode, root, u"Expected a JSON object as the request body."_s);
    r.require("attributes"_L1);
    if (auto attrs = r.valueOrJsonText("attributes"_L1)) {
        if (!attrs->isObject())
            r.fail("attributes"_L1, u"This field is required and must be an object."_s);
        wire::JsonError error = wire::JsonError::strictReading();
        auto parsed = wire::readValue<wire::LabelAttributes>(*attrs, &error);
        if (!parsed)
            r.fail("attributes"_L1, error.toString());
        const AnnotationRule rule = annotationRule(taskType);
        if (rule.track) {
            checkAnnotations(r, parsed->annotations, categories, {}, {});
            checkFrames(r, attrs->toObject(), *parsed, wire::isSegmentationTaskType(taskType),
                        categories, rule);
        } else {
            checkAnnotations(r, parsed->annotations, categories, rule, {});
            // The SDK's segmentation attributes need the key; its url may be null (a SKIPPED
            // label has no bitmap).
            if (wire::isSegmentationTaskType(taskType))
                parsed->hasBitmapField = true;
        }
        into.attributes = *parsed;
    }
    if (r.has("label_status"_L1) || mode == BodyReader::Create) {
        // A label written without a status is a prediction until someone says otherwise.
        const QJsonValue st = r.object().value("label_status"_L1);
        const QString status = st.isUndefined() ? u"PRELABELED"_s : st.toString();
        if (!wire::isLabelStatus(status) || status == "UNLABELED"_L1)
            r.fail("label_status"_L1,
                   u"\"%1\" is not a valid choice."_s.arg(st.toVariant().toString()));
        into.labelStatus = status;
    }
    if (auto score = r.nullableNumber("score"_L1))
        into.score = *score;
}

void readIssueBody(const QJsonValue &body, BodyReader::Mode mode, wire::Issue &into) {
    const wire::JsonPath root;
    const BodyReader r(body, mode, root, u"Expected a JSON object as the request body."_s);
    r.require("description"_L1);
    if (auto description = r.text("description"_L1, {true, kMaxIssueDescription}))
        into.description = *description;
    if (auto status = r.text("status"_L1)) {
        if (!wire::issueStatuses().contains(*status))
            r.fail("status"_L1, u"\"%1\" is not a valid choice."_s.arg(*status));
        into.status = *status;
    }
}

QString readAssetBody(const QJsonValue &body) {
    const wire::JsonPath root;
    const BodyReader r(body, BodyReader::Create, root,
                       u"Expected a JSON object as the request body."_s);
    r.require("filename"_L1);
    return *r.text("filename"_L1, {true, 255});
}

} // namespace segscope::server
