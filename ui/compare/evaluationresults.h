#pragma once

#include "evaluate/datasetevaluation.h"

#include <QHash>
#include <QList>

#include <array>

#include <vector>

namespace segscope::ui {

//! One sample in a list of the evaluation panel.
struct EvaluatedSample {
    QString uuid;
    QString name;
    qint64 pixels = 0;  //!< of the confusion listed (0 for lists that are not by a confusion)
    double meanIoU = 0; //!< NaN when neither label has a category
};

//! What an evaluation found, as the panel shows it: the dataset matrix and every sample's
//! figures, with the lists the charts open (a confusion cell's samples, a histogram bin's,
//! the worst first). Values only, so the charts and their tests need no server.
class EvaluationResults {
public:
    static constexpr int HistogramBins = 10;

    EvaluationResults() = default;
    EvaluationResults(labels::ConfusionMatrix matrix,
                      std::vector<evaluate::SampleEvaluation> samples);

    const labels::ConfusionMatrix &matrix() const { return m_matrix; }
    const std::vector<evaluate::SampleEvaluation> &samples() const { return m_samples; }
    bool isEmpty() const { return m_samples.empty(); }

    //! The samples with pixels of reference `referenceSlot` read as candidate `candidateSlot`
    //! (slots of matrix().classes), most pixels first.
    QList<EvaluatedSample> samplesWithConfusion(int referenceSlot, int candidateSlot) const;
    //! Samples per bin of mean IoU over [0, 1] (1 falls in the last bin); samples without a
    //! mean IoU (no category in either label, a label missing) are left out.
    QList<int> histogram() const;
    //! The samples of one histogram bin, worst first.
    QList<EvaluatedSample> samplesInBin(int bin) const;
    //! Every sample with a mean IoU, worst first (ties by name).
    QList<EvaluatedSample> worstFirst() const;
    //! The mean IoU of each sample that has one, by uuid (the grid's badges).
    QHash<QString, double> meanIoUByUuid() const;
    //! Samples by presence (indexed by SampleEvaluation::Presence).
    std::array<int, 5> presenceCounts() const;
    //! The bin of a mean IoU.
    static int binOf(double meanIoU);

private:
    labels::ConfusionMatrix m_matrix;
    std::vector<evaluate::SampleEvaluation> m_samples;
};

} // namespace segscope::ui
