#pragma once

#include "models/sampleloader.h"
#include "wire/dataset.h"

#include <QColor>
#include <QRectF>
#include <QStringList>

namespace segscope::ui {

//! A category of the legend, with what this sample holds of it.
struct LegendRow {
    qint64 categoryId = 0;
    QString name;
    QColor color;
    bool known = true;      //!< false: annotations use a category the dataset lacks
    int instances = 0;      //!< with at least one pixel (bitmaps) or a shape (vectors)
    int emptyInstances = 0; //!< annotations with no pixel
    double areaShare = -1;  //!< share of the image, 0..1; -1 where it does not apply
};

//! An object of the label: a bitmap instance or a vector shape.
struct InstanceRow {
    qint64 id = 0;
    qint64 categoryId = 0;
    QString category; //!< the name, or "unknown (7)", or "no annotation"
    QColor color;
    QString type;     //!< "mask", "bbox", "polygon", ...
    qint64 area = -1; //!< pixels; -1 for shapes without an area
    QRectF bounds;    //!< image pixels; empty for an annotation with no pixel
    QString problem;  //!< a defect of this object, empty when none
};

//! What the panes list for a loaded sample. Pure functions of the sample and the dataset, so
//! they are tested without widgets.
QList<LegendRow> legendRows(const models::LoadedSample &sample, const wire::TaskAttributes &task);
QList<InstanceRow> instanceRows(const models::LoadedSample &sample,
                                const wire::TaskAttributes &task);
//! Every defect of the sample and its label, one line each: nothing is hidden.
QStringList defectLines(const models::LoadedSample &sample);
//! The sample's and label's facts (status, who and when, metadata, image attributes, readme)
//! as HTML for a text browser; field names in `keyColor` (the palette's muted text).
QString infoHtml(const models::LoadedSample &sample, const QColor &keyColor);
//! One line for the status bar under the view: x, y, image RGB, instance, category, attributes.
QString hoverText(const models::LoadedSample &sample, const wire::TaskAttributes &task,
                  const QPoint &pixel, qint64 vectorHit);

} // namespace segscope::ui
