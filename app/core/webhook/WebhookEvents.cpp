#include "webhook/WebhookEvents.h"

#include <QJsonDocument>

namespace WebhookEvents {

namespace {

MonitorEvent event(QJsonObject message)
{
    MonitorEvent e;
    e.type = QStringLiteral("webhook_received");
    e.source = QStringLiteral("T6");
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
    message.insert(QLatin1String("status"), summary.status);
    if (!summary.reason.isEmpty())
        message.insert(QLatin1String("reason"), summary.reason);
    message.insert(QLatin1String("listeners"),
                   summary.listeners < 0 ? QJsonValue() : QJsonValue(summary.listeners));
    return event(message);
}

MonitorEvent fateChanged(const QString &traceId, Fate fate, qint64 listeners)
{
    QJsonObject message{{QLatin1String("trace_id"), traceId},
                        {QLatin1String("status"), fateName(fate)}};
    if (listeners >= 0)
        message.insert(QLatin1String("listeners"), listeners);
    return event(message);
}

MonitorEvent streamed(const QString &traceId)
{
    return event({{QLatin1String("trace_id"), traceId},
                  {QLatin1String("status"), QStringLiteral("streamed")}});
}

MonitorEvent fromJournal(const JournalRecord &record)
{
    WebhookSummary summary =
        WebhookSummary::fromPayload(QJsonDocument::fromJson(record.payload).object());
    summary.traceId = record.traceId;
    summary.receivedAt = record.receivedAt;
    summary.sourceIp = record.sourceIp;
    summary.reason = record.reason;
    summary.listeners = record.listeners;
    summary.status =
        record.outcome == Outcome::Accepted ? fateName(record.fate) : outcomeName(record.outcome);
    MonitorEvent e = received(summary);
    e.ts = QDateTime::fromMSecsSinceEpoch(record.receivedMs, Qt::UTC);
    return e;
}

} // namespace WebhookEvents
