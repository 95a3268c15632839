#include "redis/RedisReply.h"

#include <hiredis/hiredis.h>

bool RedisReply::isError() const
{
    return type == Type::Error || type == Type::Disconnected;
}

RedisReply RedisReply::fromHiredis(const redisReply *reply)
{
    RedisReply result;
    if (!reply) {
        result.type = Type::Disconnected;
        return result;
    }
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        result.type = Type::Status;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        result.type = Type::Error;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_STRING:
        result.type = Type::String;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        result.type = Type::Integer;
        result.integer = reply->integer;
        break;
    case REDIS_REPLY_ARRAY:
        result.type = Type::Array;
        result.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            result.elements.append(fromHiredis(reply->element[i]));
        break;
    case REDIS_REPLY_NIL:
    default: // hiredis 0.14 speaks RESP2 only: nothing else can arrive
        result.type = Type::Nil;
        break;
    }
    return result;
}
