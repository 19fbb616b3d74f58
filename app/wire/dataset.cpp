#include "dataset.h"

#include "vocabulary.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::wire {

const QList<DatasetFlagField> &datasetFlagFields() {
    static const QList<DatasetFlagField> fields{
        {"enable_ratings"_L1, &DatasetFlags::enableRatings},
        {"enable_skip_labeling"_L1, &DatasetFlags::enableSkipLabeling},
        {"enable_skip_reviewing"_L1, &DatasetFlags::enableSkipReviewing},
        {"enable_save_button"_L1, &DatasetFlags::enableSaveButton},
        {"enable_label_status_verified"_L1, &DatasetFlags::enableLabelStatusVerified},
        {"enable_same_dimensions_track_constraint"_L1,
         &DatasetFlags::enableSameDimensionsTrackConstraint},
        {"enable_3d_region_of_interest"_L1, &DatasetFlags::enable3dRegionOfInterest},
        {"enable_interpolation"_L1, &DatasetFlags::enableInterpolation},
        {"use_timestamps_for_interpolation"_L1, &DatasetFlags::useTimestampsForInterpolation},
        {"enable_object_linking"_L1, &DatasetFlags::enableObjectLinking},
    };
    return fields;
}

// Only `task_type` and a name (full_name, or owner and name) are needed; everything else has a
// default, and a wrong-typed extra is taken as absent (docs/api-contract.md §3.3).
Dataset Dataset::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Dataset d;
    d.name = r.string("name"_L1, ObjectReader::Optional);
    d.fullName = r.string("full_name"_L1, ObjectReader::Optional);
    const QJsonValue owner = r.object().value("owner"_L1);
    if (owner.isObject()) {
        const JsonPath p = path.child("owner"_L1);
        d.owner = User::readOwner(owner, p, error);
    } else if (owner.isString()) {
        d.owner.username = owner.toString();
    }
    const qsizetype slash = d.fullName.indexOf(u'/');
    if (d.owner.username.isEmpty() && slash > 0)
        d.owner.username = d.fullName.left(slash);
    if (d.name.isEmpty() && slash > 0)
        d.name = d.fullName.mid(slash + 1);
    if (d.fullName.isEmpty() && !d.owner.username.isEmpty() && !d.name.isEmpty())
        d.fullName = d.owner.username + u'/' + d.name;
    if (r.ok() && d.fullName.isEmpty())
        r.fail("full_name"_L1, u"required field is missing (and no owner and name to make it)"_s);
    d.description = r.nullableString("description"_L1).value_or(QString());
    d.category = r.string("category"_L1, ObjectReader::Optional);
    if (d.category.isEmpty())
        d.category = u"other"_s;
    d.isPublic = r.boolean("public"_L1, ObjectReader::Optional);
    d.archived = r.boolean("archived"_L1, ObjectReader::Optional);
    d.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    d.taskType = r.string("task_type"_L1);
    const QJsonObject stats = r.object("label_stats"_L1, ObjectReader::Optional);
    for (auto it = stats.begin(); it != stats.end() && r.ok(); ++it) {
        // toInteger() refuses fractions and what qint64 cannot hold (a cast of 1e300 is undefined).
        const qint64 count = it->toInteger();
        if (it->isDouble() && double(count) == it->toDouble()) {
            d.labelStats.insert(it.key(), count);
        } else if (r.strict()) {
            const JsonPath p = path.child("label_stats"_L1);
            *error = JsonError{p.toString() + u'.' + it.key(), u"expected an integer"_s};
        } // else: a count of another shape that the service may add, not one Segscope shows
    }
    d.metadata = r.object("metadata"_L1, ObjectReader::Optional);
    const DatasetFlags defaults;
    for (const DatasetFlagField &f : datasetFlagFields())
        d.flags.*f.member = r.boolean(f.key, ObjectReader::Optional, defaults.*f.member);
    // The SDK allows a count sent as a string.
    if (const auto count = r.lenientNumber("samples_count"_L1))
        d.samplesCount = qint64(*count);
    d.collaboratorsCount = r.optionalInteger("collaborators_count"_L1);
    QJsonValue taskAttributes = r.object().value("task_attributes"_L1);
    if (taskAttributes.isString()) // the SDK also sends it JSON-encoded
        taskAttributes = QJsonDocument::fromJson(taskAttributes.toString().toUtf8()).object();
    if (taskAttributes.isObject() && r.ok()) {
        const JsonPath p = path.child("task_attributes"_L1);
        d.taskAttributes = TaskAttributes::read(taskAttributes, p, error);
    }
    d.labelsets = r.list<Labelset>("labelsets"_L1, ObjectReader::Optional);
    d.role = r.string("role"_L1, ObjectReader::Optional);
    d.readme = r.string("readme"_L1, ObjectReader::Optional);
    return d;
}

QJsonObject Dataset::toJson() const {
    QJsonObject stats;
    for (auto it = labelStats.begin(); it != labelStats.end(); ++it)
        stats.insert(it.key(), it.value());
    QJsonObject o{{"name"_L1, name},
                  {"full_name"_L1, fullName},
                  {"description"_L1, description},
                  {"category"_L1, category},
                  {"public"_L1, isPublic},
                  {"archived"_L1, archived},
                  {"owner"_L1, owner.toOwnerJson()},
                  {"created_at"_L1, timeToJson(createdAt)},
                  {"task_type"_L1, taskType},
                  {"label_stats"_L1, stats},
                  {"metadata"_L1, metadata},
                  {"data_type"_L1, u"IMAGE"_s}};
    for (const DatasetFlagField &f : datasetFlagFields())
        o.insert(f.key, flags.*f.member);
    if (samplesCount)
        o.insert("samples_count"_L1, *samplesCount);
    if (collaboratorsCount)
        o.insert("collaborators_count"_L1, *collaboratorsCount);
    if (taskAttributes)
        o.insert("task_attributes"_L1, taskAttributes->toJson());
    if (!labelsets.isEmpty()) {
        QJsonArray sets;
        for (const Labelset &l : labelsets)
            sets.append(l.toJson());
        o.insert("labelsets"_L1, sets);
    }
    if (!role.isEmpty())
        o.insert("role"_L1, role);
    o.insert("readme"_L1, readme);
    return o;
}

} // namespace segscope::wire
