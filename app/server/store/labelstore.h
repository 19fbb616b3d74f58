#pragma once

#include "wire/label.h"
#include "store/datasetstore.h"
#include "store/samplestore.h"

namespace segscope::server {

//! Labels: one per sample and labelset, created or replaced by PUT, edited by PATCH.
class LabelStore {
public:
    explicit LabelStore(Database &db)
        : m_db(db) {}

    //! The label columns (prefixed `l.`), in the order fromQuery reads them.
    static QString columns();
    static wire::Label fromQuery(const QSqlQuery &q, int first, const QString &sampleUuid,
                                  const QString &labelsetName);

    wire::Label get(const SampleRow &sample, const LabelsetRow &labelset); //!< 404 when none
    //! PUT (replace = true) or PATCH; validates against the dataset's categories first.
    wire::Label write(const DatasetRow &dataset, const SampleRow &sample,
                       const LabelsetRow &labelset, const QJsonObject &body, const QString &user,
                       bool replace);
    void remove(const SampleRow &sample, const LabelsetRow &labelset); //!< 404 when none

private:
    Database &m_db;
};

} // namespace segscope::server
