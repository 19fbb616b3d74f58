#pragma once

#include "jsonreader.h"

namespace segscope::model {

struct Labelset {
    QString name;
    QString description;
    bool isGroundtruth = false;
    QDateTime createdAt;

    static Labelset read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

} // namespace segscope::model
