#pragma once

#include "labels/bitmapstatistics.h"
#include "labels/labelcomparison.h"
#include "labels/labelfacts.h"
#include "labels/labeloverlay.h"
#include "wire/label.h"
#include "wire/sample.h"

#include <QImage>

#include <memory>
#include <optional>

namespace segscope::models {

//! With a comparison asked for (SampleLoader::load() with a candidate labelset): the
//! candidate's label and what the two labels make compared, all computed on the loader's
//! thread with the rest.
struct LoadedComparison {
    QString candidateLabelset;
    //! nullopt with an empty labelError: the sample has no label in the candidate labelset.
    std::optional<wire::Label> candidateLabel;
    QString candidateLabelError;
    QString candidateBitmapError;
    //! The two labels as compared: a segmentation bitmap's overlay, or the vector shapes
    //! rasterised at the image size. Null for a side without a label (or one that failed).
    std::shared_ptr<const labels::LabelOverlay> reference;
    std::shared_ptr<const labels::LabelOverlay> candidate;
    //! Null unless both sides are there.
    std::shared_ptr<const labels::LabelComparison> comparison;
    //! comparison's difference overlay with every disagreement drawn (DifferenceOptions{}).
    QImage difference;
};

//! Everything the detail pane shows of one sample in one labelset. Each part that could not be
//! had carries its reason instead; a defect in one part never hides the others.
struct LoadedSample {
    wire::Sample sample;
    QString labelset;
    //! nullopt with an empty labelError: the sample has no label in this labelset.
    std::optional<wire::Label> label;
    QString labelError;
    QImage image; //!< RGB32 or ARGB32_Premultiplied, ready to draw
    QString imageError;
    //! The segmentation bitmap decoded and indexed; null without one.
    std::shared_ptr<const labels::LabelOverlay> overlay;
    labels::BitmapStatistics statistics;
    //! Why a segmentation label has no overlay: no bitmap (e.g. SKIPPED), or a decode error.
    QString bitmapError;
    //! The label's legend, instances and defects (bitmap or vector shapes), computed once on
    //! the loader's thread. Its defects also list what could not be loaded (image, label,
    //! bitmap), first.
    labels::LabelFacts facts;
    //! Null unless a candidate labelset was asked for. Its defects (a resized candidate, a
    //! candidate label that could not be loaded) are in facts.defects too.
    std::shared_ptr<const LoadedComparison> comparison;

    //! The frame shown, for an image sequence (its image is `image`, its label `shownLabel()`).
    int frame = 0;

    //! The size the view spans: the image's, else the bitmap's.
    QSize contentSize() const;
    //! How many frames an image sequence has; 0 for every other kind.
    int frameCount() const;
    //! What is drawn: the label's attributes, or a sequence label's attributes of the shown
    //! frame (empty past its last frame or without a label).
    const wire::LabelAttributes &shownLabel() const;
};

//! The image of a sample ready to draw (RGB32 or ARGB32_Premultiplied), or the reader's reason.
std::pair<QImage, QString> decodeSampleImage(const QByteArray &bytes);
//! A label's bitmap decoded and indexed into an overlay, or why it could not be.
std::pair<std::shared_ptr<const labels::LabelOverlay>, QString>
decodeLabelOverlay(const QByteArray &bytes, wire::LabelAttributes attributes,
                   wire::TaskAttributes task);
//! What a label draws on a single image, or a sequence label's first frame.
const wire::LabelAttributes &firstFrameOf(const wire::Label &label);
//! Completes a sample whose parts are all in: its statistics and facts, and with `comparison`
//! (the candidate's parts in) the two labels compared. Slow: run it on a pool thread.
void finishLoadedSample(LoadedSample &sample, const std::shared_ptr<LoadedComparison> &comparison,
                        const wire::TaskAttributes &task);

} // namespace segscope::models
