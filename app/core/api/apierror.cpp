#include "apierror.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace segscope::api {

namespace {

using Kind = ApiError::Kind;

// Errors QNetworkReply raises because of the HTTP status rather than the transport: for these
// the status and body tell the real story.
bool isHttpLevel(QNetworkReply::NetworkError e) {
    const int code = int(e);
    return e == QNetworkReply::NoError || (code >= 201 && code <= 299) ||
           (code >= 401 && code <= 499) || e == QNetworkReply::ProtocolInvalidOperationError;
}

bool isJsonContentType(const QByteArray &contentType) {
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    return mime == "application/json" || mime.endsWith("+json");
}

QString mimeOf(const QByteArray &contentType) {
    const QByteArray mime = contentType.split(';').first().trimmed();
    return mime.isEmpty() ? u"no content type"_s : QString::fromLatin1(mime);
}

std::optional<int> retryAfterFromHeader(const QByteArray &value) {
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    if (ok)
        return std::max(0, seconds);
    // The other form RFC 9110 allows: an HTTP date.
    const QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                                 u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!at.isValid())
        return std::nullopt;
    const QDateTime utc(at.date(), at.time(), Qt::UTC);
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(utc));
}

// DRF's throttle message: "Request was throttled. Expected available in 12 seconds."
std::optional<int> retryAfterFromDetail(const QString &detail) {
    static const QRegularExpression re(u"available in (\\d+(?:\\.\\d+)?) seconds?"_s);
    const QRegularExpressionMatch m = re.match(detail);
    if (!m.hasMatch())
        return std::nullopt;
    // Clamped: an absurd wait is one not to wait for, and a cast of 1e11 to int is undefined.
    return int(
        std::min(std::ceil(m.captured(1).toDouble()), double(std::numeric_limits<int>::max())));
}

QStringList messagesOf(const QJsonValue &v) {
    QStringList out;
    if (v.isString()) {
        out.append(v.toString());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (const QJsonValue &item : a)
            out.append(item.isString()
                           ? item.toString()
                           : QString::fromUtf8(
                                 QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact)));
    } else if (v.isObject()) {
        out.append(QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
    } else {
        out.append(v.toVariant().toString());
    }
    return out;
}

// Reads `detail`, or DRF's field errors, from an error body. False when the body is no JSON.
bool readErrorBody(const QByteArray &body, ApiError &error) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return false;
    if (doc.isArray()) {
        error.message = messagesOf(doc.array()).join(u' ');
        return true;
    }
    const QJsonObject o = doc.object();
    if (o.value("detail"_L1).isString()) {
        error.message = o.value("detail"_L1).toString();
        return true;
    }
    QStringList flat;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QStringList messages = messagesOf(it.value());
        error.fieldErrors.insert(it.key(), messages);
        const bool general = it.key() == "non_field_errors"_L1 || it.key() == "detail"_L1;
        flat.append(general ? messages.join(u' ') : it.key() + u": "_s + messages.join(u' '));
    }
    error.message = flat.join(u"; "_s);
    return true;
}

Kind kindForStatus(int status) {
    switch (status) {
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
        return Kind::NotFound;
    case 429:
        return Kind::RateLimited;
    default:
        return status >= 400 && status < 500 ? Kind::Invalid : Kind::Server;
    }
}

ApiError transportError(const ResponseInfo &info) {
    ApiError e;
    e.httpStatus = info.httpStatus;
    switch (info.abortReason) {
    case AbortReason::Stalled:
        e.kind = Kind::Timeout;
        e.message = u"the transfer stalled: no data received for too long"_s;
        return e;
    case AbortReason::TooLarge:
        e.kind = Kind::Parse;
        e.message = u"the response is larger than the client accepts"_s;
        return e;
    case AbortReason::CrossOriginRedirect:
        e.kind = Kind::Server;
        e.message = u"refused a redirect to another origin (%1): the API key stays with the "
                    u"server it was given to"_s.arg(QString::fromLatin1(info.location));
        return e;
    case AbortReason::None:
        break;
    }
    if (info.networkError == QNetworkReply::TimeoutError) {
        e.kind = Kind::Timeout;
    } else if (info.networkError == QNetworkReply::OperationCanceledError) {
        e.kind = Kind::Cancelled;
    } else {
        e.kind = Kind::Network;
    }
    e.message = info.networkErrorString.isEmpty() ? u"network error"_s : info.networkErrorString;
    return e;
}

} // namespace

std::optional<ApiError> ApiError::classify(const ResponseInfo &info, QJsonDocument *json) {
    if (info.abortReason != AbortReason::None || info.httpStatus == 0 ||
        !isHttpLevel(info.networkError))
        return transportError(info);

    const int status = info.httpStatus;
    if (status >= 200 && status < 300) {
        if (!info.expectJson || info.body.isEmpty())
            return std::nullopt;
        ApiError e;
        e.kind = Kind::Parse;
        e.httpStatus = status;
        if (!isJsonContentType(info.contentType)) {
            e.message = u"expected a JSON response, got %1"_s.arg(mimeOf(info.contentType));
            return e;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(info.body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            e.message = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                            .arg(parseError.errorString());
            return e;
        }
        if (json)
            *json = doc;
        return std::nullopt;
    }

    ApiError e;
    e.httpStatus = status;
    if (status >= 300 && status < 400) {
        e.kind = Kind::Server;
        e.message = u"unexpected redirect (HTTP %1) to %2"_s.arg(status).arg(
            QString::fromLatin1(info.location));
        return e;
    }
    e.kind = kindForStatus(status);
    if (!readErrorBody(info.body, e)) {
        // Typically an HTML page from a proxy or load balancer in front of the API.
        e.message = u"HTTP %1 %2 (%3 instead of a JSON error%4)"_s.arg(status).arg(
            QString::fromLatin1(info.reasonPhrase), mimeOf(info.contentType),
            status >= 500 ? u", likely from a proxy or gateway"_s : QString());
    }
    if (e.message.isEmpty())
        e.message = u"HTTP %1 %2"_s.arg(status).arg(QString::fromLatin1(info.reasonPhrase));
    if (e.kind == Kind::RateLimited || status == 503) {
        e.retryAfter = retryAfterFromHeader(info.retryAfter);
        if (!e.retryAfter)
            e.retryAfter = retryAfterFromDetail(e.message);
    }
    return e;
}

ApiError ApiError::fromJsonError(const wire::JsonError &error) {
    ApiError e;
    e.kind = Kind::Parse;
    e.httpStatus = 200;
    e.message = u"unexpected response: "_s + error.toString();
    return e;
}

ApiError ApiError::cancelled() {
    ApiError e;
    e.kind = Kind::Cancelled;
    e.message = u"cancelled"_s;
    return e;
}

bool ApiError::isInvalidPage() const {
    return kind == Kind::NotFound && message == "Invalid page."_L1;
}

QString ApiError::toString() const {
    if (httpStatus > 0 && !(httpStatus >= 200 && httpStatus < 300))
        return u"%1 (HTTP %2)"_s.arg(message).arg(httpStatus);
    return message;
}

QString ApiError::kindName(Kind kind) {
    switch (kind) {
    case Kind::Network:
        return u"Network"_s;
    case Kind::Timeout:
        return u"Timeout"_s;
    case Kind::Unauthorized:
        return u"Unauthorized"_s;
    case Kind::Forbidden:
        return u"Forbidden"_s;
    case Kind::NotFound:
        return u"NotFound"_s;
    case Kind::RateLimited:
        return u"RateLimited"_s;
    case Kind::Invalid:
        return u"Invalid"_s;
    case Kind::Server:
        return u"Server"_s;
    case Kind::Parse:
        return u"Parse"_s;
    case Kind::Cancelled:
        return u"Cancelled"_s;
    }
    return {};
}

} // namespace segscope::api
