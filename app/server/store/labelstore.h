#pragma once

#include "store/datasetstore.h"
#include "store/samplestore.h"
#include "wire/label.h"

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

    wire::Label get(const StoredSample &sample,
                    const LabelsetRow &labelset); //!< NotFound when none
    std::optional<wire::Label> find(const StoredSample &sample, const LabelsetRow &labelset);
    //! Stores `label` (read and checked by the route) as the sample's label in `labelset`,
    //! stamping who wrote it and when (and who reviewed it, for a reviewing status: REVIEWED,
    //! REJECTED or VERIFIED; any other status clears reviewed_at and reviewed_by); `isNew`
    //! when there was none, so it is created now too.
    wire::Label write(const StoredSample &sample, const LabelsetRow &labelset, wire::Label label,
                      const QString &user, bool isNew);
    void remove(const StoredSample &sample, const LabelsetRow &labelset); //!< NotFound when none

private:
    Database &m_db;
};

} // namespace segscope::server
