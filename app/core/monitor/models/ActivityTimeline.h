#pragma once

#include "MonitorEvent.h"

#include <QHash>
#include <QObject>

#include <array>
#include <deque>
#include <functional>

// The last 24 h minute by minute, for the Charts tab: webhooks received per action, the
// receive → stream latency (p50/p99) of this process's webhooks, and how much of each minute
// Redis (the monitor's link) and the engine (T3) were up. Bounded: 1 440 minutes, at most
// MaxSamplesPerMinute latencies kept per minute.
class ActivityTimeline : public QObject
{
    Q_OBJECT
public:
    // The actions stacked in the chart; anything else counts as Other.
    enum Action { Buy, Sell, Ping, Update, Other, ActionCount };
    static QString actionName(Action action);      // "BUY", "SELL", "PING", "MAJ", "other"
    static Action actionOf(const QString &action); // BuyMarket → Buy, "ping" → Ping, …

    struct Minute {
        qint64 start = 0; // ms since the epoch, UTC, a whole minute
        std::array<int, ActionCount> received{};
        std::vector<int> latenciesMs; // receive → stream, this minute's webhooks
        int samples = 0;              // seconds sampled
        int redisUp = 0;
        int engineUp = 0;

        int total() const;
        // Quantile q (0..1) of the latencies, -1 when none.
        int latencyQuantile(double q) const { return quantile(latenciesMs, q); }
    };

    static constexpr int MinutesKept = 24 * 60;
    static constexpr int MaxSamplesPerMinute = 600;

    explicit ActivityTimeline(QObject *parent = nullptr);

    // Webhooks received (T6's own, the journal's past ones) and their streaming.
    void apply(const QList<MonitorEvent> &batch);
    // One availability sample, once a second.
    void sample(const QDateTime &now, bool redisUp, bool engineUp);

    // The minutes in [from, to), oldest first; missing minutes come back empty.
    void forEachMinute(const QDateTime &from, const QDateTime &to,
                       const std::function<void(const Minute &)> &visit) const;
    QList<Minute> minutes(const QDateTime &from, const QDateTime &to) const; // copies

    static int quantile(std::vector<int> values, double q); // -1 when empty

Q_SIGNALS:
    void changed();

private:
    Minute &minuteAt(qint64 ms);
    void forgetBefore(qint64 ms);

    std::deque<Minute> m_minutes;        // oldest first, by start
    QHash<QString, qint64> m_receivedMs; // trace → receipt, until streamed (bounded)
};
