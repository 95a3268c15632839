#pragma once

#include "Status.h"

#include <QColor>

// The one place where states become colours: the history, the inspector, the tiles, the header
// chips, the tray icon and the charts all ask here, so that "red" means the same everywhere.
namespace StatusColors {

QColor of(WebhookStatus status);
QColor of(TerminalState state);
// For money and other signed figures: green above zero, red below, the text colour at zero.
QColor ofSigned(double value, const QColor &neutral);
// A webhook's action in the charts: "BUY", "SELL", "PING", "MAJ", anything else.
QColor ofAction(const QString &action);

} // namespace StatusColors
