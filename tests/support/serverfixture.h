#pragma once

#include "server.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace segscope::test {

//! The fields docs/api-contract.md §3 requires in every Dataset (the SDK reads them all).
inline const QList<const char *> kDatasetRequiredFields{"name",
                                                        "full_name",
                                                        "description",
                                                        "category",
                                                        "public",
                                                        "archived",
                                                        "owner",
                                                        "created_at",
                                                        "task_type",
                                                        "label_stats",
                                                        "metadata",
                                                        "enable_ratings",
                                                        "enable_skip_labeling",
                                                        "enable_skip_reviewing",
                                                        "enable_save_button",
                                                        "enable_label_status_verified",
                                                        "enable_same_dimensions_track_constraint",
                                                        "enable_3d_region_of_interest",
                                                        "enable_interpolation",
                                                        "use_timestamps_for_interpolation",
                                                        "enable_object_linking"};

//! What a test looks at of one HTTP exchange.
struct HttpResult {
    int status = 0; //!< -1 when no answer came within the timeout
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString errorString;

    QByteArray header(const QByteArray &name) const;
    QJsonValue json() const;
    QJsonObject object() const { return json().toObject(); }
    QJsonArray array() const { return json().toArray(); }
    //! `detail`, or the first message of the first field error: what a user would read.
    QString message() const;
    //! For QVERIFY2: status and body.
    QByteArray describe() const;
};

//! A small HTTP client over QNetworkAccessManager for tests: asynchronous underneath, each call
//! waits (bounded) for its reply with QSignalSpy, so the server in the same thread keeps serving.
class HttpClient {
public:
    explicit HttpClient(QUrl base = {});

    void setBaseUrl(const QUrl &base) { m_base = base; }
    QUrl baseUrl() const { return m_base; }
    QUrl url(const QString &path) const; //!< `path` is already percent-encoded where it matters

    //! Starts a request; the caller owns the reply. `key` empty sends no Authorization header.
    QNetworkReply *start(const QByteArray &verb, const QString &path, const QByteArray &body,
                         const QString &key,
                         const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult request(const QByteArray &verb, const QString &path, const QByteArray &body,
                       const QString &key,
                       const QList<QPair<QByteArray, QByteArray>> &headers = {});

    HttpResult get(const QString &path, const QString &key);
    HttpResult post(const QString &path, const QJsonValue &body, const QString &key);
    HttpResult put(const QString &path, const QJsonValue &body, const QString &key);
    HttpResult patch(const QString &path, const QJsonValue &body, const QString &key);
    HttpResult del(const QString &path, const QString &key, const QJsonValue &body = {});

    //! Waits for `reply` (at most `timeoutMs`) and collects it; deletes the reply.
    static HttpResult finish(QNetworkReply *reply, int timeoutMs = 30000);

    QNetworkAccessManager &manager() { return m_nam; }

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
};

//! Sends raw bytes over a fresh socket and reads until the server closes or a full response
//! (headers + Content-Length) arrived. For requests QNAM will not make (truncated bodies,
//! unnormalised paths).
HttpResult rawRequest(const QUrl &base, const QByteArray &bytes, int timeoutMs = 15000);

QByteArray toJsonBytes(const QJsonValue &v);
QByteArray gzip(const QByteArray &data);
QString enc(const QString &s); //!< percent-encodes a query value
//! The asset flow of docs/api-contract.md §7: POST /assets/, then the multipart upload. Returns the
//! File.
QJsonObject uploadAsset(HttpClient &http, const QString &key, const QString &filename,
                        const QByteArray &data, int *uploadStatus = nullptr);
//! A multipart/form-data body in the order given; `file` last. Sets `contentType`.
QByteArray multipartBody(const QJsonObject &fields, const QByteArray &fileData,
                         QByteArray *contentType,
                         const QByteArray &boundary = "segscope-test-b0undary");
//! A small valid PNG / JPEG.
QByteArray tinyPng(int w = 4, int h = 3);
QByteArray tinyJpeg();

//! segscope-server in-process on 127.0.0.1:0 with a temporary data folder.
class ServerFixture {
public:
    ServerFixture();
    ~ServerFixture();

    //! Starts the server (options default to quiet, loopback, port 0, the temporary folder).
    bool start(server::ServerOptions options = {}, QString *error = nullptr);
    void stop();
    QString dataDir() const { return m_dir.path(); }
    server::Server *server() const { return m_server.get(); }
    QUrl baseUrl() const { return m_server ? m_server->baseUrl() : QUrl(); }
    QString addUser(const QString &name);
    //! Creates a dataset owned by `key`'s user; returns the created object (empty on failure).
    QJsonObject createDataset(const QString &key, const QString &name, QJsonObject extra = {});
    //! Creates `count` samples named prefix0000.. with an image url; returns their uuids.
    QStringList createSamples(const QString &key, const QString &ds, int count,
                              const QString &prefix = QStringLiteral("s"));

    HttpClient http;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<server::Server> m_server;
};

//! The built segscope-server binary as a child process.
class ServerProcess {
public:
    ServerProcess();
    ~ServerProcess();

    //! Starts `segscope-server args...`; does not wait.
    void start(const QStringList &args);
    //! The next stdout line (without newline), or a null string after `timeoutMs`.
    QString readLine(int timeoutMs = 60000);
    //! Waits for the process to end; false on timeout.
    bool waitFinished(int timeoutMs = 30000);
    //! Runs to completion and returns stdout (for `user add`).
    static QByteArray run(const QStringList &args, int *exitCode, int timeoutMs = 30000);

    QProcess &process() { return m_process; }
    static QString binary();

private:
    QProcess m_process;
    QByteArray m_buffer;
};

} // namespace segscope::test
