#pragma once

#include "instanceindex.h"

#include <QImage>
#include <QPointF>

#include <vector>

namespace segscope::labels {

//! Where the outlines are painted and how wide: the target's pixel (x, y) shows the bitmap's
//! pixel floor((x + 0.5 - origin) / zoom), so a view paints its viewport at the view's zoom
//! and an export the whole bitmap at zoom 1.
struct OutlineGeometry {
    QPointF origin;  //!< where the bitmap's top-left corner lies in the target
    double zoom = 1; //!< target pixels per bitmap pixel
    int width = 1;   //!< of an outline, in target pixels
};

//! Paints the outlines of a segmentation bitmap at the target's resolution, so they are
//! `width` target pixels wide at any zoom (1 px edges of the bitmap vanish when a view shrinks
//! it, and grow to zoom px when it magnifies). A target pixel is on the outline of the
//! instance it shows when a pixel of another instance lies within `width` pixels of it to the
//! left, right, top or bottom; the bitmap's border is no edge. Its colour is `colors[dense
//! index]` (already in the target's format; 0 paints nothing: no outline); everything else is
//! transparent. `target` keeps its size and must be ARGB32 or ARGB32_Premultiplied; O(pixels)
//! whatever the width.
void paintOutlines(const InstanceIndex &index, const std::vector<quint32> &colors,
                   const OutlineGeometry &geometry, QImage *target);

} // namespace segscope::labels
