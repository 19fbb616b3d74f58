#include "routes/routes.h"

#include "http/httperror.h"
#include "routes/access.h"
#include "routes/requestbodies.h"
#include "store/stores.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

struct LabelTarget {
    DatasetRow dataset;
    StoredSample sample;
    LabelsetRow labelset;
};

LabelTarget target(Stores &stores, const RouteRequest &r, bool write) {
    LabelTarget t;
    const Access access(stores, r.caller);
    std::tie(t.sample, t.dataset) = access.readableSample(r.params.at(0));
    t.labelset = stores.datasets.labelset(t.dataset.id, r.params.at(1));
    if (write && t.dataset.ownerId != r.caller.id)
        throw HttpError::forbidden();
    return t;
}

} // namespace

void installLabelRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/labels/{}/{}"_s, [&stores](RouteRequest &r) {
        const LabelTarget t = target(stores, r, false);
        return ApiResponse::json(stores.labels.get(t.sample, t.labelset).toJson());
    });
    // PUT creates or replaces (attributes required), PATCH edits an existing label; both read
    // the body with the same rules.
    const auto write = [&stores](BodyReader::Mode mode) {
        return [&stores, mode](RouteRequest &r) {
            const LabelTarget t = target(stores, r, true);
            const std::optional<wire::Label> existing = stores.labels.find(t.sample, t.labelset);
            if (mode == BodyReader::Update && !existing)
                throw HttpError::notFound();
            wire::Label label = existing.value_or(wire::Label{});
            label.labelType = t.dataset.value.taskType;
            readLabelBody(r.json(), mode, t.dataset.value.taskType,
                          t.dataset.value.taskAttributes.value_or(wire::TaskAttributes{}), label);
            label = stores.labels.write(t.sample, t.labelset, label, r.caller.username,
                                        !existing.has_value());
            stores.datasets.invalidateStats(t.dataset.id);
            return ApiResponse::json(label.toJson());
        };
    };
    router.add("PUT", u"/labels/{}/{}"_s, write(BodyReader::Create));
    router.add("PATCH", u"/labels/{}/{}"_s, write(BodyReader::Update));
    router.add("DELETE", u"/labels/{}/{}"_s, [&stores](RouteRequest &r) {
        const LabelTarget t = target(stores, r, true);
        stores.labels.remove(t.sample, t.labelset);
        stores.datasets.invalidateStats(t.dataset.id);
        return ApiResponse::noContent();
    });
}

} // namespace segscope::server
