#include "samplequery.h"

#include "vocabulary.h"

#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace segscope::wire {

namespace {

struct OpText {
    MetadataTerm::Op op;
    QString symbol;
};

//! Longest first, so ">=" is not read as ">" followed by "=5".
const QList<OpText> &comparisons() {
    static const QList<OpText> list{{MetadataTerm::GreaterOrEqual, u">="_s},
                                    {MetadataTerm::LessOrEqual, u"<="_s},
                                    {MetadataTerm::Greater, u">"_s},
                                    {MetadataTerm::Less, u"<"_s}};
    return list;
}

QString value(const QUrlQuery &query, const QString &key) {
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace

std::optional<MetadataTerm> MetadataTerm::parse(const QString &term, QString *error) {
    const qsizetype colon = term.indexOf(u':');
    // A key of spaces is no key either: trimmed, it would write ":value", which reads as nothing.
    if (colon <= 0 || term.left(colon).trimmed().isEmpty()) {
        if (error)
            *error = u"Expected key:value terms, got \"%1\"."_s.arg(term);
        return std::nullopt;
    }
    MetadataTerm t{term.left(colon).trimmed(), Equal, term.mid(colon + 1)};
    for (const OpText &c : comparisons()) {
        if (!t.value.startsWith(c.symbol))
            continue;
        bool isNumber = false;
        t.value.mid(c.symbol.size()).toDouble(&isNumber);
        if (!isNumber) {
            if (error)
                *error = u"\"%1\" compares with a value that is not a number."_s.arg(term);
            return std::nullopt;
        }
        t.op = c.op;
        t.value = t.value.mid(c.symbol.size());
        break;
    }
    return t;
}

QString MetadataTerm::opSymbol() const {
    for (const OpText &c : comparisons()) {
        if (c.op == op)
            return c.symbol;
    }
    return u"="_s;
}

QString MetadataTerm::toString() const {
    return key + u':' + (op == Equal ? QString() : opSymbol()) + value;
}

QList<std::pair<QString, QString>> SampleQuery::toQueryItems() const {
    using namespace SampleQueryParam;
    QList<std::pair<QString, QString>> items{{Page, QString::number(page)},
                                             {PerPage, QString::number(perPage)}};
    if (!nameContains.isEmpty())
        items.append({NameContains, nameContains});
    if (!labelStatuses.isEmpty())
        items.append({LabelStatus, labelStatuses.join(u',')});
    if (!labelset.isEmpty())
        items.append({Labelset, labelset});
    if (!metadata.isEmpty())
        items.append({Filters, metadataTerms().join(u',')});
    if (!sortField.isEmpty())
        items.append({Sort, sortDescending ? u'-' + sortField : sortField});
    if (includeFullLabel)
        items.append({IncludeFullLabel, u"1"_s});
    return items;
}

QString SampleQuery::toQueryString() const {
    QStringList parts;
    for (const auto &[key, value] : toQueryItems())
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' +
                                         QUrl::toPercentEncoding(value)));
    return parts.join(u'&');
}

QStringList SampleQuery::metadataTerms() const {
    QStringList out;
    out.reserve(metadata.size());
    for (const MetadataTerm &t : metadata)
        out.append(t.toString());
    return out;
}

bool SampleQuery::setMetadataTerms(const QStringList &terms, QString *error) {
    QList<MetadataTerm> parsed;
    for (const QString &term : terms) {
        const std::optional<MetadataTerm> t = MetadataTerm::parse(term, error);
        if (!t)
            return false;
        parsed.append(*t);
    }
    metadata = parsed;
    return true;
}

std::optional<QueryError> readPaging(const QUrlQuery &query, int *page, int *perPage) {
    using namespace SampleQueryParam;
    // The messages are DRF's: a bad page is "Invalid page." (a 404 there), per_page a 400.
    const QString pageText = value(query, Page);
    if (!pageText.isEmpty()) {
        bool ok = false;
        const qint64 n = pageText.toLongLong(&ok);
        if (!ok || n < 1)
            return QueryError{Page, u"Invalid page."_s};
        *page = int(std::min<qint64>(n, 100000000));
    }
    const QString perPageText = value(query, PerPage);
    if (!perPageText.isEmpty()) {
        bool ok = false;
        const qint64 n = perPageText.toLongLong(&ok);
        if (!ok || n < 1)
            return QueryError{PerPage, u"per_page must be a positive integer."_s};
        *perPage = int(std::min<qint64>(n, 1000));
    }
    return std::nullopt;
}

std::optional<SampleQuery> SampleQuery::fromQuery(const QUrlQuery &query, QueryError *error) {
    using namespace SampleQueryParam;
    SampleQuery q;
    if (const auto pagingError = readPaging(query, &q.page, &q.perPage)) {
        *error = *pagingError;
        return std::nullopt;
    }
    q.nameContains = value(query, NameContains);
    q.labelset = value(query, Labelset);
    for (const QString &s : value(query, LabelStatus).split(u',', Qt::SkipEmptyParts)) {
        const QString status = s.trimmed().toUpper();
        if (!isLabelStatus(status)) {
            *error = QueryError{LabelStatus, u"\"%1\" is not a valid label status."_s.arg(s)};
            return std::nullopt;
        }
        q.labelStatuses.append(status);
    }
    const QString full = value(query, IncludeFullLabel).toLower();
    q.includeFullLabel = full == "1"_L1 || full == "true"_L1;
    QString termError;
    if (!q.setMetadataTerms(value(query, Filters).split(u',', Qt::SkipEmptyParts), &termError)) {
        *error = QueryError{Filters, termError};
        return std::nullopt;
    }
    QString sort = value(query, Sort);
    if (!sort.isEmpty()) {
        q.sortDescending = sort.startsWith(u'-');
        if (q.sortDescending)
            sort.remove(0, 1);
        if (!sampleSortFields().contains(sort)) {
            *error = QueryError{Sort, u"\"%1\" is not a field to sort by; use one of %2."_s.arg(
                                          sort, sampleSortFields().join(u", "_s))};
            return std::nullopt;
        }
        q.sortField = sort;
    }
    return q;
}

} // namespace segscope::wire
