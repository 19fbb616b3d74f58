#pragma once

#include "http/router.h"
#include "wire/contract.h"

#include <QAbstractHttpServer>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRequests)

namespace segscope::server {

struct Stores;

//! Qt HttpServer's connection handling and parsing, with our own dispatch: authentication,
//! body limits and gzip, one error shape, asset URL origins, and one log line per request.
class HttpFrontend : public QAbstractHttpServer {
public:
    HttpFrontend(Router &router, Stores &stores, QObject *parent = nullptr);

    void setLogging(bool on) { m_logging = on; }
    void setFallbackOrigin(const QString &origin) { m_fallbackOrigin = origin; }

    static constexpr qint64 kMaxJsonBody = 10LL * 1024 * 1024;
    //! An asset plus the multipart form fields around it.
    static constexpr qint64 kMaxUploadBody = wire::MaxAssetBytes + 1024 * 1024;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ApiResponse dispatch(const QHttpServerRequest &request, RouteRequest &api);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, ApiResponse response,
              const QString &origin);

    Router &m_router;
    Stores &m_stores;
    bool m_logging = true;
    QString m_fallbackOrigin;
};

} // namespace segscope::server
