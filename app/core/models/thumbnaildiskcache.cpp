#include "thumbnaildiskcache.h"
#include "thumbnaildecoder.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QLoggingCategory>
#include <QSaveFile>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcThumbnails)

using namespace Qt::StringLiterals;

namespace segscope::models {

namespace {

// Eviction goes a little below the cap so that one more write does not scan the folder again.
constexpr double kTrimTarget = 0.9;

QFileInfoList thumbnailFiles(const QString &directory) {
    return QDir(directory).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::NoSort);
}

} // namespace

ThumbnailDiskCache::ThumbnailDiskCache(QString directory, qint64 maxBytes, int jpegQuality)
    : m_directory(std::move(directory))
    , m_maxBytes(maxBytes)
    , m_jpegQuality(jpegQuality) {}

QString ThumbnailDiskCache::filePath(const QString &url, QSize target) const {
    const QByteArray hash =
        QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha1).toHex();
    return m_directory + u'/' + QString::fromLatin1(hash) +
           u"-%1x%2.thumb"_s.arg(target.width()).arg(target.height());
}

QImage ThumbnailDiskCache::load(const QString &url, QSize target) {
    const QString path = filePath(url, target);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    DecodedThumbnail decoded = decodeThumbnail(bytes, target);
    if (decoded.image.isNull()) {
        qCWarning(lcThumbnails).noquote()
            << "dropping unreadable thumbnail" << path << decoded.error;
        file.close();
        QMutexLocker lock(&m_mutex);
        if (QFile::remove(path) && m_usage >= 0)
            m_usage = std::max<qint64>(0, m_usage - bytes.size());
        return {};
    }
    // The modification time is the recency eviction goes by.
    file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return decoded.image;
}

bool ThumbnailDiskCache::store(const QString &url, QSize target, const QImage &image) {
    if (image.isNull())
        return false;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_created)
            m_created = QDir().mkpath(m_directory);
        ensureScannedLocked();
    }
    const QString path = filePath(url, target);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QImageWriter writer(&file, image.hasAlphaChannel() ? "png" : "jpeg");
    writer.setQuality(image.hasAlphaChannel() ? -1 : m_jpegQuality);
    if (!writer.write(image) || !file.commit()) {
        qCWarning(lcThumbnails).noquote() << "cannot write" << path << writer.errorString();
        file.cancelWriting();
        return false;
    }
    QMutexLocker lock(&m_mutex);
    m_usage += QFileInfo(path).size();
    if (m_usage > m_maxBytes)
        trimLocked();
    return true;
}

qint64 ThumbnailDiskCache::usage() {
    QMutexLocker lock(&m_mutex);
    ensureScannedLocked();
    return m_usage;
}

void ThumbnailDiskCache::ensureScannedLocked() {
    if (m_usage >= 0)
        return;
    m_usage = 0;
    for (const QFileInfo &info : thumbnailFiles(m_directory))
        m_usage += info.size();
}

void ThumbnailDiskCache::trimLocked() {
    // Rescanning also corrects the tally for files replaced in place or removed by others.
    QFileInfoList files = thumbnailFiles(m_directory);
    std::sort(files.begin(), files.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return a.lastModified() < b.lastModified();
    });
    qint64 total = 0;
    for (const QFileInfo &info : files)
        total += info.size();
    const auto target = qint64(double(m_maxBytes) * kTrimTarget);
    for (const QFileInfo &info : files) {
        if (total <= target)
            break;
        if (QFile::remove(info.filePath()))
            total -= info.size();
    }
    m_usage = total;
}

} // namespace segscope::models
