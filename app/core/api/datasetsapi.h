#pragma once

#include "pagewalk.h"

#include "wire/dataset.h"

//! docs/api-contract.md §4: datasets.
namespace segscope::api {

//! One page of a list (1-based; the server clamps per_page to 1000).
struct PageRequest {
    int page = 1;
    int perPage = 1000;
};

//! The body of POST /user/datasets/; empty optional fields are left out.
struct NewDataset {
    QString name;
    QString description;
    QString taskType;           //!< e.g. segmentation-bitmap; server default when empty
    QJsonObject taskAttributes; //!< {format_version, categories}
    QString category;           //!< e.g. other
    bool isPublic = false;
    QString readme;
    QJsonObject metadata;

    QJsonObject toJson() const;
};

//! GET /user/datasets/: the caller's datasets, shared ones and public ones.
CallHandle listDatasets(ApiClient &client, PageRequest page, QObject *context,
                        Callback<QList<wire::Dataset>> done);
//! Every page of GET /user/datasets/, page by page (`onPage` returns false to stop).
CallHandle walkDatasets(ApiClient &client, QObject *context,
                        std::function<bool(QList<wire::Dataset>, int)> onPage, Callback<Done> done,
                        int perPage = 1000);
//! GET /users/{user}/datasets/
CallHandle listUserDatasets(ApiClient &client, const QString &username, PageRequest page,
                            QObject *context, Callback<QList<wire::Dataset>> done);
//! POST /user/datasets/ (the server adds a ground-truth labelset).
CallHandle createDataset(ApiClient &client, const NewDataset &dataset, QObject *context,
                         Callback<wire::Dataset> done);
//! GET /datasets/{owner}/{name}/ with task_attributes, labelsets and samples_count.
CallHandle getDataset(ApiClient &client, const QString &fullName, QObject *context,
                      Callback<wire::Dataset> done);
//! PATCH /datasets/{owner}/{name}/ with any of the create fields.
CallHandle updateDataset(ApiClient &client, const QString &fullName, const QJsonObject &changes,
                         QObject *context, Callback<wire::Dataset> done);
//! DELETE /datasets/{owner}/{name}/
CallHandle deleteDataset(ApiClient &client, const QString &fullName, QObject *context,
                         Callback<Done> done);

//! `page=..&per_page=..`
QString pageQuery(PageRequest page);

} // namespace segscope::api
