#pragma once

#include <QString>
#include <QStringList>

namespace segscope::api {

//! The query of GET /datasets/{ds}/samples/ (contract §5), percent-encoded by toQueryString.
struct SampleQuery {
    int page = 1;
    int perPage = 1000;
    QString nameContains;        //!< name__contains, case-insensitive
    QStringList labelStatuses;   //!< label_status=S1,S2 (in `labelset`, default ground-truth)
    QString labelset;            //!< adds a label summary to each sample
    QStringList metadataFilters; //!< `key:value` terms (also key:>n, key:<=n, ...)
    QString sortField;           //!< name, created_at, priority, gt_label__updated_at
    bool sortDescending = false;
    bool includeFullLabel = false; //!< the full Label instead of the summary (needs labelset)

    //! `page=2&per_page=100&name__contains=...`, every value percent-encoded.
    QString toQueryString() const;
};

} // namespace segscope::api
