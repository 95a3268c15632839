#include "http/EdgeGuard.h"

#include "http/ClientAddress.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>
#include <sys/socket.h>

namespace {

using namespace std::chrono_literals;

// How long a refused upload is read and discarded, so the client sees the status, not a reset.
constexpr auto drainTime = 1s;
// Deadline resolution: a deadline fires at most this late.
constexpr auto sweepInterval = 250ms;
// A response head longer than this is not one QHttpServer wrote: stop following the stream.
constexpr qsizetype maxResponseHead = 64 * 1024;

struct Refusal {
    int status;
    const char *reason; // HTTP reason phrase
    const char *error;  // the JSON body's "error", also the journal's reason
};

constexpr Refusal requestTimeout{408, "Request Timeout", "Request timeout"};
constexpr Refusal unavailable{503, "Service Unavailable", "Unavailable"};
constexpr Refusal forbidden{403, "Forbidden", "Forbidden"};

Refusal refusalFor(HttpFramer::Verdict verdict)
{
    using Verdict = HttpFramer::Verdict;
    switch (verdict) {
    case Verdict::PayloadTooLarge: return {413, "Payload Too Large", "Payload too large"};
    case Verdict::HeadTooLarge:
        return {431, "Request Header Fields Too Large", "Request header fields too large"};
    case Verdict::LengthRequired: return {411, "Length Required", "Length required"};
    case Verdict::UriTooLong: return {414, "URI Too Long", "URI too long"};
    case Verdict::MissingHost: return {400, "Bad Request", "Missing Host header"};
    case Verdict::UpgradeRefused: return {400, "Bad Request", "Upgrade not supported"};
    case Verdict::MethodNotAllowed: return {405, "Method Not Allowed", "Method not allowed"};
    case Verdict::ExpectationFailed: return {417, "Expectation Failed", "Expectation failed"};
    case Verdict::VersionNotSupported:
        return {505, "HTTP Version Not Supported", "HTTP version not supported"};
    case Verdict::BadRequest:
    case Verdict::Continue: break;
    }
    return {400, "Bad Request", "Bad request"};
}

QByteArray responseFor(const Refusal &refusal)
{
    const QByteArray body = QByteArrayLiteral("{\"error\":\"") + refusal.error + "\"}";
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + refusal.reason +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\nConnection: close\r\n";
    if (refusal.status == 405)
        head += "Allow: GET, POST\r\n";
    return head + "\r\n" + body;
}

// Follows the responses written on a connection (QHttpServer always sends Content-Length), so
// the guard knows when the answer to the request it handed over has been written in full.
class ResponseCounter
{
public:
    // Returns how many final (non-1xx) responses `bytes` completed.
    int feed(QByteArrayView bytes)
    {
        int finished = 0;
        while (!bytes.isEmpty() && !m_lost) {
            if (m_bodyLeft > 0) {
                const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size());
                m_bodyLeft -= take;
                bytes = bytes.sliced(take);
                finished += m_bodyLeft == 0;
                continue;
            }
            const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 3);
            const qsizetype before = m_head.size();
            m_head.append(bytes);
            const qsizetype end = m_head.indexOf("\r\n\r\n", searchFrom);
            if (end < 0) {
                m_lost = m_head.size() > maxResponseHead;
                break;
            }
            bytes = bytes.sliced(end + 4 - before);
            m_head.truncate(end);
            qint64 length = 0;
            const QList<QByteArray> lines = m_head.split('\n');
            bool ok = false;
            const int status = m_head.startsWith("HTTP/1.") ? m_head.mid(9, 3).toInt(&ok) : 0;
            m_lost = !ok || status < 100;
            for (const QByteArray &line : lines) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 &&
                    line.first(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
                    length = line.sliced(colon + 1).trimmed().toLongLong();
            }
            m_head.clear();
            if (status >= 200) {
                if (length > 0)
                    m_bodyLeft = length;
                else
                    ++finished;
            }
        }
        return finished;
    }
    // Something not shaped like our responses was written; counting stopped.
    bool isLost() const { return m_lost; }

private:
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    bool m_lost = false;
};

// Told of every byte written to a socket.
class WriteTap
{
public:
    virtual void written(QByteArrayView bytes) = 0;

protected:
    ~WriteTap() = default;
};

// How the guard gives QHttpServer a request: the socket serves these bytes to its next reads
// before anything else. Qt 6.4 has no bulk unget; ungetChar() a byte at a time cost a tenth of a
// webhook (each one a reserveFront and an insert).
class Handover
{
public:
    virtual void handOver(QByteArray bytes) = 0;
    virtual qint64 handingOver() const = 0; // bytes handed over and not read yet

protected:
    ~Handover() = default;
};

// A socket that shows what QHttpServer writes to it (Qt 6.4 gives no other sign of a response)
// and reads what the guard hands over.
template <class Base> class TappedSocket : public Base, public Handover
{
public:
    using Base::Base;
    void setTap(WriteTap *tap) { m_tap = tap; }

    void handOver(QByteArray bytes) override
    {
        m_handed = std::move(bytes);
        m_handedAt = 0;
    }
    qint64 handingOver() const override { return m_handed.size() - m_handedAt; }
    qint64 bytesAvailable() const override { return Base::bytesAvailable() + handingOver(); }

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        const qint64 written = Base::writeData(data, size);
        if (m_tap && written > 0)
            m_tap->written(QByteArrayView(data, written));
        return written;
    }

    // QIODevice reads here once its own buffer is empty, which it is at a hand-over (the guard
    // took every byte that had arrived).
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (const qint64 left = handingOver(); left > 0) {
            const qint64 n = std::min(left, maxSize);
            std::memcpy(data, m_handed.constData() + m_handedAt, size_t(n));
            m_handedAt += n;
            if (m_handedAt == m_handed.size())
                handOver({});
            return n;
        }
        return Base::readData(data, maxSize);
    }

private:
    WriteTap *m_tap = nullptr;
    QByteArray m_handed;
    qsizetype m_handedAt = 0;
};

} // namespace

// Watches one connection for its whole life; a child of the socket, so it dies with it. Holds
// the connection's bytes until a request is whole, then gives QHttpServer that request alone, as
// the guard read it, and the next one only once the answer to it has been written.
class ConnectionWatch : public QObject, public WriteTap
{
public:
    ConnectionWatch(QTcpSocket *socket, EdgeGuard *guard, QByteArray addressKey)
        : QObject(socket)
        , m_socket(socket)
        , m_handover(dynamic_cast<Handover *>(socket))
        , m_guard(guard)
        , m_peer(socket->peerAddress())
        , m_addressKey(std::move(addressKey))
        , m_framer(guard->options().limits)
        , m_heldCap(guard->options().limits.maxHead + guard->options().limits.maxBody + 4096)
        , m_acceptedAt(guard->now())
        , m_lastActivity(m_acceptedAt)
        , m_encrypted(!guard->isTls())
    {
        // Sockets QHttpServer never saw (refused) or lost track of are ours to delete.
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
            connect(ssl, &QSslSocket::encrypted, this, &ConnectionWatch::onEncrypted);
            connect(ssl, &QAbstractSocket::errorOccurred, this, &ConnectionWatch::onError);
        }
    }

    ~ConnectionWatch() override
    {
        if (m_guard) {
            m_guard->release(this);
            m_guard->trackRefusing(this, false);
        }
    }

    const QByteArray &addressKey() const { return m_addressKey; }
    // QHttpServer holds a request of ours and has not answered it: not to be evicted.
    bool isAnswering() const { return m_outstanding; }
    bool isClosing() const { return m_closing; }
    void detach() { m_guard = nullptr; }

    // Admitted: from now on every byte is framed here first. Connected before QHttpServer's own
    // readyRead slot (the socket is handed to it afterwards), so it runs first.
    void serve() { connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::onReadyRead); }

    // Refused at accept (allowlist, no room): answered without reading.
    void refuseAtAccept(const Refusal &refusal)
    {
        m_refused = true;
        m_guard->trackRefusing(this, true);
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::discard);
        // A TLS socket keeps what is written until the handshake is done.
        writeRefusal(refusal);
        reject(refusal.status, QString::fromLatin1(refusal.error));
    }

    // Closed to make room for a newcomer; the guard has already let go of our slot.
    void evict()
    {
        reject(unavailable.status, QStringLiteral("Evicted to make room"));
        m_closing = true;
        disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        // Not from inside the guard's accept: the socket may be in one of its own signals.
        QMetaObject::invokeMethod(m_socket, &QAbstractSocket::abort, Qt::QueuedConnection);
    }

    // Called by the guard's sweep.
    void checkDeadlines(qint64 now)
    {
        if (m_refused || m_closing || !m_guard)
            return;
        const EdgeGuard::Options &options = m_guard->options();
        const qint64 requestMs = options.requestTimeout.count();
        if (!m_encrypted) {
            if (now - m_acceptedAt >= requestMs) {
                reject(408, QStringLiteral("TLS handshake timeout"));
                m_socket->abort();
            }
            return;
        }
        const bool busy = m_framer.inRequest() || m_outstanding || !m_ready.isEmpty();
        if (m_framer.inRequest() && m_requestStart >= 0 && now - m_requestStart >= requestMs) {
            refuse(requestTimeout);
            return;
        }
        if (m_outstanding && now - m_releasedAt >= requestMs) {
            // QHttpServer dropped the request without an answer: nothing more will come.
            m_socket->abort();
            return;
        }
        const qint64 age = now - m_acceptedAt;
        const bool tooOld = age >= options.maxConnectionAge.count();
        if (!busy && (tooOld || now - m_lastActivity >= options.idleTimeout.count())) {
            m_closing = true;
            m_socket->disconnectFromHost();
        } else if (tooOld) {
            m_closeWhenAnswered = true; // served to the end of what it asked, then closed
            if (age >= options.maxConnectionAge.count() + requestMs)
                m_socket->abort();
        }
    }

    void written(QByteArrayView bytes) override
    {
        const int finished = m_responses.feed(bytes);
        if (m_responses.isLost() && !m_closing) {
            // Cannot tell where responses end any more: no pipelining, close once written.
            m_closeWhenAnswered = true;
        }
        if (finished > 0 && m_outstanding) {
            m_outstanding = false;
            if (m_guard)
                m_lastActivity = m_guard->now();
            // Not from inside QHttpServer's write: the next step may hand it the next request.
            QMetaObject::invokeMethod(this, &ConnectionWatch::answered, Qt::QueuedConnection);
        }
    }

private:
    // A request framed whole, waiting for its turn.
    struct Ready {
        qsizetype end;     // in m_held, just past its last byte
        QByteArray head;   // canonical head, as QHttpServer will read it
        qint64 bodyLength; // the body is the last bodyLength bytes before `end`
        bool closeAfter;   // Connection: close, HTTP/1.0
    };

    qint64 now() const { return m_guard ? m_guard->now() : 0; }

    void onReadyRead()
    {
        if (m_releasing)
            return; // our own re-emission, for QHttpServer
        if (m_refused || m_closing) {
            discard();
            return;
        }
        m_lastActivity = now();
        absorb(false);
    }

    // Takes what arrived and frames it; whole requests wait in m_ready for their turn.
    void absorb(bool emitReadyRead)
    {
        settleTransaction();
        const qint64 available = arrived();
        if (available <= 0)
            return;
        // Requests that wait for an answer pile up here; a client pipelining beyond one
        // maximal request is refused rather than buffered.
        if (m_held.size() + available > m_heldCap + m_socket->readBufferSize())
            return refuse(unavailable);
        const QByteArray window = m_socket->read(available);
        if (m_guard)
            m_guard->spoke(this);
        const bool wasInRequest = m_framer.inRequest();
        const HttpFramer::Event event = m_framer.feed(window);
        if (event.headsCompleted > 0)
            m_continueSent = false;
        if (event.verdict != HttpFramer::Verdict::Continue)
            return refuse(refusalFor(event.verdict), event.why);
        // The request deadline runs from a request's first byte, empty lines included.
        if (!event.completed.isEmpty() || !wasInRequest)
            m_requestStart = m_framer.inRequest() ? now() : -1;

        const qsizetype base = m_held.size();
        m_held.append(window);
        for (const HttpFramer::Completed &request : event.completed) {
            m_ready.append({base + request.end, request.head.canonical(),
                            request.head.contentLength.value_or(0), request.head.connectionClose});
        }
        if (!event.completed.isEmpty() && m_guard)
            m_guard->progressed(this, now());
        answerExpectContinue();
        release(emitReadyRead);
    }

    // Gives QHttpServer the first whole request, when it is not busy with an earlier one.
    void release(bool emitReadyRead)
    {
        if (m_outstanding || m_ready.isEmpty() || m_refused || m_closing)
            return;
        if (arrived() > 0)
            return absorb(emitReadyRead); // frames the newcomers first, then comes back here
        const Ready request = m_ready.takeFirst();
        const QByteArray bytes =
            request.head +
            QByteArrayView(m_held).sliced(request.end - request.bodyLength, request.bodyLength);
        m_held.remove(0, request.end);
        for (Ready &later : m_ready)
            later.end -= request.end;
        // Read by QHttpServer before anything that arrives later (the socket's own buffer is
        // empty: everything was taken).
        settleTransaction();
        m_handover->handOver(bytes);
        m_outstanding = true;
        m_closeWhenAnswered = m_closeWhenAnswered || request.closeAfter;
        m_releasedAt = now();
        if (emitReadyRead) {
            QPointer<ConnectionWatch> self(this);
            m_releasing = true;
            Q_EMIT m_socket->readyRead();
            if (self)
                m_releasing = false;
        }
    }

    // QHttpServer has written its answer to the request handed over.
    void answered()
    {
        if (m_pendingRefusal) {
            writeRefusal(*m_pendingRefusal);
            m_pendingRefusal.reset();
            return;
        }
        if (m_refused || m_closing)
            return;
        if (m_closeWhenAnswered) {
            // Connection: close, HTTP/1.0: Qt 6.4 would keep the connection open.
            m_closing = true;
            m_socket->disconnectFromHost(); // after what is written has gone out
            return;
        }
        answerExpectContinue();
        release(true);
    }

    // Only for the request being received, and only once nothing before it awaits an answer:
    // interim responses must not overtake final ones.
    void answerExpectContinue()
    {
        if (m_continueSent || m_outstanding || !m_ready.isEmpty() || !m_framer.awaitingBody() ||
            !m_framer.pendingHead().expectContinue)
            return;
        m_continueSent = true;
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    void reject(int status, const QString &reason)
    {
        if (m_guard)
            Q_EMIT m_guard->rejected(status, reason, m_peer);
    }

    void refuse(const Refusal &refusal, const char *why = "")
    {
        if (m_refused)
            return;
        m_refused = true;
        if (m_guard) {
            m_guard->release(this);
            m_guard->trackRefusing(this, true);
        }
        // Take the socket from QHttpServer: no more of this connection reaches it. An answer it
        // still owes is written first (through the responder, not readyRead).
        disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::discard);
        m_held.clear();
        m_ready.clear();
        QString reason = QString::fromLatin1(refusal.error);
        if (refusal.status == 400 && *why)
            reason += QStringLiteral(" (%1)").arg(QLatin1String(why));
        reject(refusal.status, reason);
        if (m_outstanding)
            m_pendingRefusal = refusal;
        else
            writeRefusal(refusal);
    }

    void writeRefusal(const Refusal &refusal)
    {
        discard();
        m_socket->write(responseFor(refusal));
        QTimer::singleShot(drainTime, this, [this] {
            discard();
            m_socket->disconnectFromHost();
        });
    }

    // QHttpServer opens a transaction on each readyRead and leaves it open (and empty, as it
    // reads all) when its request is not whole; bytes given back must land in the buffer proper.
    // Bytes from the client not yet framed (what the socket holds beyond a hand-over).
    qint64 arrived() const { return m_socket->bytesAvailable() - m_handover->handingOver(); }

    void settleTransaction()
    {
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
    }

    void discard()
    {
        settleTransaction();
        m_socket->skip(m_socket->bytesAvailable());
    }

    void onEncrypted()
    {
        m_encrypted = true;
        m_lastActivity = now();
        if (!m_guard || !m_guard->m_tls.requireTradingViewCert || m_refused)
            return;
        const QSslCertificate peer = static_cast<QSslSocket *>(m_socket)->peerCertificate();
        if (TlsConfig::isTradingViewCertificate(peer))
            return;
        m_refused = true;
        m_guard->release(this);
        m_guard->trackRefusing(this, true);
        disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::discard);
        reject(403, QStringLiteral("Client certificate refused"));
        // Not from inside the socket's own signal.
        QMetaObject::invokeMethod(m_socket, &QAbstractSocket::abort, Qt::QueuedConnection);
    }

    void onError(QAbstractSocket::SocketError)
    {
        if (m_encrypted || m_refused)
            return;
        const bool certificateRequired = m_guard && m_guard->m_tls.requireTradingViewCert;
        m_refused = true;
        if (m_guard) {
            m_guard->release(this);
            m_guard->trackRefusing(this, true);
        }
        reject(certificateRequired ? 403 : 400, certificateRequired
                                                    ? QStringLiteral("Client certificate refused")
                                                    : QStringLiteral("TLS handshake failed"));
        m_socket->abort();
    }

    QTcpSocket *m_socket;
    Handover *m_handover; // the same socket, as the guard hands it requests
    QPointer<EdgeGuard> m_guard;
    const QHostAddress m_peer;
    const QByteArray m_addressKey;
    HttpFramer m_framer;
    ResponseCounter m_responses;
    const qint64 m_heldCap;
    QByteArray m_held;          // bytes QHttpServer has not been given yet
    QList<Ready> m_ready;       // whole requests in m_held, in order
    bool m_outstanding = false; // QHttpServer has a request and has not answered it yet
    bool m_closeWhenAnswered = false;
    bool m_closing = false;
    bool m_releasing = false;
    bool m_continueSent = false;
    bool m_refused = false;
    std::optional<Refusal> m_pendingRefusal;
    const qint64 m_acceptedAt;
    qint64 m_lastActivity;
    qint64 m_requestStart = -1; // first byte of the request being received
    qint64 m_releasedAt = 0;
    bool m_encrypted;
};

EdgeGuard::EdgeGuard(const Options &options, QObject *parent)
    : QTcpServer(parent)
    , m_options(options)
{
    m_clock.start();
    m_sweep.setInterval(sweepInterval);
    connect(&m_sweep, &QTimer::timeout, this, &EdgeGuard::sweep);
}

EdgeGuard::~EdgeGuard()
{
    // The sockets (and their watches) are our children and go after us.
    for (const Slot &slot : m_byProgress)
        slot.watch->detach();
    for (ConnectionWatch *watch : std::as_const(m_refusing))
        watch->detach();
}

void EdgeGuard::setTls(const TlsConfig &tls)
{
    m_tls = tls;
    m_sslConfig = tls.serverConfiguration();
}

void EdgeGuard::incomingConnection(qintptr socketDescriptor)
{
    if (!m_burstOpen) {
        // Everything accepted until the event loop turns again is one burst.
        m_burstOpen = true;
        QTimer::singleShot(0, this, [this] {
            ++m_burst;
            m_burstOpen = false;
        });
    }
    std::function<void(WriteTap *)> setTap;
    QTcpSocket *socket = nullptr;
    if (m_tls.isEnabled()) {
        auto *ssl = new TappedSocket<QSslSocket>(this);
        setTap = [ssl](WriteTap *t) { ssl->setTap(t); };
        socket = ssl;
    } else {
        auto *plain = new TappedSocket<QTcpSocket>(this);
        setTap = [plain](WriteTap *t) { plain->setTap(t); };
        socket = plain;
    }
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    const bool proxy = m_options.trustedProxies.contains(peer);
    const QByteArray key = ClientAddress::key(peer);
    std::optional<Refusal> refusal;
    // Loopback (the resend command, a local health check or proxy) and trusted proxies reach the
    // routes, which judge the client of each request; anyone else must be allowed to connect.
    if (!proxy && !ClientAddress::plain(peer).isLoopback() && !m_options.allowed.allows(peer)) {
        refusal = forbidden;
    } else {
        const auto own = m_byAddress.constFind(key);
        const bool addressFull =
            !proxy && own != m_byAddress.constEnd() &&
            qsizetype(own->size()) >= qsizetype(m_options.maxConnectionsPerAddress);
        const bool full = connectionCount() >= m_options.maxConnections;
        if ((addressFull || full) && !makeRoom(key, addressFull))
            refusal = unavailable;
    }
    if (refusal && m_refusing.size() >= std::max(m_options.maxConnections, 64)) {
        // A flood: answering each one would only help it along.
        Q_EMIT rejected(refusal->status, QString::fromLatin1(refusal->error), peer);
        socket->abort();
        delete socket;
        return;
    }
    // One whole request fits; a pipelining client waits in the kernel, not in our memory.
    socket->setReadBufferSize(m_options.limits.maxHead + m_options.limits.maxBody + 64 * 1024);
    auto *watch = new ConnectionWatch(socket, this, key);
    setTap(watch);
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        ssl->setSslConfiguration(m_sslConfig);
        ssl->startServerEncryption();
    }
    if (!m_sweep.isActive())
        m_sweep.start();
    if (refusal) {
        watch->refuseAtAccept(*refusal);
        return;
    }
    // A client that sent its request with the connection (as a real one does) has it waiting
    // already: it goes after the silent ones when room must be made.
    char first = 0;
    const bool spokeAlready = !m_tls.isEnabled() && ::recv(int(socketDescriptor), &first, 1,
                                                           MSG_PEEK | MSG_DONTWAIT) == 1;
    admit(watch, spokeAlready);
    watch->serve();
    // QHttpServer only sees admitted connections; TLS ones before the handshake is done, as
    // readyRead only ever carries decrypted bytes.
    addPendingConnection(socket);
}

bool EdgeGuard::makeRoom(const QByteArray &addressKey, bool addressCapped)
{
    const std::set<Slot> &candidates = addressCapped ? m_byAddress[addressKey] : m_byProgress;
    // Connections accepted in this same burst have not been read yet (their request may be
    // there already): the first pass leaves them alone.
    for (const bool sparingThisBurst : {true, false}) {
        for (const Slot &slot : candidates) {
            // One being answered, or closing after its answer, is not taking a slot from anyone.
            if (slot.watch->isAnswering() || slot.watch->isClosing() ||
                (sparingThisBurst && slot.burst == m_burst))
                continue;
            ConnectionWatch *victim = slot.watch;
            release(victim);
            victim->evict();
            ++m_evicted;
            return true;
        }
    }
    return false;
}

void EdgeGuard::admit(ConnectionWatch *watch, bool spoke)
{
    const Slot slot{false, spoke, now(), m_nextSerial++, m_burst, watch};
    m_byProgress.insert(slot);
    m_byAddress[watch->addressKey()].insert(slot);
    m_slots.insert(watch, slot);
}

void EdgeGuard::progressed(ConnectionWatch *watch, qint64 at)
{
    const auto it = m_slots.find(watch);
    if (it == m_slots.end())
        return;
    std::set<Slot> &own = m_byAddress[watch->addressKey()];
    m_byProgress.erase(*it);
    own.erase(*it);
    it->completedOne = true;
    it->progressAt = at;
    m_byProgress.insert(*it);
    own.insert(*it);
}

void EdgeGuard::spoke(ConnectionWatch *watch)
{
    const auto it = m_slots.find(watch);
    if (it == m_slots.end() || it->spoke)
        return;
    std::set<Slot> &own = m_byAddress[watch->addressKey()];
    m_byProgress.erase(*it);
    own.erase(*it);
    it->spoke = true;
    m_byProgress.insert(*it);
    own.insert(*it);
}

void EdgeGuard::release(ConnectionWatch *watch)
{
    const auto it = m_slots.find(watch);
    if (it == m_slots.end())
        return;
    m_byProgress.erase(*it);
    const auto own = m_byAddress.find(watch->addressKey());
    if (own != m_byAddress.end()) {
        own->erase(*it);
        if (own->empty())
            m_byAddress.erase(own);
    }
    m_slots.erase(it);
}

void EdgeGuard::trackRefusing(ConnectionWatch *watch, bool on)
{
    if (on)
        m_refusing.insert(watch);
    else
        m_refusing.remove(watch);
}

void EdgeGuard::sweep()
{
    if (m_byProgress.empty() && m_refusing.isEmpty()) {
        m_sweep.stop();
        return;
    }
    const qint64 at = now();
    // A copy: a deadline may close a socket, whose watch leaves the sets (later, but still).
    QList<ConnectionWatch *> watches;
    watches.reserve(qsizetype(m_byProgress.size()));
    for (const Slot &slot : m_byProgress)
        watches.append(slot.watch);
    for (ConnectionWatch *watch : std::as_const(watches)) {
        if (m_slots.contains(watch))
            watch->checkDeadlines(at);
    }
}
