#pragma once

#include <QMetaType>
#include <QString>

// One state vocabulary for every link (Redis, listeners, terminals): the tray, the window,
// /health and the headless log all render these same values.
enum class ConnectionState { Disconnected, Connecting, Connected };

QString stateName(ConnectionState state);

Q_DECLARE_METATYPE(ConnectionState)

// A terminal's health (WIRE.md §4-5). A signal that cannot be read is Unknown, never Up.
enum class TerminalState { Unknown, Up, Degraded, Down };

QString stateName(TerminalState state);
TerminalState terminalStateFromName(QStringView name); // "up", "degraded", "down"; else Unknown

Q_DECLARE_METATYPE(TerminalState)
