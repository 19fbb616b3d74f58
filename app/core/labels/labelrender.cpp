#include "labelrender.h"

#include "bitmapstatistics.h"
#include "labeloverlay.h"
#include "vectorshapes.h"

#include <QPainter>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::labels {
namespace {

OverlayOptions overlayOptionsOf(const RenderOptions &options) {
    OverlayOptions overlayOptions;
    overlayOptions.opacity = options.opacity;
    overlayOptions.mode = options.mode;
    overlayOptions.colorBy = options.colorBy;
    return overlayOptions;
}

// A label of vector shapes (no bitmap): the shapes painted over the image, or on transparency
// the image's size, else the shapes' painted extent from (0,0).
RenderResult renderVector(const QImage &image, const wire::LabelAttributes &label,
                          const wire::TaskAttributes &task, const RenderOptions &options) {
    RenderResult result;
    result.warnings = vectorDefects(label);
    QList<qint64> unknown;
    for (const wire::Annotation &a : label.annotations) {
        if (!a.type.isEmpty() && !task.category(a.categoryId) && !unknown.contains(a.categoryId)) {
            unknown.append(a.categoryId);
            result.warnings.append(
                u"category %1 is not defined by the dataset"_s.arg(a.categoryId));
        }
    }
    if (label.annotations.isEmpty())
        result.warnings.append(u"the label has no annotations"_s);

    QSize size = image.size();
    if (image.isNull()) {
        const QRectF painted = vectorPaintedBounds(label);
        if (!painted.isNull() && painted.right() > 0 && painted.bottom() > 0)
            size = QSize(int(std::ceil(painted.right())), int(std::ceil(painted.bottom())));
        if (size.width() > MaxBitmapSide || size.height() > MaxBitmapSide) {
            const QSize clipped = size.boundedTo(QSize(MaxBitmapSide, MaxBitmapSide));
            result.warnings.append(
                u"the shapes reach %1x%2 pixels: drawn on %3x%4"_s.arg(size.width())
                    .arg(size.height())
                    .arg(clipped.width())
                    .arg(clipped.height()));
            size = clipped;
        }
    }
    if (size.isEmpty())
        return result; // no image and nothing to draw

    const bool withImage = !options.noImage && !image.isNull();
    QImage canvas = withImage ? image.convertToFormat(QImage::Format_ARGB32_Premultiplied)
                              : QImage(size, QImage::Format_ARGB32_Premultiplied);
    if (canvas.isNull()) {
        result.warnings.append(
            u"cannot allocate a %1x%2 canvas"_s.arg(size.width()).arg(size.height()));
        return result;
    }
    if (!withImage)
        canvas.fill(Qt::transparent);
    {
        QPainter painter(&canvas);
        paintVectorLabel(painter, label, task, overlayOptionsOf(options));
    }
    result.image = canvas.convertToFormat(QImage::Format_ARGB32);
    return result;
}

} // namespace

RenderResult renderLabel(const QImage &image, const InstanceBitmap &bitmap,
                         const wire::LabelAttributes &label, const wire::TaskAttributes &task,
                         const RenderOptions &options) {
    // Vector shapes, or an empty label that is no segmentation label either (a segmentation label
    // always carries `segmentation_bitmap`, if only with a null url).
    if (bitmap.isNull() &&
        (hasVectorShapes(label) || (!label.hasBitmapField && label.annotations.isEmpty())))
        return renderVector(image, label, task, options);

    RenderResult result;
    const bool withImage = !options.noImage && !image.isNull();
    if (bitmap.isNull()) {
        result.warnings.append(u"the label has no segmentation bitmap"_s);
        if (withImage)
            result.image = image.convertToFormat(QImage::Format_ARGB32);
        return result;
    }

    const LabelOverlay overlay(bitmap, label, task);
    result.warnings = describeDefects(
        computeStatistics(overlay, image.isNull() ? QSize() : image.size()), image.size());
    OverlayOptions overlayOptions = overlayOptionsOf(options);
    if (!withImage) {
        overlayOptions.format = OverlayFormat::Straight;
        result.image = overlay.render(overlayOptions);
        return result;
    }
    overlayOptions.format = OverlayFormat::Premultiplied;
    QImage composed = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&composed);
        painter.drawImage(QPoint(0, 0), overlay.render(overlayOptions));
    }
    result.image = composed.convertToFormat(QImage::Format_ARGB32);
    return result;
}

} // namespace segscope::labels
