#include "detail/labelpicker.h"

#include "labels/labelfacts.h"
#include "labels/vectorshapes.h"

#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::ui {

void LabelPicker::setSample(std::shared_ptr<const models::LoadedSample> sample,
                            wire::TaskAttributes task) {
    m_sample = std::move(sample);
    m_task = std::move(task);
}

qint64 LabelPicker::idAt(const QPointF &imagePoint, double zoom,
                         const labels::OverlayOptions &options) const {
    if (!m_sample)
        return 0;
    if (m_sample->overlay) {
        return m_sample->overlay
            ->hitTest(int(std::floor(imagePoint.x())), int(std::floor(imagePoint.y())))
            .id;
    }
    if (m_sample->label) {
        return labels::vectorHitTest(m_sample->shownLabel(), imagePoint, ToleranceInPixels / zoom,
                                     options);
    }
    return 0;
}

QString LabelPicker::describe(const QPoint &pixel, double zoom,
                              const labels::OverlayOptions &options) const {
    if (!m_sample || pixel.x() < 0)
        return QString();
    const models::LoadedSample &sample = *m_sample;
    QStringList parts{u"x %1, y %2"_s.arg(pixel.x()).arg(pixel.y())};
    if (sample.image.valid(pixel)) {
        const QColor c = sample.image.pixelColor(pixel);
        parts.append(u"RGB %1 %2 %3"_s.arg(c.red()).arg(c.green()).arg(c.blue()));
    }
    const wire::Annotation *annotation = nullptr;
    if (sample.overlay) {
        const labels::OverlayHit hit = sample.overlay->hitTest(pixel.x(), pixel.y());
        if (!hit.inside)
            parts.append(tr("outside the bitmap"));
        else if (hit.id == 0)
            parts.append(tr("background"));
        else if (!hit.annotation)
            parts.append(tr("id %1 (no annotation)").arg(hit.id));
        else
            parts.append(tr("instance %1").arg(hit.id));
        annotation = hit.annotation;
    } else if (sample.label) {
        // The centre of the pixel, so the readout names what a click there would pick.
        const qint64 shape = idAt(QPointF(pixel) + QPointF(0.5, 0.5), zoom, options);
        annotation = shape != 0 ? sample.shownLabel().annotation(shape) : nullptr;
        if (annotation)
            parts.append(tr("%1 %2").arg(annotation->type).arg(annotation->id));
    }
    if (annotation) {
        parts.append(labels::categoryName(m_task, annotation->categoryId));
        if (!annotation->attributes.isEmpty()) {
            parts.append(QString::fromUtf8(
                QJsonDocument(annotation->attributes).toJson(QJsonDocument::Compact)));
        }
    }
    return parts.join(u"  ·  "_s);
}

} // namespace segscope::ui
