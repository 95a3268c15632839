#pragma once

#include "config/Settings.h"
#include "support/RedisServer.h"

// The settings of an in-process receiver under test: loopback on a free port, the test's Redis
// and data folder, one token, no duplicate window, forwarding whether or not anyone listens.
inline Settings testSettings(const RedisServer &redis, const QString &dataDir,
                             const QByteArray &token)
{
    Settings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = 0;
    settings.tokens = {token};
    settings.redis = redis.endpoint();
    settings.dataDir = dataDir;
    settings.dedupeWindowS = 0;
    settings.requireListener = false;
    settings.embeddedRedis = Settings::EmbeddedRedis::Never;
    return settings;
}
