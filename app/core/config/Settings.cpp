#include "config/Settings.h"

#include <QHostAddress>

QString Settings::effectiveHost() const
{
    if (hasToken())
        return host;
    const QHostAddress address(host);
    if (address.isLoopback() || host == QLatin1String("localhost"))
        return host;
    return QStringLiteral("127.0.0.1");
}
