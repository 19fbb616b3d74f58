#include "httpfrontend.h"

#include "http/httperror.h"
#include "store/stores.h"
#include "wire/contract.h"
#include "wire/gzip.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrlQuery>

#include <algorithm>
#include <cctype>

Q_LOGGING_CATEGORY(lcRequests, "segscope.server.requests", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

// Asset URLs are stored as "segscope-asset:/path" instead of "<origin>/path", so they survive a
// restart on another port and answer each client with the host it used to reach us. Only the
// start of a JSON string is rewritten, never text inside one; a client's own string that starts
// with the scheme is stored with one more colon ("segscope-asset::/"), which the way out removes,
// so every string the client sent comes back as sent.
const QByteArray kAssetScheme = "segscope-asset:";

//! For "segscope-asset:" + n colons + "/" at the start of `rest`: n; otherwise -1.
qsizetype extraColons(QByteArrayView rest) {
    if (!rest.startsWith(kAssetScheme))
        return -1;
    qsizetype i = kAssetScheme.size();
    while (i < rest.size() && rest.at(i) == ':')
        ++i;
    return i < rest.size() && rest.at(i) == '/' ? i - kAssetScheme.size() : -1;
}

//! Walks the JSON text and lets `atString` rewrite the start of each string: it returns the
//! bytes to write instead of the first `*consumed` bytes of `rest`, or leaves `*consumed` at 0.
template <class F> QByteArray rewriteStringStarts(const QByteArray &json, F atString) {
    QByteArray out;
    out.reserve(json.size() + 64);
    const qsizetype n = json.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype open = json.indexOf('"', i); // outside a string: to the opening quote
        if (open < 0) {
            out.append(json.constData() + i, n - i);
            break;
        }
        out.append(json.constData() + i, open + 1 - i);
        i = open + 1;
        qsizetype consumed = 0;
        const QByteArray replacement = atString(QByteArrayView(json).sliced(i), &consumed);
        if (consumed > 0) {
            out += replacement;
            i += consumed;
        }
        qsizetype end = i; // inside: through the closing quote, stepping over escapes
        while (end < n && json.at(end) != '"')
            end += json.at(end) == '\\' ? 2 : 1;
        end = std::min(end + 1, n);
        out.append(json.constData() + i, end - i);
        i = end;
    }
    return out;
}

QByteArray toStored(const QByteArray &json, const QByteArray &origin) {
    if (!json.contains(kAssetScheme) && !json.contains(origin))
        return json;
    const QByteArray prefix = origin + '/';
    return rewriteStringStarts(json, [&](QByteArrayView rest, qsizetype *consumed) {
        if (extraColons(rest) >= 0) {
            *consumed = kAssetScheme.size();
            return kAssetScheme + ':';
        }
        if (rest.startsWith(prefix)) {
            *consumed = origin.size();
            return kAssetScheme;
        }
        return QByteArray();
    });
}

QByteArray fromStored(const QByteArray &json, const QByteArray &origin) {
    if (!json.contains(kAssetScheme))
        return json;
    return rewriteStringStarts(json, [&](QByteArrayView rest, qsizetype *consumed) {
        const qsizetype colons = extraColons(rest);
        if (colons == 0) {
            *consumed = kAssetScheme.size();
            return origin;
        }
        if (colons > 0) {
            *consumed = kAssetScheme.size() + 1;
            return kAssetScheme;
        }
        return QByteArray();
    });
}

QByteArray methodName(QHttpServerRequest::Method m) {
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

ApiResponse errorResponse(const HttpError &e) {
    ApiResponse r = ApiResponse::json(e.body(), e.status());
    if (e.status() == 401)
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("APIKey")));
    return r;
}

} // namespace

HttpFrontend::HttpFrontend(Router &router, Stores &stores, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_stores(stores) {}

ApiResponse HttpFrontend::dispatch(const QHttpServerRequest &request, RouteRequest &api) {
    const Router::Match match = m_router.match(api.method, api.path);
    if (!match.handler) {
        if (match.pathKnown)
            throw HttpError::detail(
                405, u"Method \"%1\" not allowed."_s.arg(QString::fromLatin1(api.method)));
        throw HttpError::notFound();
    }
    api.params = match.params;
    if (match.access == Router::NeedsKey) {
        const QByteArray auth = request.value("Authorization");
        if (auth.isEmpty())
            throw HttpError::detail(401, u"Authentication credentials were not provided."_s);
        const qsizetype space = auth.indexOf(' ');
        const QByteArray scheme = auth.left(space).toLower();
        if (space < 0 || (scheme != "apikey" && scheme != "token"))
            throw HttpError::detail(401, u"Invalid API key."_s);
        api.caller = m_stores.users.authenticate(auth.mid(space + 1).trimmed());
        if (!api.caller.isValid())
            throw HttpError::detail(401, u"Invalid API key."_s);
    }

    QByteArray body = request.body();
    const bool upload = match.access == Router::Open && api.method == "POST";
    const qint64 limit = upload ? kMaxUploadBody : kMaxJsonBody;
    if (body.size() > limit) {
        throw HttpError::tooLarge(
            upload ? u"The upload is larger than the %1 asset limit."_s.arg(wire::MaxAssetText)
                   : u"The request body is larger than 10 MB."_s);
    }
    const QByteArray encoding = request.value("Content-Encoding").trimmed().toLower();
    if (encoding == "gzip" || encoding == "deflate") {
        wire::InflateError error;
        const auto inflated = wire::inflate(body, limit, &error);
        if (error == wire::InflateError::TooLarge)
            throw HttpError::tooLarge(u"The request body is larger than 10 MB once inflated."_s);
        if (!inflated)
            throw HttpError::badRequest(u"The gzip request body is corrupt or truncated."_s);
        body = *inflated;
    } else if (!encoding.isEmpty() && encoding != "identity") {
        throw HttpError::detail(
            415, u"Unsupported Content-Encoding \"%1\"."_s.arg(QString::fromLatin1(encoding)));
    }
    if (!upload && !body.isEmpty())
        body = toStored(body, api.origin.toUtf8());
    api.body = std::move(body);
    return (*match.handler)(api);
}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) {
    QElapsedTimer timer;
    timer.start();
    // A response goes out in several writes; with Nagle's algorithm its last small segment waits
    // for the client's delayed ACK, adding 40 ms to a keep-alive request.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    RouteRequest api;
    api.method = methodName(request.method());
    api.path = request.url().path(QUrl::FullyEncoded);
    // Form decoding, as Django and Python's requests read a query: `+` is a space there and a
    // plus is sent as %2B (docs/api-contract.md §5.4). QUrlQuery alone would keep the `+`.
    api.query = QUrlQuery(request.url().query(QUrl::FullyEncoded).replace(u'+', "%20"_L1));
    api.contentType = request.value("Content-Type");
    api.headers = request.headers();
    // The Host header names the origin of asset URLs; one that is not a plain host[:port]
    // (quotes, backslashes, spaces) would corrupt the JSON it is written into.
    const QByteArray host = request.value("Host");
    const bool plainHost = !host.isEmpty() && std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(uchar(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
    api.origin = plainHost ? u"http://"_s + QString::fromLatin1(host) : m_fallbackOrigin;

    ApiResponse response;
    try {
        response = dispatch(request, api);
    } catch (const HttpError &e) {
        response = errorResponse(e);
    } catch (const StoreError &e) {
        response = errorResponse(HttpError::fromStore(e));
    } catch (const StorageError &e) {
        qCWarning(lcRequests, "storage error: %s", e.what());
        response = errorResponse(
            e.diskFull()
                ? HttpError::detail(507, u"The server's disk is full; nothing was stored."_s)
                : HttpError::detail(500, u"Internal storage error; nothing was stored."_s));
    } catch (const std::exception &e) {
        qCWarning(lcRequests, "unexpected error: %s", e.what());
        response = errorResponse(HttpError::detail(500, u"Internal server error."_s));
    }
    const int status = response.status;
    send(request, socket, std::move(response), api.origin);
    if (m_logging) {
        // The query may be logged; the key travels in a header and never is.
        const QByteArray query = request.url().query(QUrl::FullyEncoded).toUtf8();
        qCInfo(lcRequests, "%s %s%s%s %d %.1f ms", api.method.constData(), qPrintable(api.path),
               query.isEmpty() ? "" : "?", query.constData(), status, timer.nsecsElapsed() / 1e6);
    }
    return true;
}

void HttpFrontend::send(const QHttpServerRequest &request, QTcpSocket *socket, ApiResponse response,
                        const QString &origin) {
    if (!response.filePath.isEmpty()) {
        QFile file(response.filePath);
        if (!file.open(QIODevice::ReadOnly)) {
            response = errorResponse(HttpError::notFound());
        } else {
            response.body = file.readAll();
        }
    } else {
        response.body = fromStored(response.body, origin.toUtf8());
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    for (const auto &[k, v] : std::as_const(response.headers))
        responder.writeHeader(k, v);
    const bool head = request.method() == QHttpServerRequest::Method::Head;
    if (response.status != 204 && response.status != 304)
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    if (!head && !response.body.isEmpty())
        responder.writeBody(response.body);
    else
        responder.writeBody(QByteArray());
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) {
    send(request, socket, errorResponse(HttpError::notFound()), m_fallbackOrigin);
}

} // namespace segscope::server
