#include "issuesapi.h"
#include "typedcall.h"

using namespace Qt::StringLiterals;
using segscope::wire::Issue;

namespace segscope::api {

namespace {
QString sampleIssuesPath(const QString &sampleUuid) {
    return u"/samples/"_s + pathSegment(sampleUuid) + u"/issues/"_s;
}
QString issuePath(const QString &issueUuid) {
    return u"/issues/"_s + pathSegment(issueUuid) + u'/';
}
} // namespace

CallHandle createIssue(ApiClient &client, const QString &sampleUuid, const QString &description,
                       QObject *context, Callback<Issue> done, const QString &status) {
    const QJsonObject body{{"description"_L1, description}, {"status"_L1, status}};
    return callValue(client, ApiRequest::withJson("POST", sampleIssuesPath(sampleUuid), body),
                     context, std::move(done));
}

CallHandle listSampleIssues(ApiClient &client, const QString &sampleUuid, QObject *context,
                            Callback<QList<Issue>> done) {
    return callList(client, ApiRequest::get(sampleIssuesPath(sampleUuid)), context,
                    std::move(done));
}

CallHandle listDatasetIssues(ApiClient &client, const QString &dataset, QObject *context,
                             Callback<QList<Issue>> done) {
    return callList(client, ApiRequest::get(datasetPath(dataset, u"issues/"_s)), context,
                    std::move(done));
}

CallHandle updateIssue(ApiClient &client, const QString &issueUuid, const QString &description,
                       const QString &status, QObject *context, Callback<Issue> done) {
    QJsonObject body;
    if (!description.isEmpty())
        body.insert("description"_L1, description);
    if (!status.isEmpty())
        body.insert("status"_L1, status);
    ApiRequest request = ApiRequest::withJson("PATCH", issuePath(issueUuid), body);
    // Setting fields to given values can be repeated safely.
    request.idempotent = true;
    return callValue(client, std::move(request), context, std::move(done));
}

CallHandle deleteIssue(ApiClient &client, const QString &issueUuid, QObject *context,
                       Callback<Done> done) {
    return callDone(client, ApiRequest::del(issuePath(issueUuid)), context, std::move(done));
}

} // namespace segscope::api
