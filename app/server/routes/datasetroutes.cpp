#include "routes/routes.h"

#include "http/httperror.h"
#include "routes/access.h"
#include "routes/requestbodies.h"
#include "store/stores.h"
#include "wire/contract.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

ApiResponse datasetList(Stores &stores, RouteRequest &r, const QString &owner) {
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

ApiResponse createDataset(Stores &stores, RouteRequest &r) {
    wire::Dataset dataset;
    dataset.taskAttributes = wire::TaskAttributes{};
    readDatasetBody(r.json(), BodyReader::Create, dataset);
    const DatasetRow row = stores.datasets.create(r.caller, dataset);
    return ApiResponse::json(stores.datasets.toWire(row, r.caller).toJson(), 201);
}

} // namespace

void installDatasetRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/user/datasets"_s,
               [&stores](RouteRequest &r) { return datasetList(stores, r, {}); });
    router.add("GET", u"/users/{}/datasets"_s,
               [&stores](RouteRequest &r) { return datasetList(stores, r, r.params.at(0)); });
    router.add("POST", u"/user/datasets"_s,
               [&stores](RouteRequest &r) { return createDataset(stores, r); });
    // The SDK's add_dataset(organization=...). There are no organizations here (ours): the
    // caller's own name is its only namespace, any other is one it may not write to.
    router.add("POST", u"/organizations/{}/datasets"_s, [&stores](RouteRequest &r) {
        if (r.params.at(0) != r.caller.username)
            throw HttpError::forbidden();
        return createDataset(stores, r);
    });
    router.add("GET", u"/datasets/{}/{}"_s, [&stores](RouteRequest &r) {
        const DatasetRow row =
            Access(stores, r.caller).readableDataset(r.params.at(0), r.params.at(1));
        return ApiResponse::json(stores.datasets.toWire(row, r.caller).toJson());
    });
    router.add("PATCH", u"/datasets/{}/{}"_s, [&stores](RouteRequest &r) {
        DatasetRow row = Access(stores, r.caller).writableDataset(r.params.at(0), r.params.at(1));
        wire::Dataset changed = row.value;
        readDatasetBody(r.json(), BodyReader::Update, changed);
        stores.datasets.update(row, changed);
        return ApiResponse::json(stores.datasets.toWire(row, r.caller).toJson());
    });
    router.add("DELETE", u"/datasets/{}/{}"_s, [&stores](RouteRequest &r) {
        stores.datasets.remove(
            Access(stores, r.caller).writableDataset(r.params.at(0), r.params.at(1)));
        return ApiResponse::noContent();
    });

    router.add("GET", u"/datasets/{}/{}/labelsets"_s, [&stores](RouteRequest &r) {
        const DatasetRow row =
            Access(stores, r.caller).readableDataset(r.params.at(0), r.params.at(1));
        QJsonArray out;
        for (const LabelsetRow &l : stores.datasets.labelsets(row.id))
            out.append(l.value.toJson());
        return ApiResponse::json(out);
    });
    router.add("GET", u"/datasets/{}/{}/labelsets/{}"_s, [&stores](RouteRequest &r) {
        const DatasetRow row =
            Access(stores, r.caller).readableDataset(r.params.at(0), r.params.at(1));
        return ApiResponse::json(stores.datasets.labelset(row.id, r.params.at(2)).value.toJson());
    });
    router.add("POST", u"/datasets/{}/{}/labelsets"_s, [&stores](RouteRequest &r) {
        const DatasetRow row =
            Access(stores, r.caller).writableDataset(r.params.at(0), r.params.at(1));
        const wire::Labelset labelset = readLabelsetBody(r.json());
        return ApiResponse::json(stores.datasets.createLabelset(row.id, labelset).value.toJson(),
                                 201);
    });
    router.add("DELETE", u"/datasets/{}/{}/labelsets/{}"_s, [&stores](RouteRequest &r) {
        const DatasetRow row =
            Access(stores, r.caller).writableDataset(r.params.at(0), r.params.at(1));
        const LabelsetRow labelset = stores.datasets.labelset(row.id, r.params.at(2));
        if (labelset.value.isGroundtruth)
            throw HttpError::badRequest(
                u"The %1 labelset cannot be deleted."_s.arg(wire::DefaultLabelset));
        stores.datasets.removeLabelset(labelset);
        stores.datasets.invalidateStats(row.id);
        return ApiResponse::noContent();
    });
}

} // namespace segscope::server
