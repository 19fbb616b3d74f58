#pragma once

#include <QImage>
#include <QMutex>
#include <QSize>
#include <QString>

namespace segscope::models {

//! Generated thumbnails on disk, one file per asset URL and size, named by a hash of the URL,
//! the folder capped in bytes (least recently used files go first). Every method may be called
//! from any thread; they touch the file system, so call them from the thread pool.
class ThumbnailDiskCache {
public:
    //! `directory` is created on the first write.
    explicit ThumbnailDiskCache(QString directory, qint64 maxBytes = 256LL * 1024 * 1024,
                                int jpegQuality = 85);

    const QString &directory() const { return m_directory; }
    qint64 maxBytes() const { return m_maxBytes; }

    //! Where the thumbnail of `url` at `target` is stored (whether or not it exists).
    QString filePath(const QString &url, QSize target) const;
    //! The stored thumbnail, paint-ready, or null. A file that does not decode is deleted, so
    //! the caller regenerates it; a hit marks the file as recently used.
    QImage load(const QString &url, QSize target);
    //! Writes atomically (a reader never sees half a file): JPEG when opaque, PNG when the
    //! image has alpha. Then evicts the oldest files while the folder is over its cap.
    bool store(const QString &url, QSize target, const QImage &image);
    //! Bytes in the folder as tracked (scanned once on first use).
    qint64 usage();

private:
    void ensureScannedLocked();
    void trimLocked();

    const QString m_directory;
    const qint64 m_maxBytes;
    const int m_jpegQuality;
    QMutex m_mutex;      //!< guards the accounting below and eviction
    qint64 m_usage = -1; //!< -1 until the folder was scanned
    bool m_created = false;
};

} // namespace segscope::models
