#pragma once

#include "command.h"

namespace segscope::cli {

//! `segscope datasets [--json]`: every dataset the key can see.
class DatasetsCommand : public Command {
    Q_OBJECT

public:
    using Command::Command;

    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void start(api::ApiClient &client) override;

private:
    bool m_json = false;
};

} // namespace segscope::cli
