#include "ReceiverStatus.h"

#include <QCoreApplication>
#include <QJsonValue>

QString ReceiverStatus::redisName(Redis redis)
{
    switch (redis) {
    case Redis::Ok: return QStringLiteral("ok");
    case Redis::Refusing: return QStringLiteral("refusing");
    case Redis::Error: break;
    }
    return QStringLiteral("error");
}

QString ReceiverStatus::redisText(Redis redis)
{
    switch (redis) {
    case Redis::Ok: return QCoreApplication::translate("ReceiverStatus", "ok");
    case Redis::Refusing: return QCoreApplication::translate("ReceiverStatus", "refusing");
    case Redis::Error: break;
    }
    return QCoreApplication::translate("ReceiverStatus", "error");
}

QJsonObject ReceiverStatus::toHealth() const
{
    QJsonObject health;
    // QJsonObject sorts keys; the four the clients rely on are all there.
    health.insert(QLatin1String("status"), QStringLiteral("running"));
    health.insert(QLatin1String("redis"), redisName(redis));
    if (!redisError.isEmpty())
        health.insert(QLatin1String("redis_error"), redisError);
    health.insert(QLatin1String("webhooks_received"), received);
    health.insert(QLatin1String("webhooks_rejected"), rejected);
    health.insert(QLatin1String("queued"), open);
    health.insert(QLatin1String("pending"), unstreamed);
    health.insert(QLatin1String("unpublished"), unpublished);
    health.insert(QLatin1String("held"), held);
    health.insert(QLatin1String("expired"), expired);
    health.insert(QLatin1String("oldest_pending_age_s"), oldestOpenAgeS);
    health.insert(QLatin1String("listeners"), listeners);
    health.insert(QLatin1String("paused"), paused);
    if (lostByRedis > 0)
        health.insert(QLatin1String("redis_lost"), lostByRedis);
    health.insert(QLatin1String("duplicates_in_redis"), duplicatesInRedis);
    health.insert(QLatin1String("receiver"), receiver);
    health.insert(QLatin1String("journal"),
                  journalHealthy ? QStringLiteral("ok") : QStringLiteral("error"));
    health.insert(QLatin1String("journal_bytes"), journalBytes);
    health.insert(QLatin1String("uptime_s"), uptimeS);
    return health;
}

ReceiverStatus ReceiverStatus::fromHealth(const QJsonObject &health)
{
    ReceiverStatus s;
    s.listening = health.value(QLatin1String("status")).toString() == QLatin1String("running");
    const QString redis = health.value(QLatin1String("redis")).toString();
    s.redis = redis == QLatin1String("ok")         ? Redis::Ok
              : redis == QLatin1String("refusing") ? Redis::Refusing
                                                   : Redis::Error;
    s.redisError = health.value(QLatin1String("redis_error")).toString();
    auto number = [&health](const char *key, qint64 fallback = 0) {
        return qint64(health.value(QLatin1String(key)).toDouble(double(fallback)));
    };
    s.received = number("webhooks_received");
    s.rejected = number("webhooks_rejected");
    s.open = number("queued");
    s.unstreamed = number("pending");
    s.unpublished = number("unpublished");
    s.held = number("held");
    s.expired = number("expired");
    s.oldestOpenAgeS = number("oldest_pending_age_s");
    s.listeners = number("listeners", -1);
    s.paused = health.value(QLatin1String("paused")).toBool();
    s.lostByRedis = number("redis_lost");
    s.duplicatesInRedis = number("duplicates_in_redis");
    s.receiver = health.value(QLatin1String("receiver")).toString();
    s.journalHealthy = health.value(QLatin1String("journal")).toString() != QLatin1String("error");
    s.journalBytes = number("journal_bytes");
    s.uptimeS = number("uptime_s");
    return s;
}
