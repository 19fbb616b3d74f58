#pragma once

#include "apiclient.h"

#include "wire/labelset.h"

//! docs/api-contract.md §4: labelsets of a dataset.
namespace segscope::api {

//! GET /datasets/{ds}/labelsets/
CallHandle listLabelsets(ApiClient &client, const QString &dataset, QObject *context,
                         Callback<QList<wire::Labelset>> done);
//! GET /datasets/{ds}/labelsets/{name}/
CallHandle getLabelset(ApiClient &client, const QString &dataset, const QString &name,
                       QObject *context, Callback<wire::Labelset> done);
//! POST /datasets/{ds}/labelsets/
CallHandle createLabelset(ApiClient &client, const QString &dataset, const QString &name,
                          const QString &description, QObject *context,
                          Callback<wire::Labelset> done);
//! DELETE /datasets/{ds}/labelsets/{name}/
CallHandle deleteLabelset(ApiClient &client, const QString &dataset, const QString &name,
                          QObject *context, Callback<Done> done);

} // namespace segscope::api
