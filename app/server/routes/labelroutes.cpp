#include "routes/routes.h"

#include "http/httperror.h"
#include "store/stores.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

struct LabelTarget {
    DatasetRow dataset;
    SampleRow sample;
    LabelsetRow labelset;
};

LabelTarget target(Stores &stores, const ApiRequest &r, bool write) {
    LabelTarget t;
    t.sample = stores.samples.byUuid(r.params.at(0));
    t.dataset = stores.datasets.byId(t.sample.datasetId);
    if (t.dataset.ownerId != r.caller.id && !t.dataset.value.isPublic)
        throw HttpError::notFound();
    t.labelset = stores.datasets.labelset(t.dataset.id, r.params.at(1));
    if (write && t.dataset.ownerId != r.caller.id)
        throw HttpError::forbidden();
    return t;
}

} // namespace

void installLabelRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/labels/{}/{}"_s, [&stores](ApiRequest &r) {
        const LabelTarget t = target(stores, r, false);
        return ApiResponse::json(stores.labels.get(t.sample, t.labelset).toJson());
    });
    const auto write = [&stores](bool replace) {
        return [&stores, replace](ApiRequest &r) {
            const LabelTarget t = target(stores, r, true);
            const wire::Label label = stores.labels.write(
                t.dataset, t.sample, t.labelset, r.jsonObject(), r.caller.username, replace);
            stores.datasets.invalidateStats(t.dataset.id);
            return ApiResponse::json(label.toJson());
        };
    };
    router.add("PUT", u"/labels/{}/{}"_s, write(true));
    router.add("PATCH", u"/labels/{}/{}"_s, write(false));
    router.add("DELETE", u"/labels/{}/{}"_s, [&stores](ApiRequest &r) {
        const LabelTarget t = target(stores, r, true);
        stores.labels.remove(t.sample, t.labelset);
        stores.datasets.invalidateStats(t.dataset.id);
        return ApiResponse::noContent();
    });
}

} // namespace segscope::server
