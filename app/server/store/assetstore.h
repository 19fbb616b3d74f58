#pragma once

#include "store/records.h"
#include "wire/contract.h"
#include "wire/file.h"

#include <QByteArrayView>
#include <QDir>

namespace segscope::server {

class Database;

struct StoredAsset {
    QString uuid;
    QString path; //!< on disk, inside the data folder
    QString contentType;
    QByteArray etag;
    qint64 size = 0;
};

//! Assets in the data folder under names the server makes (assets/ab/<uuid>), never from
//! client input; written to a temporary file and renamed, so a crash never leaves half a file.
class AssetStore {
public:
    AssetStore(Database &db, const QString &dataDir);

    //! Registers an upload slot; the File's urls use the `segscope-asset:` marker.
    wire::File create(const UserRecord &owner, const QString &filename);
    //! Stores the bytes posted for `key` (the route checks their size); Forbidden when the key is
    //! unknown or already used.
    StoredAsset store(const QString &key, QByteArrayView data);
    //! Stores bytes as a new asset directly (demo data); returns its public url (marker form).
    QString add(const UserRecord &owner, const QString &filename, QByteArrayView data);
    //! nullopt when unknown or not uploaded yet.
    std::optional<StoredAsset> find(const QString &uuid);

    static QString sniffContentType(QByteArrayView data, const QString &filename);

private:
    QString pathFor(const QString &uuid) const;

    Database &m_db;
    QDir m_root;
};

} // namespace segscope::server
