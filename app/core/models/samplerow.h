#pragma once

#include "thumbnailoverlay.h"
#include "wire/sample.h"

#include <memory>

namespace segscope::models {

//! What a row of the sample list keeps: enough for the grid and the table, far less than a
//! full Sample, so 100,000 rows stay small.
struct SampleRow {
    QString uuid;
    QString name;
    QString imageUrl;
    QString labelStatus; //!< empty when the list was fetched without a labelset
    QDateTime createdAt;
    double priority = 0;
    QJsonObject metadata;
    //! The label's segmentation bitmap and its instances' categories, only when the list was
    //! fetched with full labels (setIncludeFullLabel) and the label has a bitmap; empty for
    //! unlabeled and skipped samples and for vector labels.
    QString bitmapUrl;
    QList<InstanceCategory> instanceCategories;
    //! The label's vector shapes (bbox, polygon, ...), likewise only when listed with full
    //! labels and the label has any: drawn over the thumbnail by the delegate. Shared, since
    //! rows are copied.
    std::shared_ptr<const wire::LabelAttributes> vectorShapes;
    //! What the sample holds; for a sequence its first frame is imageUrl (and bitmapUrl).
    wire::SampleKind kind = wire::SampleKind::Image;
    int frameCount = 0; //!< sequences only
    QString dataType;   //!< the raw `data_type`, kept only for an Unknown kind (its badge)

    //! The short text of the kind badge ("sequence · 24 frames", "point cloud", the raw
    //! data_type of an unknown one); empty for a single image.
    QString kindText() const;

    //! The row of a listed sample.
    static SampleRow fromSample(const wire::Sample &sample);
};

} // namespace segscope::models
