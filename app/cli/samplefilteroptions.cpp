#include "samplefilteroptions.h"

#include "wire/vocabulary.h"

using namespace Qt::StringLiterals;

namespace segscope::cli::SampleFilterOptions {

void add(QCommandLineParser &parser, const QString &statusLabelset) {
    parser.addOption({u"name"_s, u"Only names containing TEXT."_s, u"TEXT"_s});
    parser.addOption({u"status"_s,
                      u"Only these label statuses in %1 (comma-separated)."_s.arg(statusLabelset),
                      u"S,..."_s});
    parser.addOption({u"filter"_s, u"Metadata filter KEY:VALUE (repeatable)."_s, u"K:V"_s});
    parser.addOption({u"sort"_s,
                      u"Sort by FIELD (prefix - for descending): "_s +
                          wire::sampleSortFields().join(u", "_s) + u'.',
                      u"[-]FIELD"_s});
}

QString read(const QCommandLineParser &parser, wire::SampleQuery *query) {
    query->nameContains = parser.value(u"name"_s);
    if (parser.isSet(u"status"_s)) {
        query->labelStatuses = parser.value(u"status"_s).split(u',', Qt::SkipEmptyParts);
        for (const QString &s : std::as_const(query->labelStatuses)) {
            if (!wire::isLabelStatus(s))
                return u"unknown label status \"%1\" (one of %2)"_s.arg(
                    s, wire::labelStatuses().join(u", "_s));
        }
    }
    QString filterError;
    if (!query->setMetadataTerms(parser.values(u"filter"_s), &filterError))
        return u"a filter is KEY:VALUE (or KEY:>N, KEY:<=N, ...): "_s + filterError;
    if (parser.isSet(u"sort"_s)) {
        QString field = parser.value(u"sort"_s);
        query->sortDescending = field.startsWith(u'-');
        if (query->sortDescending)
            field.remove(0, 1);
        if (!wire::sampleSortFields().contains(field))
            return u"cannot sort by \"%1\" (one of %2)"_s.arg(
                field, wire::sampleSortFields().join(u", "_s));
        query->sortField = field;
    }
    return {};
}

QString readDataset(const QCommandLineParser &parser, const QString &command, QString *dataset) {
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return u"%1 takes exactly one dataset, OWNER/NAME"_s.arg(command);
    const QStringList parts = args.first().split(u'/');
    if (parts.size() != 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return u"expected a dataset as OWNER/NAME, got \"%1\""_s.arg(args.first());
    *dataset = args.first();
    return {};
}

} // namespace segscope::cli::SampleFilterOptions
