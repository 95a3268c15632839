#include "receiver/PublicAddress.h"

#include <QHostAddress>
#include <QNetworkReply>

PublicAddress::PublicAddress(QObject *parent)
    : QObject(parent)
{
    m_http.setTransferTimeout(5000);
}

void PublicAddress::detect()
{
    QNetworkReply *reply = m_http.get(QNetworkRequest(QUrl(QString::fromLatin1(Service))));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QString text = QString::fromLatin1(reply->read(64)).trimmed();
        const QHostAddress address(text);
        if (reply->error() != QNetworkReply::NoError)
            Q_EMIT failed(reply->errorString());
        else if (address.protocol() != QAbstractSocket::IPv4Protocol)
            Q_EMIT failed(tr("%1 did not answer with an IPv4 address").arg(QLatin1String(Service)));
        else
            Q_EMIT detected(address.toString());
    });
}
