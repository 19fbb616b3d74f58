#include "exchange.h"

#include "httperror.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace segscope::server {

QJsonValue RouteRequest::json() const {
    if (body.trimmed().isEmpty())
        throw HttpError::badRequest(u"A JSON request body is required."_s);
    // RFC 8259 allows no raw control characters, in strings or between tokens, but Qt's parser
    // lets them through (a NUL in a sample name breaks every client that meets it).
    for (qsizetype i = 0; i < body.size(); ++i) {
        const uchar c = uchar(body.at(i));
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            throw HttpError::badRequest(u"JSON parse error - a raw control character at offset "_s +
                                        QString::number(i));
        }
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        throw HttpError::badRequest(u"JSON parse error - "_s + error.errorString() +
                                    u" at offset "_s + QString::number(error.offset));
    }
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QJsonObject RouteRequest::jsonObject() const {
    const QJsonValue v = json();
    if (!v.isObject())
        throw HttpError::badRequest(u"Expected a JSON object as the request body."_s);
    return v.toObject();
}

QString RouteRequest::queryValue(const QString &key) const {
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

QByteArray RouteRequest::header(const QByteArray &name) const {
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

ApiResponse ApiResponse::json(const QJsonValue &value, int status) {
    ApiResponse r;
    r.status = status;
    r.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::noContent() {
    ApiResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

} // namespace segscope::server
