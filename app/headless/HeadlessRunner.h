#pragma once

#include "config/Settings.h"

// The receiver without a display: logs to stdout, drains and exits 0 on SIGTERM/SIGINT.
// Never touches QtGui or QtWidgets.
class HeadlessRunner
{
public:
    static int run(int &argc, char **argv, const Settings &settings);
};
