#pragma once

#include "MonitorEvent.h"
#include "Status.h"
#include "redis/RedisEndpoint.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>

class RedisConnection;
struct RedisReply;

// The monitor's view of the Redis `websockets` channel (WIRE.md §4): a dedicated subscriber
// connection that resubscribes after every reconnect and turns each message into a MonitorEvent.
//
// hiredis cannot PING on a subscribed connection, so a link that died silently (OS sleep/resume,
// a stopped server) is found by echo: a second, small connection PUBLISHes a `t6_keepalive` probe
// on the channel every keepaliveInterval and the subscriber must hear it back within
// keepaliveDeadline, or it is closed and reopened. Probes are swallowed, never emitted.
class RedisChannelSource : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kDefaultKeepaliveInterval{15000};
    static constexpr std::chrono::milliseconds kDefaultKeepaliveDeadline{5000};

    explicit RedisChannelSource(RedisEndpoint endpoint, QObject *parent = nullptr);
    // Subscribes there instead (the settings changed).
    void setEndpoint(const RedisEndpoint &endpoint);
    ~RedisChannelSource() override;

    void setChannel(const QByteArray &channel); // default "websockets"; takes effect at start()
    // Messages that start with `prefix` are dropped unparsed (our own webhook events, which
    // reach the monitor in-process: 2 000/s of them would cost the GUI thread a JSON parse each).
    void setSkippedPrefix(const QByteArray &prefix) { m_skippedPrefix = prefix; }
    QByteArray channel() const { return m_channel; }
    void setKeepaliveInterval(std::chrono::milliseconds interval);
    void setKeepaliveDeadline(std::chrono::milliseconds deadline);

    void start(); // connects, subscribes, keeps the subscription alive until stop()
    void stop();
    bool isRunning() const { return m_running; }

    // Connected once Redis confirmed the subscription; Connecting while (re)connecting.
    ConnectionState state() const { return m_state; }
    int garbageCount() const { return m_garbageCount; }           // unparseable messages
    int keepaliveFailures() const { return m_keepaliveFailures; } // probes not heard back in time

Q_SIGNALS:
    void eventReceived(const MonitorEvent &event);
    void stateChanged(ConnectionState state);

private:
    void subscribe();
    void onSubscriptionReply(const RedisReply &reply);
    void onMessage(const QByteArray &payload);
    void onGarbage(const QByteArray &payload, const QString &error);
    void sendProbe();
    void onProbeDeadline();
    void updateState();

    QByteArray m_channel = QByteArrayLiteral("websockets");
    RedisConnection *m_subscriber;
    RedisConnection *m_prober;
    bool m_running = false;
    bool m_subscribed = false;
    ConnectionState m_state = ConnectionState::Disconnected;

    std::chrono::milliseconds m_keepaliveDeadline = kDefaultKeepaliveDeadline;
    QTimer m_keepaliveTimer;
    QTimer m_deadlineTimer;
    QByteArray m_probePrefix;
    QByteArray m_probeId; // the probe awaited back; empty when none is out
    quint64 m_probeSerial = 0;
    int m_keepaliveFailures = 0;

    int m_garbageCount = 0;
    int m_garbageSinceReport = 0;
    QElapsedTimer m_garbageReportClock;
    QByteArray m_skippedPrefix;
};
