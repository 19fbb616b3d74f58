#include "apirequest.h"
#include "wire/gzip.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace segscope::api {

ApiRequest ApiRequest::get(const QString &path, const QString &query) {
    ApiRequest r;
    r.path = path;
    r.query = query;
    return r;
}

ApiRequest ApiRequest::withJson(const QByteArray &method, const QString &path,
                                const QJsonValue &body, bool gzip) {
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.hasBody = true;
    const QByteArray json = body.isArray()
                                ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    // Compressed once here, not per attempt: retries resend the same bytes.
    r.gzipped = gzip;
    r.body = gzip ? wire::gzipCompress(json) : json;
    return r;
}

ApiRequest ApiRequest::del(const QString &path) {
    ApiRequest r;
    r.method = "DELETE";
    r.path = path;
    return r;
}

QString pathSegment(const QString &segment) {
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString datasetPath(const QString &fullName, const QString &rest) {
    const qsizetype slash = fullName.indexOf(u'/');
    const QString owner = slash < 0 ? fullName : fullName.left(slash);
    const QString name = slash < 0 ? QString() : fullName.mid(slash + 1);
    return u"/datasets/"_s + pathSegment(owner) + u'/' + pathSegment(name) + u'/' + rest;
}

QString encodeQuery(const QList<std::pair<QString, QString>> &items) {
    QStringList parts;
    parts.reserve(items.size());
    for (const auto &[key, value] : items)
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' +
                                         QUrl::toPercentEncoding(value)));
    return parts.join(u'&');
}

} // namespace segscope::api
