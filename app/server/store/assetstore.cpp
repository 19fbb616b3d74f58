#include "assetstore.h"

#include "store/database.h"
#include "store/storeerror.h"
#include "store/timestamps.h"

#include <QCryptographicHash>
#include <QSaveFile>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

//! A filename safe to show in a URL: the client's name, stripped of any path and odd bytes.
QString displayName(const QString &filename) {
    QString base = filename.section(u'/', -1).section(u'\\', -1);
    QString out;
    for (const QChar c : std::as_const(base)) {
        if (c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_')
            out += c;
        else
            out += u'_';
    }
    while (out.startsWith(u'.'))
        out.remove(0, 1);
    if (out.isEmpty())
        out = u"file"_s;
    return out.left(120);
}

} // namespace

AssetStore::AssetStore(Database &db, const QString &dataDir)
    : m_db(db)
    , m_root(dataDir) {
    m_root.mkpath(u"assets"_s);
}

QString AssetStore::pathFor(const QString &uuid) const {
    return m_root.filePath(u"assets/"_s + uuid.left(2) + u'/' + uuid);
}

QString AssetStore::sniffContentType(QByteArrayView data, const QString &filename) {
    if (data.startsWith("\xFF\xD8\xFF"))
        return u"image/jpeg"_s;
    if (data.startsWith("\x89PNG\r\n\x1A\n"))
        return u"image/png"_s;
    if (data.startsWith("BM"))
        return u"image/bmp"_s;
    const QString lower = filename.toLower();
    if (lower.endsWith(".json"_L1))
        return u"application/json"_s;
    if (lower.endsWith(".txt"_L1))
        return u"text/plain"_s;
    return u"application/octet-stream"_s;
}

wire::File AssetStore::create(const UserRecord &owner, const QString &filename) {
    wire::File f;
    f.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    f.filename = filename;
    const QString key = u"assets/"_s + f.uuid;
    f.url = u"segscope-asset:/assets/"_s + f.uuid + u'/' + displayName(filename);
    f.createdAt = QDateTime::currentDateTimeUtc();
    f.uploadUrl = u"segscope-asset:/storage/"_s;
    // The S3 field set the SDK expects; only `key` means anything here.
    f.uploadFields = {{u"key"_s, key},
                      {u"acl"_s, u"public-read"_s},
                      {u"Content-Type"_s, sniffContentType({}, filename)},
                      {u"x-amz-algorithm"_s, u"AWS4-HMAC-SHA256"_s},
                      {u"x-amz-credential"_s, u"segscope-server/local"_s},
                      {u"x-amz-date"_s, f.createdAt.toString(u"yyyyMMddTHHmmssZ"_s)},
                      {u"policy"_s, u"segscope-server-local-policy"_s},
                      {u"x-amz-signature"_s, u"unsigned"_s}};
    m_db.exec(u"INSERT INTO assets (uuid, filename, storage_key, owner_id, created_at) "
              u"VALUES (?, ?, ?, ?, ?)"_s,
              {f.uuid, filename, key, owner.id, wire::formatTime(f.createdAt)});
    return f;
}

StoredAsset AssetStore::store(const QString &key, QByteArrayView data) {
    QSqlQuery q =
        m_db.exec(u"SELECT uuid, filename, stored FROM assets WHERE storage_key = ?"_s, {key});
    if (!q.next())
        throw StoreError::forbidden(u"Invalid upload key."_s);
    if (q.value(2).toBool())
        throw StoreError::forbidden(u"This upload key has already been used."_s);
    StoredAsset a;
    a.uuid = q.value(0).toString();
    a.path = pathFor(a.uuid);
    a.contentType = sniffContentType(data, q.value(1).toString());
    a.size = data.size();
    a.etag =
        '"' + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex().left(32) + '"';
    m_root.mkpath(u"assets/"_s + a.uuid.left(2));
    QSaveFile file(a.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data.data(), data.size()) != data.size() ||
        !file.commit()) {
        throw StorageError(u"cannot write the asset: "_s + file.errorString(), true);
    }
    try {
        m_db.exec(u"UPDATE assets SET stored = 1, size = ?, content_type = ?, etag = ? "
                  u"WHERE uuid = ?"_s,
                  {a.size, a.contentType, QString::fromLatin1(a.etag), a.uuid});
    } catch (...) {
        QFile::remove(a.path);
        throw;
    }
    return a;
}

QString AssetStore::add(const UserRecord &owner, const QString &filename, QByteArrayView data) {
    const wire::File f = create(owner, filename);
    store(f.uploadFields.first().second, data);
    return f.url;
}

std::optional<StoredAsset> AssetStore::find(const QString &uuid) {
    QSqlQuery q = m_db.exec(
        u"SELECT content_type, etag, size FROM assets WHERE uuid = ? AND stored = 1"_s, {uuid});
    if (!q.next())
        return std::nullopt;
    StoredAsset a;
    a.uuid = uuid;
    a.path = pathFor(uuid);
    a.contentType = q.value(0).toString();
    a.etag = q.value(1).toString().toLatin1();
    a.size = q.value(2).toLongLong();
    return a;
}

} // namespace segscope::server
