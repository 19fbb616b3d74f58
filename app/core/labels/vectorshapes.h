#pragma once

#include "instancebitmap.h"
#include "overlayoptions.h"

#include "wire/label.h"
#include "wire/taskattributes.h"

#include <QPainter>
#include <QRectF>
#include <QStringList>

//! Vector labels (docs/api-contract.md §3: bbox, polygon, polyline, point annotations in image
//! pixels): drawing, hit testing and the defects that keep a shape from being drawn. A shape is
//! drawable when its type is known, it has the points its type needs (bbox 2, polygon >= 3,
//! polyline >= 2, point 1) and every coordinate is finite and within +-VectorCoordinateLimit;
//! anything else is skipped everywhere and listed by vectorDefects(), never a crash.
namespace segscope::labels {

//! Coordinates beyond this (in image pixels) are a defect: no image is that large, and the
//! rasteriser's fixed-point arithmetic has no use for them.
inline constexpr double VectorCoordinateLimit = 1e7;

//! Paints the vector annotations of `label` with `painter` already in image coordinates
//! (the caller sets the transform). Colours as the bitmap overlay (labeloverlay.cpp: category
//! colour, the contract palette when the category has none, or instanceColor(id) with
//! ColorBy::Instance); fills of bboxes/polygons at options.opacity, outlines at full colour
//! (DrawMode::Outline: outlines only); hidden categories skipped; options.highlightedId drawn on
//! top with a white outline and at least OverlayOptions::HighlightOpacity. `pixelsPerImagePixel` is
//! the current zoom, so lines stay options.outlineWidth (2 when 0) device pixels wide and points
//! ~4 device px radius at any zoom.
void paintVectorLabel(QPainter &painter, const wire::LabelAttributes &label,
                      const wire::TaskAttributes &task, const OverlayOptions &options,
                      double pixelsPerImagePixel = 1.0);

//! The annotation under an image point: inside a bbox/polygon, or within `tolerance` image pixels
//! of a polyline/point; the topmost (last drawn) wins; hidden categories ignored. 0 when none.
//! The outline of a bbox/polygon also counts within `tolerance`, and the highlighted annotation
//! is the topmost since it is drawn last.
qint64 vectorHitTest(const wire::LabelAttributes &label, QPointF imagePoint, double tolerance,
                     const OverlayOptions &options);

//! The bounding rectangle of an annotation's points (image pixels). Non-finite points are left
//! out; a null QRectF when no point is left. A single point gives an empty rectangle at it.
QRectF vectorBounds(const wire::Annotation &annotation);

//! True when the label has vector annotations to draw (any annotation with a type).
bool hasVectorShapes(const wire::LabelAttributes &label);

//! One line per annotation that is skipped as malformed, e.g.
//! `annotation 7 (bbox): needs 2 points, has 1`. Empty when every shape is drawable.
QStringList vectorDefects(const wire::LabelAttributes &label);

//! The rectangle painted for the drawable shapes of `label` at zoom 1 (their bounds grown by the
//! outline's half width and the point radius); null when there is no drawable shape.
QRectF vectorPaintedBounds(const wire::LabelAttributes &label);

//! A vector label's bboxes and polygons as an id map of `size` (for comparing it with another
//! label pixel by pixel): each drawable shape filled with its annotation id, later shapes over
//! earlier ones, no antialiasing. Polylines and points have no area and are left out, as are ids
//! outside 1..0xFFFFFF (a bitmap id has 24 bits). Null for an empty size or one above
//! MaxBitmapSide.
InstanceBitmap rasterizeVectorLabel(const wire::LabelAttributes &label, QSize size);

} // namespace segscope::labels
