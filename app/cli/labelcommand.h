#pragma once

#include "command.h"

namespace segscope::cli {

//! `segscope label SAMPLE_UUID [--labelset NAME]`: the label as JSON.
class LabelCommand : public Command {
    Q_OBJECT

public:
    using Command::Command;

    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void start(api::ApiClient &client) override;

private:
    QString m_sample;
    QString m_labelset;
};

} // namespace segscope::cli
