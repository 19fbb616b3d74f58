#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>
#include <utility>

namespace segscope::wire {

//! The parameter names of GET /datasets/{ds}/samples/ (docs/api-contract.md §5), written once for
//! the client that builds the query and the server that reads it.
namespace SampleQueryParam {
inline const QString Page = QStringLiteral("page");
inline const QString PerPage = QStringLiteral("per_page");
inline const QString NameContains = QStringLiteral("name__contains");
inline const QString LabelStatus = QStringLiteral("label_status");
inline const QString Labelset = QStringLiteral("labelset");
inline const QString Filters = QStringLiteral("filters");
inline const QString Sort = QStringLiteral("sort");
inline const QString IncludeFullLabel = QStringLiteral("include_full_label");
} // namespace SampleQueryParam

//! A list parameter a server refuses: which one, and why, in words for the user.
struct QueryError {
    QString parameter;
    QString message;
};

//! One term of `filters`: `key:value` compares the metadata value as text (JSON true/false
//! match "true"/"false"); `key:>n`, `key:>=n`, `key:<n`, `key:<=n` compare numbers.
struct MetadataTerm {
    enum Op { Equal, Greater, GreaterOrEqual, Less, LessOrEqual };

    QString key;
    Op op = Equal;
    QString value; //!< without the operator; a number unless op is Equal

    //! Reads one `key:value` term; nullopt with `error` set to the message a server answers
    //! when it is malformed (no key, or a comparison with something that is not a number).
    static std::optional<MetadataTerm> parse(const QString &term, QString *error = nullptr);
    //! The term as written in `filters` (parse(toString()) gives it back).
    QString toString() const;
    //! "=", ">", ">=", "<" or "<=" (also the SQL operator).
    QString opSymbol() const;

    bool operator==(const MetadataTerm &) const = default;
};

//! The query of GET /datasets/{ds}/samples/: built by the client (toQueryString), read by the
//! server (fromQuery) with the same names and the same rules.
struct SampleQuery {
    int page = 1;
    int perPage = 1000;
    QString nameContains;      //!< name__contains, case-insensitive
    QStringList labelStatuses; //!< label_status=S1,S2 (in `labelset`, default ground-truth)
    QString labelset;          //!< adds a label summary to each sample (empty: none)
    QList<MetadataTerm> metadata;
    QString sortField; //!< name, created_at, priority, gt_label__updated_at; empty: name
    bool sortDescending = false;
    bool includeFullLabel = false; //!< the full Label instead of the summary (needs labelset)

    //! `page`, `per_page` and every other parameter that is set, in a fixed order, not encoded.
    QList<std::pair<QString, QString>> toQueryItems() const;
    //! `page=2&per_page=100&name__contains=...`, every name and value percent-encoded.
    QString toQueryString() const;

    //! Reads a request's query; nullopt with `error` naming the parameter at fault. Label
    //! statuses come back upper-case; unknown parameters are ignored.
    static std::optional<SampleQuery> fromQuery(const QUrlQuery &query, QueryError *error);
    //! Reads a term list (the CLI's --filter values, the filter bar's text) into `metadata`;
    //! false with `error` set on the first malformed term, leaving `metadata` as it was.
    bool setMetadataTerms(const QStringList &terms, QString *error = nullptr);
    //! The terms as written, for display.
    QStringList metadataTerms() const;
};

//! `page` and `per_page` as every list request reads them: absent gives the defaults; a page that
//! is not a positive integer is an error on "page", a bad per_page one on "per_page"; per_page is
//! clamped to 1000.
std::optional<QueryError> readPaging(const QUrlQuery &query, int *page, int *perPage);

} // namespace segscope::wire
