#include "renderfiles.h"

using namespace Qt::StringLiterals;

namespace segscope::cli {

LabelFileBody LabelFileBody::read(const QJsonValue &v, const wire::JsonPath &path,
                                  wire::JsonError *error) {
    LabelFileBody body;
    if (v.isObject() && !v.toObject().contains("attributes"_L1))
        body.label.attributes = wire::LabelAttributes::read(v, path, error);
    else
        body.label = wire::Label::read(v, path, error);
    return body;
}

CategoriesFileBody CategoriesFileBody::read(const QJsonValue &v, const wire::JsonPath &path,
                                            wire::JsonError *error) {
    CategoriesFileBody body;
    const QJsonObject o = v.toObject();
    if (o.contains("task_type"_L1) || o.contains("full_name"_L1))
        body.task = wire::Dataset::read(v, path, error).taskAttributes;
    else if (o.value("task_attributes"_L1).isObject())
        body.task = wire::TaskAttributes::read(o.value("task_attributes"_L1),
                                               path.child("task_attributes"_L1), error);
    else if (o.contains("categories"_L1))
        body.task = wire::TaskAttributes::read(v, path, error);
    else
        *error = wire::JsonError{
            {}, u"expected a dataset, {\"task_attributes\": ...} or {\"categories\": ...}"_s};
    return body;
}

} // namespace segscope::cli
