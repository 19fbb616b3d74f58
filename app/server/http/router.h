#pragma once

#include "http/exchange.h"

#include <functional>

namespace segscope::server {

//! Matches method + path to a handler. Patterns are segment lists where `{}` captures one
//! segment; a trailing slash and its absence match alike (docs/api-contract.md §1: never redirect).
class Router {
public:
    using Handler = std::function<ApiResponse(RouteRequest &)>;
    enum Access { NeedsKey, Open };

    void add(const QByteArray &method, const QString &pattern, Handler handler,
             Access access = NeedsKey);

    struct Match {
        const Handler *handler = nullptr;
        Access access = NeedsKey;
        QStringList params;
        bool pathKnown = false; //!< some route has this path, for another method (405)
    };
    //! `path` is the raw (still percent-encoded) URL path.
    Match match(const QByteArray &method, const QString &path) const;

private:
    struct Route {
        QByteArray method;
        QStringList segments;
        Handler handler;
        Access access;
    };
    QList<Route> m_routes;
};

} // namespace segscope::server
