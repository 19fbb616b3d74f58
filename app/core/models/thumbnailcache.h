#pragma once

#include "api/result.h"
#include "mailbox.h"
#include "thumbnailoverlay.h"
#include "thumbnailoverlayfetch.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QSet>
#include <QSize>

#include <atomic>
#include <memory>

class QThreadPool;

Q_DECLARE_LOGGING_CATEGORY(lcThumbnails)

namespace segscope::api {
class ApiClient;
}

namespace segscope::models {

class ThumbnailDiskCache;

//! The knobs of a ThumbnailCache; the defaults suit a grid of 256 px cells.
struct ThumbnailCacheOptions {
    //! Generated thumbnails; empty means `<CacheLocation>/thumbnails`.
    QString diskDirectory;
    qint64 diskMaxBytes = 256LL * 1024 * 1024;
    int jpegQuality = 85;
    //! Decoded images kept in memory, in bytes of pixels.
    qint64 memoryMaxBytes = 64LL * 1024 * 1024;
    //! Thumbnails being looked up on disk, downloaded or decoded at once.
    int maxInFlight = 8;
    //! Requests waiting beyond this are forgotten, oldest first: after a fast scroll they are
    //! for items long gone, and a visible item asks again when it is painted.
    int maxQueued = 256;
};

//! Thumbnails of sample images for the views: a memory LRU over a disk cache of generated
//! thumbnails over the client's asset download. Only what is visible should be requested;
//! what scrolls away is cancelled (cancel, retainOnly). The newest requests run first, a few at
//! a time; decoding (scaled JPEG decode) and file access run on threading::backgroundPool(), so
//! nothing here blocks the thread the cache lives on.
//!
//! Typical delegate use: `image = cache.thumbnail(url); if (image.isNull()) cache.request(url,
//! size);` then repaint the item on ready(url), or draw a glyph with failureMessage(url) as
//! its tooltip on failed(url, message).
//!
//! A request may carry a ThumbnailOverlay: the thumbnail then comes with the sample's
//! segmentation label painted over it, cached in memory and on disk under its own key
//! (keyFor(url, overlay)), next to the plain thumbnail, so switching labels on and off is
//! instant. The cache schedules every request and makes plain thumbnails itself; a
//! ThumbnailOverlayFetch gets and composes the label's part. Every method below that takes a `key`
//! takes that key; for a plain thumbnail it is the image URL itself. When only the label fails (its
//! bitmap is missing or does not decode), the key still gets the plain thumbnail, and
//! overlayFailureMessage(key) says why.
class ThumbnailCache : public QObject {
    Q_OBJECT

public:
    explicit ThumbnailCache(api::ApiClient &client, ThumbnailCacheOptions options = {},
                            QObject *parent = nullptr);
    ~ThumbnailCache() override;

    //! Asks for the thumbnail of `imageUrl` fitting in `targetSize` (aspect ratio kept). True
    //! when it is already in memory (nothing is emitted then); otherwise ready() or failed()
    //! follows, unless the request is cancelled. A URL that failed is not tried again until
    //! retryFailed(). Asking again for a pending URL moves it to the front of the queue.
    bool request(const QString &imageUrl, QSize targetSize = QSize(256, 256));
    //! Same, with `overlay` painted over the thumbnail (a null overlay: the plain thumbnail).
    //! ready() and failed() then name keyFor(imageUrl, overlay).
    bool request(const QString &imageUrl, QSize targetSize, const ThumbnailOverlay &overlay);
    //! The key of a thumbnail with that overlay: the image URL when the overlay is null.
    static QString keyFor(const QString &imageUrl, const ThumbnailOverlay &overlay);
    //! The thumbnail in memory (at whatever size it was made), or a null image. Never blocks.
    QImage thumbnail(const QString &key) const;
    //! Drops the request: a queued one never starts, a running download is aborted, a decode
    //! not yet started is skipped; ready() is not emitted for it.
    void cancel(const QString &key);
    //! Cancels every pending request whose key is not in `visibleKeys`.
    void retainOnly(const QSet<QString> &visibleKeys);

    bool isPending(const QString &key) const { return m_jobs.contains(key); }
    bool hasFailed(const QString &key) const { return m_failures.contains(key); }
    //! Why the key failed (for a tooltip); empty when it did not.
    QString failureMessage(const QString &key) const { return m_failures.value(key); }
    //! Why the label of an overlay key is not drawn although its thumbnail is (the plain one).
    QString overlayFailureMessage(const QString &key) const { return m_overlayFailures.value(key); }
    //! Forgets the failures, so the next request of each key tries again.
    void retryFailed();

    void setMemoryMaxBytes(qint64 bytes);
    qint64 memoryMaxBytes() const { return m_memory.maxCost(); }
    qint64 memoryUsage() const { return m_memory.totalCost(); }
    const ThumbnailCacheOptions &options() const { return m_options; }
    //! Requests on disk / on the wire / decoding, and requests waiting for a slot.
    int inFlightCount() const { return m_inFlight; }
    int queuedCount() const { return int(m_queue.size()); }

signals:
    //! thumbnail(key) now returns the image.
    void ready(const QString &key);
    //! The image could not be had: a download error (404, network), or a body that is not a
    //! whole image. `message` is readable (for a tooltip). A label that fails alone does not
    //! emit this (see overlayFailureMessage).
    void failed(const QString &key, const QString &message);

private:
    struct Thumbnail {
        QImage image;
        QSize target; //!< the size it was requested at
    };
    enum class Stage { Queued, Disk, Download, Decode };
    struct Job {
        quint64 id = 0;
        QString imageUrl;
        ThumbnailOverlay overlay;
        QSize target;
        Stage stage = Stage::Queued;
        api::CallHandle download; //!< plain jobs
        //! Read by pool tasks: a decode that has not started is skipped once this is set.
        std::shared_ptr<std::atomic_bool> cancelled;
        std::shared_ptr<ThumbnailOverlayFetch> overlayFetch; //!< overlay jobs, once on the wire
    };
    using Mailbox = models::Mailbox<ThumbnailCache>;

    void pump();
    void startDiskLookup(const QString &url, Job &job);
    void onDiskLookedUp(const QString &url, quint64 id, QSize target, const QImage &image,
                        const QImage &base);
    void onDownloaded(const QString &url, quint64 id, api::Result<QByteArray> result);
    //! Hands an overlay job to a ThumbnailOverlayFetch, `base` being the plain thumbnail if any.
    void startOverlayFetch(const QString &key, Job &job, const QImage &base);
    void onComposed(const QString &key, quint64 id, QSize target, const QString &imageUrl,
                    const ComposedThumbnail &composed);
    void onDecoded(const QString &url, quint64 id, QSize target, const QImage &image,
                   const QString &error);
    Job *findJob(const QString &url, quint64 id);
    void remember(const QString &url, QSize target, const QImage &image);
    void finish(const QString &url, QSize target, const QImage &image);
    void fail(const QString &url, const QString &message);
    //! Forgets the job of `url` (freeing its slot if it held one); does not start others.
    void drop(const QString &url);

    api::ApiClient &m_client;
    ThumbnailCacheOptions m_options;
    QThreadPool *m_pool = nullptr;
    std::shared_ptr<ThumbnailDiskCache> m_disk; //!< shared with pool tasks that outlive us
    std::shared_ptr<Mailbox> m_mailbox;         //!< how pool tasks reach us, while we exist
    mutable QCache<QString, Thumbnail> m_memory;
    QHash<QString, Job> m_jobs;                //!< key -> queued or running request
    QList<QString> m_queue;                    //!< queued keys, oldest first; the newest runs first
    QHash<QString, QString> m_failures;        //!< key -> message
    QHash<QString, QString> m_overlayFailures; //!< overlay key -> why only the plain one is shown
    int m_inFlight = 0;
    quint64 m_nextJobId = 1;
};

} // namespace segscope::models
