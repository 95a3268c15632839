#include "monitor/models/ActivityTimeline.h"

#include "Status.h"
#include "monitor/EventParser.h"

#include <algorithm>

namespace {

constexpr qint64 MinuteMs = 60'000;
constexpr qsizetype MaxAwaitingStream = 20'000;

qint64 minuteOf(qint64 ms)
{
    return ms - ms % MinuteMs;
}

} // namespace

ActivityTimeline::Action ActivityTimeline::actionOf(const QString &action)
{
    const QString a = action.trimmed().toUpper();
    if (a.startsWith(QLatin1String("BUY")))
        return Buy;
    if (a.startsWith(QLatin1String("SELL")))
        return Sell;
    if (a == QLatin1String("PING"))
        return Ping;
    if (a == QLatin1String("MAJ"))
        return Update;
    return Other;
}

QString ActivityTimeline::actionName(Action action)
{
    switch (action) {
    case Buy: return QStringLiteral("BUY");
    case Sell: return QStringLiteral("SELL");
    case Ping: return QStringLiteral("PING");
    case Update: return QStringLiteral("MAJ");
    case Other:
    case ActionCount: break;
    }
    return QStringLiteral("other");
}

int ActivityTimeline::Minute::total() const
{
    int n = 0;
    for (int count : received)
        n += count;
    return n;
}

int ActivityTimeline::quantile(std::vector<int> values, double q)
{
    if (values.empty())
        return -1;
    const auto at = values.begin() + qsizetype(q * double(values.size() - 1) + 0.5);
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

ActivityTimeline::ActivityTimeline(QObject *parent)
    : QObject(parent)
{}

ActivityTimeline::Minute &ActivityTimeline::minuteAt(qint64 ms)
{
    const qint64 start = minuteOf(ms);
    auto it = std::lower_bound(m_minutes.begin(), m_minutes.end(), start,
                               [](const Minute &m, qint64 s) { return m.start < s; });
    if (it == m_minutes.end() || it->start != start) {
        Minute minute;
        minute.start = start;
        it = m_minutes.insert(it, minute);
    }
    return *it;
}

void ActivityTimeline::forgetBefore(qint64 ms)
{
    while (!m_minutes.empty() && m_minutes.front().start < ms)
        m_minutes.pop_front();
}

void ActivityTimeline::apply(const QList<MonitorEvent> &batch)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 oldest = minuteOf(now) - qint64(MinutesKept - 1) * MinuteMs;
    bool any = false;
    for (const MonitorEvent &event : batch) {
        // Only what this receiver (or its journal) did: T3's events say nothing of our timing.
        if (event.type != QLatin1String("webhook_received") ||
            (event.source != QLatin1String("T6") && event.source != QLatin1String("journal")))
            continue;
        const QJsonObject &m = event.message;
        const QString trace = EventParser::text(m.value(QLatin1String("trace_id")));
        const WebhookStatus status =
            webhookStatusFromName(EventParser::text(m.value(QLatin1String("status"))));
        const QDateTime received = EventParser::timestamp(m.value(QLatin1String("received_at")));
        const qint64 receivedMs =
            received.isValid() ? received.toMSecsSinceEpoch() : event.ts.toMSecsSinceEpoch();
        const bool firstWord = m.contains(QLatin1String("received_at"));
        if (firstWord && receivedMs >= oldest && status != WebhookStatus::Rejected) {
            minuteAt(receivedMs)
                .received[actionOf(EventParser::text(m.value(QLatin1String("action"))))]++;
            any = true;
            if (m_receivedMs.size() < MaxAwaitingStream)
                m_receivedMs.insert(trace, receivedMs);
        }
        // Streamed: now (live), or when the journal says (history).
        const QDateTime streamedAt = EventParser::timestamp(m.value(QLatin1String("streamed_at")));
        if (status != WebhookStatus::Streamed && !streamedAt.isValid())
            continue;
        const auto since = m_receivedMs.constFind(trace);
        if (since == m_receivedMs.cend())
            continue;
        const qint64 streamedMs =
            streamedAt.isValid() ? streamedAt.toMSecsSinceEpoch() : event.ts.toMSecsSinceEpoch();
        Minute &minute = minuteAt(*since);
        if (int(minute.latenciesMs.size()) < MaxSamplesPerMinute)
            minute.latenciesMs.push_back(
                int(std::clamp<qint64>(streamedMs - *since, 0, 3'600'000)));
        m_receivedMs.erase(since);
        any = true;
    }
    forgetBefore(oldest);
    if (any)
        Q_EMIT changed();
}

void ActivityTimeline::sample(const QDateTime &now, bool redisUp, bool engineUp)
{
    Minute &minute = minuteAt(now.toMSecsSinceEpoch());
    if (minute.samples == 0) {
        // A new minute: webhooks that never streamed within the hour stop being waited for.
        const qint64 hourAgo = now.toMSecsSinceEpoch() - 60 * MinuteMs;
        m_receivedMs.removeIf([hourAgo](const auto &entry) { return entry.value() < hourAgo; });
    }
    ++minute.samples;
    minute.redisUp += redisUp;
    minute.engineUp += engineUp;
    forgetBefore(minuteOf(now.toMSecsSinceEpoch()) - qint64(MinutesKept - 1) * MinuteMs);
    Q_EMIT changed();
}

void ActivityTimeline::forEachMinute(const QDateTime &from, const QDateTime &to,
                                     const std::function<void(const Minute &)> &visit) const
{
    const qint64 end = to.toMSecsSinceEpoch();
    const qint64 first = minuteOf(from.toMSecsSinceEpoch());
    auto it = std::lower_bound(m_minutes.begin(), m_minutes.end(), first,
                               [](const Minute &m, qint64 s) { return m.start < s; });
    for (qint64 start = first; start < end; start += MinuteMs) {
        if (it != m_minutes.end() && it->start == start) {
            visit(*it++);
        } else {
            Minute empty;
            empty.start = start;
            visit(empty);
        }
    }
}

QList<ActivityTimeline::Minute> ActivityTimeline::minutes(const QDateTime &from,
                                                          const QDateTime &to) const
{
    QList<Minute> out;
    forEachMinute(from, to, [&out](const Minute &m) { out.append(m); });
    return out;
}
