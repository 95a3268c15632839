#pragma once

#include "config/Settings.h"

#include <QJsonObject>

// `terminal6 resend|pause|resume …`: one request to the running instance's loopback admin route
// (POST /admin/<command>, with the token when one is set); prints its answer.
class AdminCommand
{
public:
    static int run(int &argc, char **argv, const Settings &settings, const QString &command,
                   const QJsonObject &body);
};
