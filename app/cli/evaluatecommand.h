#pragma once

#include "command.h"

#include "evaluate/datasetevaluation.h"

namespace segscope::cli {

//! `segscope evaluate OWNER/NAME --reference LS --candidate LS [filters as samples]
//! [--json | --csv] [--per-sample] [--no-cache]`: evaluates the candidate labelset against the
//! reference over the listed samples with the GUI's DatasetEvaluation (same figures, same disk
//! cache) and prints the dataset figures.
class EvaluateCommand : public Command {
    Q_OBJECT

public:
    using Command::Command;

    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void start(api::ApiClient &client) override;

private:
    enum class Format { Text, Json, Csv };
    void checkLabelsets(api::ApiClient &client);
    void showProgress(int done, int total);
    void report();

    evaluate::EvaluationSpec m_spec;
    evaluate::DatasetEvaluation m_evaluation;
    Format m_format = Format::Text;
    bool m_perSample = false;
    bool m_progress = false; //!< stderr is a terminal
};

} // namespace segscope::cli
