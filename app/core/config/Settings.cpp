#include "config/Settings.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QSysInfo>

QString Settings::effectiveHost() const
{
    if (hasToken())
        return host;
    const QHostAddress address(host);
    if (address.isLoopback() || host == QLatin1String("localhost"))
        return host;
    return QStringLiteral("127.0.0.1");
}

QString Settings::effectiveReceiverName() const
{
    if (!receiverName.isEmpty())
        return receiverName;
    QString name = QSysInfo::machineHostName();
    static const QRegularExpression notInAName(QStringLiteral("[^A-Za-z0-9._-]"));
    name.replace(notInAName, QStringLiteral("-"));
    return (name.isEmpty() ? QStringLiteral("terminal6") : name.left(48)) + u':' +
           QString::number(port);
}
