#pragma once

#include "uploaditem.h"

#include "api/apiclient.h"
#include "wire/file.h"
#include "wire/taskattributes.h"

#include <QLoggingCategory>
#include <QTimer>

#include <chrono>

Q_DECLARE_LOGGING_CATEGORY(lcUpload)

namespace segscope::upload {

//! How the queue retries the transient failures (Network, Timeout, RateLimited, Server) the
//! client does not retry itself (POSTs) or gave up on.
struct RetryPolicy {
    int maxRetries = 5; //!< per item, over all its steps
    std::chrono::milliseconds backoffBase{1000};
    std::chrono::milliseconds backoffMax{30000};
};

//! The steps of one item, from wherever its persisted fields say it stands: the name check, the
//! asset (create + upload), the sample create, the bitmap asset, the label. Internal to
//! UploadQueue: it reports every change of the item, and the queue persists it.
class UploadJob : public QObject {
    Q_OBJECT

public:
    UploadJob(api::ApiClient &client, UploadItem item, RetryPolicy policy,
              QObject *parent = nullptr);
    ~UploadJob() override;

    const UploadItem &item() const { return m_item; }
    void start();
    //! Stops the call in flight (or the wait before a retry); the item ends Cancelled.
    void cancel();

signals:
    //! The item's state or a persisted field changed.
    void changed();
    void progress(qint64 sent, qint64 total);
    //! The item is finished (Done, Skipped, Failed, Cancelled). Emitted once.
    void finished();

private:
    void next();
    void setState(UploadItem::State state);
    void validate();
    void validateLabel(const wire::TaskAttributes &task);
    void checkName(bool afterConflict);
    void onNameChecked(const std::optional<QString> &existingUuid, const QString &existingUrl,
                       bool afterConflict);
    void createAsset(bool bitmap);
    void uploadFile(bool bitmap, const wire::File &file);
    void createSample();
    void putLabel();
    //! A failed step: retried after a delay when transient (or `retryable`) and retries are
    //! left (from wherever the item's fields then say it stands), else Failed with `prefix` +
    //! the error.
    void onError(const api::ApiError &error, const QString &prefix = {}, bool retryable = false);
    void finish(UploadItem::State state, const QString &error = {});
    std::chrono::milliseconds retryDelay(const api::ApiError &error) const;

    api::ApiClient &m_client;
    UploadItem m_item;
    RetryPolicy m_policy;
    api::CallHandle m_call;
    QTimer m_retryTimer;
    bool m_validated = false;
    bool m_nameChecked = false;
    bool m_finished = false;
};

} // namespace segscope::upload
