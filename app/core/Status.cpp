#include "Status.h"

QString stateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected: return QStringLiteral("disconnected");
    case ConnectionState::Connecting: return QStringLiteral("connecting");
    case ConnectionState::Connected: return QStringLiteral("connected");
    }
    return QStringLiteral("unknown");
}

QString stateName(TerminalState state)
{
    switch (state) {
    case TerminalState::Up: return QStringLiteral("up");
    case TerminalState::Degraded: return QStringLiteral("degraded");
    case TerminalState::Down: return QStringLiteral("down");
    case TerminalState::Unknown: break;
    }
    return QStringLiteral("unknown");
}

TerminalState terminalStateFromName(QStringView name)
{
    if (name == QLatin1String("up"))
        return TerminalState::Up;
    if (name == QLatin1String("degraded"))
        return TerminalState::Degraded;
    if (name == QLatin1String("down"))
        return TerminalState::Down;
    return TerminalState::Unknown;
}
