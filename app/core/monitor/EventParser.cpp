#include "monitor/EventParser.h"

#include "IsoTime.h"
#include "JsonText.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <QTimeZone>
#include <cmath>

namespace EventParser {

std::optional<MonitorEvent> parse(QByteArrayView json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (parseError.error != QJsonParseError::NoError)
        return fail(parseError.errorString());
    if (!document.isObject())
        return fail(QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();
    const QJsonValue type = object.value(QLatin1String("type"));
    if (!type.isString() || type.toString().isEmpty())
        return fail(QStringLiteral("no type"));
    MonitorEvent event;
    event.type = type.toString();
    event.source = object.value(QLatin1String("source")).toString();
    event.receiver = object.value(QLatin1String("receiver")).toString();
    event.ts = timestamp(object.value(QLatin1String("ts")));
    if (!event.ts.isValid())
        event.ts = QDateTime::currentDateTimeUtc();
    const QJsonValue message = object.value(QLatin1String("message"));
    if (!message.isObject())
        return fail(QStringLiteral("message is not an object"));
    event.message = message.toObject();
    return event;
}

std::optional<MonitorEvent> wrapDaphneFrame(QStringView route, const QJsonObject &frame,
                                            const QDateTime &arrival)
{
    MonitorEvent event;
    if (route.endsWith(QLatin1String("/ws/webhooks/")) || route == QLatin1String("/ws/webhooks/"))
        event.type = QStringLiteral("webhook_update");
    else if (route.endsWith(QLatin1String("/ws/heartbeat/")))
        event.type = QStringLiteral("heartbeat_message");
    else
        return std::nullopt;
    event.source = QStringLiteral("daphne");
    event.ts = arrival.toUTC();
    event.message = frame;
    return event;
}

QByteArray serialize(const MonitorEvent &event)
{
    // The message is written by QJsonDocument.
    return JsonText::eventPrefix(event.type, event.source, event.receiver) + ",\"ts\":\"" +
           IsoTime::utcWithMs(event.ts.toMSecsSinceEpoch()) +
           "\",\"message\":" + QJsonDocument(event.message).toJson(QJsonDocument::Compact) + "}";
}

std::optional<double> decimal(const QJsonValue &value)
{
    double number = 0;
    bool ok = value.isDouble();
    if (ok)
        number = value.toDouble();
    else if (value.isString())
        number = value.toString().trimmed().toDouble(&ok);
    if (ok && std::isfinite(number))
        return number;
    return std::nullopt;
}

std::optional<qint64> integer(const QJsonValue &value)
{
    const std::optional<double> parsed = decimal(value);
    if (!parsed || std::trunc(*parsed) != *parsed || std::abs(*parsed) > 9.0e15)
        return std::nullopt;
    return qint64(*parsed);
}

QString text(const QJsonValue &value)
{
    return value.isString() ? value.toString().trimmed() : QString();
}

void mergeText(QString &field, const QJsonValue &value)
{
    QString given = text(value);
    if (!given.isEmpty())
        field = std::move(given);
}

QDateTime timestamp(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double ms = value.toDouble();
        return ms > 0 ? QDateTime::fromMSecsSinceEpoch(qint64(ms), Qt::UTC) : QDateTime();
    }
    QString text = value.toString().trimmed();
    if (text.isEmpty())
        return {};
    // Qt rounds digits past the millisecond; cut them instead, so that T6's microsecond receipt
    // stamp never lands after the step that followed it within the same millisecond.
    if (const qsizetype dot = text.indexOf(QLatin1Char('.')); dot > 0) {
        qsizetype end = dot + 1;
        while (end < text.size() && text.at(end).isDigit())
            ++end;
        if (end - dot - 1 > 3)
            text.remove(dot + 4, end - dot - 4);
    }
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    // No offset given: Aristobot3 writes naive UTC.
    const bool hasOffset = text.endsWith(QLatin1Char('Z')) ||
                           text.lastIndexOf(QLatin1Char('+')) > 9 ||
                           text.lastIndexOf(QLatin1Char('-')) > 9;
    if (!hasOffset)
        parsed.setTimeSpec(Qt::UTC);
    return parsed.toUTC();
}

} // namespace EventParser
