#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <stdexcept>

namespace segscope::server {

//! A failure of the storage layer; the dispatcher answers 500 (or 507 for a full disk) and the
//! transaction that hit it is rolled back, so nothing is stored half-way.
class StorageError : public std::runtime_error {
public:
    StorageError(const QString &message, bool diskFull)
        : std::runtime_error(message.toStdString())
        , m_diskFull(diskFull) {}
    bool diskFull() const { return m_diskFull; }

private:
    bool m_diskFull;
};

//! One SQLite connection (WAL mode) owned by the server's thread, with the versioned schema.
class Database {
public:
    explicit Database(const QString &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    //! Opens the file and applies every migration it has not seen yet.
    void open();
    int schemaVersion();

    //! Prepares and runs `sql` with positional `?` values; throws StorageError on failure.
    QSqlQuery exec(const QString &sql, std::initializer_list<QVariant> values = {});
    QSqlQuery exec(const QString &sql, const QVariantList &values);

    //! Runs `work` in a transaction (nested calls join the outer one); rolls back on exception.
    template <class F> auto transaction(F &&work) {
        const bool outer = !m_inTransaction;
        if (outer)
            begin();
        try {
            if constexpr (std::is_void_v<decltype(work())>) {
                work();
                if (outer)
                    commit();
            } else {
                auto result = work();
                if (outer)
                    commit();
                return result;
            }
        } catch (...) {
            if (outer)
                rollback();
            throw;
        }
    }

    QSqlDatabase &handle() { return m_db; }

private:
    void begin();
    void commit();
    void rollback();
    void migrate();
    [[noreturn]] void fail(const QSqlQuery &q, const QString &what);

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    bool m_inTransaction = false;
};

} // namespace segscope::server
