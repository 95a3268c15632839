#pragma once

#include "HttpFramer.h"
#include "TlsConfig.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <chrono>

class ConnectionWatch;

// The listening socket given to QHttpServer (Qt 6.4's has no limits of its own). Every
// connection's bytes are framed here first and handed to QHttpServer one whole request at a time,
// so a request over the limits is answered (413/431/414/411/400/408) before QHttpServer buffers
// any of it, pipelined requests are answered in order, and Connection: close / HTTP/1.0 close
// the connection once answered. Also: the connection cap (503), the request and idle deadlines,
// Expect: 100-continue, and HTTPS with an optional TradingView client certificate.
class EdgeGuard : public QTcpServer
{
    Q_OBJECT
public:
    struct Options {
        HttpFramer::Limits limits;
        int maxConnections = 256;
        std::chrono::milliseconds requestTimeout = std::chrono::seconds(10);
        std::chrono::milliseconds idleTimeout = std::chrono::seconds(30);
    };

    explicit EdgeGuard(const Options &options, QObject *parent = nullptr);
    ~EdgeGuard() override;

    // HTTPS on the same port for the connections accepted from now on.
    void setTls(const TlsConfig &tls);
    bool isTls() const { return m_tls.isEnabled(); }
    const Options &options() const { return m_options; }
    // Connections being served (refused ones excluded).
    int connectionCount() const { return m_live; }

Q_SIGNALS:
    void rejected(int status, const QString &reason, const QHostAddress &peer);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class ConnectionWatch;
    qint64 now() const { return m_clock.elapsed(); }
    void track(ConnectionWatch *watch);
    void untrack(ConnectionWatch *watch);
    void sweep();

    Options m_options;
    TlsConfig m_tls;
    QSslConfiguration m_sslConfig;
    QElapsedTimer m_clock;
    // One sweep over all connections instead of a QTimer each: a timer restarted on every read
    // costs a sorted insert in the dispatcher's timer list, a sweep is a pass over a flat set.
    QTimer m_sweep;
    QSet<ConnectionWatch *> m_watches;
    int m_live = 0;     // connections counted against maxConnections
    int m_refusing = 0; // over-cap connections still draining
};
