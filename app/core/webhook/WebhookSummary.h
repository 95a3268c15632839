#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

// What the monitor shows of one webhook request: who sent it, what it asks, what became of it.
// Never holds the token.
struct WebhookSummary {
    QString traceId;
    QString receivedAt;
    QString sourceIp;
    QString status; // received, rejected, queued, forwarded
    QString reason; // why it was rejected
    int httpStatus = 0;
    QString symbol;
    QString exchange;
    QString interval;
    QString action;
    QString prix;
    qint64 listeners = -1; // PUBLISH receiver count once forwarded

    static WebhookSummary fromPayload(const QJsonObject &payload);
};

Q_DECLARE_METATYPE(WebhookSummary)
