#include "thumbnailcache.h"
#include "thumbnaildecoder.h"
#include "thumbnaildiskcache.h"

#include "api/assetsapi.h"

#include <QMutex>
#include <QStandardPaths>
#include <QThreadPool>
#include <QUrl>

Q_LOGGING_CATEGORY(lcThumbnails, "segscope.thumbnails", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::items {

ThumbnailCache::ThumbnailCache(api::ApiClient &client, ThumbnailCacheOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
    , m_mailbox(std::make_shared<Mailbox>(this)) {
    if (m_options.diskDirectory.isEmpty())
        m_options.diskDirectory =
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/thumbnails"_s;
    m_pool = m_options.threadPool ? m_options.threadPool : QThreadPool::globalInstance();
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
    if (imageUrl.isEmpty() || targetSize.isEmpty())
        return false;
    if (const Thumbnail *cached = m_memory.object(imageUrl); cached && cached->target == targetSize)
        return true;
    if (m_failures.contains(imageUrl))
        return false;
    if (auto it = m_jobs.find(imageUrl); it != m_jobs.end()) {
        // What the user looks at now goes first. A running job keeps its size: the delegate
        // scales the image it gets and asks again if the size still differs.
        if (it->stage == Stage::Queued) {
            m_queue.removeOne(imageUrl);
            m_queue.append(imageUrl);
            it->target = targetSize;
        }
        return false;
    }
    Job job;
    job.id = m_nextJobId++;
    job.target = targetSize;
    m_jobs.insert(imageUrl, std::move(job));
    m_queue.append(imageUrl);
    while (m_queue.size() > std::max(1, m_options.maxQueued))
        m_jobs.remove(m_queue.takeFirst());
    pump();
    return false;
}

QImage ThumbnailCache::thumbnail(const QString &imageUrl) const {
    const Thumbnail *cached = m_memory.object(imageUrl);
    return cached ? cached->image : QImage();
}

void ThumbnailCache::cancel(const QString &imageUrl) {
    if (!m_jobs.contains(imageUrl))
        return;
    drop(imageUrl);
    pump();
}

void ThumbnailCache::retainOnly(const QSet<QString> &visibleUrls) {
    QList<QString> gone;
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        if (!visibleUrls.contains(it.key()))
            gone.append(it.key());
    }
    for (const QString &url : std::as_const(gone))
        drop(url);
    if (!gone.isEmpty())
        pump();
}

void ThumbnailCache::retryFailed() {
    m_failures.clear();
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
    m_pool->start([disk = m_disk, mailbox = m_mailbox, url, id = job.id, target = job.target,
                   cancelled = job.cancelled] {
        if (cancelled->load())
            return;
        const QImage image = disk->load(url, target);
        mailbox->post(
            [=](ThumbnailCache *cache) { cache->onDiskLookedUp(url, id, target, image); });
    });
}

void ThumbnailCache::onDiskLookedUp(const QString &url, quint64 id, QSize target,
                                    const QImage &image) {
    Job *job = findJob(url, id);
    if (!job) {
        remember(url, target, image); // cancelled after the work was done: keep the result
        return;
    }
    if (!image.isNull())
        return finish(url, target, image);
    job->stage = Stage::Download;
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

ThumbnailCache::Job *ThumbnailCache::findJob(const QString &url, quint64 id) {
    auto it = m_jobs.find(url);
    return it != m_jobs.end() && it->id == id ? &*it : nullptr;
}

void ThumbnailCache::remember(const QString &url, QSize target, const QImage &image) {
    if (image.isNull())
        return;
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
        --m_inFlight;
    }
    m_jobs.erase(it);
}

} // namespace segscope::items
