#pragma once

#include "datasetevaluation.h"

#include "wire/label.h"
#include "wire/sample.h"

#include <QByteArray>

#include <optional>

//! One sample's comparison, from the labels and the downloaded bytes to a SampleEvaluation: the
//! part of a dataset evaluation that runs on the pool. Pure, so tests drive it without a server.
namespace segscope::evaluate {

//! What a label (or one frame of a sequence label) is to an evaluation.
enum class LabelUse {
    Missing,  //!< no label, or a segmentation label without a bitmap (e.g. SKIPPED)
    Bitmap,   //!< compared from its bitmap
    Vector,   //!< rasterised at the image size (bbox, polygon)
    Sequence, //!< a label per frame, compared frame by frame
};

//! How a label takes part: see LabelUse.
LabelUse labelUse(const std::optional<wire::Label> &label);
//! The same for one image's attributes (a frame's, or a whole label's); never Sequence.
LabelUse attributesUse(const wire::LabelAttributes &attributes);

//! One image's two labels and the bytes downloaded for them: the sample's own, or one frame's.
struct FramePair {
    wire::LabelAttributes reference;
    wire::LabelAttributes candidate;
    QByteArray referencePng; //!< when the reference is a bitmap
    QByteArray candidatePng;
    //! The image, only when both are vector labels: its header gives the size they are
    //! rasterised at (neither has a bitmap to take it from).
    QByteArray image;
    QString imageUrl; //!< where `image` comes from
    int frame = -1;   //!< the frame of a sequence; -1 for a single image
};

//! Everything one comparison needs, taken by value onto the pool.
struct SampleInputs {
    wire::TaskAttributes task;
    std::optional<wire::Label> reference;
    std::optional<wire::Label> candidate;
    //! Filled by planFrames() when both labels are there.
    QList<FramePair> frames;
    QStringList defects; //!< from planning (frames left out)
    QString error;       //!< from planning: the sample cannot be compared
};

//! The presence of two labels.
SampleEvaluation::Presence presenceOf(LabelUse reference, LabelUse candidate);

//! Pairs the images to compare when both labels are there: one pair, or one per frame of two
//! sequence labels (frames neither side can compare are left out, with a defect line). Sets
//! `inputs.error` when nothing can be compared (a sequence against a single image).
void planFrames(SampleInputs &inputs, const wire::Sample &sample);

//! Compares (Both: every planned frame pair, summed) or just records the presence; `uuid`,
//! `name` and the updated_at are left to the caller. Decoding failures give Presence::Failed
//! with `error` set.
SampleEvaluation compareSample(const SampleInputs &inputs);

//! The per-sample figures of a matrix: its non-zero entries keyed by category id, mean IoU and
//! pixel accuracy.
void setFigures(SampleEvaluation &result, const labels::ConfusionMatrix &matrix);

} // namespace segscope::evaluate
