#pragma once

#include "MonitorEvent.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

// The seed's PING coherence rule (WIRE.md §6): a strategy sends a webhook every bar, so for each
// (UserExchangeID, Symbol, Interval) seen the next one is due by the next bar boundary + 60 s.
// Each bar that passes without one is a MISS, published as a webhook_received-shaped event so the
// history shows it; three in a row is critical.
class MissedSignalWatch : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::seconds Grace{60};
    static constexpr int CriticalStreak = 3;

    explicit MissedSignalWatch(QObject *parent = nullptr);

    // Every accepted webhook; one with an interval we cannot read is ignored.
    void observe(const QString &userExchangeId, const QString &symbol, const QString &interval,
                 const QDateTime &at);
    // Emits the misses due by now; call it from a timer (every few seconds is plenty).
    void check();
    // Stops watching a strategy (switched off on purpose); a later webhook starts it again.
    void forget(const QString &key);

    int streak(const QString &key) const; // misses in a row; 0 for an unknown key
    QStringList keys() const;
    void setClock(std::function<QDateTime()> clock); // default: current UTC time

    // "13|BTCUSDT|15m": the key of streak(), critical() and forget().
    static QString keyOf(const QString &userExchangeId, const QString &symbol,
                         const QString &interval);
    // "15m", "1h", "1D", "1W" and TradingView's "15", "60", "D", "W"; 0 when not understood.
    static std::chrono::seconds intervalLength(const QString &interval);
    // The first bar boundary strictly after `at`: UTC epoch multiples of the interval, except
    // weeks, which start on Monday 00:00 UTC as TradingView's weekly bars do.
    static QDateTime nextBoundary(const QDateTime &at, std::chrono::seconds length);

Q_SIGNALS:
    void missed(const MonitorEvent &miss);
    // The streak of `key` reached CriticalStreak; once per streak.
    void critical(const QString &key, int count);

private:
    struct Watch {
        QString userExchangeId;
        QString symbol;
        QString interval;
        std::chrono::seconds length{0};
        QDateTime lastAt;   // the latest webhook
        QDateTime boundary; // the bar boundary the next webhook is due by (+ Grace)
        int streak = 0;
        bool criticalSent = false;
    };

    MonitorEvent missEvent(const Watch &watch, const QDateTime &deadline) const;

    QHash<QString, Watch> m_watches;
    std::function<QDateTime()> m_clock;
};
