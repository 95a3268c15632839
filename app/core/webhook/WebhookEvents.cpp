#include "webhook/WebhookEvents.h"

#include "IsoTime.h"
#include "JsonText.h"

#include <QJsonDocument>

#include <algorithm>
#include <vector>

namespace WebhookEvents {

namespace {

WebhookStatus statusFor(Fate fate, bool streamed)
{
    switch (fate) {
    case Fate::Forwarded: return WebhookStatus::Forwarded;
    case Fate::Held: return WebhookStatus::Held;
    case Fate::Expired: return WebhookStatus::Expired;
    case Fate::Replayed: return WebhookStatus::Replayed;
    case Fate::Duplicate: return WebhookStatus::Duplicate;
    case Fate::Pending:
    case Fate::None: break;
    }
    return streamed ? WebhookStatus::Streamed : WebhookStatus::Received;
}

QString isoMs(qint64 ms)
{
    return QString::fromLatin1(IsoTime::utcWithMs(ms));
}

MonitorEvent event(QJsonObject message, const QString &receiver)
{
    MonitorEvent e;
    e.type = QStringLiteral("webhook_received");
    e.source = QStringLiteral("T6");
    e.receiver = receiver;
    e.ts = QDateTime::currentDateTimeUtc();
    e.message = std::move(message);
    return e;
}

} // namespace

MonitorEvent received(const WebhookSummary &summary)
{
    QJsonObject message = summary.fields;
    message.insert(QLatin1String("trace_id"), summary.traceId);
    message.insert(QLatin1String("received_at"), summary.receivedAt);
    message.insert(QLatin1String("source_ip"), summary.sourceIp);
    message.insert(QLatin1String("status"), statusName(summary.status));
    if (!summary.reason.isEmpty())
        message.insert(QLatin1String("reason"), summary.reason);
    message.insert(QLatin1String("listeners"),
                   summary.listeners < 0 ? QJsonValue() : QJsonValue(summary.listeners));
    return event(message, summary.receiver);
}

MonitorEvent receivedHere(const WebhookSummary &summary)
{
    MonitorEvent e = received(summary);
    const QJsonObject payload = QJsonDocument::fromJson(summary.payload).object();
    if (!payload.isEmpty())
        e.message.insert(QLatin1String("payload"), payload);
    return e;
}

MonitorEvent fateChanged(const QString &traceId, Fate fate, qint64 listeners,
                         const QString &receiver)
{
    QJsonObject message{{QLatin1String("trace_id"), traceId},
                        {QLatin1String("status"), statusName(statusFor(fate, true))}};
    if (listeners >= 0)
        message.insert(QLatin1String("listeners"), listeners);
    return event(message, receiver);
}

namespace {

// A T6 webhook_received event up to its message's opening brace, as serialize() writes it.
QByteArray eventOpening(const QString &receiver, qint64 atMs, qsizetype reserve)
{
    QByteArray json;
    json.reserve(reserve);
    json +=
        JsonText::eventPrefix(QStringLiteral("webhook_received"), QStringLiteral("T6"), receiver);
    json += ",\"ts\":\"";
    json += IsoTime::utcWithMs(atMs);
    json += "\",\"message\":{";
    return json;
}

// {"type":…,"source":"T6","ts":…,"message":{"listeners":n,"status":…,"trace_id":…}}: keys in
// the order QJsonDocument writes them (sorted), as serialize() does for the MonitorEvent.
QByteArray stepJson(const QString &traceId, WebhookStatus status, qint64 listeners,
                    const QString &receiver, qint64 atMs)
{
    QByteArray json = eventOpening(receiver, atMs, 200);
    if (listeners >= 0) {
        json += "\"listeners\":";
        json += QByteArray::number(listeners);
        json += ',';
    }
    json += "\"status\":\"";
    json += statusName(status).toLatin1();
    json += "\",\"trace_id\":";
    json += JsonText::string(traceId);
    json += "}}";
    return json;
}

} // namespace

QByteArray receivedJson(const WebhookSummary &summary, qint64 atMs)
{
    // The members of received()'s message (key, "key":value), in QJsonDocument's sorted order.
    std::vector<std::pair<QByteArray, QByteArray>> members;
    members.reserve(size_t(summary.fields.size()) + 6);
    const auto add = [&members](QByteArray key, const QByteArray &value) {
        QByteArray member = '"' + key + "\":" + value;
        members.emplace_back(std::move(key), std::move(member));
    };
    for (auto it = summary.fields.constBegin(); it != summary.fields.constEnd(); ++it)
        add(it.key().toLatin1(), JsonText::value(it.value())); // the fixed ASCII names
    add("trace_id", JsonText::string(summary.traceId));
    add("received_at", JsonText::string(summary.receivedAt));
    add("source_ip", JsonText::string(summary.sourceIp));
    add("status", JsonText::string(statusName(summary.status)));
    if (!summary.reason.isEmpty())
        add("reason", JsonText::string(summary.reason));
    add("listeners",
        summary.listeners < 0 ? QByteArrayLiteral("null") : QByteArray::number(summary.listeners));
    std::sort(members.begin(), members.end(),
              [](const auto &x, const auto &y) { return x.first < y.first; });
    QByteArray json = eventOpening(summary.receiver, atMs, 600);
    for (const auto &member : members) {
        json += member.second;
        json += ',';
    }
    json.back() = '}';
    json += '}';
    return json;
}

QByteArray fateChangedJson(const QString &traceId, Fate fate, qint64 listeners,
                           const QString &receiver, qint64 atMs)
{
    return stepJson(traceId, statusFor(fate, true), listeners, receiver, atMs);
}

QByteArray streamedJson(const QString &traceId, const QString &receiver, qint64 atMs)
{
    return stepJson(traceId, WebhookStatus::Streamed, -1, receiver, atMs);
}

MonitorEvent streamed(const QString &traceId, const QString &receiver)
{
    return event({{QLatin1String("trace_id"), traceId},
                  {QLatin1String("status"), statusName(WebhookStatus::Streamed)}},
                 receiver);
}

MonitorEvent fromJournal(const JournalRecord &record, const QString &receiver)
{
    WebhookSummary summary =
        WebhookSummary::fromPayload(QJsonDocument::fromJson(record.payload).object());
    summary.traceId = record.traceId;
    summary.receivedAt = record.receivedAt;
    summary.sourceIp = record.sourceIp;
    summary.reason = record.reason;
    summary.listeners = record.listeners;
    summary.payload = record.payload;
    summary.receiver = receiver;
    summary.status = record.outcome == Outcome::Duplicate ? WebhookStatus::Duplicate
                     : record.outcome == Outcome::Rejected
                         ? WebhookStatus::Rejected
                         : statusFor(record.fate, record.streamed);
    MonitorEvent e = receivedHere(summary);
    // Not T6 speaking now: what it did then says nothing of T3 today, nor of a strategy's bars.
    e.source = QStringLiteral("journal");
    e.ts = QDateTime::fromMSecsSinceEpoch(record.receivedMs, Qt::UTC);
    if (record.streamedAtMs > 0)
        e.message.insert(QLatin1String("streamed_at"), isoMs(record.streamedAtMs));
    if (record.fate == Fate::Forwarded || record.fate == Fate::Replayed)
        e.message.insert(QLatin1String("published_at"), isoMs(record.fateAtMs));
    return e;
}

} // namespace WebhookEvents
