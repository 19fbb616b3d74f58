#include "routes/routes.h"

#include "http/httperror.h"
#include "store/stores.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

ApiResponse datasetList(Stores &stores, ApiRequest &r, const QString &owner) {
    const PageParams p = pageParams(r);
    if (!owner.isEmpty() && !stores.users.find(owner).isValid())
        throw HttpError::notFound();
    const QList<DatasetRow> rows = stores.datasets.visible(r.caller, owner, p.page, p.perPage);
    if (rows.isEmpty() && p.page > 1)
        throw HttpError::invalidPage();
    QJsonArray out;
    for (const DatasetRow &row : rows)
        out.append(stores.datasets.toWire(row, r.caller).toJson());
    return ApiResponse::json(out);
}

} // namespace

void installDatasetRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/user/datasets"_s,
               [&stores](ApiRequest &r) { return datasetList(stores, r, {}); });
    router.add("GET", u"/users/{}/datasets"_s,
               [&stores](ApiRequest &r) { return datasetList(stores, r, r.params.at(0)); });
    router.add("POST", u"/user/datasets"_s, [&stores](ApiRequest &r) {
        const DatasetRow row = stores.datasets.create(r.caller, r.jsonObject());
        return ApiResponse::json(stores.datasets.toWire(row, r.caller).toJson(), 201);
    });
    router.add("GET", u"/datasets/{}/{}"_s, [&stores](ApiRequest &r) {
        const DatasetRow row = stores.datasets.readable(r.caller, r.params.at(0), r.params.at(1));
        return ApiResponse::json(stores.datasets.toWire(row, r.caller).toJson());
    });
    router.add("PATCH", u"/datasets/{}/{}"_s, [&stores](ApiRequest &r) {
        DatasetRow row = stores.datasets.writable(r.caller, r.params.at(0), r.params.at(1));
        stores.datasets.update(row, r.jsonObject());
        return ApiResponse::json(stores.datasets.toWire(row, r.caller).toJson());
    });
    router.add("DELETE", u"/datasets/{}/{}"_s, [&stores](ApiRequest &r) {
        stores.datasets.remove(stores.datasets.writable(r.caller, r.params.at(0), r.params.at(1)));
        return ApiResponse::noContent();
    });

    router.add("GET", u"/datasets/{}/{}/labelsets"_s, [&stores](ApiRequest &r) {
        const DatasetRow row = stores.datasets.readable(r.caller, r.params.at(0), r.params.at(1));
        QJsonArray out;
        for (const LabelsetRow &l : stores.datasets.labelsets(row.id))
            out.append(l.value.toJson());
        return ApiResponse::json(out);
    });
    router.add("GET", u"/datasets/{}/{}/labelsets/{}"_s, [&stores](ApiRequest &r) {
        const DatasetRow row = stores.datasets.readable(r.caller, r.params.at(0), r.params.at(1));
        return ApiResponse::json(stores.datasets.labelset(row.id, r.params.at(2)).value.toJson());
    });
    router.add("POST", u"/datasets/{}/{}/labelsets"_s, [&stores](ApiRequest &r) {
        const DatasetRow row = stores.datasets.writable(r.caller, r.params.at(0), r.params.at(1));
        return ApiResponse::json(
            stores.datasets.createLabelset(row.id, r.jsonObject()).value.toJson(), 201);
    });
    router.add("DELETE", u"/datasets/{}/{}/labelsets/{}"_s, [&stores](ApiRequest &r) {
        const DatasetRow row = stores.datasets.writable(r.caller, r.params.at(0), r.params.at(1));
        stores.datasets.removeLabelset(stores.datasets.labelset(row.id, r.params.at(2)));
        stores.datasets.invalidateStats(row.id);
        return ApiResponse::noContent();
    });
}

} // namespace segscope::server
