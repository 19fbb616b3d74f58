#include "routes/routes.h"

#include "http/httperror.h"
#include "wire/user.h"
#include "store/stores.h"

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

wire::User toWire(const UserRecord &u) {
    return wire::User{u.username, u.createdAt, u.isOrganization, u.email};
}

} // namespace

PageParams pageParams(const ApiRequest &request, int defaultPerPage) {
    PageParams p;
    p.perPage = defaultPerPage;
    auto read = [&](const QString &key, int &out) {
        const QString v = request.queryValue(key);
        if (v.isEmpty())
            return;
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        if (!ok || n < 1)
            throw HttpError::detail(key == "page"_L1 ? 404 : 400,
                                    key == "page"_L1 ? u"Invalid page."_s
                                                     : u"per_page must be a positive integer."_s);
        out = int(std::min<qint64>(n, key == "page"_L1 ? 100000000 : 1000));
    };
    read(u"page"_s, p.page);
    read(u"per_page"_s, p.perPage);
    return p;
}

void installUserRoutes(Router &router, Stores &stores) {
    router.add("GET", u"/api_status"_s, [](ApiRequest &) {
        return ApiResponse::json(QJsonObject{{"status"_L1, u"ok"_s}});
    });
    router.add("GET", u"/user"_s,
               [](ApiRequest &r) { return ApiResponse::json(toWire(r.caller).toJson()); });
    router.add("GET", u"/users/{}"_s, [&stores](ApiRequest &r) {
        const UserRecord u = stores.users.find(r.params.at(0));
        if (!u.isValid())
            throw HttpError::notFound();
        return ApiResponse::json(toWire(u).toJson());
    });
}

} // namespace segscope::server
