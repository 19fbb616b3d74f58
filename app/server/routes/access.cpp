#include "access.h"

#include "http/httperror.h"

namespace segscope::server {

bool Access::mayRead(const DatasetRow &dataset) const {
    return dataset.ownerId == m_caller.id || dataset.value.isPublic;
}

DatasetRow Access::readableDataset(const QString &owner, const QString &name) const {
    DatasetRow row = m_stores.datasets.byName(owner, name);
    if (!mayRead(row))
        throw HttpError::notFound();
    return row;
}

DatasetRow Access::writableDataset(const QString &owner, const QString &name) const {
    DatasetRow row = readableDataset(owner, name);
    if (row.ownerId != m_caller.id)
        throw HttpError::forbidden();
    return row;
}

std::pair<StoredSample, DatasetRow> Access::readableSample(const QString &uuid) const {
    StoredSample sample = m_stores.samples.byUuid(uuid);
    DatasetRow dataset = m_stores.datasets.byId(sample.datasetId);
    if (!mayRead(dataset))
        throw HttpError::notFound();
    sample.value.datasetFullName = dataset.value.fullName;
    return {sample, dataset};
}

std::pair<StoredSample, DatasetRow> Access::writableSample(const QString &uuid) const {
    auto found = readableSample(uuid);
    if (found.second.ownerId != m_caller.id)
        throw HttpError::forbidden();
    return found;
}

} // namespace segscope::server
