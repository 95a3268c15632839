#pragma once

#include "config/Settings.h"

// `terminal6 resend <trace_id>|--expired`: asks the running instance (its loopback admin route)
// to re-send held or expired webhooks, and prints its answer.
class ResendCommand
{
public:
    static int run(int &argc, char **argv, const Settings &settings, const QString &traceId);
};
