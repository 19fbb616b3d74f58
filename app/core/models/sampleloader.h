#pragma once

#include "api/result.h"
#include "loadedsample.h"
#include "mailbox.h"

#include <QHash>
#include <QImage>
#include <QObject>

#include <memory>

namespace segscope::api {
class ApiClient;
}

namespace segscope::models {

//! Loads samples for the detail pane: the sample, its label, the image and the bitmap fetched
//! together, both decoded on threading::detailPool() (the bitmap through the fast decoder and
//! indexed into a LabelOverlay), then the label's statistics and facts computed there once
//! both are in, so the GUI thread only ever receives finished values. Keeps the few most recent
//! results, and prefetches neighbours so stepping through samples is immediate. Asked for a
//! candidate labelset too, it fetches that label and bitmap with the sample (one image
//! download) and compares the two there (LoadedSample::comparison).
class SampleLoader : public QObject {
    Q_OBJECT

public:
    explicit SampleLoader(QObject *parent = nullptr);
    ~SampleLoader() override;

    //! The client to load with (nullptr: stop everything) and the dataset's categories.
    void setClient(api::ApiClient *client);
    void setTask(const wire::TaskAttributes &task);
    //! How many finished samples are kept (the current one and its neighbours).
    void setCacheSize(int entries) { m_cacheSize = entries; }

    //! Loads the sample the pane shows; ends with loaded() or failed(). Loads of other samples
    //! that are neither this one nor a prefetch are cancelled. With a `candidate` labelset
    //! (not `labelset`), the sample comes compared with it.
    void load(const QString &uuid, const QString &labelset, const QString &candidate = {});
    //! Warms the cache with the samples the user is likely to open next, nearest first (at most
    //! the cache size - 2 of them, so the current one and the one before stay cached). Earlier
    //! prefetches not in `uuids` are cancelled.
    void prefetch(const QStringList &uuids, const QString &labelset, const QString &candidate = {});
    //! True when `uuid` in `labelset` (compared with `candidate`) is loaded already.
    bool isCached(const QString &uuid, const QString &labelset,
                  const QString &candidate = {}) const;
    //! Drops the cached results (e.g. after the label was changed elsewhere).
    void clear();

    //! Loads frame `frame` of `sequence` (an image sequence load() delivered): the frame's image
    //! and its label's bitmap, decoded and indexed like a sample's, with the facts of that frame.
    //! Ends with frameLoaded(). Frame loads other than this one and the frame prefetch are
    //! cancelled; loading another sample cancels them all.
    void loadFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame);
    //! Warms the frame cache with the frame the user is likely to step to next.
    void prefetchFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame);

signals:
    //! What is being fetched, for a status line ("Downloading the image…").
    void progress(const QString &uuid, const QString &what);
    void loaded(std::shared_ptr<const segscope::models::LoadedSample> sample);
    //! The sample itself could not be had (not found, no connection).
    void failed(const QString &uuid, const QString &message);
    //! A frame asked for with loadFrame() is ready (LoadedSample::frame says which).
    void frameLoaded(std::shared_ptr<const segscope::models::LoadedSample> frame);

private:
    struct Job;
    using Mailbox = models::Mailbox<SampleLoader>;

    static QString keyOf(const QString &uuid, const QString &labelset,
                         const QString &candidate = {});
    static QString frameKeyOf(const LoadedSample &sequence, int frame);
    void start(const QString &uuid, const QString &labelset, const QString &candidate);
    void startFrame(const std::shared_ptr<const LoadedSample> &sequence, int frame);
    void startBitmap(const QString &key);
    void onSample(const QString &key, api::Result<wire::Sample> result);
    void onLabel(const QString &key, api::Result<wire::Label> result);
    void onImageBytes(const QString &key, api::Result<QByteArray> result);
    void onBitmapBytes(const QString &key, api::Result<QByteArray> result);
    void onCandidateLabel(const QString &key, api::Result<wire::Label> result);
    void onCandidateBitmapBytes(const QString &key, api::Result<QByteArray> result);
    //! Where a decoded bitmap (or why there is none) goes in a job: the sample's or the
    //! candidate's part.
    using StoreOverlay = void (*)(Job &, std::shared_ptr<const labels::LabelOverlay>,
                                  const QString &error);
    //! Decodes a downloaded bitmap into a LabelOverlay on the detail pool and stores it in the
    //! job `key` on this thread (a failed download is stored at once), then finishes that part.
    void decodeBitmap(const QString &key, api::Result<QByteArray> result,
                      wire::LabelAttributes attributes, StoreOverlay store);
    void finishPart(const QString &key);
    void deliver(const QString &key, const std::shared_ptr<LoadedSample> &result);
    using Cache = QList<std::pair<QString, std::shared_ptr<const LoadedSample>>>;
    //! Delivers `key` from `cache` on the next turn, like a fetched result (so callers see one
    //! behaviour), through `signal` if `*current` still names it; false when it is not cached.
    bool deliverCached(const Cache &cache, const QString &key, const QString SampleLoader::*current,
                       void (SampleLoader::*signal)(std::shared_ptr<const LoadedSample>));
    void remember(QList<std::pair<QString, std::shared_ptr<const LoadedSample>>> &cache, int size,
                  const QString &key, std::shared_ptr<const LoadedSample> sample);
    void cancelJobsExcept(const QString &keep, const QStringList &alsoKeep);

    api::ApiClient *m_client = nullptr;
    wire::TaskAttributes m_task;
    std::shared_ptr<Mailbox> m_mailbox;
    QHash<QString, std::shared_ptr<Job>> m_jobs;
    QList<std::pair<QString, std::shared_ptr<const LoadedSample>>> m_cache; //!< newest last
    QString m_current;      //!< key of the sample the pane waits for
    QStringList m_prefetch; //!< keys of the last prefetch
    QList<std::pair<QString, std::shared_ptr<const LoadedSample>>> m_frameCache; //!< newest last
    QString m_frameCurrent;  //!< key of the frame the pane waits for
    QString m_framePrefetch; //!< key of the last frame prefetch
    int m_cacheSize = 4;     //!< the one before, the current one and two ahead
};

} // namespace segscope::models
