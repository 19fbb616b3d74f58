#pragma once

#include "api/apierror.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace segscope::api {
class ApiClient;
}

namespace segscope::ui {

//! Checks that a base URL and a key reach a Segments API the way a session would use them:
//! GET /api_status/, then GET /user, with a client of its own. Says what is wrong in words a user
//! can act on: the key refused, no answer, too slow, or a server that is not a Segments API.
class ConnectionTest : public QObject {
    Q_OBJECT

public:
    //! The request a failure came from: the words differ (a 404 on /api_status/ means "not
    //! a Segments API"; the same on /user means a server that only looks like one).
    enum class Step { Status, User };

    explicit ConnectionTest(QObject *parent = nullptr);
    ~ConnectionTest() override;

    //! Starts a test, dropping one that runs; finished() follows (within the stall timeout).
    //! An empty `key` tests whether the server answers at all; `keyNote` says why there is
    //! none (shown when the server asks for one).
    void start(const QUrl &baseUrl, const QString &key, const QString &keyNote = {});
    //! Drops the running test; finished() is not emitted for it.
    void cancel();
    bool isRunning() const { return m_client != nullptr; }

    //! "api.example.com", or "127.0.0.1:8000" when the URL names a port.
    static QString hostOf(const QUrl &url);
    //! One sentence for a failed step (exposed for tests of the wording).
    static QString describe(const api::ApiError &error, const QString &host, Step step,
                            bool keyGiven, const QString &keyNote = {});

signals:
    //! `ok`: connected as a user, named in `message` ("Connected as demo").
    void finished(bool ok, const QString &message);

private:
    void fail(const api::ApiError &error, Step step);
    void finish(bool ok, const QString &message);

    std::unique_ptr<api::ApiClient> m_client;
    QPointer<QObject> m_run; //!< context of the running test's callbacks
    QString m_host;
    QString m_keyNote;
    bool m_keyGiven = false;
};

} // namespace segscope::ui
