#pragma once

#include "Status.h"

#include <QIcon>

// The Terminal 6 mark, tinted by the Redis link's state: one look at the tray tells it all.
namespace StatusIcon {
QIcon forState(ConnectionState state);
QColor colorFor(ConnectionState state);
} // namespace StatusIcon
