#pragma once

#include <QByteArray>
#include <QString>

// Where a RedisConnection connects and how it authenticates; filled by the settings parser.
// The password is sent in AUTH only and never appears in logs or error messages.
struct RedisEndpoint {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    QByteArray user; // an ACL user (Redis 6+); empty: the default user
    QByteArray password;
    int db = 0;
    bool embedded = false; // a redis-server this process started (EmbeddedRedis)
};
