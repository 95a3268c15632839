#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

// One event of the trading system, whatever brought it (the Redis `websockets` channel, a Daphne
// WebSocket frame, our own receiver): the Django Channels shape of WIRE.md §4.
struct MonitorEvent {
    QString type;   // webhook_received, webhook_update, position_update, terminal_status, ...
    QString source; // T1..T7 as sent; "daphne" for wrapped Daphne frames
    QDateTime ts;   // UTC; the arrival time when the event had none
    QJsonObject message;
    QString receiver; // T6's events: which receiver sent them (several may share a Redis)
};

Q_DECLARE_METATYPE(MonitorEvent)
