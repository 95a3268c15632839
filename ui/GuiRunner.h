#pragma once

#include "config/Settings.h"

// The desktop front end: window, tray icon, and the receiver behind them.
class GuiRunner
{
public:
    static int run(int &argc, char **argv, const Settings &settings);
};
