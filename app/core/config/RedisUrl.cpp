#include "config/RedisUrl.h"

#include <QUrl>

namespace RedisUrl {

QString parse(const QString &text, RedisEndpoint &endpoint)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("redis"))
        return QStringLiteral("expected redis://[:password@]host[:port][/db]");
    if (url.host().isEmpty())
        return QStringLiteral("no host");
    const int port = url.port(6379);
    if (port < 1 || port > 65535)
        return QStringLiteral("port out of range");

    int db = 0;
    const QString path = url.path();
    if (!path.isEmpty() && path != QLatin1String("/")) {
        bool ok = false;
        db = path.mid(1).toInt(&ok);
        if (!ok || db < 0)
            return QStringLiteral("database must be a number, as in redis://host:6379/0");
    }

    endpoint.host = url.host();
    endpoint.port = quint16(port);
    endpoint.db = db;
    endpoint.user = url.userName(QUrl::FullyDecoded).toUtf8();
    endpoint.password = url.password(QUrl::FullyDecoded).toUtf8();
    return {};
}

} // namespace RedisUrl
