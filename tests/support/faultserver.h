#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <optional>

class QTcpSocket;

namespace segscope::test {

//! One request as the fault server read it off the wire.
struct RecordedRequest {
    QByteArray method;
    QByteArray target; //!< path and query, as sent
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray raw; //!< the request line, headers and body exactly as received

    //! The value of a header (case-insensitive name); empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;

    //! Takes the first whole request off the front of `buffer` (bytes as they arrive on a
    //! socket); nullopt while its headers or body are not all there yet.
    static std::optional<RecordedRequest> take(QByteArray &buffer);
};

//! What the fault server does with one request.
struct Fault {
    enum class Mode {
        Respond,      //!< a complete response
        Truncate,     //!< Content-Length larger than the body sent, then close
        Stall,        //!< headers, then silence
        ResetMidBody, //!< headers and half the body, then a TCP reset
        AbsurdLength, //!< Content-Length: 2 GB, a few bytes, then silence
    };
    Mode mode = Mode::Respond;
    int status = 200;
    QByteArray reason = "OK";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 declaredLength = -1; //!< Truncate: the Content-Length announced

    static Fault json(int status, const QByteArray &body,
                      QList<std::pair<QByteArray, QByteArray>> headers = {});
    static Fault withContentType(int status, const QByteArray &contentType, const QByteArray &body);
    //! 502 with the HTML page a proxy or load balancer shows.
    static Fault htmlProxyError(int status = 502);
    //! 429 with DRF's throttle detail; `retryAfter` as the header when given.
    static Fault rateLimited(std::optional<int> retryAfter, std::optional<int> detailSeconds);
    static Fault truncated(const QByteArray &body, qint64 declaredLength);
    static Fault stalled();
    static Fault resetMidBody(const QByteArray &body);
    static Fault absurdLength();
    static Fault redirect(const QUrl &to, int status = 302);
    static Fault noContent();
};

//! A tiny scriptable HTTP/1.1 server on 127.0.0.1:0 for the faults a real server cannot
//! produce on demand. Each request gets the next scripted Fault (or the fallback), and is
//! recorded so tests can inspect what the client sent.
class FaultServer : public QObject {
    Q_OBJECT

public:
    explicit FaultServer(QObject *parent = nullptr);
    ~FaultServer() override;

    bool listen();
    //! http://127.0.0.1:PORT
    QUrl url() const;
    QUrl url(const QString &path) const;

    //! Scripts the response to the next `times` requests.
    void enqueue(const Fault &fault, int times = 1);
    //! Used once the script is empty (default: 500 with a JSON detail).
    void setFallback(const Fault &fault) { m_fallback = fault; }
    //! Answers by request instead (a stand-in for a server whose answers are known): consulted
    //! before the script; nullopt leaves the request to the script.
    using Responder = std::function<std::optional<Fault>(const RecordedRequest &)>;
    void setResponder(Responder responder) { m_responder = std::move(responder); }

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }

signals:
    void requestReceived();

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Fault &fault);

    QTcpServer m_server;
    QList<Fault> m_script;
    Fault m_fallback;
    Responder m_responder;
    QList<RecordedRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace segscope::test
