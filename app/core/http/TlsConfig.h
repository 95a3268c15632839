#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

// What EdgeGuard needs to serve HTTPS on the webhook port: our certificate chain and key, and
// whether callers must present TradingView's client certificate.
struct TlsConfig {
    QList<QSslCertificate> chain; // ours first, then intermediates
    QSslKey key;
    bool requireTradingViewCert = false;
    // Trusted for client certificates besides the system store (tests: a throwaway CA).
    QList<QSslCertificate> extraCaCertificates;

    bool isEnabled() const { return !chain.isEmpty() && !key.isNull(); }
    // Reads the PEM files of --tls-cert and --tls-key; returns an error line, or empty.
    QString load(const QString &certPath, const QString &keyPath);
    QSslConfiguration serverConfiguration() const;
    // The subject TradingView's webhook client certificate carries.
    static bool isTradingViewCertificate(const QSslCertificate &certificate);
};
