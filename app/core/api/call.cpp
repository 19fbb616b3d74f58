#include "call.h"
#include "apiclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace segscope::api {

namespace {

QString originOf(const QUrl &url) {
    return url.scheme() + u"://"_s + url.host() + u':' +
           QString::number(url.port(url.scheme() == "https"_L1 ? 443 : 80));
}

// Transport failures after which a repeated idempotent request is worth it.
bool isConnectionReset(QNetworkReply::NetworkError e) {
    return e == QNetworkReply::RemoteHostClosedError ||
           e == QNetworkReply::TemporaryNetworkFailureError ||
           e == QNetworkReply::NetworkSessionFailedError ||
           e == QNetworkReply::ProxyConnectionClosedError;
}

} // namespace

Call::Call(ApiClient *client, ApiRequest request, QObject *context, Callback<RawResponse> done)
    : Cancellable(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_context(context)
    , m_done(std::move(done)) {
    if (m_request.target == ApiRequest::Target::Api) {
        m_url = client->baseUrl();
        m_url.setPath(m_request.path, QUrl::TolerantMode);
        if (!m_request.query.isEmpty())
            m_url.setQuery(m_request.query, QUrl::TolerantMode);
    } else {
        m_url = m_request.url;
    }
    m_origin = originOf(m_url);
    m_stallTimer.setSingleShot(true);
    m_stallTimer.setInterval(client->options().stallTimeout);
    connect(&m_stallTimer, &QTimer::timeout, this, [this] { abortWith(AbortReason::Stalled); });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { m_client->acquire(this); });
    m_elapsed.start();
}

Call::~Call() {
    dropReply();
}

void Call::cancel() {
    if (m_finished)
        return;
    qCDebug(lcApi).noquote() << "cancelled" << m_request.method << loggableUrl();
    m_finished = true;
    m_done = nullptr;
    m_retryTimer.stop();
    dropReply();
    m_client->release(this);
    deleteLater();
}

QNetworkRequest Call::buildRequest() const {
    QNetworkRequest req(m_url);
    const ClientOptions &o = m_client->options();
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("segscope/" SEGSCOPE_VERSION));
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    switch (m_request.target) {
    case ApiRequest::Target::Api:
        req.setRawHeader("Accept", "application/json");
        if (!o.apiKey.isEmpty())
            req.setRawHeader("Authorization", "APIKey " + o.apiKey.toUtf8());
        // Each redirect is checked in onRedirected: the key must not follow to another origin.
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
        break;
    case ApiRequest::Target::Asset:
        // No key here, so CDN and storage redirects may be followed (never https -> http).
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
        // PreferNetwork is Qt's standard HTTP caching: a fresh entry (Cache-Control max-age,
        // immutable) is served from disk without a request, a stale one is revalidated with
        // its ETag (If-None-Match -> 304). PreferCache would serve stale entries unchecked.
        req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, true);
        req.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::PreferNetwork);
        break;
    case ApiRequest::Target::Storage:
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
        break;
    }
    if (m_request.hasBody) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        if (m_request.gzipped)
            req.setRawHeader("Content-Encoding", "gzip");
    }
    return req;
}

void Call::sendAttempt() {
    if (m_finished)
        return;
    ++m_attempt;
    m_abortReason = AbortReason::None;
    QNetworkAccessManager *nam = m_client->networkAccessManager();
    const QNetworkRequest req = buildRequest();
    if (m_request.multipart) {
        QHttpMultiPart *multipart = m_request.multipart();
        m_reply = nam->sendCustomRequest(req, m_request.method, multipart);
        multipart->setParent(m_reply);
    } else if (m_request.method == "GET" && !m_request.hasBody) {
        // get(), not a custom "GET": only a real GET operation reads and fills the disk cache.
        m_reply = nam->get(req);
    } else if (m_request.hasBody) {
        m_reply = nam->sendCustomRequest(req, m_request.method, m_request.body);
    } else {
        m_reply = nam->sendCustomRequest(req, m_request.method);
    }
    m_reply->setParent(this);
    qCDebug(lcApi).noquote() << "send" << m_request.method << loggableUrl() << "attempt"
                             << m_attempt;
    connect(m_reply, &QNetworkReply::finished, this, &Call::onFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this,
            [this](qint64 received, qint64) { onProgress(received); });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        m_stallTimer.start();
        if (m_request.uploadProgress && m_context && total > 0)
            m_request.uploadProgress(sent, total);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        m_stallTimer.start();
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid())
            onProgress(length.toLongLong());
    });
    if (m_request.target == ApiRequest::Target::Api)
        connect(m_reply, &QNetworkReply::redirected, this, &Call::onRedirected);
    m_stallTimer.start();
}

void Call::onProgress(qint64 received) {
    m_stallTimer.start();
    const ClientOptions &o = m_client->options();
    const qint64 limit =
        m_request.target == ApiRequest::Target::Asset ? o.maxAssetBytes : o.maxApiResponseBytes;
    if (received > limit)
        abortWith(AbortReason::TooLarge);
}

void Call::onRedirected(const QUrl &url) {
    if (originOf(url) == m_origin) {
        emit m_reply->redirectAllowed();
        return;
    }
    m_refusedRedirect = url;
    abortWith(AbortReason::CrossOriginRedirect);
}

void Call::abortWith(AbortReason reason) {
    if (!m_reply || m_abortReason != AbortReason::None)
        return;
    m_abortReason = reason;
    m_reply->abort(); // emits finished, handled by onFinished with the reason
}

void Call::onFinished() {
    m_stallTimer.stop();
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    ResponseInfo info;
    info.networkError = reply->error();
    info.networkErrorString = reply->errorString();
    info.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    info.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    info.abortReason = m_abortReason;
    info.contentType = reply->rawHeader("Content-Type");
    info.retryAfter = reply->rawHeader("Retry-After");
    info.location =
        m_refusedRedirect.isValid() ? m_refusedRedirect.toEncoded() : reply->rawHeader("Location");
    info.expectJson = m_request.target == ApiRequest::Target::Api;
    if (m_abortReason == AbortReason::None)
        info.body = reply->readAll();
    const bool fromCache = reply->attribute(QNetworkRequest::SourceIsFromCacheAttribute).toBool();
    dropReply();
    m_client->release(this);

    QJsonDocument json;
    const std::optional<ApiError> error = ApiError::classify(info, &json);
    qCDebug(lcApi).noquote() << m_request.method << loggableUrl() << "->" << info.httpStatus
                             << (error ? ApiError::kindName(error->kind) : u"ok"_s)
                             << (fromCache ? "(cache)" : "") << m_elapsed.elapsed() << "ms";
    if (error && shouldRetry(*error, info)) {
        const auto delay = retryDelay(*error);
        qCInfo(lcApi).noquote() << "retrying" << m_request.method << loggableUrl() << "in"
                                << delay.count() << "ms after" << error->toString();
        m_retryTimer.start(delay);
        return;
    }
    if (error) {
        finish(*error);
        return;
    }
    RawResponse response;
    response.status = info.httpStatus;
    response.body = std::move(info.body);
    response.json = std::move(json);
    response.fromCache = fromCache;
    finish(std::move(response));
}

bool Call::shouldRetry(const ApiError &error, const ResponseInfo &info) const {
    if (m_attempt >= m_client->options().maxAttempts)
        return false;
    switch (error.kind) {
    case ApiError::Kind::RateLimited:
        // The server did not act on the request, so even a POST may be repeated.
        return error.retryAfter.value_or(0) <= m_client->options().maxRetryAfterSeconds;
    case ApiError::Kind::Server:
        return m_request.isIdempotent() &&
               (info.httpStatus == 502 || info.httpStatus == 503 || info.httpStatus == 504);
    case ApiError::Kind::Network:
        return m_request.isIdempotent() && isConnectionReset(info.networkError);
    default:
        return false;
    }
}

std::chrono::milliseconds Call::retryDelay(const ApiError &error) const {
    const ClientOptions &o = m_client->options();
    if (error.retryAfter)
        return o.retryAfterUnit * *error.retryAfter;
    // Exponential backoff with "equal jitter": half fixed, half random, so a crowd of clients
    // that failed together does not come back together.
    const qint64 base = o.backoffBase.count();
    const qint64 exp = std::min<qint64>(o.backoffMax.count(), base << std::min(m_attempt - 1, 20));
    const qint64 half = exp / 2;
    const qint64 jitter =
        half > 0 ? qint64(QRandomGenerator::global()->bounded(quint64(half) + 1)) : 0;
    return std::chrono::milliseconds(std::max<qint64>(1, exp - half + jitter));
}

void Call::finish(Result<RawResponse> result) {
    m_finished = true;
    Callback<RawResponse> done = std::move(m_done);
    m_done = nullptr;
    deleteLater();
    if (done && m_context)
        done(std::move(result));
}

void Call::dropReply() {
    m_stallTimer.stop();
    if (!m_reply)
        return;
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

QString Call::loggableUrl() const {
    // Asset and storage URLs may carry signatures in their query: log only where they point.
    if (m_request.target != ApiRequest::Target::Api)
        return m_url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    return m_url.toString(QUrl::RemoveUserInfo);
}

} // namespace segscope::api
