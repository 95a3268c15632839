#include "webhook/WebhookSummary.h"

#include <QJsonValue>

#include <utility>

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
    static const std::pair<const char *, const char *> wireNames[] = {
        {"symbol", "Symbol"},     {"exchange", "Exchange"},
        {"interval", "Interval"}, {"action", "Action"},
        {"prix", "Prix"},         {"prix_sl", "PrixSL"},
        {"prix_tp", "PrixTP"},    {"pour_cent", "PourCent"},
        {"user_id", "UserID"},    {"broker_id", "UserExchangeID"},
        {"bar_time", "BarTime"}};
    for (const auto &[wire, field] : wireNames) {
        const QJsonValue value = payload.value(QLatin1String(field));
        summary.fields.insert(QLatin1String(wire), value.isUndefined() ? QJsonValue() : value);
    }
    return summary;
}
