#include "receiver/AlertTemplate.h"

#include "JsonText.h"

#include <QDateTime>
#include <QStringList>

namespace {

QString jsonString(const QString &text)
{
    return QString::fromUtf8(JsonText::string(text));
}

} // namespace

QStringList AlertTemplate::actions()
{
    return {QStringLiteral("PING"),     QStringLiteral("BuyMarket"), QStringLiteral("SellMarket"),
            QStringLiteral("BuyLimit"), QStringLiteral("SellLimit"), QStringLiteral("MAJ")};
}

QString AlertTemplate::message(bool masked) const
{
    // Prices are numbers in Aristobot3's payload: {{close}} goes unquoted, TradingView writes
    // the number in its place. PrixSL/PrixTP start at 0 (none) for the trader to set.
    QStringList lines{
        QStringLiteral("\"Symbol\": \"{{ticker}}\""),
        QStringLiteral("\"Exchange\": \"{{exchange}}\""),
        QStringLiteral("\"Interval\": \"{{interval}}\""),
        QStringLiteral("\"Action\": %1").arg(jsonString(action)),
        QStringLiteral("\"Prix\": {{close}}"),
        QStringLiteral("\"PrixSL\": 0"),
        QStringLiteral("\"PrixTP\": 0"),
        QStringLiteral("\"PourCent\": %1").arg(percent),
        QStringLiteral("\"UserID\": %1").arg(userId),
        QStringLiteral("\"UserExchangeID\": %1").arg(userExchangeId),
        QStringLiteral("\"BarTime\": \"{{timenow}}\""),
    };
    if (!bodyTokenField.isEmpty())
        lines.append(QStringLiteral("%1: %2").arg(jsonString(bodyTokenField),
                                                  masked ? QStringLiteral("\"••••••••\"")
                                                         : jsonString(QString::fromUtf8(token))));
    return QStringLiteral("{\n  ") + lines.join(QStringLiteral(",\n  ")) + QStringLiteral("\n}");
}

QByteArray AlertTemplate::sample() const
{
    QString text = message();
    text.replace(QLatin1String("{{ticker}}"), QLatin1String("BTCUSDT"))
        .replace(QLatin1String("{{exchange}}"), QLatin1String("BINANCE"))
        .replace(QLatin1String("{{interval}}"), QLatin1String("5"))
        .replace(QLatin1String("{{close}}"), QLatin1String("43000.5"))
        .replace(QLatin1String("{{timenow}}"),
                 QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    return text.toUtf8();
}
