#pragma once

#include "Status.h"
#include "monitor/models/ActivityTimeline.h"

#include <QColor>

class QWidget;

// The one place where states become colours: the history, the inspector, the tiles, the header
// chips, the tray icon and the charts all ask here, so that "red" means the same everywhere.
namespace StatusColors {

QColor of(WebhookStatus status);
QColor of(TerminalState state);
// For money and other signed figures: green above zero, red below, the text colour at zero.
QColor ofSigned(double value, const QColor &neutral);
// A webhook's action, in the charts and the history: buys, sells, pings, updates (MAJ), other.
QColor of(ActivityTimeline::Action action);
// A step or a check as the assistant and the settings dialog show it: done, failed, not yet.
QColor done();
QColor failed();
QColor waiting();
// A label's text in `colour` (invalid: the default again), through its palette: a style sheet
// would re-polish the widget on every call, costly when figures refresh under load.
void setTextColour(QWidget *widget, const QColor &colour);

} // namespace StatusColors
