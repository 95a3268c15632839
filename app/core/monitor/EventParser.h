#pragma once

#include "MonitorEvent.h"

#include <QByteArrayView>
#include <QJsonValue>

#include <optional>

// Reads the system's events tolerantly (WIRE.md §4): decimals as strings or numbers, timestamps
// with Z, +00:00 or no offset (UTC), unknown types passed on for the caller to ignore.
namespace EventParser {

// One message of the `websockets` channel; nullopt (with `error`) when it is not an event.
std::optional<MonitorEvent> parse(QByteArrayView json, QString *error = nullptr);
// A bare Daphne frame of /ws/webhooks/ (webhook_update) or /ws/heartbeat/ (heartbeat_message),
// wrapped in the envelope; nullopt for other routes.
std::optional<MonitorEvent> wrapDaphneFrame(QStringView route, const QJsonObject &frame,
                                            const QDateTime &arrival);
// (Its bytes: JsonText, which a reader can also use to tell an event by its prefix.)
// The envelope as JSON text, for publishing.
QByteArray serialize(const MonitorEvent &event);

// 43500, 43500.0 and "43500.00000000" alike; nullopt for null, empty, non-numeric or infinite.
std::optional<double> decimal(const QJsonValue &value);
// A whole number as a number or a string; nullopt past 2^53, where a double loses integers.
std::optional<qint64> integer(const QJsonValue &value);
// A string value, trimmed; empty for anything else.
QString text(const QJsonValue &value);
// Sets `field` only from a non-empty string: absent, null, empty or mistyped values never
// erase what an earlier event told.
void mergeText(QString &field, const QJsonValue &value);
// ISO-8601 with Z, an offset or none (UTC), or milliseconds since the epoch; invalid if neither.
QDateTime timestamp(const QJsonValue &value);

} // namespace EventParser
