#include "samplerow.h"

#include "labels/vectorshapes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace segscope::models {

SampleRow SampleRow::fromSample(const wire::Sample &s) {
    SampleRow row;
    row.uuid = s.uuid;
    row.name = s.name;
    row.imageUrl = s.displayImageUrl();
    row.labelStatus = s.label ? s.label->labelStatus : QString();
    row.createdAt = s.createdAt;
    row.priority = s.priority;
    row.metadata = s.metadata;
    row.kind = s.kind();
    if (row.kind == wire::SampleKind::ImageSequence ||
        row.kind == wire::SampleKind::PointCloudSequence)
        row.frameCount = int(s.attributes.value("frames"_L1).toArray().size());
    else if (row.kind == wire::SampleKind::Unknown)
        row.dataType = s.dataType;
    // A sequence's thumbnail is its first frame, drawn with that frame's label.
    const wire::LabelAttributes *labelled = nullptr;
    if (s.fullLabel) {
        labelled = &s.fullLabel->attributes;
        if (row.kind == wire::SampleKind::ImageSequence)
            labelled =
                labelled->frameAttributes.isEmpty() ? nullptr : &labelled->frameAttributes.first();
    }
    if (labelled && !labelled->bitmapUrl.isEmpty()) {
        const wire::LabelAttributes &label = *labelled;
        row.bitmapUrl = label.bitmapUrl;
        row.instanceCategories.reserve(label.annotations.size());
        for (const wire::Annotation &a : label.annotations) {
            if (a.id > 0 && a.id <= 0xFFFFFF) // what the bitmap's 24 bits can hold
                row.instanceCategories.append({quint32(a.id), a.categoryId});
        }
    }
    if (labelled && labels::hasVectorShapes(*labelled))
        row.vectorShapes = std::make_shared<const wire::LabelAttributes>(*labelled);
    return row;
}

QString SampleRow::kindText() const {
    switch (kind) {
    case wire::SampleKind::Image:
        return {};
    case wire::SampleKind::ImageSequence:
        return frameCount == 1 ? QObject::tr("sequence · 1 frame")
                               : QObject::tr("sequence · %1 frames").arg(frameCount);
    case wire::SampleKind::PointCloudSequence:
        return frameCount == 1 ? QObject::tr("point cloud · 1 frame")
                               : QObject::tr("point cloud · %1 frames").arg(frameCount);
    case wire::SampleKind::PointCloud:
        return QObject::tr("point cloud");
    case wire::SampleKind::MultiSensor:
        return QObject::tr("multi-sensor");
    case wire::SampleKind::Text:
        return QObject::tr("text");
    case wire::SampleKind::Unknown:
        break;
    }
    return dataType.isEmpty() ? QObject::tr("unknown data") : dataType.toLower();
}

} // namespace segscope::models
