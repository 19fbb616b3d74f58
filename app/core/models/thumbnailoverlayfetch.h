#pragma once

#include "api/result.h"
#include "thumbnailoverlay.h"

#include <QCoreApplication>
#include <QImage>
#include <QSize>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QObject;
class QThreadPool;

namespace segscope::api {
class ApiClient;
}

namespace segscope::models {

class ThumbnailDiskCache;

//! What the overlay pipeline made of one request.
struct ComposedThumbnail {
    QImage base; //!< the plain thumbnail
    bool baseIsNew = false;
    QString baseError; //!< no thumbnail at all (the image failed): the request fails
    QImage image;      //!< with the label; null when the label failed
    QString overlayError;
};

//! The overlay half of a ThumbnailCache request (the cache schedules, remembers and does the
//! plain half): downloads the image, unless the plain thumbnail is at hand, and the label
//! bitmap side by side; then, on the pool, decodes the image to a thumbnail and the bitmap,
//! paints one over the other and stores both on disk. Downloads are bound to the cache (their
//! context); the pool's result comes back through the cache's mailbox.
class ThumbnailOverlayFetch : public std::enable_shared_from_this<ThumbnailOverlayFetch> {
    Q_DECLARE_TR_FUNCTIONS(ThumbnailOverlayFetch)

public:
    //! Runs a call on the cache's thread while the cache exists (its Mailbox), else drops it.
    using Post = std::function<void(std::function<void()>)>;
    using Done = std::function<void(const ComposedThumbnail &)>;
    struct Request {
        QString key; //!< ThumbnailCache::keyFor(imageUrl, overlay): the disk entry it makes
        QString imageUrl;
        ThumbnailOverlay overlay;
        QSize target;
        QImage base; //!< the plain thumbnail when memory or disk had it
        //! Set by the cache when the request is dropped: the composing is skipped.
        std::shared_ptr<std::atomic_bool> cancelled;
    };

    ThumbnailOverlayFetch(api::ApiClient &client, QObject *context, QThreadPool *pool,
                          std::shared_ptr<ThumbnailDiskCache> disk, Post post);

    //! Starts; `done` is called once on the context's thread, unless cancel() comes first.
    void start(Request request, Done done);
    //! Aborts the downloads; a compose not yet started is skipped through `cancelled`.
    void cancel();

private:
    void onDownloaded(bool bitmap, api::Result<QByteArray> result);
    void compose();

    api::ApiClient &m_client;
    QObject *m_context;
    QThreadPool *m_pool;
    std::shared_ptr<ThumbnailDiskCache> m_disk;
    Post m_post;
    Request m_request;
    Done m_done;
    api::CallHandle m_imageCall;
    api::CallHandle m_bitmapCall;
    int m_downloadsLeft = 0;
    QByteArray m_imageBytes;
    QByteArray m_bitmapBytes;
    QString m_overlayError; //!< the bitmap download failed
};

} // namespace segscope::models
