#pragma once

#include <QLoggingCategory>

// The Redis layer's logging category ("t6.redis"), so QT_LOGGING_RULES can tune it on its own.
Q_DECLARE_LOGGING_CATEGORY(lcRedis)
