#pragma once

#include "faultserver.h"

#include <QNetworkAccessManager>

namespace segscope::test {

//! What the proxy does with a request that a rule picks.
enum class ProxyAction {
    Respond,         //!< answers the rule's Fault; the server never sees the request
    ForwardThenDrop, //!< the server handles it, then the client gets half the answer and a reset
    ForwardThenHold, //!< the server handles it, the client never hears back
    Hold,            //!< neither forwarded nor answered (a stalled upload, a hung create)
};

//! Picks requests by method and path prefix: the first `skip` matches pass, the next `times`
//! get `action`.
struct ProxyRule {
    QByteArray method;
    QString pathPrefix;
    ProxyAction action = ProxyAction::Respond;
    Fault fault;
    int skip = 0;
    int times = 1;
    int seen = 0;
};

//! A forwarding proxy in front of the real segscope-server that injects the faults the server
//! cannot produce on demand (a 500 on one create, a lost answer, a stalled upload, 429 storms),
//! counts what passes and how many requests are open at once. The Host header is forwarded, so
//! the server's asset and storage URLs point at the proxy too.
class FaultProxy : public QObject {
    Q_OBJECT

public:
    explicit FaultProxy(const QUrl &target, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    QUrl url() const;

    void addRule(const ProxyRule &rule) { m_rules.append(rule); }
    //! The matches after the first `skip` get `fault` instead of the server's answer, `times`
    //! times.
    void respond(const QByteArray &method, const QString &pathPrefix, const Fault &fault,
                 int skip = 0, int times = 1) {
        addRule({method, pathPrefix, ProxyAction::Respond, fault, skip, times, 0});
    }
    //! The same with another action.
    void act(const QByteArray &method, const QString &pathPrefix, ProxyAction action, int skip = 0,
             int times = 1) {
        addRule({method, pathPrefix, action, Fault{}, skip, times, 0});
    }
    void clearRules() { m_rules.clear(); }
    //! Each request waits this long before it is handled.
    void setLatency(int ms) { m_latencyMs = ms; }

    //! Requests received with that method whose path starts with the prefix.
    int count(const QByteArray &method, const QString &pathPrefix) const;
    //! Same, among the answers relayed from the server, with that status.
    int countStatus(const QByteArray &method, const QString &pathPrefix, int status) const;
    const QList<RecordedRequest> &requests() const { return m_requests; }
    void resetCounts();
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }

signals:
    void received(const QByteArray &method, const QByteArray &target);
    //! The server answered a forwarded request (whatever the client then gets).
    void forwarded(const QByteArray &method, const QByteArray &target, int status);

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const RecordedRequest &request);
    void forward(QTcpSocket *socket, const RecordedRequest &request, ProxyAction action);
    void answer(QTcpSocket *socket, const Fault &fault);
    void closed(QTcpSocket *socket);

    QUrl m_target;
    QTcpServer m_server;
    QNetworkAccessManager m_nam;
    QList<ProxyRule> m_rules;
    QList<RecordedRequest> m_requests;
    QList<std::tuple<QByteArray, QByteArray, int>> m_answers; //!< method, target, status
    QList<QPointer<QTcpSocket>> m_sockets;
    int m_latencyMs = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

} // namespace segscope::test
