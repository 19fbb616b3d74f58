#pragma once

#include "label.h"

namespace segscope::wire {

//! What a sample holds, from the shape of its `attributes` (docs/api-contract.md §3.6). Segscope
//! shows images and image sequences; the others are listed with what can be shown of them.
enum class SampleKind {
    Image,              //!< attributes.image
    ImageSequence,      //!< attributes.frames[].image
    PointCloud,         //!< attributes.pcd
    PointCloudSequence, //!< attributes.frames[].pcd
    MultiSensor,        //!< attributes.sensors
    Text,               //!< attributes.text
    Unknown,            //!< anything else, e.g. a data type added later
};

//! "image sequence", "point cloud", ...: for badges and messages (not translated here).
QString sampleKindName(SampleKind kind);
//! Whether Segscope draws samples of this kind (images and image sequences); the others have no
//! image by nature, which is no defect.
constexpr bool isDrawnKind(SampleKind kind) {
    return kind == SampleKind::Image || kind == SampleKind::ImageSequence;
}

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
    //! The sample's `data_type` as sent (the docs show "IMAGE"); empty when absent.
    QString dataType;

    QString readme;
    std::optional<QString> assignedLabeler;
    std::optional<QString> assignedReviewer;
    QString datasetFullName;

    //! When listed with a labelset; a `label` of null (no label in that labelset) reads as an
    //! UNLABELED summary.
    std::optional<LabelSummary> label;
    std::optional<Label> fullLabel; //!< with include_full_label=1, or on a single GET

    static Sample read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;

    //! The image a thumbnail or the detail view shows: the image, or the first frame's.
    QString displayImageUrl() const;
    SampleKind kind() const;
};

} // namespace segscope::wire
