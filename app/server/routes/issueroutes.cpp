#include "routes/routes.h"

#include "http/httperror.h"
#include "routes/access.h"
#include "routes/requestbodies.h"
#include "store/stores.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

QJsonArray toJson(const QList<wire::Issue> &issues) {
    QJsonArray out;
    for (const wire::Issue &i : issues)
        out.append(i.toJson());
    return out;
}

//! The issue named by the path, 404 unless the caller may read its sample's dataset and 403
//! unless the caller may write it: an issue is as visible as its sample.
IssueRow writableIssue(Stores &stores, const RouteRequest &r) {
    IssueRow row = stores.issues.byUuid(r.params.at(0));
    Access(stores, r.caller).writableSample(row.value.sampleUuid);
    return row;
}

} // namespace

void installIssueRoutes(Router &router, Stores &stores) {
    router.add("POST", u"/samples/{}/issues"_s, [&stores](RouteRequest &r) {
        const auto [sample, ds] = Access(stores, r.caller).writableSample(r.params.at(0));
        wire::Issue issue;
        issue.status = u"OPEN"_s;
        readIssueBody(r.json(), BodyReader::Create, issue);
        return ApiResponse::json(stores.issues.create(sample, issue, r.caller.username).toJson(),
                                 201);
    });
    router.add("GET", u"/samples/{}/issues"_s, [&stores](RouteRequest &r) {
        const auto [sample, ds] = Access(stores, r.caller).readableSample(r.params.at(0));
        return ApiResponse::json(toJson(stores.issues.forSample(sample.id)));
    });
    // Not paged: the SDK's get_issues reads one array.
    router.add("GET", u"/datasets/{}/{}/issues"_s, [&stores](RouteRequest &r) {
        const DatasetRow ds =
            Access(stores, r.caller).readableDataset(r.params.at(0), r.params.at(1));
        return ApiResponse::json(toJson(stores.issues.forDataset(ds.id)));
    });
    router.add("PATCH", u"/issues/{}"_s, [&stores](RouteRequest &r) {
        IssueRow row = writableIssue(stores, r);
        wire::Issue changed = row.value;
        readIssueBody(r.json(), BodyReader::Update, changed);
        stores.issues.update(row, changed, r.caller.username);
        return ApiResponse::json(row.value.toJson());
    });
    router.add("DELETE", u"/issues/{}"_s, [&stores](RouteRequest &r) {
        const IssueRow row = writableIssue(stores, r);
        stores.issues.remove(row);
        return ApiResponse::noContent();
    });
}

} // namespace segscope::server
