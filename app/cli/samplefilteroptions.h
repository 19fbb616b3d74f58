#pragma once

#include "wire/samplequery.h"

#include <QCommandLineParser>

namespace segscope::cli {

//! The sample filters of `segscope samples`, shared by every command that walks samples
//! (`samples`, `evaluate`): --name, --status, --filter and --sort, read into a SampleQuery.
namespace SampleFilterOptions {

//! Adds the options; `statusLabelset` names the labelset --status reads, for its help text.
void add(QCommandLineParser &parser, const QString &statusLabelset);
//! Reads them into `query`; a non-empty result is a usage error. The terms are read by the
//! parser the server uses, so a bad one fails before any request, with the server's words.
QString read(const QCommandLineParser &parser, wire::SampleQuery *query);
//! Reads the one OWNER/NAME positional argument of `command`; a non-empty result is the error.
QString readDataset(const QCommandLineParser &parser, const QString &command, QString *dataset);

} // namespace SampleFilterOptions

} // namespace segscope::cli
