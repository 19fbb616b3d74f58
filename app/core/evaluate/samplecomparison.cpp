#include "samplecomparison.h"

#include "labels/pngdecoder.h"

#include <QBuffer>
#include <QImageReader>

#include <cmath>

using namespace Qt::StringLiterals;

namespace segscope::evaluate {

namespace {

//! The size of an image from its header (no pixels decoded), as it is shown: a 90 degree EXIF
//! rotation swaps the sides, like the viewer's auto-transform.
QSize imageSize(const QByteArray &bytes) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    QSize size = reader.size();
    if (reader.transformation().testFlag(QImageIOHandler::TransformationRotate90))
        size.transpose();
    return size;
}

} // namespace

LabelUse labelUse(const std::optional<wire::Label> &label) {
    if (!label)
        return LabelUse::Missing;
    const wire::LabelAttributes &a = label->attributes;
    if (!a.frameAttributes.isEmpty())
        return LabelUse::Sequence;
    if (!a.bitmapUrl.isEmpty())
        return LabelUse::Bitmap;
    if (a.hasBitmapField)
        return LabelUse::Missing; // SKIPPED and the like: nothing was drawn
    return LabelUse::Vector;
}

SampleEvaluation::Presence presenceOf(LabelUse reference, LabelUse candidate) {
    using Presence = SampleEvaluation::Presence;
    if (reference == LabelUse::Sequence || candidate == LabelUse::Sequence)
        return Presence::Failed;
    const bool hasReference = reference != LabelUse::Missing;
    const bool hasCandidate = candidate != LabelUse::Missing;
    if (hasReference && hasCandidate)
        return Presence::Both;
    if (hasReference)
        return Presence::ReferenceOnly;
    return hasCandidate ? Presence::CandidateOnly : Presence::Neither;
}

void setFigures(SampleEvaluation &result, const labels::ConfusionMatrix &matrix) {
    const int n = matrix.classes.count();
    result.confusion.clear();
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            if (const qint64 pixels = matrix.at(r, c); pixels > 0)
                result.confusion.push_back(
                    {matrix.classes.at(r).categoryId, matrix.classes.at(c).categoryId, pixels});
        }
    }
    result.meanIoU = matrix.meanIoU();
    result.pixelAccuracy = matrix.pixelAccuracy();
}

SampleEvaluation compareSample(const SampleInputs &in) {
    SampleEvaluation r;
    const LabelUse referenceUse = labelUse(in.reference);
    const LabelUse candidateUse = labelUse(in.candidate);
    r.presence = presenceOf(referenceUse, candidateUse);
    r.meanIoU = std::nan("");
    r.pixelAccuracy = std::nan("");
    if (r.presence == SampleEvaluation::Presence::Failed) {
        r.error = u"image sequences are not evaluated yet"_s;
        return r;
    }
    if (r.presence != SampleEvaluation::Presence::Both)
        return r;

    // Bitmaps first: a vector label on the other side is rasterised at the bitmap's size. The
    // id maps are compared as decoded, without indexing them into LabelOverlays first.
    std::optional<labels::InstanceBitmap> bitmaps[2];
    const wire::Label *labels[2] = {&*in.reference, &*in.candidate};
    const LabelUse uses[2] = {referenceUse, candidateUse};
    const QByteArray *pngs[2] = {&in.referencePng, &in.candidatePng};
    const QString sides[2] = {u"reference"_s, u"candidate"_s};
    QSize size;
    for (int side = 0; side < 2; ++side) {
        if (uses[side] != LabelUse::Bitmap)
            continue;
        labels::DecodeResult decoded = labels::decodeInstanceBitmap(*pngs[side]);
        if (!decoded.ok()) {
            r.presence = SampleEvaluation::Presence::Failed;
            r.error = u"the %1 bitmap could not be decoded: %2"_s.arg(sides[side],
                                                                      decoded.error().message);
            return r;
        }
        bitmaps[side].emplace(decoded.takeBitmap());
        if (!size.isValid())
            size = bitmaps[side]->size();
    }
    if (!size.isValid()) {
        size = imageSize(in.image);
        if (size.isEmpty()) {
            r.presence = SampleEvaluation::Presence::Failed;
            r.error = u"the image's size could not be read, to rasterise the vector labels"_s;
            return r;
        }
    }
    for (int side = 0; side < 2; ++side) {
        if (uses[side] == LabelUse::Vector)
            bitmaps[side].emplace(labels::rasterizeVectorLabel(labels[side]->attributes, size));
    }

    // One thread per sample: a dataset evaluation keeps several samples in flight instead.
    std::array<qint64, 2> unannotated{};
    const labels::ConfusionMatrix matrix = labels::compareLabels(
        *bitmaps[0], labels[0]->attributes, *bitmaps[1], labels[1]->attributes,
        labels::CompareClasses(in.task), &r.defects, 1, &unannotated);
    setFigures(r, matrix);
    r.referenceUnannotatedPixels = unannotated[0];
    r.candidateUnannotatedPixels = unannotated[1];
    return r;
}

} // namespace segscope::evaluate
