// HTTPS on the webhook port, and TradingView's client certificate when required: a throwaway
// CA, server and client certificates are made with the openssl command for each run.
#include "http/EdgeGuard.h"
#include "http/TlsConfig.h"
#include "receiver/ReceiverService.h"
#include "support/ChildProcess.h"
#include "support/RedisServer.h"

#include <QFile>
#include <QHttpServer>
#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

namespace {

const QByteArray token = QByteArrayLiteral("tls_test_token_2026");

struct HttpsOutcome {
    bool encrypted = false;
    int status = 0;
    QByteArray body;
};

// One HTTPS request from a blocking client (the servers run in other threads).
HttpsOutcome httpsPost(quint16 port, const QList<QSslCertificate> &trusted,
                       const QString &certPath = {}, const QString &keyPath = {})
{
    HttpsOutcome outcome;
    QSslSocket socket;
    QSslConfiguration config = socket.sslConfiguration();
    config.setCaCertificates(trusted);
    if (!certPath.isEmpty()) {
        QFile cert(certPath);
        QFile key(keyPath);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            return outcome;
        config.setLocalCertificate(QSslCertificate(cert.readAll(), QSsl::Pem));
        config.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa, QSsl::Pem));
    }
    socket.setSslConfiguration(config);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForEncrypted(5000))
        return outcome;
    outcome.encrypted = true;
    const QByteArray body = QByteArrayLiteral("{\"Action\":\"PING\",\"Symbol\":\"TLS\"}");
    socket.write("POST /webhook HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: " + token +
                 "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") || !answer.endsWith('}')) {
        if (!socket.waitForReadyRead(3000))
            break;
        answer += socket.readAll();
    }
    answer += socket.readAll();
    if (answer.startsWith("HTTP/1.1 "))
        outcome.status = answer.mid(9, 3).toInt();
    outcome.body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    return outcome;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void httpsWebhookIsAccepted();
    void badFilesAreClearErrors();
    void tradingViewCertificate_data();
    void tradingViewCertificate();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &arguments)
    {
        ChildProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(m_openssl, arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            qWarning().noquote() << process.readAllStandardError();
            return false;
        }
        return true;
    }
    // A key and a certificate for `subject`, signed by the throwaway CA (or self-signed).
    bool makeCertificate(const QString &name, const QString &subject, const QString &extensions,
                         bool selfSigned = false)
    {
        QFile ext(path(name + QStringLiteral(".ext")));
        if (!ext.open(QIODevice::WriteOnly) || ext.write(extensions.toLatin1()) < 0)
            return false;
        ext.close();
        const QString key = name + QStringLiteral(".key");
        const QString csr = name + QStringLiteral(".csr");
        const QString pem = name + QStringLiteral(".pem");
        if (!openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                      QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                      QStringLiteral("-keyout"), key, QStringLiteral("-out"), csr,
                      QStringLiteral("-subj"), subject}))
            return false;
        QStringList sign{QStringLiteral("x509"),     QStringLiteral("-req"),
                         QStringLiteral("-in"),      csr,
                         QStringLiteral("-out"),     pem,
                         QStringLiteral("-days"),    QStringLiteral("2"),
                         QStringLiteral("-extfile"), name + QStringLiteral(".ext")};
        if (selfSigned)
            sign << QStringLiteral("-signkey") << key;
        else
            sign << QStringLiteral("-CA") << QStringLiteral("ca.pem") << QStringLiteral("-CAkey")
                 << QStringLiteral("ca.key") << QStringLiteral("-CAcreateserial");
        return openssl(sign);
    }

    QString m_openssl;
    QTemporaryDir m_dir;
    QList<QSslCertificate> m_ca;
    RedisServer m_redis;
    // A bare guard with the throwaway CA injected, in its own thread.
    QThread m_guardThread;
    QHttpServer *m_http = nullptr;
    EdgeGuard *m_guard = nullptr;
    quint16 m_guardPort = 0;
    std::atomic<int> m_refused403{0};
};

void TestTls::initTestCase()
{
    m_openssl = QFile::exists(QStringLiteral("/usr/bin/openssl"))
                    ? QStringLiteral("/usr/bin/openssl")
                    : QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (m_openssl.isEmpty())
        QSKIP("no openssl command to make the test certificates");
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt");
    QVERIFY(
        openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                 QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                 QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                 QStringLiteral("/CN=T6 Throwaway Test CA"), QStringLiteral("-addext"),
                 QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                 QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}));
    QVERIFY(makeCertificate(QStringLiteral("server"), QStringLiteral("/CN=localhost"),
                            QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                           "extendedKeyUsage=serverAuth\n")));
    const QString clientExt = QStringLiteral("basicConstraints=CA:FALSE\n"
                                             "extendedKeyUsage=clientAuth\n");
    QVERIFY(makeCertificate(QStringLiteral("tradingview"),
                            QStringLiteral("/O=TradingView, Inc./CN=TradingView Webhooks"),
                            clientExt));
    QVERIFY(makeCertificate(QStringLiteral("impostor"),
                            QStringLiteral("/O=Someone Else/CN=TradingView Webhookz"), clientExt));
    QVERIFY(makeCertificate(QStringLiteral("selfsigned"),
                            QStringLiteral("/O=TradingView, Inc./CN=TradingView Webhooks"),
                            clientExt, true));
    m_ca = QSslCertificate::fromPath(path(QStringLiteral("ca.pem")));
    QCOMPARE(m_ca.size(), 1);

    T6_START_REDIS(m_redis);

    TlsConfig tls;
    QCOMPARE(tls.load(path(QStringLiteral("server.pem")), path(QStringLiteral("server.key"))),
             QString());
    tls.requireTradingViewCert = true;
    tls.extraCaCertificates = m_ca;
    m_guardThread.start();
    QObject *context = new QObject;
    context->moveToThread(&m_guardThread);
    QMetaObject::invokeMethod(
        context,
        [this, tls, context] {
            m_http = new QHttpServer;
            m_http->route(QStringLiteral("/webhook"), [] { return QStringLiteral("{}"); });
            m_guard = new EdgeGuard(EdgeGuard::Options{});
            m_guard->setTls(tls);
            connect(m_guard, &EdgeGuard::rejected, m_guard,
                    [this](int status, const QString &, const QHostAddress &) {
                        if (status == 403)
                            ++m_refused403;
                    });
            if (m_guard->listen(QHostAddress::LocalHost))
                m_guardPort = m_guard->serverPort();
            m_http->bind(m_guard);
            delete context;
        },
        Qt::BlockingQueuedConnection);
    QVERIFY(m_guardPort != 0);
}

void TestTls::cleanupTestCase()
{
    if (m_http) {
        QMetaObject::invokeMethod(
            m_http, [this] { delete m_http; }, Qt::BlockingQueuedConnection);
    }
    m_guardThread.quit();
    m_guardThread.wait();
}

void TestTls::httpsWebhookIsAccepted()
{
    Settings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = 0;
    settings.tokens = {token};
    settings.redis = m_redis.endpoint();
    settings.dataDir = path(QStringLiteral("data"));
    settings.rateLimit = 0;
    settings.tlsCert = path(QStringLiteral("server.pem"));
    settings.tlsKey = path(QStringLiteral("server.key"));
    ReceiverService service(settings);
    const QString error = service.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const HttpsOutcome outcome = httpsPost(service.port(), m_ca);
    QVERIFY(outcome.encrypted);
    QCOMPARE(outcome.status, 200);
    QVERIFY(outcome.body.contains("trace_id"));

    // Plain HTTP on the HTTPS port gets nothing accepted.
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, service.port());
    QVERIFY(plain.waitForConnected(3000));
    plain.write("GET /health HTTP/1.1\r\nHost: t6\r\n\r\n");
    plain.waitForReadyRead(2000);
    QVERIFY(!plain.readAll().startsWith("HTTP/1.1 200"));
    service.stop(std::chrono::milliseconds(500));
}

void TestTls::badFilesAreClearErrors()
{
    const auto startWith = [this](const QString &cert, const QString &key, bool requireTv) {
        Settings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = 0;
        settings.redis = m_redis.endpoint();
        settings.dataDir = path(QStringLiteral("bad"));
        settings.tlsCert = cert;
        settings.tlsKey = key;
        settings.requireTradingViewCert = requireTv;
        ReceiverService service(settings);
        return service.start();
    };
    QVERIFY(startWith(QStringLiteral("/x.pem"), path(QStringLiteral("server.key")), false)
                .startsWith(QStringLiteral("--tls-cert: cannot read /x.pem")));
    QVERIFY(startWith(path(QStringLiteral("server.pem")), QStringLiteral("/x.key"), false)
                .startsWith(QStringLiteral("--tls-key: cannot read /x.key")));
    QVERIFY(startWith(path(QStringLiteral("server.key")), path(QStringLiteral("server.key")), false)
                .startsWith(QStringLiteral("--tls-cert: no PEM certificate")));
    QVERIFY(startWith(path(QStringLiteral("server.pem")), path(QStringLiteral("server.pem")), false)
                .startsWith(QStringLiteral("--tls-key: no unencrypted PEM private key")));
    QVERIFY(startWith(path(QStringLiteral("server.pem")), QString(), false)
                .startsWith(QStringLiteral("--tls-key: missing")));
    QVERIFY(startWith(QString(), QString(), true)
                .startsWith(QStringLiteral("--require-tradingview-cert: needs")));
}

void TestTls::tradingViewCertificate_data()
{
    QTest::addColumn<QString>("client"); // empty: no client certificate
    QTest::addColumn<bool>("accepted");
    QTest::newRow("TradingView, signed by the trusted CA") << QStringLiteral("tradingview") << true;
    QTest::newRow("no client certificate") << QString() << false;
    QTest::newRow("wrong subject, signed by the trusted CA") << QStringLiteral("impostor") << false;
    QTest::newRow("TradingView subject, self-signed") << QStringLiteral("selfsigned") << false;
}

void TestTls::tradingViewCertificate()
{
    QFETCH(QString, client);
    QFETCH(bool, accepted);
    const int refusedBefore = m_refused403;
    const HttpsOutcome outcome =
        client.isEmpty() ? httpsPost(m_guardPort, m_ca)
                         : httpsPost(m_guardPort, m_ca, path(client + QStringLiteral(".pem")),
                                     path(client + QStringLiteral(".key")));
    if (accepted) {
        QCOMPARE(outcome.status, 200);
        QCOMPARE(int(m_refused403), refusedBefore);
    } else {
        QCOMPARE(outcome.status, 0); // refused at the handshake, no request got through
        QTRY_COMPARE(int(m_refused403), refusedBefore + 1);
    }
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
