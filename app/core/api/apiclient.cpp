#include "apiclient.h"
#include "call.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcApi, "segscope.api", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace segscope::api {

ApiClient::ApiClient(ClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_nam(new QNetworkAccessManager(this)) {
    m_cache = new QNetworkDiskCache(this);
    QString dir = m_options.cacheDirectory;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/assets"_s;
    m_cache->setCacheDirectory(dir);
    m_cache->setMaximumCacheSize(m_options.cacheMaxBytes);
    // Only asset requests opt in to the cache (see Call::buildRequest); API answers carry
    // private data and are always fetched from the network.
    m_nam->setCache(m_cache);
}

ApiClient::~ApiClient() {
    // Calls own replies of m_nam: end them before the manager goes.
    const QList<Call *> calls = findChildren<Call *>(QString(), Qt::FindDirectChildrenOnly);
    for (Call *call : calls)
        delete call;
}

CallHandle ApiClient::send(ApiRequest request, QObject *context, Callback<RawResponse> done) {
    Q_ASSERT(context);
    auto *call = new Call(this, std::move(request), context, std::move(done));
    // A requester that goes away takes its transfer with it.
    connect(context, &QObject::destroyed, call, &Call::cancel);
    acquire(call);
    return CallHandle(call);
}

int ApiClient::runningCount() const {
    int n = 0;
    for (int count : m_running)
        n += count;
    return n;
}

int ApiClient::queuedCount() const {
    int n = 0;
    for (const auto &queue : m_queue)
        n += int(queue.size());
    return n;
}

void ApiClient::acquire(Call *call) {
    int &running = m_running[call->origin()];
    if (running >= std::max(1, m_options.maxConcurrentPerHost)) {
        m_queue[call->origin()].append(call);
        return;
    }
    ++running;
    call->m_holdsSlot = true;
    call->sendAttempt();
}

void ApiClient::release(Call *call) {
    if (!call->m_holdsSlot) {
        auto it = m_queue.find(call->origin());
        if (it != m_queue.end())
            it->removeAll(call);
        return;
    }
    call->m_holdsSlot = false;
    --m_running[call->origin()];
    auto it = m_queue.find(call->origin());
    while (it != m_queue.end() && !it->isEmpty()) {
        QPointer<Call> next = it->takeFirst();
        if (next) {
            ++m_running[call->origin()];
            next->m_holdsSlot = true;
            // Queued, so the finishing call's handler unwinds before the next one starts.
            QMetaObject::invokeMethod(next, &Call::sendAttempt, Qt::QueuedConnection);
            break;
        }
    }
}

} // namespace segscope::api
