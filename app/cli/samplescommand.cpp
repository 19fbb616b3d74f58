#include "samplescommand.h"
#include "jsonarraywriter.h"

#include "api/samplesapi.h"
#include "wire/vocabulary.h"

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
    parser.addOption({u"name"_s, u"Only names containing TEXT."_s, u"TEXT"_s});
    parser.addOption({u"status"_s, u"Only these label statuses (comma-separated)."_s, u"S,..."_s});
    parser.addOption({u"labelset"_s, u"Include the label status from this labelset."_s, u"NAME"_s});
    parser.addOption({u"filter"_s, u"Metadata filter KEY:VALUE (repeatable)."_s, u"K:V"_s});
    parser.addOption({u"sort"_s,
                      u"Sort by FIELD (prefix - for descending): "_s +
                          wire::sampleSortFields().join(u", "_s) + u'.',
                      u"[-]FIELD"_s});
    parser.addOption({u"limit"_s, u"Stop after N samples."_s, u"N"_s});
    parser.addOption({u"json"_s, u"Print one JSON array of samples."_s});
}

QString SamplesCommand::readOptions(const QCommandLineParser &parser) {
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return u"samples takes exactly one dataset, OWNER/NAME"_s;
    const QStringList parts = args.first().split(u'/');
    if (parts.size() != 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return u"expected a dataset as OWNER/NAME, got \"%1\""_s.arg(args.first());
    m_dataset = args.first();
    m_query.nameContains = parser.value(u"name"_s);
    if (parser.isSet(u"status"_s)) {
        m_query.labelStatuses = parser.value(u"status"_s).split(u',', Qt::SkipEmptyParts);
        for (const QString &s : std::as_const(m_query.labelStatuses)) {
            if (!wire::isLabelStatus(s))
                return u"unknown label status \"%1\" (one of %2)"_s.arg(
                    s, wire::labelStatuses().join(u", "_s));
        }
    }
    m_query.labelset = parser.value(u"labelset"_s);
    // The terms are read by the same parser the server uses, so a bad one fails here, before
    // any request, with the server's words.
    QString filterError;
    if (!m_query.setMetadataTerms(parser.values(u"filter"_s), &filterError))
        return u"a filter is KEY:VALUE (or KEY:>N, KEY:<=N, ...): "_s + filterError;
    if (parser.isSet(u"sort"_s)) {
        QString field = parser.value(u"sort"_s);
        m_query.sortDescending = field.startsWith(u'-');
        if (m_query.sortDescending)
            field.remove(0, 1);
        if (!wire::sampleSortFields().contains(field))
            return u"cannot sort by \"%1\" (one of %2)"_s.arg(
                field, wire::sampleSortFields().join(u", "_s));
        m_query.sortField = field;
    }
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
    api::walkSamples(client, m_dataset, m_query, this, onPage,
                     [this, writer](api::Result<api::Done> r) {
                         // On an error the array stays open: a truncated list must not read
                         // as a complete one.
                         if (!r.ok())
                             return fail(r.error());
                         if (m_json)
                             writer->finish();
                         succeed();
                     });
}

} // namespace segscope::cli
