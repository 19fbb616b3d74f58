#pragma once

#include "command.h"

#include "wire/samplequery.h"

namespace segscope::cli {

//! `segscope samples OWNER/NAME [--name TEXT] [--status S,...] [--labelset NAME]
//! [--filter K:V ...] [--sort [-]FIELD] [--limit N] [--json]`: streams the samples page by
//! page, so 100,000 samples print in the memory of one page.
class SamplesCommand : public Command {
    Q_OBJECT

public:
    using Command::Command;

    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void start(api::ApiClient &client) override;

private:
    QString m_dataset;
    wire::SampleQuery m_query;
    qint64 m_limit = 0; //!< 0: all
    qint64 m_written = 0;
    bool m_json = false;
};

} // namespace segscope::cli
