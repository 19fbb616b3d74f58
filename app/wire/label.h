#pragma once

#include "jsonreader.h"

#include <QPointF>

namespace segscope::wire {

//! One object of a label: an instance of a segmentation bitmap (its pixels carry `id`), or a
//! vector shape (bbox, polygon, polyline, point) with its points in image pixels.
struct Annotation {
    qint64 id = 0; //!< 0 when absent (text annotations carry none)
    qint64 categoryId = 0;
    QString type; //!< vector labels only: bbox | polygon | polyline | point
    QList<QPointF> points;
    QJsonObject attributes;
    std::optional<qint64> trackId;

    static Annotation read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

//! The `attributes` of a Label (docs/api-contract.md §3), for bitmap and vector labels alike.
struct LabelAttributes {
    QString formatVersion = QStringLiteral("0.1");
    QList<Annotation> annotations;
    bool hasBitmapField = false; //!< segmentation labels carry `segmentation_bitmap`
    QString bitmapUrl;           //!< empty when missing or null (e.g. SKIPPED)
    QJsonObject imageAttributes;
    QJsonArray frames; //!< sequence labels, kept as they came
    //! `frames` read one by one (each is a label's attributes of its own: annotations,
    //! segmentation_bitmap, ...); empty for single-image labels.
    QList<LabelAttributes> frameAttributes;

    static LabelAttributes read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;

    const Annotation *annotation(qint64 id) const;
};

struct LabelSummary;

//! A label (docs/api-contract.md §3.7). Only `attributes` is needed; the rest defaults, and a
//! status the client does not know is kept as it came.
struct Label {
    QString sampleUuid;
    QString labelType;
    QString labelStatus;
    QString labelset;
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;
    QString updatedBy;
    std::optional<double> score;
    std::optional<double> rating;
    QDateTime reviewedAt;
    QString reviewedBy;
    LabelAttributes attributes;

    static Label read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
    LabelSummary summary() const;
};

//! What a sample list carries about a label when a labelset is asked for.
struct LabelSummary {
    QString labelStatus;
    std::optional<double> score;
    QDateTime updatedAt;
    QString createdBy;
    QString reviewedBy;

    static LabelSummary read(const QJsonValue &v, const JsonPath &path, JsonError *error);
    QJsonObject toJson() const;
};

} // namespace segscope::wire
