#pragma once

#include "MonitorEvent.h"
#include "Status.h"
#include "redis/RedisEndpoint.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkReply;
class RedisConnection;
struct RedisReply;

// What HealthProbes watches and how often. Empty URLs leave T1/T4 "unknown".
struct HealthProbeOptions {
    QUrl daphneHttp; // T1: GET <daphneHttp>/api/heartbeat/status/ answers 200
    QUrl frontend;   // T4: GET <frontend>/ answers (any status below 500)
    QByteArray webhookChannel = QByteArrayLiteral("webhook_raw");      // T3: PUBSUB NUMSUB
    QByteArray exchangeQueue = QByteArrayLiteral("exchange_requests"); // T5: LLEN, BLPOP
    std::chrono::milliseconds interval{5000};
    int queueNearZero = 5; // a longer queue with a BLPOP client is degraded
};

// Infers T1, T3, T4 and T5's health from the signals a real Aristobot3 deployment gives without
// any change on its side (WIRE.md §5) and says so as `terminal_probe` events, which the monitor
// applies with the others: HTTP GETs for Daphne and the frontend, PUBSUB NUMSUB for the trading
// engine, CLIENT LIST and LLEN for the exchange gateway. (T2, from heartbeat candles, and T3 from
// PUBLISH counts, follow from other events: TerminalHealthModel.) A signal it cannot read is
// reported unknown, never up.
//
// T5: Terminal 5 loops on `BLPOP exchange_requests 1`; an empty list is not a sign of life. A
// client whose last command is `blpop` (also `brpop`, `blmove`, `brpoplpush`, `blmpop`) seen in
// `CLIENT LIST` (field `cmd=`; flags `b` = blocked right now; a client not blocked at this instant
// but whose `cmd=blpop` (or one of the others) and `idle` ≤ 5 s also counts, because T5 re-issues
// BLPOP every second) → up ("Terminal 5 waiting on exchange_requests (BLPOP, client id N)");
// `LLEN exchange_requests` growing for GrowingProbes probes → down (this wins over a BLPOP client,
// because a popper that never drains the queue is not working); a long but not growing queue with
// a BLPOP client → degraded ("N request(s) waiting in exchange_requests"); neither a BLPOP client
// nor growth → unknown ("no client waiting on exchange_requests"). CLIENT LIST does not show which
// key a client blocks on: this is a heuristic on the command name. A refused CLIENT LIST (ACL:
// NOPERM) leaves T5 unknown with that reason, never up.
class HealthProbes : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds HttpTimeout{3000};
    static constexpr int GrowingProbes = 3; // T5 is down after this many probes of growth
    static constexpr std::chrono::seconds PopperMaxIdle{5};

    // A client of CLIENT LIST that may be Terminal 5 waiting on its queue.
    struct ListPopper {
        qint64 clientId = -1;
        QByteArray command; // as CLIENT LIST names it: "blpop", "brpop", ...
    };
    // From a CLIENT LIST reply (one line per client, space-separated key=value fields): a client
    // blocked in a blocking list pop, else one that issued one at most PopperMaxIdle ago.
    static std::optional<ListPopper> findListPopper(const QByteArray &clientList);

    explicit HealthProbes(RedisEndpoint endpoint, HealthProbeOptions options = {},
                          QObject *parent = nullptr);
    ~HealthProbes() override;

    // Opens the Redis link and probes at once, then every interval.
    void start();
    // Stops probing, closes the Redis link and abandons HTTP probes in flight.
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // Probes Redis there instead (the settings changed).
    void setRedisEndpoint(const RedisEndpoint &endpoint);

    void setClock(std::function<QDateTime()> clock); // default: current UTC time

    const HealthProbeOptions &options() const { return m_options; }

Q_SIGNALS:
    void evidence(const MonitorEvent &probe); // a terminal_probe event

private:
    void probe();
    void probeRedis();
    void onNumsub(const RedisReply &reply);
    void onLlen(const RedisReply &reply);
    void onClientList(const RedisReply &reply);
    QString queueDetail() const;
    void reportRedisUnreachable();
    void probeHttp(const QString &terminal, const QUrl &url, QPointer<QNetworkReply> &inFlight,
                   std::function<bool(int status)> isUp);
    void report(const QString &terminal, TerminalState state, const QString &detail,
                const QString &source);

    HealthProbeOptions m_options;
    RedisConnection *m_redis;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    std::function<QDateTime()> m_clock;

    bool m_numsubPending = false;
    bool m_llenPending = false;
    bool m_clientListPending = false;
    bool m_clientListDue = false;  // a probe is due that has not sent its CLIENT LIST yet
    qint64 m_lastQueueLength = -1; // -1: no reading since the link came up
    QString m_queueUnreadable;     // why the last LLEN gave no length
    int m_growingProbes = 0;
    QPointer<QNetworkReply> m_daphneReply;
    QPointer<QNetworkReply> m_frontendReply;
};
