#include "routes/routes.h"

#include "http/httperror.h"
#include "store/stores.h"
#include "wire/samplequery.h"
#include "wire/user.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

wire::User toWire(const UserRecord &u) {
    return wire::User{u.username, u.createdAt, u.isOrganization, u.email};
}

} // namespace

PageParams pageParams(const RouteRequest &request, int defaultPerPage) {
    PageParams p;
    p.perPage = defaultPerPage;
    if (const std::optional<wire::QueryError> error =
            wire::readPaging(request.query, &p.page, &p.perPage))
        throw HttpError::fromQuery(*error);
    return p;
}

void installUserRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/api_status"_s, [](RouteRequest &) {
        return ApiResponse::json(QJsonObject{{"status"_L1, u"ok"_s}});
    });
    router.add("GET", u"/user"_s,
               [](RouteRequest &r) { return ApiResponse::json(toWire(r.caller).toJson()); });
    router.add("GET", u"/users/{}"_s, [&stores](RouteRequest &r) {
        const UserRecord u = stores.users.find(r.params.at(0));
        if (!u.isValid())
            throw HttpError::notFound();
        return ApiResponse::json(toWire(u).toJson());
    });
}

} // namespace segscope::server
