#pragma once

#include <QByteArray>
#include <QList>

struct redisReply;

// One Redis reply copied out of hiredis into Qt value types: handlers may keep it after hiredis
// frees its own reply, and no hiredis header leaks beyond app/core/redis.
struct RedisReply {
    enum class Type {
        Status,
        Error,
        Integer,
        Nil,
        String,
        Array,
        Disconnected // no reply: connection lost or command timed out
    };

    Type type = Type::Nil;
    QByteArray string; // Status, Error and String payloads, binary-safe
    qint64 integer = 0;
    QList<RedisReply> elements;

    // True for Error and Disconnected.
    bool isError() const;
    // A deep copy; nullptr (hiredis' "no reply") becomes Disconnected.
    static RedisReply fromHiredis(const redisReply *reply);
};
