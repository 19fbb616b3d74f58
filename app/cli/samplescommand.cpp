#include "samplescommand.h"
#include "jsonarraywriter.h"
#include "samplefilteroptions.h"

#include "api/samplesapi.h"

#include <memory>

using namespace Qt::StringLiterals;
using segscope::wire::Sample;

namespace segscope::cli {

namespace {
constexpr int MaxPerPage = 1000;
}

QString SamplesCommand::summary() const {
    return u"List the samples of a dataset"_s;
}

void SamplesCommand::addOptions(QCommandLineParser &parser) {
    parser.addPositionalArgument(u"OWNER/NAME"_s, u"The dataset."_s);
    SampleFilterOptions::add(parser, u"the labelset (default ground-truth)"_s);
    parser.addOption({u"labelset"_s, u"Include the label status from this labelset."_s, u"NAME"_s});
    parser.addOption({u"limit"_s, u"Stop after N samples."_s, u"N"_s});
    parser.addOption({u"json"_s, u"Print one JSON array of samples."_s});
}

QString SamplesCommand::readOptions(const QCommandLineParser &parser) {
    if (QString error = SampleFilterOptions::readDataset(parser, u"samples"_s, &m_dataset);
        !error.isEmpty())
        return error;
    if (QString error = SampleFilterOptions::read(parser, &m_query); !error.isEmpty())
        return error;
    m_query.labelset = parser.value(u"labelset"_s);
    if (parser.isSet(u"limit"_s)) {
        bool ok = false;
        m_limit = parser.value(u"limit"_s).toLongLong(&ok);
        if (!ok || m_limit <= 0)
            return u"--limit needs a positive number, got \"%1\""_s.arg(parser.value(u"limit"_s));
    }
    m_json = parser.isSet(u"json"_s);
    m_query.perPage = m_limit > 0 ? int(std::min<qint64>(m_limit, MaxPerPage)) : MaxPerPage;
    return {};
}

void SamplesCommand::start(api::ApiClient &client) {
    auto writer = std::make_shared<JsonArrayWriter>(&out());
    auto onPage = [this, writer](QList<Sample> page, int pageNumber) {
        qCDebug(lcCli) << "page" << pageNumber << "with" << page.size() << "samples";
        for (const Sample &s : std::as_const(page)) {
            if (m_limit > 0 && m_written >= m_limit)
                break;
            ++m_written;
            if (m_json) {
                writer->append(s.toJson());
                continue;
            }
            const QString status = s.label ? s.label->labelStatus : u"-"_s;
            out().write((s.uuid + u'\t' + s.name + u'\t' + status + u'\n').toUtf8());
        }
        out().flush();
        return m_limit == 0 || m_written < m_limit;
    };
    // The next page is on its way while this one is written out; with --limit, one at a time,
    // so a short listing asks for no page it does not print.
    const auto pace =
        m_limit == 0 ? api::PageWalk::Pace::OneAhead : api::PageWalk::Pace::OneAtATime;
    api::walkSamples(
        client, m_dataset, m_query, this, onPage,
        [this, writer](api::Result<api::Done> r) {
            // On an error the array stays open: a truncated list must not read as a complete
            // one.
            if (!r.ok())
                return fail(r.error());
            if (m_json)
                writer->finish();
            succeed();
        },
        pace);
}

} // namespace segscope::cli
