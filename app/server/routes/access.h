#pragma once

#include "store/stores.h"

#include <tuple>
#include <utility>

namespace segscope::server {

//! The access rules of docs/api-contract.md §2, applied by the routes before a store is asked to
//! change anything: a private dataset of another user does not exist for the caller (404); a public
//! one is readable by everyone and writable by its owner only (403).
class Access {
public:
    Access(Stores &stores, const UserRecord &caller)
        : m_stores(stores)
        , m_caller(caller) {}

    //! 404 unless the caller may read it.
    DatasetRow readableDataset(const QString &owner, const QString &name) const;
    //! 404 unless readable, 403 unless the caller owns it.
    DatasetRow writableDataset(const QString &owner, const QString &name) const;
    //! The sample and its dataset (with its full name), 404 unless the caller may read them.
    std::pair<StoredSample, DatasetRow> readableSample(const QString &uuid) const;
    //! As readableSample, and 403 unless the caller owns the dataset.
    std::pair<StoredSample, DatasetRow> writableSample(const QString &uuid) const;

private:
    bool mayRead(const DatasetRow &dataset) const;

    Stores &m_stores;
    const UserRecord &m_caller;
};

} // namespace segscope::server
