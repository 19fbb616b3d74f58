#pragma once

#include "wire/label.h"
#include "wire/taskattributes.h"

#include <QColor>
#include <QList>
#include <QRectF>
#include <QStringList>

namespace segscope::labels {

class LabelOverlay;
struct BitmapStatistics;

//! A category of the legend, with what the label holds of it.
struct LegendFact {
    qint64 categoryId = 0;
    QString name;
    QColor color;
    bool known = true;      //!< false: annotations use a category the dataset lacks
    int instances = 0;      //!< with at least one pixel (bitmaps) or a shape (vectors)
    int emptyInstances = 0; //!< annotations with no pixel
    double areaShare = -1;  //!< share of the image, 0..1; -1 where it does not apply
};

//! An object of the label: a bitmap instance or a vector shape.
struct InstanceFact {
    qint64 id = 0;
    qint64 categoryId = 0;
    QString category; //!< the name, or "unknown (7)", or "no annotation"
    QColor color;
    QString type;     //!< MaskType for bitmap instances, else the shape's type ("bbox", ...)
    qint64 area = -1; //!< pixels; -1 for shapes without an area
    QRectF bounds;    //!< image pixels; empty for an annotation with no pixel
    QString defect;   //!< what is wrong with this object, empty when nothing
};

//! What a label is made of, for the legend, the instances and the defect list: computed once
//! per label when it is loaded (off the GUI thread), so a view only displays it.
struct LabelFacts {
    //! InstanceFact::type of an instance of a segmentation bitmap.
    static constexpr QLatin1StringView MaskType{"mask", 4};

    //! The dataset's categories in its order, then unknown category ids in order of first use.
    QList<LegendFact> legend;
    //! Bitmap instances by increasing id then annotations with no pixel; or the vector shapes
    //! in label order.
    QList<InstanceFact> instances;
    //! Every defect of the label, one line each: nothing is hidden.
    QStringList defects;

    //! The instance or shape `id`, or null.
    const InstanceFact *instance(qint64 id) const;
};

//! The facts of a segmentation label from its overlay and statistics. `imageSize` is the
//! image's (an invalid size skips the size check). O(instances + annotations), no pixel pass.
LabelFacts bitmapLabelFacts(const LabelOverlay &overlay, const BitmapStatistics &statistics,
                            QSize imageSize);
//! The facts of a label without a bitmap: vector shapes (bbox, polygon, ...) or none at all;
//! the legend then counts annotations per category.
LabelFacts vectorLabelFacts(const wire::LabelAttributes &label, const wire::TaskAttributes &task);

//! The name of a category, or "unknown (7)" when the dataset lacks it.
QString categoryName(const wire::TaskAttributes &task, qint64 categoryId);

} // namespace segscope::labels
