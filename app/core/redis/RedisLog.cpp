#include "redis/RedisLog.h"

// Debug (every retry) is off unless asked for with QT_LOGGING_RULES="t6.redis.debug=true".
Q_LOGGING_CATEGORY(lcRedis, "t6.redis", QtInfoMsg)
