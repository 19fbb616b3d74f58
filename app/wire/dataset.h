#pragma once

#include "labelset.h"
#include "taskattributes.h"
#include "user.h"

#include <QMap>

namespace segscope::wire {

//! The dataset switches every Dataset carries (docs/api-contract.md §3), all required booleans.
struct DatasetFlags {
    bool enableRatings = false;
    bool enableSkipLabeling = true;
    bool enableSkipReviewing = false;
    bool enableSaveButton = false;
    bool enableLabelStatusVerified = false;
    bool enableSameDimensionsTrackConstraint = false;
    bool enable3dRegionOfInterest = false;
    bool enableInterpolation = true;
    bool useTimestampsForInterpolation = false;
    bool enableObjectLinking = false;
};

struct Dataset {
    QString name;
    QString fullName; //!< owner/name
    QString description;
    QString category = QStringLiteral("other");
    bool isPublic = false;
    bool archived = false;
    User owner;
    QDateTime createdAt;
    QString taskType = QStringLiteral("segmentation-bitmap");
    QMap<QString, qint64> labelStats; //!< status -> count, plus TOTAL
    QJsonObject metadata;
    DatasetFlags flags;

    std::optional<qint64> samplesCount;
    std::optional<qint64> collaboratorsCount;
    std::optional<TaskAttributes> taskAttributes;
    QList<Labelset> labelsets;
    QString role;
    QString readme;

    static Dataset read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;

    QString ownerName() const { return owner.username; }
};

//! Reads and writes the flags by their wire names; shared by Dataset and the server's PATCH.
struct DatasetFlagField {
    QLatin1StringView key;
    bool DatasetFlags::*member;
};
const QList<DatasetFlagField> &datasetFlagFields();

} // namespace segscope::wire
