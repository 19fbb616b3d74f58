#include "router.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace segscope::server {

void Router::add(const QByteArray &method, const QString &pattern, Handler handler, Access access) {
    m_routes.append(
        Route{method, pattern.split(u'/', Qt::SkipEmptyParts), std::move(handler), access});
}

Router::Match Router::match(const QByteArray &method, const QString &path) const {
    const QStringList raw = path.split(u'/', Qt::SkipEmptyParts);
    Match result;
    for (const Route &route : m_routes) {
        if (route.segments.size() != raw.size())
            continue;
        QStringList params;
        bool same = true;
        for (qsizetype i = 0; i < raw.size() && same; ++i) {
            if (route.segments.at(i) == "{}"_L1)
                params.append(QUrl::fromPercentEncoding(raw.at(i).toUtf8()));
            else
                same = route.segments.at(i) == raw.at(i);
        }
        if (!same)
            continue;
        if (route.method != method && !(method == "HEAD" && route.method == "GET")) {
            result.pathKnown = true;
            continue;
        }
        result.handler = &route.handler;
        result.access = route.access;
        result.params = params;
        return result;
    }
    return result;
}

} // namespace segscope::server
