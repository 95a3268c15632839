#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// JSON written as QJsonDocument writes it (compact), without building a document: what the
// request path publishes (WebhookEvents) and the monitor's events (EventParser::serialize).
// tst_isotime and tst_webhookevents hold the bytes equal to QJsonDocument's.
namespace JsonText {
QByteArray string(const QString &text);    // quoted and escaped
QByteArray value(const QJsonValue &value); // scalars directly, arrays and objects by QJsonDocument
// {"type":…,"source":… — the start of every event, keys in WIRE.md's order.
QByteArray eventPrefix(const QString &type, const QString &source, const QString &receiver = {});
} // namespace JsonText
