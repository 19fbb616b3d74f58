#pragma once

#include "wire/jsonerror.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QMap>
#include <QNetworkReply>
#include <QStringList>

#include <optional>

namespace segscope::api {

//! Why the client itself ended a transfer, when it did (the reply only says "cancelled").
enum class AbortReason { None, Stalled, TooLarge, CrossOriginRedirect };

//! What the error classification needs to know about one finished transfer.
struct ResponseInfo {
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    int httpStatus = 0; //!< 0 when no HTTP response arrived
    QByteArray reasonPhrase;
    QByteArray body;
    QByteArray contentType;
    QByteArray retryAfter; //!< the raw Retry-After header
    QByteArray location;   //!< the raw Location header (redirects)
    AbortReason abortReason = AbortReason::None;
    bool expectJson = true; //!< API calls; asset downloads take any bytes
};

//! The one error type of the client (docs/api-contract.md §2). Every failed call reports one of
//! these; it is built from a transfer in one place, ApiError::classify.
struct ApiError {
    enum class Kind {
        Network,      //!< no HTTP answer: refused, reset, DNS, TLS, truncated body
        Timeout,      //!< the transfer stalled (no bytes for the stall timeout)
        Unauthorized, //!< 401: no or bad key
        Forbidden,    //!< 403
        NotFound,     //!< 404, including `Invalid page.` (see isInvalidPage)
        RateLimited,  //!< 429 after the retries allowed
        Invalid,      //!< other 4xx: bad request, duplicate name, too large
        Server,       //!< 5xx, an HTML page from a proxy, a refused redirect
        Parse,        //!< a 2xx whose body is not the JSON the contract promises
        Cancelled,    //!< the transfer was aborted by the network layer, not by CallHandle
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    //! The server's `detail`, the field errors flattened, or a description of the failure.
    QString message;
    //! DRF validation errors: field name -> messages (`{"name": ["This field is required."]}`).
    QMap<QString, QStringList> fieldErrors;
    //! Seconds to wait before retrying (429), from Retry-After or the `detail` text.
    std::optional<int> retryAfter;

    //! Classifies a finished transfer. nullopt when it succeeded; then, for JSON calls, `json`
    //! receives the parsed body (parsed once here, so the caller never parses twice).
    static std::optional<ApiError> classify(const ResponseInfo &info, QJsonDocument *json);
    //! A 2xx body that is JSON but not the values the contract promises.
    static ApiError fromJsonError(const wire::JsonError &error);
    static ApiError cancelled();

    //! `Invalid page.`: the 404 a list answers past its last page.
    bool isInvalidPage() const;
    //! "Not found. (HTTP 404)" - one line, suitable for a status bar or stderr.
    QString toString() const;
    static QString kindName(Kind kind);
};

} // namespace segscope::api
