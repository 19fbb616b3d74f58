#pragma once

#include "labels/instancebitmap.h"
#include "wire/taskattributes.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

#include <utility>

namespace segscope::models {

//! An instance id of a segmentation bitmap and the category its annotation names: all a
//! thumbnail overlay needs of a label (SampleRow keeps these, not the whole label).
using InstanceCategory = std::pair<quint32, qint64>;

//! A segmentation label to draw over a thumbnail: where its bitmap is and the colour of each
//! instance id. Built on the GUI thread from a list row and the dataset's categories; the
//! ThumbnailCache downloads, decodes and composes it on its thread pool.
struct ThumbnailOverlay {
    QString bitmapUrl; //!< empty: no overlay, the plain thumbnail
    //! Instance id -> colour with its alpha (straight, not premultiplied), sorted by id. Ids not
    //! listed (background, unannotated, unknown categories) stay transparent.
    QList<std::pair<quint32, QRgb>> colors;
    //! A short digest of `colors`, so a recoloured dataset does not reuse stale thumbnails.
    QString colorsDigest;

    bool isNull() const { return bitmapUrl.isEmpty(); }

    //! The overlay of a label whose bitmap is at `bitmapUrl`, each instance in its category's
    //! colour (TaskAttributes::colorOf) at `opacity` (0..1) of that colour's own alpha.
    static ThumbnailOverlay forLabel(const QString &bitmapUrl,
                                     const QList<InstanceCategory> &instances,
                                     const wire::TaskAttributes &task, double opacity = 0.5);
};

//! Paints the ids of `bitmap` over `thumbnail` in `colors` (sorted by id), the bitmap stretched
//! over the whole thumbnail (a label bitmap has the size of its image, which the thumbnail
//! shrinks keeping the aspect ratio) and sampled nearest-neighbour, so neighbouring ids never
//! blend into a colour no instance has. The result keeps the thumbnail's opacity: an opaque
//! thumbnail stays opaque (alpha 255 everywhere). Pure and thread-safe.
QImage composeThumbnailOverlay(QImage thumbnail, const labels::InstanceBitmap &bitmap,
                               const QList<std::pair<quint32, QRgb>> &colors);

} // namespace segscope::models
