#pragma once

#include "store/records.h"
#include "wire/dataset.h"

#include <QHash>
#include <QSqlQuery>

namespace segscope::server {

class Database;

struct DatasetRow {
    qint64 id = 0;
    qint64 ownerId = 0;
    wire::Dataset value; //!< everything but the counts, which stats() adds

    bool isValid() const { return id > 0; }
};

struct LabelsetRow {
    qint64 id = 0;
    qint64 datasetId = 0;
    wire::Labelset value;
};

//! Datasets and their labelsets. The routes check input and access (routes/access.h) first.
class DatasetStore {
public:
    explicit DatasetStore(Database &db)
        : m_db(db) {}

    //! Inserts `dataset` with its ground-truth labelset; Conflict when the owner has the name.
    DatasetRow create(const UserRecord &owner, const wire::Dataset &dataset);
    //! Stores `changed` (the row's dataset with a PATCH applied); Conflict on a duplicate name.
    void update(DatasetRow &row, const wire::Dataset &changed);
    void remove(const DatasetRow &row);

    //! NotFound when `owner` has no dataset `name`.
    DatasetRow byName(const QString &owner, const QString &name);
    DatasetRow byId(qint64 id);

    //! The datasets `caller` may see, optionally of one owner only, a page at a time.
    QList<DatasetRow> visible(const UserRecord &caller, const QString &ownerFilter, int page,
                              int perPage);

    QList<LabelsetRow> labelsets(qint64 datasetId);
    LabelsetRow labelset(qint64 datasetId, const QString &name); //!< NotFound when missing
    //! Conflict when the dataset has a labelset of that name.
    LabelsetRow createLabelset(qint64 datasetId, const wire::Labelset &value);
    void removeLabelset(const LabelsetRow &row);

    //! The wire Dataset, with counts, labelsets and the caller's role.
    wire::Dataset toWire(const DatasetRow &row, const UserRecord &caller);
    //! Drops cached counts after a write to the dataset's samples or labels.
    void invalidateStats(qint64 datasetId) { m_stats.remove(datasetId); }

private:
    struct Stats {
        qint64 samples = 0;
        QMap<QString, qint64> labelStats;
    };
    const Stats &stats(qint64 datasetId);
    QList<DatasetRow> rows(QSqlQuery &q);

    Database &m_db;
    QHash<qint64, Stats> m_stats;
};

} // namespace segscope::server
