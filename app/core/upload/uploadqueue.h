#pragma once

#include "uploadchecks.h"
#include "uploaditem.h"
#include "uploadjob.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace segscope::upload {

//! The upload pipeline (issue 6): samples added from local files or URLs, each through a name
//! check, the asset upload (docs/api-contract.md §7), the sample create and an optional label, a
//! few at a time, retried when the failure is transient, and persisted so that a run killed midway
//! resumes with nothing created twice and nothing skipped.
class UploadQueue : public QObject {
    Q_OBJECT

public:
    //! stateFile: where the queue persists itself (JSON, written with QSaveFile after every state
    //! change); empty = not persisted. On construction, items found there are loaded: finished
    //! ones kept for the summary, unfinished ones resume (from Queued, or from the step after the
    //! last one that completed: assetUrl set => no second upload; sampleUuid set => no second
    //! create). Nothing runs before start().
    UploadQueue(api::ApiClient &client, const QString &stateFile, QObject *parent = nullptr);
    ~UploadQueue() override;

    void setConcurrency(int n); //!< default 3
    int concurrency() const { return m_concurrency; }
    void setRetryPolicy(RetryPolicy policy) { m_policy = policy; }
    QString stateFile() const { return m_stateFile; }

    //! Adds an item (its progress fields reset) and returns its id; persisted at once. A started
    //! queue picks it up right away.
    QString enqueue(UploadItem item);
    //! Starts/resumes processing; emits idle() (asynchronously) when there is nothing to do.
    void start();
    bool isStarted() const { return m_started; }
    //! Cancels one item at whatever step it is: the call in flight is cancelled.
    void cancel(const QString &id);
    void cancelAll();
    //! Forgets one item, cancelling it first when it runs (and persists).
    void remove(const QString &id);
    //! Forgets finished items (and persists).
    void clearFinished();

    QList<UploadItem> items() const { return m_items; }
    std::optional<UploadItem> item(const QString &id) const;
    UploadSummary summary() const;
    //! No unfinished item left.
    bool isIdle() const;
    //! Items being worked on right now (never more than the concurrency).
    int runningCount() const { return int(m_jobs.size()); }

signals:
    //! Any state change; also for an item removed (item(id) is then nullopt).
    void itemChanged(const QString &id);
    void progress(const QString &id, qint64 sent, qint64 total);
    void idle(const segscope::upload::UploadSummary &summary); //!< nothing left to do

private:
    void load();
    void persist();
    void schedule();
    void startJob(const UploadItem &item);
    void onJobChanged(UploadJob *job);
    void onJobFinished(UploadJob *job);
    void stopJob(UploadJob *job);
    qsizetype indexOf(const QString &id) const;

    api::ApiClient &m_client;
    QString m_stateFile;
    QList<UploadItem> m_items;          //!< in queue order
    QHash<QString, UploadJob *> m_jobs; //!< item id -> its running job
    int m_concurrency = 3;
    RetryPolicy m_policy;
    bool m_started = false;
    bool m_busy = false; //!< work happened since the last idle()
    bool m_persistWarned = false;
};

} // namespace segscope::upload
