#pragma once

#include "evaluate/datasetevaluation.h"

#include <QByteArray>

namespace segscope::cli {

//! The figures of a finished dataset evaluation, written for `segscope evaluate`: an aligned
//! text table, one JSON document, or CSV (one table: the categories, or with per-sample the
//! samples, so every row has the header's columns).
class EvaluationReport {
public:
    explicit EvaluationReport(const evaluate::DatasetEvaluation &evaluation)
        : m_evaluation(evaluation) {}

    QByteArray text(bool perSample) const;
    QByteArray json(bool perSample) const;
    QByteArray csv(bool perSample) const;

    //! "both", "reference-only", "candidate-only", "neither", "failed"
    static QString presenceName(evaluate::SampleEvaluation::Presence presence);
    //! A figure with four decimals; "-" when undefined (NaN).
    static QString figure(double value);

private:
    const evaluate::DatasetEvaluation &m_evaluation;
};

} // namespace segscope::cli
