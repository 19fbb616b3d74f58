#pragma once

#include "apirequest.h"
#include "result.h"

#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>

#include <chrono>

class QNetworkAccessManager;
class QNetworkDiskCache;

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace segscope::api {

class Call;

//! Everything that shapes how the client talks; the timings are knobs so tests run in ms.
struct ClientOptions {
    QUrl baseUrl = QUrl(QStringLiteral("https://api.segments.ai"));
    QString apiKey; //!< sent as `Authorization: APIKey <key>` on API calls only

    int maxAttempts = 5; //!< attempts per call, first one included
    std::chrono::milliseconds backoffBase{500};
    std::chrono::milliseconds backoffMax{30000};
    //! How long one second of Retry-After lasts (1000 ms; tests shorten it).
    std::chrono::milliseconds retryAfterUnit{1000};
    //! A Retry-After beyond this is not waited for: the call reports RateLimited at once.
    int maxRetryAfterSeconds = 120;
    //! A transfer with no bytes moving for this long is aborted (Timeout). Not a total limit:
    //! a 100 MB upload may take minutes as long as it progresses.
    std::chrono::milliseconds stallTimeout{30000};
    int maxConcurrentPerHost = 6; //!< calls beyond it wait in a queue
    qint64 maxApiResponseBytes = 128LL * 1024 * 1024;
    qint64 maxAssetBytes = 256LL * 1024 * 1024;
    //! Asset cache directory; empty means `<CacheLocation>/assets`.
    QString cacheDirectory;
    qint64 cacheMaxBytes = 1024LL * 1024 * 1024;
};

//! The one request layer: every call of the Segments API and every asset transfer goes through
//! here, which owns the key, retries, stall timeouts, the per-host cap and the asset cache.
//! Lives on one thread; callbacks run on it.
class ApiClient : public QObject {
    Q_OBJECT

public:
    explicit ApiClient(ClientOptions options = {}, QObject *parent = nullptr);
    ~ApiClient() override;

    const ClientOptions &options() const { return m_options; }
    void setApiKey(const QString &key) { m_options.apiKey = key; }
    QUrl baseUrl() const { return m_options.baseUrl; }

    //! Sends `request` (retrying as the options allow) and hands the answer to `done`, unless
    //! `context` is destroyed first (which also aborts the transfer) or the handle cancels it.
    CallHandle send(ApiRequest request, QObject *context, Callback<RawResponse> done);

    //! Calls currently on the wire / waiting for a free slot (for tests and a status bar).
    int runningCount() const;
    int queuedCount() const;

    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

private:
    friend class Call;
    void acquire(Call *call);
    void release(Call *call);

    ClientOptions m_options;
    QNetworkAccessManager *m_nam = nullptr;
    QNetworkDiskCache *m_cache = nullptr;
    QHash<QString, int> m_running;                 //!< origin -> calls on the wire
    QHash<QString, QList<QPointer<Call>>> m_queue; //!< origin -> calls waiting for a slot
};

} // namespace segscope::api
