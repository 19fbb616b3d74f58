#pragma once

#include "label.h"

namespace segscope::wire {

//! One frame of an image-sequence sample.
struct SampleFrame {
    QString imageUrl;
    QString name;
    std::optional<double> timestamp;
};

struct Sample {
    QString uuid;
    QString name;
    QJsonObject metadata;
    QDateTime createdAt;
    QString createdBy;
    double priority = 0;

    //! The sample's `attributes` as they came (image, sequence, point cloud, ...); the image
    //! kinds are also read into imageUrl / frames below.
    QJsonObject attributes;
    QString imageUrl;          //!< attributes.image.url
    QList<SampleFrame> frames; //!< attributes.frames[].image.url

    QString readme;
    std::optional<QString> assignedLabeler;
    std::optional<QString> assignedReviewer;
    QString datasetFullName;

    std::optional<LabelSummary> label; //!< when listed with a labelset
    std::optional<Label> fullLabel;    //!< with include_full_label=1, or on a single GET

    static Sample read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;

    //! The image a thumbnail or the detail view shows: the image, or the first frame's.
    QString displayImageUrl() const;
};

} // namespace segscope::wire
