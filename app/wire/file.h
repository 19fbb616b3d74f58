#pragma once

#include "jsonreader.h"

#include <QPair>

namespace segscope::wire {

//! An uploaded asset and where to post its bytes (docs/api-contract.md §7).
struct File {
    QString uuid;
    QString filename;
    QString url; //!< the public url to use in sample or label attributes
    QDateTime createdAt;
    QString uploadUrl; //!< presignedPostFields.url
    //! presignedPostFields.fields, sent as form parts in this order before the `file` part.
    QList<QPair<QString, QString>> uploadFields;

    static File read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

} // namespace segscope::wire
