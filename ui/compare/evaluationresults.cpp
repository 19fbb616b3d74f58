#include "compare/evaluationresults.h"

#include <algorithm>
#include <cmath>

namespace segscope::ui {

namespace {

bool hasMeanIoU(const evaluate::SampleEvaluation &s) {
    return s.presence == evaluate::SampleEvaluation::Presence::Both && std::isfinite(s.meanIoU);
}

EvaluatedSample entryOf(const evaluate::SampleEvaluation &s, qint64 pixels = 0) {
    return {s.uuid, s.name, pixels, s.meanIoU};
}

void sortWorstFirst(QList<EvaluatedSample> &list) {
    std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
        if (a.meanIoU != b.meanIoU)
            return a.meanIoU < b.meanIoU;
        return a.name < b.name;
    });
}

} // namespace

EvaluationResults::EvaluationResults(labels::ConfusionMatrix matrix,
                                     std::vector<evaluate::SampleEvaluation> samples)
    : m_matrix(std::move(matrix))
    , m_samples(std::move(samples)) {}

QList<EvaluatedSample> EvaluationResults::samplesWithConfusion(int referenceSlot,
                                                               int candidateSlot) const {
    const int n = m_matrix.classes.count();
    if (referenceSlot < 0 || candidateSlot < 0 || referenceSlot >= n || candidateSlot >= n)
        return {};
    // Per-sample entries are keyed by category id, not by slot.
    const qint64 reference = m_matrix.classes.at(referenceSlot).categoryId;
    const qint64 candidate = m_matrix.classes.at(candidateSlot).categoryId;
    QList<EvaluatedSample> list;
    for (const evaluate::SampleEvaluation &s : m_samples) {
        for (const evaluate::ConfusionEntry &e : s.confusion) {
            if (e.reference == reference && e.candidate == candidate && e.pixels > 0) {
                list.append(entryOf(s, e.pixels));
                break;
            }
        }
    }
    std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
        if (a.pixels != b.pixels)
            return a.pixels > b.pixels;
        return a.name < b.name;
    });
    return list;
}

int EvaluationResults::binOf(double meanIoU) {
    return std::clamp(int(std::floor(meanIoU * HistogramBins)), 0, HistogramBins - 1);
}

QList<int> EvaluationResults::histogram() const {
    QList<int> bins(HistogramBins, 0);
    for (const evaluate::SampleEvaluation &s : m_samples) {
        if (hasMeanIoU(s))
            ++bins[binOf(s.meanIoU)];
    }
    return bins;
}

QList<EvaluatedSample> EvaluationResults::samplesInBin(int bin) const {
    QList<EvaluatedSample> list;
    for (const evaluate::SampleEvaluation &s : m_samples) {
        if (hasMeanIoU(s) && binOf(s.meanIoU) == bin)
            list.append(entryOf(s));
    }
    sortWorstFirst(list);
    return list;
}

QList<EvaluatedSample> EvaluationResults::worstFirst() const {
    QList<EvaluatedSample> list;
    for (const evaluate::SampleEvaluation &s : m_samples) {
        if (hasMeanIoU(s))
            list.append(entryOf(s));
    }
    sortWorstFirst(list);
    return list;
}

std::array<int, 5> EvaluationResults::presenceCounts() const {
    std::array<int, 5> counts{};
    for (const evaluate::SampleEvaluation &s : m_samples)
        ++counts[size_t(s.presence)];
    return counts;
}

QHash<QString, double> EvaluationResults::meanIoUByUuid() const {
    QHash<QString, double> byUuid;
    for (const evaluate::SampleEvaluation &s : m_samples) {
        if (hasMeanIoU(s))
            byUuid.insert(s.uuid, s.meanIoU);
    }
    return byUuid;
}

} // namespace segscope::ui
