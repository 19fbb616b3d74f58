#pragma once

#include "wire/sample.h"
#include "store/datasetstore.h"

#include <QSqlQuery>

namespace segscope::server {

class Database;

//! The parsed query of GET /datasets/{ds}/samples/ (contract §5).
struct SampleQuery {
    int page = 1;
    int perPage = 1000;
    QString nameContains;
    QStringList statuses;
    qint64 labelsetId = 0; //!< the labelset statuses refer to and labels come from
    bool withLabel = false;
    bool fullLabel = false;
    struct MetadataTerm {
        QString key;
        QString op; //!< "=", ">", "<", ">=", "<="
        QString value;
    };
    QList<MetadataTerm> metadata;
    QString sortField = QStringLiteral("name");
    bool descending = false;
};

struct SampleRow {
    qint64 id = 0;
    qint64 datasetId = 0;
    wire::Sample value;
};

//! Samples, listed through covering indexes so that page 1000 costs about what page 1 does.
class SampleStore {
public:
    explicit SampleStore(Database &db)
        : m_db(db) {}

    //! Validates a create body; throws 400 with the field at fault.
    static wire::Sample parseCreate(const QJsonValue &body, const QString &path = {});
    //! Inserts; 400 "already exists" on a duplicate name unless `existingOk`, which returns it.
    SampleRow create(const DatasetRow &dataset, wire::Sample sample, const QString &createdBy,
                     bool existingOk = false);
    QList<wire::Sample> list(const DatasetRow &dataset, const SampleQuery &query,
                              const QString &labelsetName);
    SampleRow byUuid(const QString &uuid); //!< 404 when missing
    void update(SampleRow &row, const QJsonObject &body);
    void remove(const SampleRow &row);
    //! Deletes those of `uuids` that belong to the dataset; returns how many.
    qint64 removeMany(qint64 datasetId, const QStringList &uuids);

private:
    SampleRow rowFromQuery(const QSqlQuery &q, int labelColumn, const QString &labelsetName,
                           bool fullLabel);

    Database &m_db;
};

} // namespace segscope::server
