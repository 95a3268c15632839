#pragma once

#include <QNetworkAccessManager>
#include <QObject>

// This machine's public IPv4 address as the internet sees it (the one TradingView must reach),
// asked of a "what is my IP" service over HTTPS. Behind a NAT no interface carries it.
class PublicAddress : public QObject
{
    Q_OBJECT
public:
    explicit PublicAddress(QObject *parent = nullptr);

    void detect();
    static inline const char *Service = "https://api.ipify.org";

Q_SIGNALS:
    void detected(const QString &ipv4);
    void failed(const QString &reason);

private:
    QNetworkAccessManager m_http;
};
