#pragma once

#include "records.h"

#include <QHash>
#include <QSqlQuery>

namespace segscope::server {

class Database;

//! Users and their API keys. Keys are random 160-bit tokens stored only as SHA-256 hashes (a
//! slow hash buys nothing at that entropy and would tax every request).
class UserStore {
public:
    explicit UserStore(Database &db)
        : m_db(db) {}

    //! Conflict when the name is taken; the caller checks it with isValidUsername first.
    UserRecord create(const QString &username, const QString &email = {});
    UserRecord find(const QString &username);
    UserRecord findById(qint64 id);
    //! Issues a new key for the user and returns it; only its hash is kept.
    QString issueKey(qint64 userId, const QString &purpose = {});
    //! Removes the keys issued with `purpose` (the demo rotates its key at each start).
    void revokeKeys(qint64 userId, const QString &purpose);
    //! The owner of `key`, or an invalid record.
    UserRecord authenticate(const QByteArray &key);

    static bool isValidUsername(const QString &name);
    static QString usernameRule(); //!< what isValidUsername wants, in words

private:
    static UserRecord fromQuery(const QSqlQuery &q);

    Database &m_db;
    QHash<QByteArray, UserRecord> m_keyCache; //!< hash -> user, for the hot path of every request
};

} // namespace segscope::server
