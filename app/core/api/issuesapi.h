#pragma once

#include "apiclient.h"

#include "wire/issue.h"

//! docs/api-contract.md §4: issues on samples, as the SDK calls them (add_issue, get_issues,
//! update_issue, delete_issue). The API does not page the dataset's list.
namespace segscope::api {

//! POST /samples/{uuid}/issues/ with {"description", "status"}: a new issue on the sample.
CallHandle createIssue(ApiClient &client, const QString &sampleUuid, const QString &description,
                       QObject *context, Callback<wire::Issue> done,
                       const QString &status = QStringLiteral("OPEN"));
//! GET /samples/{uuid}/issues/: the sample's issues, oldest first. (The SDK reads a sample's
//! issues from its `issues` field; segscope-server answers this path too, and the client uses
//! it so that a sample's issues come without its label.)
CallHandle listSampleIssues(ApiClient &client, const QString &sampleUuid, QObject *context,
                            Callback<QList<wire::Issue>> done);
//! GET /datasets/{owner}/{name}/issues/: every issue of the dataset.
CallHandle listDatasetIssues(ApiClient &client, const QString &dataset, QObject *context,
                             Callback<QList<wire::Issue>> done);
//! PATCH /issues/{uuid}/ with the fields given (description and/or status; an empty one is
//! left out).
CallHandle updateIssue(ApiClient &client, const QString &issueUuid, const QString &description,
                       const QString &status, QObject *context, Callback<wire::Issue> done);
//! DELETE /issues/{uuid}/
CallHandle deleteIssue(ApiClient &client, const QString &issueUuid, QObject *context,
                       Callback<Done> done);

} // namespace segscope::api
