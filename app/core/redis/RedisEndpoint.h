#pragma once

#include <QByteArray>
#include <QList>
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
    // Redis Sentinel: when given, host and port are only where the master was last seen; the
    // sentinels are asked at every connect (see SentinelLookup).
    struct Address {
        QString host;
        quint16 port = 26379;
        bool operator==(const Address &) const = default;
    };
    QList<Address> sentinels;
    QByteArray masterName;

    bool usesSentinel() const { return !sentinels.isEmpty(); }
    // For messages: host:port, or the master's name and its sentinels. Never the password.
    QString label() const;
    static QString label(const Address &address); // [v6]:port
};
