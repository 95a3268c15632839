#pragma once

#include "Status.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

// What the monitor shows of one webhook request: who sent it, what it asks, what became of it.
// Never holds the token.
struct WebhookSummary {
    QString traceId;
    QString receivedAt;
    QString sourceIp;
    QString receiver; // the receiver that took it (--receiver-name)
    WebhookStatus status = WebhookStatus::Received;
    QString reason; // why it was rejected
    int httpStatus = 0;
    QString symbol;
    QString exchange;
    QString interval;
    QString action;
    QString prix;
    qint64 listeners = -1; // PUBLISH receiver count once forwarded
    // The payload summary of WIRE.md §4 (symbol, exchange, interval, action, prix, prix_sl,
    // prix_tp, pour_cent, user_id, broker_id, bar_time) with the values as sent, null if absent.
    QJsonObject fields;
    QByteArray payload; // the payload JSON as journaled (token-free), for this process's monitor

    static WebhookSummary fromPayload(const QJsonObject &payload);
};

Q_DECLARE_METATYPE(WebhookSummary)
