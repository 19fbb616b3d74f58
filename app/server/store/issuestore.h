#pragma once

#include "store/samplestore.h"
#include "wire/issue.h"

namespace segscope::server {

class Database;

//! An issue with the ids the access checks need.
struct IssueRow {
    qint64 id = 0;
    qint64 sampleId = 0;
    wire::Issue value; //!< sample_uuid and sample_name are the sample's as it is now
};

//! Issues raised on samples (docs/api-contract.md §3.9). The routes check input and access
//! (routes/access.h) first. Comments are not stored: the SDK has no call that adds one, so every
//! issue answers an empty thread.
class IssueStore {
public:
    explicit IssueStore(Database &db)
        : m_db(db) {}

    //! A new issue on `sample` (its description and status from `issue`), created by `user` at
    //! `at` (a stored time; now when empty: only the demo gives one).
    wire::Issue create(const StoredSample &sample, const wire::Issue &issue, const QString &user,
                       const QString &at = {});
    //! The sample's issues, oldest first.
    QList<wire::Issue> forSample(qint64 sampleId);
    //! Every issue of the dataset, oldest first.
    QList<wire::Issue> forDataset(qint64 datasetId);
    IssueRow byUuid(const QString &uuid); //!< NotFound when missing
    //! Stores the description and status of `changed`, stamping `user` and now as the update.
    void update(IssueRow &row, const wire::Issue &changed, const QString &user);
    void remove(const IssueRow &row);

private:
    QList<wire::Issue> list(const QString &where, qint64 id);
    static IssueRow rowFromQuery(const QSqlQuery &q);

    Database &m_db;
};

} // namespace segscope::server
