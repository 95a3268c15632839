#include "ReceiverStatus.h"

QString ReceiverStatus::redisName(Redis redis)
{
    switch (redis) {
    case Redis::Ok: return QStringLiteral("ok");
    case Redis::Refusing: return QStringLiteral("refusing");
    case Redis::Error: break;
    }
    return QStringLiteral("error");
}
