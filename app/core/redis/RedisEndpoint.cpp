#include "redis/RedisEndpoint.h"

#include <QStringList>

QString RedisEndpoint::label(const Address &address)
{
    const QString host = address.host.contains(u':') ? u'[' + address.host + u']' : address.host;
    return host + u':' + QString::number(address.port);
}

QString RedisEndpoint::label() const
{
    if (!usesSentinel())
        return label({host, port});
    QStringList watchers;
    for (const Address &sentinel : sentinels)
        watchers << label(sentinel);
    return QStringLiteral("master %1 (sentinels %2)")
        .arg(QString::fromUtf8(masterName), watchers.join(u','));
}
