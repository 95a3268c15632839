#pragma once

#include "MonitorEvent.h"
#include "journal/JournalRecord.h"
#include "webhook/WebhookSummary.h"

// Terminal 6's own `webhook_received` events (WIRE.md §4), built in one place for the local
// monitor and for what is published on the `websockets` channel.
namespace WebhookEvents {

// For the `websockets` channel: the summary only, small.
MonitorEvent received(const WebhookSummary &summary);
// For this process's own monitor: with the payload, for the inspector.
MonitorEvent receivedHere(const WebhookSummary &summary);
// A later step of the same webhook: forwarded, held, expired, replayed.
// `receiver`: the name of the receiver that took it (summary.receiver for the first).
MonitorEvent fateChanged(const QString &traceId, Fate fate, qint64 listeners,
                         const QString &receiver = {});
// The webhook is in the stream.
MonitorEvent streamed(const QString &traceId, const QString &receiver = {});
// received() and the two above, as the bytes published on `websockets` (EventParser::serialize of
// the events above, stamped `atMs`), written directly: the net thread publishes three per webhook,
// and a QJsonObject written by QJsonDocument cost a fifth of its time (tst_webhookevents holds the
// bytes equal).
QByteArray receivedJson(const WebhookSummary &summary, qint64 atMs);
QByteArray fateChangedJson(const QString &traceId, Fate fate, qint64 listeners,
                           const QString &receiver, qint64 atMs);
QByteArray streamedJson(const QString &traceId, const QString &receiver, qint64 atMs);
// A journal row as the event it was, with where it stands now (history at start); its source is
// "journal", not "T6".
MonitorEvent fromJournal(const JournalRecord &record, const QString &receiver = {});

} // namespace WebhookEvents
