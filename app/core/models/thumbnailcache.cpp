#include "thumbnailcache.h"
#include "thumbnaildecoder.h"
#include "thumbnaildiskcache.h"

#include "api/assetsapi.h"
#include "threading.h"

#include <QStandardPaths>
#include <QThreadPool>
#include <QUrl>

Q_LOGGING_CATEGORY(lcThumbnails, "segscope.thumbnails", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::models {

ThumbnailCache::ThumbnailCache(api::ApiClient &client, ThumbnailCacheOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
    , m_mailbox(std::make_shared<Mailbox>(this)) {
    if (m_options.diskDirectory.isEmpty())
        m_options.diskDirectory =
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/thumbnails"_s;
    m_pool = threading::backgroundPool();
    m_disk = std::make_shared<ThumbnailDiskCache>(m_options.diskDirectory, m_options.diskMaxBytes,
                                                  m_options.jpegQuality);
    m_memory.setMaxCost(m_options.memoryMaxBytes);
}

ThumbnailCache::~ThumbnailCache() {
    m_mailbox->close();
    // Downloads end with us (we are their context); pool tasks not yet started skip the work.
    for (const Job &job : std::as_const(m_jobs)) {
        if (job.cancelled)
            job.cancelled->store(true);
    }
}

bool ThumbnailCache::request(const QString &imageUrl, QSize targetSize) {
    return request(imageUrl, targetSize, ThumbnailOverlay());
}

QString ThumbnailCache::keyFor(const QString &imageUrl, const ThumbnailOverlay &overlay) {
    if (overlay.isNull())
        return imageUrl;
    return imageUrl + u"#overlay:"_s + overlay.bitmapUrl + u'#' + overlay.colorsDigest;
}

bool ThumbnailCache::request(const QString &imageUrl, QSize targetSize,
                             const ThumbnailOverlay &overlay) {
    if (imageUrl.isEmpty() || targetSize.isEmpty())
        return false;
    const QString key = keyFor(imageUrl, overlay);
    if (const Thumbnail *cached = m_memory.object(key); cached && cached->target == targetSize)
        return true;
    if (m_failures.contains(key))
        return false;
    if (auto it = m_jobs.find(key); it != m_jobs.end()) {
        // What the user looks at now goes first. A running job keeps its size: the delegate
        // scales the image it gets and asks again if the size still differs.
        if (it->stage == Stage::Queued) {
            m_queue.removeOne(key);
            m_queue.append(key);
            it->target = targetSize;
        }
        return false;
    }
    Job job;
    job.id = m_nextJobId++;
    job.imageUrl = imageUrl;
    job.overlay = overlay;
    job.target = targetSize;
    m_jobs.insert(key, std::move(job));
    m_queue.append(key);
    while (m_queue.size() > std::max(1, m_options.maxQueued))
        m_jobs.remove(m_queue.takeFirst());
    pump();
    return false;
}

QImage ThumbnailCache::thumbnail(const QString &key) const {
    const Thumbnail *cached = m_memory.object(key);
    return cached ? cached->image : QImage();
}

void ThumbnailCache::cancel(const QString &key) {
    if (!m_jobs.contains(key))
        return;
    drop(key);
    pump();
}

void ThumbnailCache::retainOnly(const QSet<QString> &visibleKeys) {
    QList<QString> gone;
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        if (!visibleKeys.contains(it.key()))
            gone.append(it.key());
    }
    for (const QString &url : std::as_const(gone))
        drop(url);
    if (!gone.isEmpty())
        pump();
}

void ThumbnailCache::retryFailed() {
    m_failures.clear();
    // The plain stand-ins go too, so the next request of those keys tries the label again.
    for (auto it = m_overlayFailures.cbegin(); it != m_overlayFailures.cend(); ++it)
        m_memory.remove(it.key());
    m_overlayFailures.clear();
}

void ThumbnailCache::setMemoryMaxBytes(qint64 bytes) {
    m_options.memoryMaxBytes = bytes;
    m_memory.setMaxCost(bytes);
}

void ThumbnailCache::pump() {
    while (m_inFlight < std::max(1, m_options.maxInFlight) && !m_queue.isEmpty()) {
        const QString url = m_queue.takeLast();
        auto it = m_jobs.find(url);
        Q_ASSERT(it != m_jobs.end());
        ++m_inFlight;
        startDiskLookup(url, *it);
    }
}

void ThumbnailCache::startDiskLookup(const QString &url, Job &job) {
    job.stage = Stage::Disk;
    job.cancelled = std::make_shared<std::atomic_bool>(false);
    // An overlay is painted over the plain thumbnail: from memory when it is there, else
    // from disk in the same task, else made from the downloaded image.
    QImage base;
    bool wantBase = !job.overlay.isNull();
    if (const Thumbnail *plain = wantBase ? m_memory.object(job.imageUrl) : nullptr;
        plain && plain->target == job.target) {
        base = plain->image;
        wantBase = false;
    }
    m_pool->start([disk = m_disk, mailbox = m_mailbox, url, imageUrl = job.imageUrl, id = job.id,
                   target = job.target, cancelled = job.cancelled, base, wantBase] {
        if (cancelled->load())
            return;
        const QImage image = disk->load(url, target);
        const QImage plain = image.isNull() && wantBase ? disk->load(imageUrl, target) : base;
        mailbox->post(
            [=](ThumbnailCache *cache) { cache->onDiskLookedUp(url, id, target, image, plain); });
    });
}

void ThumbnailCache::onDiskLookedUp(const QString &url, quint64 id, QSize target,
                                    const QImage &image, const QImage &base) {
    Job *job = findJob(url, id);
    if (!job) {
        remember(url, target, image); // cancelled after the work was done: keep the result
        return;
    }
    if (!image.isNull())
        return finish(url, target, image);
    job->stage = Stage::Download;
    if (!job->overlay.isNull()) {
        remember(job->imageUrl, target, base); // so switching the labels off is instant
        return startOverlayFetch(url, *job, base);
    }
    job->download = api::downloadAsset(m_client, QUrl(url), this,
                                       [this, url, id](api::Result<QByteArray> result) {
                                           onDownloaded(url, id, std::move(result));
                                       });
}

void ThumbnailCache::onDownloaded(const QString &url, quint64 id, api::Result<QByteArray> result) {
    Job *job = findJob(url, id);
    if (!job)
        return;
    if (!result.ok())
        return fail(url, result.error().toString());
    job->stage = Stage::Decode;
    job->download = {};
    m_pool->start([disk = m_disk, mailbox = m_mailbox, url, id, target = job->target,
                   cancelled = job->cancelled, bytes = std::move(result.value())] {
        if (cancelled->load())
            return;
        const DecodedThumbnail decoded = decodeThumbnail(bytes, target);
        // Stored before reporting, so whoever hears ready() finds it on disk too.
        if (!decoded.image.isNull())
            disk->store(url, target, decoded.image);
        mailbox->post([=](ThumbnailCache *cache) {
            cache->onDecoded(url, id, target, decoded.image, decoded.error);
        });
    });
}

void ThumbnailCache::onDecoded(const QString &url, quint64 id, QSize target, const QImage &image,
                               const QString &error) {
    if (!findJob(url, id)) {
        remember(url, target, image);
        return;
    }
    if (image.isNull())
        return fail(url, error);
    finish(url, target, image);
}

void ThumbnailCache::startOverlayFetch(const QString &key, Job &job, const QImage &base) {
    // Held here too: the job, and with it job.overlayFetch, may be gone when start() returns.
    const auto fetch = std::make_shared<ThumbnailOverlayFetch>(
        m_client, this, m_pool, m_disk, [mailbox = m_mailbox](std::function<void()> call) {
            mailbox->post([call = std::move(call)](ThumbnailCache *) { call(); });
        });
    job.overlayFetch = fetch;
    fetch->start({key, job.imageUrl, job.overlay, job.target, base, job.cancelled},
                 [this, key, id = job.id, target = job.target,
                  imageUrl = job.imageUrl](const ComposedThumbnail &composed) {
                     onComposed(key, id, target, imageUrl, composed);
                 });
}

void ThumbnailCache::onComposed(const QString &key, quint64 id, QSize target,
                                const QString &imageUrl, const ComposedThumbnail &composed) {
    Job *job = findJob(key, id);
    if (composed.baseIsNew)
        remember(imageUrl, target, composed.base);
    if (!job) {
        // Cancelled after the work was done: keep the result, a failure with its reason too,
        // so a cell that comes back into view shows the stand-in and says why at once.
        if (composed.image.isNull() && !composed.base.isNull()) {
            remember(key, target, composed.base);
            m_overlayFailures.insert(key, composed.overlayError);
        } else {
            remember(key, target, composed.image);
        }
        return;
    }
    if (composed.base.isNull())
        return fail(key, composed.baseError);
    if (composed.image.isNull()) {
        // The plain thumbnail stands in (never a blank cell) and says why the label is missing.
        // It is not stored on disk under the overlay key, so the next run tries again.
        qCInfo(lcThumbnails).noquote()
            << "no label overlay for" << QUrl(job->imageUrl).path() << composed.overlayError;
        remember(key, target, composed.base);
        m_overlayFailures.insert(key, composed.overlayError);
        drop(key);
        pump();
        emit ready(key);
        return;
    }
    finish(key, target, composed.image);
}

ThumbnailCache::Job *ThumbnailCache::findJob(const QString &url, quint64 id) {
    auto it = m_jobs.find(url);
    return it != m_jobs.end() && it->id == id ? &*it : nullptr;
}

void ThumbnailCache::remember(const QString &url, QSize target, const QImage &image) {
    if (image.isNull())
        return;
    m_overlayFailures.remove(url); // a stand-in for a failed label is being replaced
    // Cost in bytes of pixels; an image larger than the whole cap is not kept (QCache drops it).
    m_memory.insert(url, new Thumbnail{image, target}, image.sizeInBytes());
}

void ThumbnailCache::finish(const QString &url, QSize target, const QImage &image) {
    remember(url, target, image);
    drop(url);
    pump();
    emit ready(url);
}

void ThumbnailCache::fail(const QString &url, const QString &message) {
    qCInfo(lcThumbnails).noquote() << "no thumbnail for" << QUrl(url).path() << message;
    m_failures.insert(url, message);
    drop(url);
    pump();
    emit failed(url, message);
}

void ThumbnailCache::drop(const QString &url) {
    auto it = m_jobs.find(url);
    if (it == m_jobs.end())
        return;
    if (it->stage == Stage::Queued) {
        m_queue.removeOne(url);
    } else {
        it->cancelled->store(true);
        it->download.cancel();
        if (it->overlayFetch)
            it->overlayFetch->cancel();
        --m_inFlight;
    }
    m_jobs.erase(it);
}

} // namespace segscope::models
