#include "faultproxy.h"

#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>

namespace segscope::test {

namespace {

// Headers that describe one hop, not the message.
bool isHopHeader(const QByteArray &name) {
    static const QList<QByteArray> hop{"host",
                                       "connection",
                                       "content-length",
                                       "keep-alive",
                                       "transfer-encoding",
                                       "accept-encoding",
                                       "content-encoding"};
    return hop.contains(name.toLower());
}

QByteArray pathOf(const QByteArray &target) {
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

bool matches(const QByteArray &method, const QString &prefix, const RecordedRequest &r) {
    return r.method == method && pathOf(r.target).startsWith(prefix.toUtf8());
}

} // namespace

FaultProxy::FaultProxy(const QUrl &target, QObject *parent)
    : QObject(parent)
    , m_target(target) {
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onConnection);
}

FaultProxy::~FaultProxy() {
    for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
        if (s)
            s->abort();
    }
}

bool FaultProxy::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultProxy::url() const {
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server.serverPort());
    return u;
}

int FaultProxy::count(const QByteArray &method, const QString &pathPrefix) const {
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(), [&](const RecordedRequest &r) {
        return matches(method, pathPrefix, r);
    }));
}

int FaultProxy::countStatus(const QByteArray &method, const QString &pathPrefix, int status) const {
    return int(std::count_if(m_answers.cbegin(), m_answers.cend(), [&](const auto &a) {
        return std::get<0>(a) == method && pathOf(std::get<1>(a)).startsWith(pathPrefix.toUtf8()) &&
               std::get<2>(a) == status;
    }));
}

void FaultProxy::resetCounts() {
    m_requests.clear();
    m_answers.clear();
    m_maxInFlight = m_inFlight;
}

void FaultProxy::onConnection() {
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            closed(socket);
            socket->deleteLater();
        });
    }
}

void FaultProxy::onReadyRead(QTcpSocket *socket) {
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    while (const std::optional<RecordedRequest> request = RecordedRequest::take(buffer))
        handle(socket, *request);
    socket->setProperty("buffer", buffer);
}

void FaultProxy::handle(QTcpSocket *socket, const RecordedRequest &request) {
    m_requests.append(request);
    ++m_inFlight;
    m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
    socket->setProperty("open", true);
    emit received(request.method, request.target);

    std::optional<ProxyRule> picked;
    for (ProxyRule &rule : m_rules) {
        if (!matches(rule.method, rule.pathPrefix, request))
            continue;
        const int n = rule.seen++;
        if (!picked && n >= rule.skip && n < rule.skip + rule.times)
            picked = rule;
    }
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(m_latencyMs, this, [this, guard, request, picked] {
        if (!guard)
            return;
        if (!picked)
            return forward(guard, request, ProxyAction::Respond);
        switch (picked->action) {
        case ProxyAction::Respond:
            return answer(guard, picked->fault);
        case ProxyAction::Hold:
            return;
        case ProxyAction::ForwardThenDrop:
        case ProxyAction::ForwardThenHold:
            return forward(guard, request, picked->action);
        }
    });
}

// `action` Respond relays the server's answer as it is.
void FaultProxy::forward(QTcpSocket *socket, const RecordedRequest &request, ProxyAction action) {
    QUrl url = m_target;
    const qsizetype q = request.target.indexOf('?');
    url.setPath(QString::fromLatin1(pathOf(request.target)), QUrl::TolerantMode);
    if (q >= 0)
        url.setQuery(QString::fromLatin1(request.target.mid(q + 1)), QUrl::TolerantMode);
    QNetworkRequest outgoing(url);
    outgoing.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : request.headers) {
        if (!isHopHeader(name))
            outgoing.setRawHeader(name, value);
    }
    outgoing.setRawHeader("Host", request.header("Host"));
    if (request.hasHeader("Content-Encoding"))
        outgoing.setRawHeader("Content-Encoding", request.header("Content-Encoding"));
    QNetworkReply *reply = m_nam.sendCustomRequest(outgoing, request.method, request.body);
    QPointer<QTcpSocket> guard(socket);
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, request, action] {
        reply->deleteLater();
        Fault fault;
        fault.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        fault.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        for (const auto &[name, value] : reply->rawHeaderPairs()) {
            if (!isHopHeader(name))
                fault.headers.append({name, value});
        }
        fault.body = reply->readAll();
        m_answers.append({request.method, request.target, fault.status});
        emit forwarded(request.method, request.target, fault.status);
        if (!guard || action == ProxyAction::ForwardThenHold)
            return;
        if (action == ProxyAction::ForwardThenDrop)
            fault.mode = Fault::Mode::ResetMidBody;
        answer(guard, fault);
    });
}

void FaultProxy::answer(QTcpSocket *socket, const Fault &fault) {
    QByteArray head = "HTTP/1.1 " + QByteArray::number(fault.status) + ' ' +
                      (fault.reason.isEmpty() ? QByteArray("Status") : fault.reason) + "\r\n";
    for (const auto &[k, v] : fault.headers)
        head += k + ": " + v + "\r\n";
    head += "Content-Length: " + QByteArray::number(fault.body.size()) +
            "\r\nConnection: close\r\n\r\n";
    closed(socket);
    if (fault.mode == Fault::Mode::ResetMidBody) {
        // Half the answer, then a reset: the client saw the request arrive, never its result.
        if (fault.body.size() > 1)
            socket->write(head + fault.body.left(fault.body.size() / 2));
        socket->flush();
        socket->abort();
        return;
    }
    socket->write(head + fault.body);
    socket->disconnectFromHost();
}

void FaultProxy::closed(QTcpSocket *socket) {
    if (!socket->property("open").toBool())
        return;
    socket->setProperty("open", false);
    --m_inFlight;
}

} // namespace segscope::test
