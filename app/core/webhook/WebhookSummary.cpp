#include "WebhookSummary.h"

#include <QJsonValue>

namespace {

// TradingView templates send numbers or strings alike; show either as text.
QString text(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

} // namespace

WebhookSummary WebhookSummary::fromPayload(const QJsonObject &payload)
{
    WebhookSummary summary;
    summary.symbol = text(payload.value(QLatin1String("Symbol")));
    summary.exchange = text(payload.value(QLatin1String("Exchange")));
    summary.interval = text(payload.value(QLatin1String("Interval")));
    summary.action = text(payload.value(QLatin1String("Action")));
    summary.prix = text(payload.value(QLatin1String("Prix")));
    return summary;
}
