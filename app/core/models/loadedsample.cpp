#include "loadedsample.h"

#include "labels/pngdecoder.h"
#include "labels/vectorshapes.h"

#include <QBuffer>
#include <QImageReader>
#include <QObject>

using namespace Qt::StringLiterals;

namespace segscope::models {

QSize LoadedSample::contentSize() const {
    if (!image.isNull())
        return image.size();
    if (overlay)
        return overlay->index().size();
    return {};
}

int LoadedSample::frameCount() const {
    return sample.kind() == wire::SampleKind::ImageSequence ? int(sample.frames.size()) : 0;
}

const wire::LabelAttributes &LoadedSample::shownLabel() const {
    static const wire::LabelAttributes none;
    if (!label)
        return none;
    const QList<wire::LabelAttributes> &frames = label->attributes.frameAttributes;
    if (frames.isEmpty())
        return label->attributes;
    return frame >= 0 && frame < frames.size() ? frames.at(frame) : none;
}

std::pair<QImage, QString> decodeSampleImage(const QByteArray &bytes) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull()) {
        return {QImage(), QObject::tr("the image could not be decoded (%1, %2 bytes)")
                              .arg(reader.errorString())
                              .arg(bytes.size())};
    }
    const QImage::Format format =
        image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32;
    return {image.convertToFormat(format), QString()};
}

std::pair<std::shared_ptr<const labels::LabelOverlay>, QString>
decodeLabelOverlay(const QByteArray &bytes, wire::LabelAttributes attributes,
                   wire::TaskAttributes task) {
    labels::DecodeResult decoded = labels::decodeInstanceBitmap(bytes);
    if (!decoded.ok()) {
        return {
            nullptr,
            QObject::tr("the label bitmap could not be decoded: %1").arg(decoded.error().message)};
    }
    return {std::make_shared<const labels::LabelOverlay>(decoded.takeBitmap(),
                                                         std::move(attributes), std::move(task)),
            QString()};
}

const wire::LabelAttributes &firstFrameOf(const wire::Label &label) {
    const QList<wire::LabelAttributes> &frames = label.attributes.frameAttributes;
    return frames.isEmpty() ? label.attributes : frames.first();
}

namespace {

//! A label as a comparison reads it: its bitmap's overlay, or its vector shapes rasterised at
//! the image size; null when it has neither (no label, a bitmap that failed or is missing).
std::shared_ptr<const labels::LabelOverlay>
comparable(std::shared_ptr<const labels::LabelOverlay> overlay,
           const std::optional<wire::Label> &label, QSize size, const wire::TaskAttributes &task) {
    if (overlay || !label)
        return overlay;
    const wire::LabelAttributes &attributes = firstFrameOf(*label);
    if (attributes.hasBitmapField || size.isEmpty())
        return nullptr;
    labels::InstanceBitmap raster = labels::rasterizeVectorLabel(attributes, size);
    if (raster.isNull())
        return nullptr;
    return std::make_shared<const labels::LabelOverlay>(std::move(raster), attributes, task);
}

//! The two labels compared, with what went wrong on the candidate's side; runs on the pool.
void compare(const LoadedSample &r, LoadedComparison &c, const wire::TaskAttributes &task,
             QStringList *defects) {
    if (!c.candidateLabelError.isEmpty())
        defects->append(QObject::tr("the label in ‘%1’ could not be loaded: %2")
                            .arg(c.candidateLabelset, c.candidateLabelError));
    if (!c.candidateBitmapError.isEmpty())
        defects->append(QObject::tr("‘%1’: %2").arg(c.candidateLabelset, c.candidateBitmapError));
    const QSize size = r.contentSize();
    c.reference = comparable(r.overlay, r.label, size, task);
    c.candidate = comparable(c.candidate, c.candidateLabel, size, task);
    if (!c.reference || !c.candidate)
        return;
    auto comparison = std::make_shared<const labels::LabelComparison>(*c.reference, *c.candidate,
                                                                      labels::CompareClasses(task));
    c.difference = comparison->differenceOverlay(labels::DifferenceOptions{});
    for (const QString &defect : comparison->defects())
        defects->append(QObject::tr("Comparing with ‘%1’: %2").arg(c.candidateLabelset, defect));
    c.comparison = std::move(comparison);
}

//! The statistics and facts of a sample whose parts are all in; runs on the pool.
void computeFacts(LoadedSample &r, const wire::TaskAttributes &task) {
    QStringList notLoaded;
    if (!r.imageError.isEmpty())
        notLoaded.append(r.imageError);
    if (!r.labelError.isEmpty())
        notLoaded.append(QObject::tr("the label could not be loaded: %1").arg(r.labelError));
    if (!r.bitmapError.isEmpty())
        notLoaded.append(r.bitmapError);
    if (r.overlay) {
        r.statistics = labels::computeStatistics(*r.overlay, r.image.size());
        r.facts = labels::bitmapLabelFacts(*r.overlay, r.statistics, r.image.size());
    } else {
        r.facts = labels::vectorLabelFacts(r.shownLabel(), task);
    }
    r.facts.defects = notLoaded + r.facts.defects;
}

} // namespace

void finishLoadedSample(LoadedSample &r, const std::shared_ptr<LoadedComparison> &comparison,
                        const wire::TaskAttributes &task) {
    computeFacts(r, task);
    if (!comparison)
        return;
    compare(r, *comparison, task, &r.facts.defects);
    r.comparison = comparison;
}

} // namespace segscope::models
