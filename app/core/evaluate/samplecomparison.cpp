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

LabelUse attributesUse(const wire::LabelAttributes &a) {
    if (!a.bitmapUrl.isEmpty())
        return LabelUse::Bitmap;
    if (a.hasBitmapField)
        return LabelUse::Missing; // SKIPPED and the like: nothing was drawn
    return LabelUse::Vector;
}

LabelUse labelUse(const std::optional<wire::Label> &label) {
    if (!label)
        return LabelUse::Missing;
    if (!label->attributes.frameAttributes.isEmpty())
        return LabelUse::Sequence;
    return attributesUse(label->attributes);
}

SampleEvaluation::Presence presenceOf(LabelUse reference, LabelUse candidate) {
    using Presence = SampleEvaluation::Presence;
    const bool hasReference = reference != LabelUse::Missing;
    const bool hasCandidate = candidate != LabelUse::Missing;
    if (hasReference && hasCandidate)
        return Presence::Both;
    if (hasReference)
        return Presence::ReferenceOnly;
    return hasCandidate ? Presence::CandidateOnly : Presence::Neither;
}

void planFrames(SampleInputs &in, const wire::Sample &sample) {
    in.frames.clear();
    if (!in.reference || !in.candidate)
        return;
    const QList<wire::LabelAttributes> &referenceFrames = in.reference->attributes.frameAttributes;
    const QList<wire::LabelAttributes> &candidateFrames = in.candidate->attributes.frameAttributes;
    if (referenceFrames.isEmpty() != candidateFrames.isEmpty()) {
        in.error = u"one label is a sequence and the other is not"_s;
        return;
    }
    const auto add = [&in](const wire::LabelAttributes &r, const wire::LabelAttributes &c,
                           const QString &imageUrl, int frame) {
        const LabelUse ru = attributesUse(r), cu = attributesUse(c);
        if (ru == LabelUse::Missing || cu == LabelUse::Missing) {
            in.defects.append(u"frame %1: the %2 has no bitmap; not compared"_s.arg(frame + 1).arg(
                ru == LabelUse::Missing ? u"reference"_s : u"candidate"_s));
            return;
        }
        FramePair pair;
        pair.reference = r;
        pair.candidate = c;
        pair.frame = frame;
        if (ru == LabelUse::Vector && cu == LabelUse::Vector) {
            if (imageUrl.isEmpty())
                in.error = u"the sample has no image to size its vector labels"_s;
            pair.imageUrl = imageUrl;
        }
        in.frames.append(std::move(pair));
    };
    if (referenceFrames.isEmpty()) {
        add(in.reference->attributes, in.candidate->attributes, sample.displayImageUrl(), -1);
        return;
    }
    const qsizetype n = std::min(referenceFrames.size(), candidateFrames.size());
    if (referenceFrames.size() != candidateFrames.size())
        in.defects.append(u"the reference has %1 frames, the candidate %2: the first %3 compared"_s
                              .arg(referenceFrames.size())
                              .arg(candidateFrames.size())
                              .arg(n));
    for (qsizetype f = 0; f < n; ++f)
        add(referenceFrames.at(f), candidateFrames.at(f), sample.frames.value(f).imageUrl, int(f));
    if (in.frames.isEmpty())
        in.error = u"no frame has both labels"_s;
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

namespace {

//! One image's matrix, added to `sum`; false with `error` set when it cannot be compared.
bool compareFrame(const FramePair &pair, const wire::TaskAttributes &task,
                  labels::ConfusionMatrix &sum, SampleEvaluation &r) {
    const QString where = pair.frame < 0 ? QString() : u"frame %1: "_s.arg(pair.frame + 1);
    // Bitmaps first: a vector label on the other side is rasterised at the bitmap's size. The
    // id maps are compared as decoded, without indexing them into LabelOverlays first.
    std::optional<labels::InstanceBitmap> bitmaps[2];
    const wire::LabelAttributes *labels[2] = {&pair.reference, &pair.candidate};
    const QByteArray *pngs[2] = {&pair.referencePng, &pair.candidatePng};
    const QString sides[2] = {u"reference"_s, u"candidate"_s};
    QSize size;
    for (int side = 0; side < 2; ++side) {
        if (attributesUse(*labels[side]) != LabelUse::Bitmap)
            continue;
        labels::DecodeResult decoded = labels::decodeInstanceBitmap(*pngs[side]);
        if (!decoded.ok()) {
            r.error = u"%1the %2 bitmap could not be decoded: %3"_s.arg(where, sides[side],
                                                                        decoded.error().message);
            return false;
        }
        bitmaps[side].emplace(decoded.takeBitmap());
        if (!size.isValid())
            size = bitmaps[side]->size();
    }
    if (!size.isValid()) {
        size = imageSize(pair.image);
        if (size.isEmpty()) {
            r.error = where + u"the image's size could not be read, to rasterise the vector "
                              u"labels"_s;
            return false;
        }
    }
    for (int side = 0; side < 2; ++side) {
        if (!bitmaps[side])
            bitmaps[side].emplace(labels::rasterizeVectorLabel(*labels[side], size));
    }

    // One thread per sample: a dataset evaluation keeps several samples in flight instead.
    std::array<qint64, 2> unannotated{};
    QStringList defects;
    const labels::ConfusionMatrix matrix =
        labels::compareLabels(*bitmaps[0], *labels[0], *bitmaps[1], *labels[1],
                              labels::CompareClasses(task), &defects, 1, &unannotated);
    for (const QString &d : std::as_const(defects))
        r.defects.append(where + d);
    sum.add(matrix);
    r.referenceUnannotatedPixels += unannotated[0];
    r.candidateUnannotatedPixels += unannotated[1];
    return true;
}

} // namespace

SampleEvaluation compareSample(const SampleInputs &in) {
    SampleEvaluation r;
    r.presence = presenceOf(labelUse(in.reference), labelUse(in.candidate));
    r.meanIoU = std::nan("");
    r.pixelAccuracy = std::nan("");
    if (r.presence != SampleEvaluation::Presence::Both)
        return r;
    r.defects = in.defects;
    const auto fail = [&r](const QString &error) {
        r.presence = SampleEvaluation::Presence::Failed;
        r.error = error;
        r.referenceUnannotatedPixels = r.candidateUnannotatedPixels = 0;
        return r;
    };
    if (!in.error.isEmpty())
        return fail(in.error);
    // A sequence's frames add up to one matrix: the sample's.
    labels::ConfusionMatrix sum;
    sum.classes = labels::CompareClasses(in.task);
    sum.counts.assign(size_t(sum.classes.count()) * size_t(sum.classes.count()), 0);
    for (const FramePair &pair : in.frames) {
        if (!compareFrame(pair, in.task, sum, r))
            return fail(r.error);
    }
    setFigures(r, sum);
    return r;
}

} // namespace segscope::evaluate
