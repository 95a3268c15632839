#include "http/TlsConfig.h"

#include <QFile>

namespace {

QString readPem(const QString &path, const char *flag, QByteArray &pem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot read %2 (%3)")
            .arg(QLatin1String(flag), path, file.errorString());
    pem = file.readAll();
    return {};
}

} // namespace

QString TlsConfig::load(const QString &certPath, const QString &keyPath)
{
    if (certPath.isEmpty() != keyPath.isEmpty())
        return certPath.isEmpty() ? QStringLiteral("--tls-cert: missing (--tls-key is set)")
                                  : QStringLiteral("--tls-key: missing (--tls-cert is set)");
    QByteArray pem;
    if (QString error = readPem(certPath, "--tls-cert", pem); !error.isEmpty())
        return error;
    chain = QSslCertificate::fromData(pem, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull())
        return QStringLiteral("--tls-cert: no PEM certificate in %1").arg(certPath);
    if (QString error = readPem(keyPath, "--tls-key", pem); !error.isEmpty())
        return error;
    // The key type is not known in advance: try the usual ones.
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return QStringLiteral("--tls-key: no unencrypted PEM private key in %1").arg(keyPath);
    return {};
}

QSslConfiguration TlsConfig::serverConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::SecureProtocols);
    if (requireTradingViewCert) {
        // Checked against the system store (plus any injected CA); the subject is checked once
        // the handshake is done (EdgeGuard).
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        config.setCaCertificates(QSslConfiguration::defaultConfiguration().caCertificates() +
                                 extraCaCertificates);
    } else {
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    return config;
}

bool TlsConfig::isTradingViewCertificate(const QSslCertificate &certificate)
{
    return !certificate.isNull() &&
           certificate.subjectInfo(QSslCertificate::CommonName) ==
               QStringList{QStringLiteral("TradingView Webhooks")} &&
           certificate.subjectInfo(QSslCertificate::Organization) ==
               QStringList{QStringLiteral("TradingView, Inc.")};
}
