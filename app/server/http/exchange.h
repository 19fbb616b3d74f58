#pragma once

#include "store/records.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <optional>

namespace segscope::server {

//! What a route handler sees of a request: the parsed path, the query, the (inflated) body
//! and the authenticated caller.
struct RouteRequest {
    QByteArray method;
    QString path;
    QStringList params; //!< the `{...}` segments of the matched route, in order
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    UserRecord caller;
    QString origin; //!< scheme://host:port as the client reached us, for absolute asset URLs

    //! The body as JSON; throws a 400 with a clear detail when it is not valid JSON.
    QJsonValue json() const;
    //! The body as a JSON object; throws 400 otherwise.
    QJsonObject jsonObject() const;
    //! A query parameter (decoded), or empty.
    QString queryValue(const QString &key) const;
    //! A request header (case-insensitive name), or empty.
    QByteArray header(const QByteArray &name) const;
};

struct ApiResponse {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QString filePath; //!< when set, the body is this file's content (assets)

    static ApiResponse json(const QJsonValue &value, int status = 200);
    static ApiResponse noContent();
};

} // namespace segscope::server
