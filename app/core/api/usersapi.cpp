#include "usersapi.h"
#include "typedcall.h"

using namespace Qt::StringLiterals;

namespace segscope::api {

CallHandle getApiStatus(ApiClient &client, QObject *context, Callback<Done> done) {
    const QString query = encodeQuery({{u"lib_version"_s, QStringLiteral(SEGSCOPE_VERSION)}});
    return callDone(client, ApiRequest::get(u"/api_status/"_s, query), context, std::move(done));
}

CallHandle getCurrentUser(ApiClient &client, QObject *context, Callback<wire::User> done) {
    return callValue(client, ApiRequest::get(u"/user"_s), context, std::move(done));
}

CallHandle getUser(ApiClient &client, const QString &username, QObject *context,
                   Callback<wire::User> done) {
    return callValue(client, ApiRequest::get(u"/users/"_s + pathSegment(username)), context,
                     std::move(done));
}

} // namespace segscope::api
