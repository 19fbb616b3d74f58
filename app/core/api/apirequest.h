#pragma once

#include <QByteArray>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUrl>

#include <functional>

namespace segscope::api {

//! One HTTP request as the client sends it, attempt after attempt.
struct ApiRequest {
    //! Where the request goes, which decides the key, the cache and the redirect rules.
    enum class Target {
        Api,     //!< base URL + path, with the API key, never cached, no cross-origin redirect
        Asset,   //!< an absolute URL, no key, through the disk cache (HTTP freshness + ETag)
        Storage, //!< an absolute URL (presigned upload), no key, never cached
    };

    Target target = Target::Api;
    QByteArray method = "GET";
    QString path;  //!< Api: percent-encoded path from the origin root, e.g. `/datasets/o/n/`
    QString query; //!< Api: percent-encoded query without `?`
    QUrl url;      //!< Asset and Storage: the absolute URL
    QByteArray body;
    bool hasBody = false;
    bool gzipped = false; //!< body is gzip-compressed (Content-Encoding: gzip)
    //! Storage uploads: builds a fresh multipart body for each attempt (owned by the reply).
    std::function<QHttpMultiPart *()> multipart;
    //! Called with (bytes sent, total) while uploading.
    std::function<void(qint64, qint64)> uploadProgress;

    //! A PATCH that only sets fields to given values (a label's status) may be repeated too.
    bool idempotent = false;

    //! GET, PUT and DELETE (and a PATCH marked idempotent) may be repeated after a connection
    //! reset or a 502/503/504.
    bool isIdempotent() const {
        return idempotent || method == "GET" || method == "PUT" || method == "DELETE";
    }

    static ApiRequest get(const QString &path, const QString &query = {});
    //! A JSON body; `gzip` compresses it as the SDK does for samples and labels.
    static ApiRequest withJson(const QByteArray &method, const QString &path,
                               const QJsonValue &body, bool gzip = false);
    static ApiRequest del(const QString &path);
};

//! A successful answer.
struct RawResponse {
    int status = 0;
    QByteArray body;
    QJsonDocument json; //!< parsed once, for API calls with a body
    bool fromCache = false;
};

//! Percent-encodes one path segment (dataset owner or name, uuid, labelset name).
QString pathSegment(const QString &segment);
//! `/datasets/{owner}/{name}/` + `rest`, each segment encoded.
QString datasetPath(const QString &fullName, const QString &rest = {});
//! `k=v&k=v` with every key and value percent-encoded (docs/api-contract.md §5).
QString encodeQuery(const QList<std::pair<QString, QString>> &items);

} // namespace segscope::api
