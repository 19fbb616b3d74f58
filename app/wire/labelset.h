#pragma once

#include "jsonreader.h"

namespace segscope::wire {

struct Labelset {
    QString name;
    QString description;
    bool isGroundtruth = false;
    QDateTime createdAt;

    static Labelset read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

} // namespace segscope::wire
