#pragma once

#include "Status.h"

#include <QByteArray>
#include <QIcon>

class QPainter;

// The Terminal 6 mark with a dot in the colour of a state: the tray and the window icon show the
// whole system's state (TerminalHealthModel::overallState) at one look. Drawn once per state.
// The installed application icon (hicolor PNGs and SVG, installer/tools) is the same mark with
// the dot of a terminal that is up, drawn by the same two functions below.
namespace StatusIcon {
QIcon forState(TerminalState state);

void paint(QPainter &painter, int size, const QColor &dotColor);
QByteArray svg(const QColor &dotColor); // the same mark, 256 units wide
} // namespace StatusIcon
