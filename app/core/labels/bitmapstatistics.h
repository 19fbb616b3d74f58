#pragma once

#include <QList>
#include <QRect>
#include <QStringList>

namespace segscope::labels {

class LabelOverlay;

//! One id present in the bitmap (background excluded).
struct InstanceStatistics {
    quint32 id = 0;
    qint64 pixels = 0;
    QRect bounds;
    bool annotated = false; //!< false: the id has no annotation ("unannotated")
    qint64 categoryId = 0;  //!< meaningful when annotated
};

//! One category of the dataset, or a category id annotations use that the dataset lacks.
struct CategoryStatistics {
    qint64 categoryId = 0;
    bool known = true;      //!< false: not in the dataset's task_attributes
    int instances = 0;      //!< annotations of the category with at least one pixel
    int emptyInstances = 0; //!< annotations of the category with no pixel
    qint64 pixels = 0;
    double areaShare = 0; //!< pixels / all pixels of the bitmap, 0..1
};

//! What a label's bitmap holds, for the legend, the instances panel and the defect list.
struct BitmapStatistics {
    QSize bitmapSize;
    qint64 totalPixels = 0;
    qint64 backgroundPixels = 0;
    qint64 unannotatedPixels = 0;
    QList<InstanceStatistics> instances; //!< every non-zero id present, by increasing id
    QList<quint32> unannotatedIds;       //!< ids present with no annotation, increasing
    QList<qint64> emptyAnnotationIds;    //!< annotations with no pixel, in label order
    //! The dataset's categories in its order (all of them, even with no instance), then unknown
    //! category ids in order of first use.
    QList<CategoryStatistics> categories;
    //! Set when an image size was given and differs from the bitmap's: a label defect.
    bool sizeMismatch = false;

    const InstanceStatistics *instance(quint32 id) const;
    const CategoryStatistics *category(qint64 categoryId) const;
    //! True when the label has any defect this can see (size, unannotated ids, empty annotations,
    //! unknown categories).
    bool hasDefects() const;
};

//! Statistics from the overlay's one-pass index: O(distinct ids + annotations), no pixel pass.
//! Pass the image's size to check the bitmap against it; an invalid size skips the check.
BitmapStatistics computeStatistics(const LabelOverlay &overlay, QSize imageSize = {});

//! The label defects the statistics show, one line each, for `segscope render` and the detail
//! pane alike: size mismatch (against `imageSize`), ids without annotation, annotations without
//! pixels, categories the dataset does not define.
QStringList describeDefects(const BitmapStatistics &stats, QSize imageSize);

//! Ids for a one-line message: "1, 2, 3", or the first ten and "... (N in all)".
QString joinIds(const QList<qint64> &ids);

} // namespace segscope::labels
