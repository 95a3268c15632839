#pragma once

#include "Status.h"
#include "redis/RedisEndpoint.h"
#include "redis/RedisReply.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <map>

class QHostInfo;
struct redisAsyncContext;
struct redisReply;

// One Redis link on hiredis' async API, driven by the event loop of the thread that created it:
// handshake (AUTH, SELECT, CLIENT SETNAME), reconnect with backoff, connect and command timeouts
// (hiredis 0.14 has none of these), and exactly one answer per command even when the link drops.
//
// A connection that subscribed is a pub/sub connection: it refuses regular commands, because
// hiredis 0.14 drops the link on the error Redis answers them with. Use a second connection.
//
// With sentinels in the endpoint (hiredis 0.14 knows none), each attempt first asks them in turn
// where the master is (SENTINEL get-master-addr-by-name), checks ROLE once connected (a replica
// is left at once), and a second link to a sentinel listens for +switch-master: when the master
// moves, the link drops and starts over at the new one.
class RedisConnection : public QObject
{
    Q_OBJECT
public:
    using ReplyHandler = std::function<void(const RedisReply &)>;

    explicit RedisConnection(RedisEndpoint endpoint, QObject *parent = nullptr);
    // Frees the context at once; pending handlers are dropped without being called, since their
    // owners are usually being destroyed along with this connection.
    ~RedisConnection() override;

    void setConnectTimeout(std::chrono::milliseconds timeout); // default 2000 ms, covers handshake
    void setCommandTimeout(std::chrono::milliseconds timeout); // default 5000 ms
    void setName(const QString &name); // CLIENT SETNAME after connect; also used in log messages
    // Its comings and goings logged at debug level only (a helper link whose owner speaks).
    void setQuiet(bool quiet) { m_quiet = quiet; }

    // Connects now, then reconnects by itself with exponential backoff (100 ms doubling to 5 s,
    // reset once a link has stayed up for stableAfter) until close().
    void open();
    // Disconnects and stops reconnecting; pending handlers get Type::Disconnected.
    void close();

    ConnectionState state() const { return m_state; } // Connected once AUTH/SELECT succeeded
    // Why the last attempt or link failed (never the password); empty once a link is stable.
    QString lastError() const { return m_lastError; }
    // A link that lasts this long is a good one: the backoff and the error memory start over.
    static constexpr std::chrono::milliseconds stableAfter{5000};
    const RedisEndpoint &endpoint() const { return m_endpoint; }
    // Where it connects or is connected: the endpoint's address, or the master the sentinels named.
    const RedisEndpoint::Address &address() const { return m_target; }
    // Another address (the settings changed): the link drops and, when open, starts over there.
    void setEndpoint(const RedisEndpoint &endpoint);

    // Sends a command (binary-safe argv). Returns false (handler not called) when not Connected.
    // The handler is called exactly once with the reply, or with Type::Disconnected if the
    // connection drops or the command timed out (then the link is reset: a timed-out command
    // means a dead or stuck link). Blocking commands must time out sooner than the command timeout.
    bool command(const QList<QByteArray> &argv, ReplyHandler handler = {});
    // For SUBSCRIBE/PSUBSCRIBE: the handler is called for every reply of that subscription
    // (subscribe confirmation, then each message) until the connection drops (then once more with
    // Disconnected). Subscribing twice to the same channel replaces the first handler (hiredis).
    bool subscribe(const QList<QByteArray> &argv, ReplyHandler handler);
    int pendingCommands() const { return int(m_pending.size()); }

Q_SIGNALS:
    void stateChanged(ConnectionState state);
    void connected(); // ready for commands (after AUTH/SELECT)
    void disconnected();
    // Connect refused, AUTH failed, timeout...: one clear line, never the password. Emitted once
    // per kind of failure until the next successful connect, not at every retry.
    void errorOccurred(const QString &message);
    // The next attempt is due after `delay` (the backoff in force).
    void retryScheduled(std::chrono::milliseconds delay);

private:
    enum class Kind { Command, Handshake, Subscription };
    // Who frees the hiredis context when we let go of it.
    enum class ContextFate { WeFreeIt, HiredisFreesIt };

    struct Pending {
        ReplyHandler handler;
        qint64 sentAtMs = 0;
        bool handshake = false;
    };
    using PendingMap = std::map<quintptr, Pending>;
    using SubscriptionMap = std::map<quintptr, ReplyHandler>;

    static void onConnectCallback(const redisAsyncContext *context, int status);
    static void onDisconnectCallback(const redisAsyncContext *context, int status);
    static void onReplyCallback(redisAsyncContext *context, void *reply, void *privdata);

    void startAttempt();
    void reach(const RedisEndpoint::Address &address);
    RedisConnection *sentinelLink(int index);
    void askSentinel(int tried);
    void onSentinelAnswer(int tried, const RedisReply &reply);
    void dropSentinelAsk();
    void watchSentinels(int index);
    void onSwitchMaster(const RedisReply &message);
    void onHostResolved(const QHostInfo &info);
    void connectTo(const QByteArray &address);
    void onHiredisConnected(int status, const char *error);
    void startHandshake();
    void onHandshakeReply(const QByteArray &step, const RedisReply &reply);
    void becomeConnected();
    void onReply(quintptr id, const redisReply *reply, const char *error);
    void onCommandTimer();
    void onConnectTimeout();

    bool send(const QList<QByteArray> &argv, ReplyHandler handler, Kind kind);
    // Drops the current link (or attempt), answers pending handlers with Disconnected, reports
    // the error (when given) and schedules the next attempt while open.
    void resetLink(ContextFate fate, const QString &error);
    void releaseContext(ContextFate fate);
    void abortLookup();
    void scheduleRetry();
    void setState(ConnectionState state);
    void reportError(const QString &message);
    static void failAll(PendingMap &pending, SubscriptionMap &subscriptions);

    RedisEndpoint m_endpoint;
    RedisEndpoint::Address m_target;
    int m_sentinel = 0;                         // the one that answered last: asked first
    RedisConnection *m_sentinelAsk = nullptr;   // asking where the master is
    RedisConnection *m_sentinelWatch = nullptr; // subscribed to +switch-master
    QString m_sentinelError;
    QString m_name;
    QString m_label; // host:port (name), for messages
    redisAsyncContext *m_context = nullptr;
    ConnectionState m_state = ConnectionState::Disconnected;
    bool m_open = false;
    int m_lookupId = -1;
    int m_handshakeLeft = 0;
    std::chrono::milliseconds m_connectTimeout{2000};
    std::chrono::milliseconds m_commandTimeout{5000};
    std::chrono::milliseconds m_backoff;
    QTimer m_connectTimer;
    QTimer m_commandTimer;
    QTimer m_retryTimer;
    QTimer m_stableTimer;
    QElapsedTimer m_clock;
    quintptr m_nextId = 1;
    PendingMap m_pending;
    SubscriptionMap m_subscriptions;
    QString m_lastError;
    bool m_quiet = false;
};
