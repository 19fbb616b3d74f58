#pragma once

#include "store/datasetstore.h"
#include "wire/sample.h"
#include "wire/samplequery.h"

#include <QSqlQuery>

namespace segscope::server {

class Database;

struct StoredSample {
    qint64 id = 0;
    qint64 datasetId = 0;
    wire::Sample value;
};

//! Samples, listed through covering indexes so that page 1000 costs about what page 1 does.
class SampleStore {
public:
    explicit SampleStore(Database &db)
        : m_db(db) {}

    //! Inserts a sample the route has read; a Conflict on a duplicate name unless `existingOk`,
    //! which returns the stored one.
    StoredSample create(const DatasetRow &dataset, wire::Sample sample, const QString &createdBy,
                        bool existingOk = false);
    //! One page of `query`. `labelset` is the one its statuses and labels refer to, resolved by
    //! the caller (needed when the query names a labelset or statuses).
    QList<wire::Sample> list(const DatasetRow &dataset, const wire::SampleQuery &query,
                             const std::optional<LabelsetRow> &labelset);
    StoredSample byUuid(const QString &uuid); //!< NotFound when missing
    //! Stores `changed` (the row's sample with a PATCH applied); Conflict on a duplicate name.
    void update(StoredSample &row, const wire::Sample &changed);
    void remove(const StoredSample &row);
    //! Deletes those of `uuids` that belong to the dataset; returns how many.
    qint64 removeMany(qint64 datasetId, const QStringList &uuids);

private:
    StoredSample rowFromQuery(const QSqlQuery &q, int labelColumn, const QString &labelsetName,
                              bool fullLabel);

    Database &m_db;
};

} // namespace segscope::server
