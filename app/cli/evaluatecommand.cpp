#include "evaluatecommand.h"
#include "evaluationreport.h"
#include "samplefilteroptions.h"

#include "api/labelsetsapi.h"
#include "evaluate/evaluationcache.h"
#include "wire/contract.h"

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace segscope::cli {

QString EvaluateCommand::summary() const {
    return u"Evaluate a candidate labelset against a reference over a dataset's samples"_s;
}

void EvaluateCommand::addOptions(QCommandLineParser &parser) {
    parser.addPositionalArgument(u"OWNER/NAME"_s, u"The dataset."_s);
    parser.addOption({u"reference"_s,
                      u"The labelset taken as truth (default %1)."_s.arg(wire::DefaultLabelset),
                      u"LS"_s});
    parser.addOption({u"candidate"_s, u"The labelset evaluated (e.g. predictions)."_s, u"LS"_s});
    SampleFilterOptions::add(parser, u"the reference"_s);
    parser.addOption({u"json"_s, u"Print one JSON document."_s});
    parser.addOption({u"csv"_s, u"Print CSV: the categories, or the samples with --per-sample."_s});
    parser.addOption({u"per-sample"_s, u"Also one row per sample."_s});
    parser.addOption({u"no-cache"_s, u"Recompute every sample; neither read nor write the disk "
                                     u"cache of results."_s});
}

QString EvaluateCommand::readOptions(const QCommandLineParser &parser) {
    if (QString error = SampleFilterOptions::readDataset(parser, u"evaluate"_s, &m_spec.dataset);
        !error.isEmpty())
        return error;
    if (QString error = SampleFilterOptions::read(parser, &m_spec.query); !error.isEmpty())
        return error;
    m_spec.reference =
        parser.isSet(u"reference"_s) ? parser.value(u"reference"_s) : wire::DefaultLabelset;
    m_spec.candidate = parser.value(u"candidate"_s);
    if (m_spec.reference.isEmpty() || m_spec.candidate.isEmpty())
        return u"evaluate needs a --candidate labelset (and a non-empty --reference)"_s;
    if (parser.isSet(u"json"_s) && parser.isSet(u"csv"_s))
        return u"--json and --csv exclude each other"_s;
    m_format = parser.isSet(u"json"_s)  ? Format::Json
               : parser.isSet(u"csv"_s) ? Format::Csv
                                        : Format::Text;
    m_perSample = parser.isSet(u"per-sample"_s);
    if (!parser.isSet(u"no-cache"_s))
        m_spec.cacheDirectory = evaluate::EvaluationCache::defaultDirectory();
    m_progress = isatty(fileno(stderr));
    return {};
}

void EvaluateCommand::start(api::ApiClient &client) {
    connect(&m_evaluation, &evaluate::DatasetEvaluation::progress, this,
            &EvaluateCommand::showProgress);
    connect(&m_evaluation, &evaluate::DatasetEvaluation::finished, this, &EvaluateCommand::report);
    connect(&m_evaluation, &evaluate::DatasetEvaluation::failed, this,
            [this](const api::ApiError &error) {
                showProgress(-1, 0);
                fail(error);
            });
    checkLabelsets(client);
}

void EvaluateCommand::checkLabelsets(api::ApiClient &client) {
    // Up front, so a misspelt labelset is one clear message rather than every sample "missing".
    api::listLabelsets(
        client, m_spec.dataset, this, [this, &client](api::Result<QList<wire::Labelset>> r) {
            if (!r.ok()) {
                if (r.error().kind == api::ApiError::Kind::NotFound)
                    return fail(u"no dataset \"%1\" visible with this key (%2)"_s.arg(
                        m_spec.dataset, r.error().toString()));
                return fail(r.error());
            }
            QStringList names;
            for (const wire::Labelset &l : r.value())
                names.append(l.name);
            for (const QString &wanted : {m_spec.reference, m_spec.candidate}) {
                if (!names.contains(wanted))
                    return fail(u"dataset %1 has no labelset \"%2\" (it has: %3)"_s.arg(
                        m_spec.dataset, wanted, names.join(u", "_s)));
            }
            m_evaluation.start(client, m_spec);
        });
}

void EvaluateCommand::showProgress(int done, int total) {
    if (!m_progress)
        return;
    // One line rewritten in place; done < 0 clears it.
    const QString line =
        done < 0
            ? QString()
            : u"evaluating: %1 of %2 samples listed so far (%3 cached)"_s.arg(done).arg(total).arg(
                  m_evaluation.cachedCount());
    const QByteArray bytes = (u"\r\x1b[K"_s + line).toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void EvaluateCommand::report() {
    showProgress(-1, 0);
    const EvaluationReport report(m_evaluation);
    switch (m_format) {
    case Format::Text:
        out().write(report.text(m_perSample));
        break;
    case Format::Json:
        out().write(report.json(m_perSample));
        break;
    case Format::Csv:
        out().write(report.csv(m_perSample));
        break;
    }
    // The figures stand for the samples that were compared; say so when some could not be.
    if (const int failed =
            m_evaluation.presenceCounts()[size_t(evaluate::SampleEvaluation::Presence::Failed)];
        failed > 0) {
        out().flush();
        printError(u"%1 sample(s) could not be evaluated and are left out of the figures (see "
                   u"--per-sample)"_s.arg(failed));
    }
    succeed();
}

} // namespace segscope::cli
