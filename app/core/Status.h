#pragma once

#include <QMetaType>
#include <QString>

// One state vocabulary for every link (Redis, listeners, terminals): the tray, the window,
// /health and the headless log all render these same values.
enum class ConnectionState { Disconnected, Connecting, Connected };

QString stateName(ConnectionState state);

Q_DECLARE_METATYPE(ConnectionState)
