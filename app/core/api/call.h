#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "result.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QTimer>

class QNetworkReply;

namespace segscope::api {

class ApiClient;

//! One logical call with all its attempts. Internal to ApiClient; deletes itself when done.
class Call : public Cancellable {
    Q_OBJECT

public:
    Call(ApiClient *client, ApiRequest request, QObject *context, Callback<RawResponse> done);
    ~Call() override;

    void cancel() override;
    QString origin() const { return m_origin; }

private:
    friend class ApiClient;
    //! Called by the client once a per-host slot is free.
    void sendAttempt();
    QNetworkRequest buildRequest() const;
    void onFinished();
    void onProgress(qint64 received);
    void onRedirected(const QUrl &url);
    void abortWith(AbortReason reason);
    bool shouldRetry(const ApiError &error, const ResponseInfo &info) const;
    std::chrono::milliseconds retryDelay(const ApiError &error) const;
    void finish(Result<RawResponse> result);
    void dropReply();
    QString loggableUrl() const;

    ApiClient *m_client;
    ApiRequest m_request;
    QUrl m_url;
    QString m_origin;
    QPointer<QObject> m_context;
    Callback<RawResponse> m_done;
    QNetworkReply *m_reply = nullptr;
    QTimer m_stallTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_elapsed;
    int m_attempt = 0;
    bool m_holdsSlot = false;
    bool m_finished = false;
    AbortReason m_abortReason = AbortReason::None;
    QUrl m_refusedRedirect;
};

} // namespace segscope::api
