#include "monitor/MissedSignalWatch.h"

#include "Status.h"

#include "webhook/Envelope.h"

#include <QJsonValue>

#include <vector>

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Monday 1970-01-05 00:00 UTC, four days after the (Thursday) epoch: where weekly bars start.
constexpr qint64 WeekOffsetMs = qint64(4) * 24 * 3600 * 1000;
// At most this many MISS events per strategy and check: after a sleep or a clock jump the rest
// are counted in the streak but not listed one by one.
constexpr int MaxMissesPerCheck = MissedSignalWatch::CriticalStreak;

QDateTime currentUtc()
{
    return QDateTime::currentDateTimeUtc();
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

QString wireTime(const QDateTime &at)
{
    return Envelope::formatTimestamp(
        std::chrono::system_clock::time_point(std::chrono::milliseconds(at.toMSecsSinceEpoch())));
}

} // namespace

MissedSignalWatch::MissedSignalWatch(QObject *parent)
    : QObject(parent)
    , m_clock(currentUtc)
{}

void MissedSignalWatch::observe(const QString &userExchangeId, const QString &symbol,
                                const QString &interval, const QDateTime &at)
{
    const seconds length = intervalLength(interval);
    if (length.count() <= 0)
        return;
    const QString key = keyOf(userExchangeId, symbol, interval);
    Watch &watch = m_watches[key];
    QDateTime when = at.isValid() ? at.toUTC() : m_clock();
    if (watch.lastAt.isValid() && when < watch.lastAt)
        when = watch.lastAt; // out of order: the later webhook already set the deadline
    watch.userExchangeId = userExchangeId;
    watch.symbol = symbol;
    watch.interval = interval;
    watch.length = length;
    watch.lastAt = when;
    watch.boundary = nextBoundary(when, length);
    watch.streak = 0;
    watch.criticalSent = false;
}

void MissedSignalWatch::check()
{
    const QDateTime now = m_clock();
    // State first, signals after: a slot may call observe() or forget() without upsetting the loop.
    std::vector<MonitorEvent> misses;
    std::vector<std::pair<QString, int>> criticals;
    for (auto it = m_watches.begin(); it != m_watches.end(); ++it) {
        Watch &watch = it.value();
        const qint64 lengthMs = qint64(watch.length.count()) * 1000;
        int emitted = 0;
        while (now > watch.boundary.addSecs(Grace.count())) {
            const QDateTime deadline = watch.boundary.addSecs(Grace.count());
            if (emitted == MaxMissesPerCheck) {
                const qint64 behindMs = deadline.msecsTo(now);
                const qint64 bars = (behindMs + lengthMs - 1) / lengthMs;
                watch.streak += int(std::min<qint64>(bars, 1'000'000));
                watch.boundary = watch.boundary.addMSecs(bars * lengthMs);
                break;
            }
            ++watch.streak;
            ++emitted;
            misses.push_back(missEvent(watch, deadline));
            watch.boundary = watch.boundary.addMSecs(lengthMs);
        }
        if (watch.streak >= CriticalStreak && !watch.criticalSent) {
            watch.criticalSent = true;
            criticals.emplace_back(it.key(), watch.streak);
        }
    }
    for (const MonitorEvent &miss : misses)
        Q_EMIT missed(miss);
    for (const auto &[key, count] : criticals)
        Q_EMIT critical(key, count);
}

void MissedSignalWatch::forget(const QString &key)
{
    m_watches.remove(key);
}

int MissedSignalWatch::streak(const QString &key) const
{
    const auto it = m_watches.constFind(key);
    return it == m_watches.constEnd() ? 0 : it->streak;
}

QStringList MissedSignalWatch::keys() const
{
    return m_watches.keys();
}

void MissedSignalWatch::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : std::function<QDateTime()>(currentUtc);
}

QString MissedSignalWatch::keyOf(const QString &userExchangeId, const QString &symbol,
                                 const QString &interval)
{
    // '|' because symbols may hold ':' (BINANCE:BTCUSDT) or '/' (BTC/USDT).
    return userExchangeId + QLatin1Char('|') + symbol + QLatin1Char('|') + interval;
}

seconds MissedSignalWatch::intervalLength(const QString &interval)
{
    const QString text = interval.trimmed();
    if (text.isEmpty())
        return seconds(0);
    const QChar last = text.back();
    QStringView number(text);
    if (!last.isDigit())
        number.chop(1);
    qint64 count = 1; // bare "D" and "W"
    if (!number.isEmpty()) {
        bool ok = false;
        count = number.toLongLong(&ok);
        // Digits only: toLongLong would take "+5" or " 5".
        if (!ok || count <= 0 || count > 100000 || !number.front().isDigit())
            return seconds(0);
    }
    if (last.isDigit())
        return minutes(count); // TradingView: a bare number is minutes
    if (number.isEmpty() && last != QLatin1Char('D') && last != QLatin1Char('W'))
        return seconds(0);
    switch (last.unicode()) {
    case 'm': return minutes(count); // "M" is months in TradingView: not a fixed length
    case 'h':
    case 'H': return hours(count);
    case 'd':
    case 'D': return days(count);
    case 'w':
    case 'W': return days(7 * count);
    default: return seconds(0);
    }
}

QDateTime MissedSignalWatch::nextBoundary(const QDateTime &at, seconds length)
{
    const qint64 lengthMs = qint64(length.count()) * 1000;
    if (lengthMs <= 0 || !at.isValid())
        return {};
    const qint64 offsetMs = length.count() % (7 * 24 * 3600) == 0 ? WeekOffsetMs : 0;
    const qint64 index = floorDiv(at.toMSecsSinceEpoch() - offsetMs, lengthMs) + 1;
    return QDateTime::fromMSecsSinceEpoch(index * lengthMs + offsetMs, Qt::UTC);
}

MonitorEvent MissedSignalWatch::missEvent(const Watch &watch, const QDateTime &deadline) const
{
    bool numeric = false;
    const qint64 brokerId = watch.userExchangeId.toLongLong(&numeric);
    const QString receivedAt = wireTime(deadline);
    QJsonObject message{
        {QLatin1String("trace_id"), QString(QStringLiteral("miss-") + Envelope::newTraceId())},
        {QLatin1String("received_at"), receivedAt},
        {QLatin1String("source_ip"), QJsonValue::Null},
        {QLatin1String("status"), statusName(WebhookStatus::Missed)},
        {QLatin1String("reason"),
         tr("no webhook by %1 UTC + %2 s").arg(wireTime(watch.boundary)).arg(Grace.count())},
        {QLatin1String("listeners"), QJsonValue::Null},
        {QLatin1String("symbol"), watch.symbol},
        {QLatin1String("exchange"), QJsonValue::Null},
        {QLatin1String("interval"), watch.interval},
        {QLatin1String("action"), QStringLiteral("MISS")},
        {QLatin1String("prix"), QJsonValue::Null},
        {QLatin1String("prix_sl"), QJsonValue::Null},
        {QLatin1String("prix_tp"), QJsonValue::Null},
        {QLatin1String("pour_cent"), QJsonValue::Null},
        {QLatin1String("user_id"), QJsonValue::Null},
        {QLatin1String("broker_id"),
         numeric ? QJsonValue(brokerId) : QJsonValue(watch.userExchangeId)},
        {QLatin1String("bar_time"), wireTime(watch.boundary)},
        {QLatin1String("missed_count"), watch.streak},
    };
    return MonitorEvent{QStringLiteral("webhook_received"), QStringLiteral("T6"), deadline,
                        message};
}
