#include "EdgeGuard.h"

#include <QTcpSocket>
#include <QTimer>

namespace {

using namespace std::chrono_literals;

// How long a refused upload is read and discarded, so the client sees the status, not a reset.
constexpr auto drainTime = 1s;

struct Refusal {
    int status;
    const char *reason;
    const char *error;
};

Refusal refusalFor(HttpFramer::Verdict verdict)
{
    switch (verdict) {
    case HttpFramer::Verdict::PayloadTooLarge:
        return {413, "Payload Too Large", "Payload too large"};
    case HttpFramer::Verdict::HeadTooLarge:
        return {431, "Request Header Fields Too Large", "Request header fields too large"};
    case HttpFramer::Verdict::LengthRequired: return {411, "Length Required", "Length required"};
    case HttpFramer::Verdict::BadRequest:
    case HttpFramer::Verdict::Continue: break;
    }
    return {400, "Bad Request", "Bad request"};
}

// Watches one connection for its whole life; a child of the socket, so it dies with it.
class ConnectionWatch : public QObject
{
public:
    ConnectionWatch(QTcpSocket *socket, EdgeGuard *guard)
        : QObject(socket)
        , m_socket(socket)
        , m_guard(guard)
        , m_framer(guard->limits())
    {
        // Connected before QHttpServer's own readyRead slot, so it runs first.
        connect(socket, &QTcpSocket::readyRead, this, &ConnectionWatch::beforeServerReads);
    }

    // Connected after QHttpServer's slot: what it left unread tells how much it consumed.
    void watchAfterServer()
    {
        connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionWatch::afterServerRead);
    }

private:
    void beforeServerReads()
    {
        const qint64 available = m_socket->bytesAvailable();
        const qint64 fresh = available - m_leftByServer;
        if (fresh <= 0)
            return;
        // QHttpServer's unread bytes come first, the ones not framed yet are the tail.
        const QByteArray window = m_socket->peek(available);
        const HttpFramer::Event event = m_framer.feed(QByteArrayView(window).last(fresh));
        if (event.verdict != HttpFramer::Verdict::Continue)
            refuse(refusalFor(event.verdict));
        else if (event.headsCompleted > 0 && event.lastHead.expectContinue)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    void afterServerRead() { m_leftByServer = m_socket->bytesAvailable(); }

    void refuse(const Refusal &refusal)
    {
        // Take the socket from QHttpServer: no more of this connection reaches it.
        disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->readAll();
        const QByteArray body = QByteArrayLiteral("{\"error\":\"") + refusal.error + "\"}";
        QByteArray response =
            "HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + refusal.reason +
            "\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        m_socket->write(response);
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { m_socket->readAll(); });
        QTimer::singleShot(drainTime, this, [this] {
            m_socket->readAll();
            m_socket->disconnectFromHost();
        });
        Q_EMIT m_guard->rejected(refusal.status, QString::fromLatin1(refusal.error),
                                 m_socket->peerAddress());
    }

    QTcpSocket *m_socket;
    EdgeGuard *m_guard;
    HttpFramer m_framer;
    qint64 m_leftByServer = 0;
};

} // namespace

EdgeGuard::EdgeGuard(HttpFramer::Limits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{}

void EdgeGuard::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // One whole request fits; a pipelining client waits in the kernel, not in our memory.
    socket->setReadBufferSize(m_limits.maxHead + m_limits.maxBody + 64 * 1024);
    auto *watch = new ConnectionWatch(socket, this);
    addPendingConnection(socket);
    watch->watchAfterServer();
}
