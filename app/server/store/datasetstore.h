#pragma once

#include "wire/dataset.h"
#include "store/records.h"

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

//! Datasets and their labelsets, and the access rules of contract §2: a private dataset of
//! another user does not exist for the caller (404); a public one is readable, not writable (403).
class DatasetStore {
public:
    explicit DatasetStore(Database &db)
        : m_db(db) {}

    DatasetRow create(const UserRecord &owner, const QJsonObject &body);
    void update(DatasetRow &row, const QJsonObject &body);
    void remove(const DatasetRow &row);

    //! 404 unless the caller may read it.
    DatasetRow readable(const UserRecord &caller, const QString &owner, const QString &name);
    //! 404 unless readable, 403 unless the caller owns it.
    DatasetRow writable(const UserRecord &caller, const QString &owner, const QString &name);
    DatasetRow byId(qint64 id);

    //! The datasets `caller` may see, optionally of one owner only, a page at a time.
    QList<DatasetRow> visible(const UserRecord &caller, const QString &ownerFilter, int page,
                              int perPage);

    QList<LabelsetRow> labelsets(qint64 datasetId);
    LabelsetRow labelset(qint64 datasetId, const QString &name); //!< 404 when missing
    LabelsetRow createLabelset(qint64 datasetId, const QJsonObject &body);
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
    void applyFields(wire::Dataset &d, const QJsonObject &body, bool creating);

    Database &m_db;
    QHash<qint64, Stats> m_stats;
};

} // namespace segscope::server
