#include "settings/connectiontest.h"

#include "api/apiclient.h"
#include "api/usersapi.h"

using namespace Qt::StringLiterals;

namespace segscope::ui {

namespace {

using Kind = api::ApiError::Kind;

// A test is a question with a person waiting: no long retry storms, and a stall is reported
// well before the session's 30 s.
constexpr std::chrono::milliseconds StallTimeout{15000};

QString pathOf(ConnectionTest::Step step) {
    return step == ConnectionTest::Step::Status ? u"/api_status/"_s : u"/user"_s;
}

QString notSegments(const QString &host, const QString &why) {
    return QObject::tr("%1 answered, but it is not a Segments API (%2). Check the base URL: "
                       "for Segments.ai it is https://api.segments.ai")
        .arg(host, why);
}

// "Invalid API key." stays as it is; "Connection refused" gets its full stop.
QString sentence(const QString &text) {
    const QString t = text.trimmed();
    return t.endsWith(u'.') || t.endsWith(u'!') || t.endsWith(u'?') ? t : t + u'.';
}

} // namespace

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent) {}

ConnectionTest::~ConnectionTest() {
    cancel();
}

QString ConnectionTest::hostOf(const QUrl &url) {
    const QString host = url.host().isEmpty() ? url.toString() : url.host();
    return url.port() == -1 ? host : host + u':' + QString::number(url.port());
}

void ConnectionTest::start(const QUrl &baseUrl, const QString &key, const QString &keyNote) {
    cancel();
    api::ClientOptions options;
    options.baseUrl = baseUrl;
    options.apiKey = key;
    options.maxAttempts = 2;
    options.maxRetryAfterSeconds = 5;
    options.stallTimeout = StallTimeout;
    m_client = std::make_unique<api::ApiClient>(options);
    m_run = new QObject(this);
    m_host = hostOf(baseUrl);
    m_keyGiven = !key.isEmpty();
    m_keyNote = keyNote;

    QObject *run = m_run;
    api::getApiStatus(*m_client, run, [this, run](api::Result<api::Done> status) {
        if (run != m_run)
            return;
        if (!status.ok())
            return fail(status.error(), Step::Status);
        api::getCurrentUser(*m_client, run, [this, run](api::Result<wire::User> user) {
            if (run != m_run)
                return;
            if (!user.ok())
                return fail(user.error(), Step::User);
            finish(true, tr("Connected as %1").arg(user->username));
        });
    });
}

void ConnectionTest::cancel() {
    // Later, not now: this may run inside a callback of the client, bound to that context.
    // Deleting the context aborts what still runs; until then the callbacks see they are stale.
    if (m_run)
        m_run->deleteLater();
    m_run = nullptr;
    if (m_client)
        m_client.release()->deleteLater();
}

void ConnectionTest::fail(const api::ApiError &error, Step step) {
    finish(false, describe(error, m_host, step, m_keyGiven, m_keyNote));
}

void ConnectionTest::finish(bool ok, const QString &message) {
    cancel();
    emit finished(ok, message);
}

QString ConnectionTest::describe(const api::ApiError &error, const QString &host, Step step,
                                 bool keyGiven, const QString &keyNote) {
    const int status = error.httpStatus;
    switch (error.kind) {
    case Kind::Network:
        return tr("No answer from %1: %2 Check the address and the network.")
            .arg(host, sentence(error.message));
    case Kind::Timeout:
        return tr("%1 did not answer within %2 seconds. Check the address, a proxy or a "
                  "firewall, or try again later.")
            .arg(host)
            .arg(StallTimeout.count() / 1000);
    case Kind::Unauthorized:
        if (!keyGiven) {
            return tr("%1 needs an API key: type one above%2.")
                .arg(host, keyNote.isEmpty() ? QString() : u" ("_s + keyNote + u')');
        }
        return tr("The server refused the key: %1 Check it, or create a new one in "
                  "Segments.ai under Account → API keys.")
            .arg(sentence(error.message));
    case Kind::NotFound:
    case Kind::Invalid:
    case Kind::Parse:
        // A 404 on the session check, a 405, an HTML page or JSON of the wrong shape: whatever
        // answered, it does not speak the Segments API.
        return notSegments(host, status > 0 && !(status >= 200 && status < 300)
                                     ? tr("HTTP %1 on %2").arg(status).arg(pathOf(step))
                                     : error.message + tr(" on %1").arg(pathOf(step)));
    case Kind::Forbidden:
        return tr("%1 refused access (HTTP 403): %2").arg(host, error.message);
    case Kind::RateLimited:
        return error.retryAfter ? tr("%1 is throttling requests: try again in %2 seconds.")
                                      .arg(host)
                                      .arg(*error.retryAfter)
                                : tr("%1 is throttling requests: try again later.").arg(host);
    case Kind::Server:
        if (status >= 300 && status < 400)
            return notSegments(host, error.message);
        return tr("%1 answered with a server error: %2. Try again later.")
            .arg(host, error.toString());
    case Kind::Cancelled:
        return tr("The test was cancelled: %1").arg(error.message);
    }
    return error.toString();
}

} // namespace segscope::ui
