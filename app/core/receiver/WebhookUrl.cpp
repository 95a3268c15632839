#include "receiver/WebhookUrl.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QUrl>

QList<WebhookUrl> WebhookUrl::forReceiver(const Settings &settings, quint16 port)
{
    const QString host = settings.effectiveHost();
    QStringList hosts;
    if (isEveryAddress(host)) {
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
                hosts.append(address.toString());
        }
    }
    if (hosts.isEmpty())
        hosts.append(isEveryAddress(host) ? QStringLiteral("127.0.0.1") : host);

    QList<WebhookUrl> urls;
    for (const QString &name : std::as_const(hosts))
        urls.append(forHost(settings, name, port));
    return urls;
}

WebhookUrl WebhookUrl::forHost(const Settings &settings, const QString &host, quint16 port,
                               bool tokenInPath)
{
    const bool tls = !settings.tlsCert.isEmpty();
    const bool defaultPort = port == (tls ? 443 : 80);
    const QString base = (tls ? QStringLiteral("https://") : QStringLiteral("http://")) +
                         urlHost(host) + (defaultPort ? QString() : u':' + QString::number(port)) +
                         settings.path;
    if (!settings.hasToken() || !tokenInPath)
        return {base, base};
    // Only the first token: the others are for other senders, told by whoever set them.
    return {base + QStringLiteral("/••••••••"),
            base + u'/' +
                QString::fromLatin1(
                    QUrl::toPercentEncoding(QString::fromUtf8(settings.tokens.constFirst())))};
}

bool WebhookUrl::isEveryAddress(const QString &host)
{
    return host == QLatin1String("0.0.0.0") || host == QLatin1String("::");
}

QString WebhookUrl::listenUrl(const Settings &settings, quint16 port)
{
    const QString host = settings.effectiveHost();
    const bool tls = !settings.tlsCert.isEmpty();
    return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) +
           urlHost(isEveryAddress(host) ? QHostInfo::localHostName() : host) + u':' +
           QString::number(port) + settings.path;
}

QString WebhookUrl::urlHost(const QString &host)
{
    return host.contains(u':') ? u'[' + host + u']' : host;
}
