#pragma once

#include "datasetevaluation.h"

#include "wire/label.h"

#include <QByteArray>

#include <optional>

//! One sample's comparison, from the labels and the downloaded bytes to a SampleEvaluation: the
//! part of a dataset evaluation that runs on the pool. Pure, so tests drive it without a server.
namespace segscope::evaluate {

//! What a label is to an evaluation.
enum class LabelUse {
    Missing,  //!< no label, or a segmentation label without a bitmap (e.g. SKIPPED)
    Bitmap,   //!< compared from its bitmap
    Vector,   //!< rasterised at the image size (bbox, polygon)
    Sequence, //!< a label per frame: not evaluated (Failed)
};

//! How a label takes part: see LabelUse.
LabelUse labelUse(const std::optional<wire::Label> &label);

//! Everything one comparison needs, taken by value onto the pool.
struct SampleInputs {
    wire::TaskAttributes task;
    std::optional<wire::Label> reference;
    std::optional<wire::Label> candidate;
    QByteArray referencePng; //!< the reference's bitmap (LabelUse::Bitmap)
    QByteArray candidatePng;
    //! The sample's image, only when both labels are vector labels: its header gives the size
    //! they are rasterised at (neither has a bitmap to take it from).
    QByteArray image;
};

//! The presence of two labels (Failed when one is a Sequence).
SampleEvaluation::Presence presenceOf(LabelUse reference, LabelUse candidate);

//! Compares (Both) or just records the presence; `uuid`, `name` and the updated_at are left to
//! the caller. Decoding failures give Presence::Failed with `error` set.
SampleEvaluation compareSample(const SampleInputs &inputs);

//! The per-sample figures of a matrix: its non-zero entries keyed by category id, mean IoU and
//! pixel accuracy.
void setFigures(SampleEvaluation &result, const labels::ConfusionMatrix &matrix);

} // namespace segscope::evaluate
