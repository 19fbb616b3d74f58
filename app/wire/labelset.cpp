#include "labelset.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

Labelset Labelset::read(const QJsonValue &v, const JsonPath &path, JsonError *error) {
    ObjectReader r(v, path, error);
    Labelset l;
    l.name = r.string("name"_L1);
    l.description = r.nullableString("description"_L1).value_or(QString());
    l.isGroundtruth = r.boolean("is_groundtruth"_L1, ObjectReader::Optional);
    l.createdAt = r.dateTime("created_at"_L1, ObjectReader::Optional);
    return l;
}

QJsonObject Labelset::toJson() const {
    QJsonObject o{
        {"name"_L1, name}, {"description"_L1, description}, {"is_groundtruth"_L1, isGroundtruth}};
    if (createdAt.isValid())
        o.insert("created_at"_L1, formatTime(createdAt));
    return o;
}

} // namespace segscope::wire
