#pragma once

#include "Status.h"

#include <QIcon>

// The Terminal 6 mark with a dot in the colour of a state: the tray and the window icon show the
// whole system's state (TerminalHealthModel::overallState) at one look. Drawn once per state.
namespace StatusIcon {
QIcon forState(TerminalState state);
} // namespace StatusIcon
