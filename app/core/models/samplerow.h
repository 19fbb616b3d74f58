#pragma once

#include "thumbnailoverlay.h"
#include "wire/sample.h"

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

    //! The row of a listed sample.
    static SampleRow fromSample(const wire::Sample &sample);
};

} // namespace segscope::models
