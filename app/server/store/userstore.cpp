#include "userstore.h"

#include "store/database.h"
#include "store/storeerror.h"
#include "store/timestamps.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace segscope::server {

namespace {

QByteArray hashKey(const QByteArray &key) {
    return QCryptographicHash::hash(key, QCryptographicHash::Sha256);
}

} // namespace

bool UserStore::isValidUsername(const QString &name) {
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"_s);
    return re.match(name).hasMatch();
}

QString UserStore::usernameRule() {
    return u"Enter a valid username: letters, digits, '.', '_' or '-'."_s;
}

UserRecord UserStore::fromQuery(const QSqlQuery &q) {
    UserRecord u;
    u.id = q.value(0).toLongLong();
    u.username = q.value(1).toString();
    u.email = q.value(2).toString();
    u.isOrganization = q.value(3).toBool();
    u.createdAt = parseTime(q.value(4).toString());
    return u;
}

UserRecord UserStore::create(const QString &username, const QString &email) {
    if (find(username).isValid())
        throw StoreError::conflict(u"username"_s, u"A user with that username already exists."_s);
    // A null QString binds as SQL NULL, which the NOT NULL column refuses: store "" instead.
    m_db.exec(u"INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)"_s,
              {username, email.isNull() ? u""_s : email, nowString()});
    return find(username);
}

UserRecord UserStore::find(const QString &username) {
    QSqlQuery q = m_db.exec(
        u"SELECT id, username, email, is_organization, created_at FROM users WHERE username = ?"_s,
        {username});
    return q.next() ? fromQuery(q) : UserRecord{};
}

UserRecord UserStore::findById(qint64 id) {
    QSqlQuery q = m_db.exec(
        u"SELECT id, username, email, is_organization, created_at FROM users WHERE id = ?"_s, {id});
    return q.next() ? fromQuery(q) : UserRecord{};
}

QString UserStore::issueKey(qint64 userId, const QString &purpose) {
    quint32 words[5];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray key = QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex();
    m_db.exec(
        u"INSERT INTO api_keys (user_id, key_hash, purpose, created_at) VALUES (?, ?, ?, ?)"_s,
        {userId, hashKey(key), purpose, nowString()});
    return QString::fromLatin1(key);
}

void UserStore::revokeKeys(qint64 userId, const QString &purpose) {
    m_db.exec(u"DELETE FROM api_keys WHERE user_id = ? AND purpose = ?"_s, {userId, purpose});
    m_keyCache.clear();
}

UserRecord UserStore::authenticate(const QByteArray &key) {
    if (key.isEmpty() || key.size() > 256)
        return {};
    const QByteArray hash = hashKey(key);
    const auto cached = m_keyCache.constFind(hash);
    if (cached != m_keyCache.constEnd())
        return *cached;
    QSqlQuery q =
        m_db.exec(u"SELECT u.id, u.username, u.email, u.is_organization, u.created_at "
                  u"FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?"_s,
                  {hash});
    if (!q.next())
        return {};
    const UserRecord user = fromQuery(q);
    if (m_keyCache.size() > 10000)
        m_keyCache.clear();
    m_keyCache.insert(hash, user);
    return user;
}

} // namespace segscope::server
