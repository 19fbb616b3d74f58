#pragma once

#include "datasetevaluation.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace segscope::evaluate {

//! What identifies one sample's result: where it was evaluated and both labels' updated_at, so
//! a label changed since is a miss. Never holds the API key.
struct EvaluationCacheKey {
    QString server; //!< the base URL, without user info
    QString dataset;
    QString reference;
    QString candidate;
    QString uuid;
    QDateTime referenceUpdatedAt; //!< null when there is no such label
    QDateTime candidateUpdatedAt;
};

//! The disk cache of per-sample evaluation results: one SQLite file (QtSql) in a folder, one
//! row per (server, dataset, reference, candidate, sample), replaced when a label changed. It is
//! only a cache: a file that cannot be read is replaced by an empty one, a row that does not
//! read back is a miss, and any failure leaves the evaluation running without it. Used from the
//! thread that created it only (a QSqlDatabase connection is per thread).
class EvaluationCache {
public:
    //! Opens (or creates) `directory`/evaluations.sqlite.
    explicit EvaluationCache(const QString &directory);
    ~EvaluationCache();
    EvaluationCache(const EvaluationCache &) = delete;
    EvaluationCache &operator=(const EvaluationCache &) = delete;

    //! Where the GUI and `segscope evaluate` keep it: QStandardPaths::CacheLocation +
    //! "/evaluations", so both reuse each other's results.
    static QString defaultDirectory();

    //! False when the cache could not be opened at all: every lookup then misses.
    bool isOpen() const { return !m_connection.isEmpty(); }
    QString filePath() const { return m_path; }

    //! The stored result when both labels are unchanged since.
    std::optional<SampleEvaluation> find(const EvaluationCacheKey &key);
    //! Stores (or replaces) a result; Failed results are not stored.
    void store(const EvaluationCacheKey &key, const SampleEvaluation &result);

    //! The stored form of a result (compact JSON), and back; nullopt for anything malformed.
    static QByteArray encode(const SampleEvaluation &result);
    static std::optional<SampleEvaluation> decode(const QByteArray &bytes);

private:
    bool open();
    bool prepareSchema();
    void close();

    QString m_path;
    QString m_connection; //!< empty while closed
};

} // namespace segscope::evaluate
