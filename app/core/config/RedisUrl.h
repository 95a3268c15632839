#pragma once

#include "redis/RedisEndpoint.h"

#include <QString>

// Parses Aristobot3's REDIS_URL form: redis://[[user]:password@]host[:port][/db].
namespace RedisUrl {
// Fills `endpoint` and returns an empty string, or returns why the URL is not usable.
QString parse(const QString &url, RedisEndpoint &endpoint);
} // namespace RedisUrl
