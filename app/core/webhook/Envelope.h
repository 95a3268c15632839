#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <chrono>

// The webhook_raw message (WIRE.md §2): {"payload","received_at","source_ip","trace_id",
// "receiver"}, in that order, with the payload's bytes spliced in as sent. Aristobot3 reads the
// first four; "receiver" comes last so that a consumer can tell where an alert came in.
namespace Envelope {

QByteArray build(const QByteArray &payloadJson, const QString &receivedAt, const QString &sourceIp,
                 const QString &traceId, const QString &receiver);

// Naive UTC with microseconds: 2026-02-05T14:32:15.123456.
QString formatTimestamp(std::chrono::system_clock::time_point time);

// IPv4-mapped IPv6 (::ffff:1.2.3.4) shown as plain IPv4.
QString plainAddress(const QHostAddress &address);

// A fresh UUID4 without braces.
QString newTraceId();

} // namespace Envelope
