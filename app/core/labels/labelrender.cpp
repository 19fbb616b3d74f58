#include "labelrender.h"

#include "bitmapstatistics.h"
#include "labeloverlay.h"

#include <QPainter>

using namespace Qt::StringLiterals;

namespace segscope::labels {
namespace {

QString joinIds(const auto &ids) {
    QStringList parts;
    for (const auto id : ids) {
        if (parts.size() == 10) {
            parts.append(u"... (%1 in all)"_s.arg(ids.size()));
            break;
        }
        parts.append(QString::number(id));
    }
    return parts.join(u", "_s);
}

QStringList describeDefects(const BitmapStatistics &stats, QSize imageSize) {
    QStringList warnings;
    if (stats.sizeMismatch) {
        warnings.append(u"bitmap is %1x%2 but the image is %3x%4"_s.arg(stats.bitmapSize.width())
                            .arg(stats.bitmapSize.height())
                            .arg(imageSize.width())
                            .arg(imageSize.height()));
    }
    if (!stats.unannotatedIds.isEmpty()) {
        warnings.append(u"%1 pixels carry ids with no annotation: %2"_s.arg(stats.unannotatedPixels)
                            .arg(joinIds(stats.unannotatedIds)));
    }
    if (!stats.emptyAnnotationIds.isEmpty())
        warnings.append(u"annotations with no pixels: %1"_s.arg(joinIds(stats.emptyAnnotationIds)));
    for (const CategoryStatistics &c : stats.categories) {
        if (!c.known)
            warnings.append(u"category %1 is not defined by the dataset"_s.arg(c.categoryId));
    }
    return warnings;
}

} // namespace

RenderResult renderLabel(const QImage &image, const InstanceBitmap &bitmap,
                         const model::LabelAttributes &label, const model::TaskAttributes &task,
                         const RenderOptions &options) {
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
    OverlayOptions overlayOptions;
    overlayOptions.opacity = options.opacity;
    overlayOptions.mode = options.mode;
    overlayOptions.colorBy = options.colorBy;
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
