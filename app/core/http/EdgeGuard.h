#pragma once

#include "http/HttpFramer.h"
#include "http/IpAllowlist.h"
#include "http/TlsConfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <chrono>
#include <set>
#include <tuple>
#include <utility>

class ConnectionWatch;

// The listening socket given to QHttpServer (Qt 6.4's has no limits of its own). Every
// connection's bytes are framed here, strictly, and QHttpServer is handed one request at a time,
// re-serialised from what the guard parsed (RequestHead::canonical), so the guard's reading is the
// only one. A request over the limits or open to two readings is answered
// (400/405/408/411/413/414/417/431/505) before QHttpServer buffers any of it; pipelined requests
// are answered in order; Connection: close / HTTP/1.0 close the connection once answered.
//
// Slots cannot be hoarded: addresses outside the allowlist are refused at accept (403; loopback
// and trusted proxies pass, their clients are judged per request), each
// address (IPv6 by /64) has a cap of its own, a request must arrive whole within the request
// deadline from its first byte (empty lines count), a connection lives at most maxConnectionAge,
// and when a cap is reached the connection that has gone longest without completing a request
// makes room for the newcomer. Also: Expect: 100-continue, and HTTPS with an optional TradingView
// client certificate.
class EdgeGuard : public QTcpServer
{
    Q_OBJECT
public:
    struct Options {
        HttpFramer::Limits limits;
        int maxConnections = 256;
        int maxConnectionsPerAddress = 32;
        std::chrono::milliseconds requestTimeout = std::chrono::seconds(10);
        std::chrono::milliseconds idleTimeout = std::chrono::seconds(30);
        std::chrono::milliseconds maxConnectionAge = std::chrono::minutes(5);
        IpAllowlist allowed;        // who may connect (loopback always may); empty: everyone
        IpAllowlist trustedProxies; // their clients are judged per request, not per connection
    };

    explicit EdgeGuard(const Options &options, QObject *parent = nullptr);
    ~EdgeGuard() override;

    // HTTPS on the same port for the connections accepted from now on.
    void setTls(const TlsConfig &tls);
    bool isTls() const { return m_tls.isEnabled(); }
    const Options &options() const { return m_options; }
    // Connections being served (refused ones excluded).
    int connectionCount() const { return int(m_byProgress.size()); }
    // Connections closed to make room for a newcomer, since start.
    qint64 evictedCount() const { return m_evicted; }

Q_SIGNALS:
    // `reason` is the JSON error of the answer, with what was wrong for a 400.
    void rejected(int status, const QString &reason, const QHostAddress &peer);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class ConnectionWatch;
    // A served connection: those that never completed a request first, of them those that never
    // said anything, then by when one last completed a request (or was accepted), oldest first.
    // The first one evictable makes room.
    struct Slot {
        bool completedOne;
        bool spoke; // sent a byte (or had one waiting when accepted)
        qint64 progressAt;
        quint64 serial;
        quint64 burst; // accepted in this burst of connections (one turn of the event loop)
        ConnectionWatch *watch;
        bool operator<(const Slot &other) const
        {
            return std::tuple(completedOne, spoke, progressAt, serial) <
                   std::tuple(other.completedOne, other.spoke, other.progressAt, other.serial);
        }
    };

    qint64 now() const { return m_clock.elapsed(); }
    bool makeRoom(const QByteArray &addressKey, bool addressCapped);
    void admit(ConnectionWatch *watch, bool spoke);
    void progressed(ConnectionWatch *watch, qint64 at);
    void spoke(ConnectionWatch *watch);
    void release(ConnectionWatch *watch);
    void trackRefusing(ConnectionWatch *watch, bool on);
    void sweep();

    Options m_options;
    TlsConfig m_tls;
    QSslConfiguration m_sslConfig;
    QElapsedTimer m_clock;
    // One sweep over all connections instead of a QTimer each: a timer restarted on every read
    // costs a sorted insert in the dispatcher's timer list, a sweep is a pass over a flat set.
    QTimer m_sweep;
    std::set<Slot> m_byProgress;                   // every served connection
    QHash<QByteArray, std::set<Slot>> m_byAddress; // the same, per address key
    QHash<ConnectionWatch *, Slot> m_slots;        // where each served connection sits
    QSet<ConnectionWatch *> m_refusing;            // refused, writing their answer or draining
    quint64 m_nextSerial = 1;
    quint64 m_burst = 0;
    bool m_burstOpen = false;
    qint64 m_evicted = 0;
};
