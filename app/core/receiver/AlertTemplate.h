#pragma once

#include <QByteArray>
#include <QString>

// The message to paste into TradingView's alert dialog: Aristobot3's fields, filled by
// TradingView's placeholders ({{ticker}}, {{close}}, ...) where TradingView knows the value.
struct AlertTemplate {
    QString action = QStringLiteral("BuyMarket"); // PING, BuyMarket, SellMarket, BuyLimit, ...
    int userId = 1;
    int userExchangeId = 1;
    int percent = 100;
    QString bodyTokenField; // non-empty: the token goes in the message, under this field
    QByteArray token;

    // The message as TradingView wants it, one field per line; `masked` hides the token.
    QString message(bool masked = false) const;
    // The message with the placeholders replaced by sample values: what TradingView would send.
    QByteArray sample() const;

    static QStringList actions();
};
