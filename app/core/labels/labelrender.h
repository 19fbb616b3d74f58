#pragma once

#include "instancebitmap.h"
#include "overlayoptions.h"

#include "wire/label.h"
#include "wire/taskattributes.h"

#include <QImage>
#include <QStringList>

namespace segscope::labels {

//! The options of `segscope render`.
struct RenderOptions {
    double opacity = 0.5;
    DrawMode mode = DrawMode::Fill; //!< `--outline` maps to DrawMode::Outline
    ColorBy colorBy = ColorBy::Category;
    bool noImage = false; //!< the overlay alone, on transparency
};

struct RenderResult {
    //! With an image (and !noImage): the image's size, Format_ARGB32, the overlay composed over
    //! it. Otherwise: the overlay alone, the bitmap's size, Format_ARGB32 (straight alpha), where
    //! at opacity 1 every annotated pixel is exactly its colour and background and unannotated
    //! pixels are fully transparent. Null when there is nothing to draw (no image, no bitmap).
    //! A vector label alone is drawn on transparency the image's size when an image is given,
    //! else the extent of its painted shapes from (0,0) (at most MaxBitmapSide a side).
    QImage image;
    //! Label defects met on the way (size mismatch, unannotated ids, empty annotations, unknown
    //! categories, malformed vector shapes), one line each, for the command to print. Never fatal.
    QStringList warnings;
};

//! Renders a label offline (no display, no network). `image` may be null; `bitmap` may be null
//! (e.g. a SKIPPED label: the image alone, with a warning). A bitmap whose size differs from the
//! image is drawn from the top-left corner, clipped, and reported. A label with vector shapes
//! (vectorshapes.h) and no bitmap has its shapes drawn instead, its malformed shapes reported
//! (vectorDefects) and skipped; a vector label has no bitmap by nature, so no warning says so.
RenderResult renderLabel(const QImage &image, const InstanceBitmap &bitmap,
                         const wire::LabelAttributes &label, const wire::TaskAttributes &task,
                         const RenderOptions &options);

} // namespace segscope::labels
