// Unit tests of WebhookUrl: the URL to paste into TradingView, its token masked on screen.
#include "receiver/WebhookUrl.h"

#include <QNetworkInterface>
#include <QTest>

class TestWebhookUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenInThePathMaskedWhenShown()
    {
        Settings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.tokens = {QByteArrayLiteral("s3cr3t-token")};
        const QList<WebhookUrl> urls = WebhookUrl::forReceiver(settings, 8888);
        QCOMPARE(urls.size(), 1);
        QCOMPARE(urls[0].full, QStringLiteral("http://127.0.0.1:8888/webhook/s3cr3t-token"));
        QVERIFY(urls[0].shown.startsWith(QStringLiteral("http://127.0.0.1:8888/webhook/")));
        QVERIFY(!urls[0].shown.contains(QStringLiteral("s3cr3t")));
    }

    void defaultPortsAreLeftOut()
    {
        Settings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.tokens = {QByteArrayLiteral("t")};
        QCOMPARE(WebhookUrl::forReceiver(settings, 80).value(0).full,
                 QStringLiteral("http://127.0.0.1/webhook/t"));
        QVERIFY(WebhookUrl::portReachableByTradingView(80));
        QVERIFY(WebhookUrl::portReachableByTradingView(443));
        QVERIFY(!WebhookUrl::portReachableByTradingView(8888));
    }

    void allAddressesListsEveryIPv4()
    {
        Settings settings;
        settings.host = QStringLiteral("0.0.0.0");
        settings.tokens = {QByteArrayLiteral("t")};
        QStringList expected;
        for (const QHostAddress &address : QNetworkInterface::allAddresses())
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
                expected.append(address.toString());
        QStringList shown;
        for (const WebhookUrl &url : WebhookUrl::forReceiver(settings, 8888))
            shown.append(QUrl(url.full).host());
        for (const QString &address : std::as_const(expected))
            QVERIFY2(shown.contains(address), qPrintable(shown.join(u' ')));
        QVERIFY(!shown.isEmpty());
    }

    void ipv6AddressesAreBracketed()
    {
        // systemd's ListenStream=8888 binds [::] (every address, IPv4 too): the log showed
        // "http://:::8888/webhook".
        Settings settings;
        settings.tokens = {QByteArrayLiteral("t")};
        settings.host = QStringLiteral("::1");
        QCOMPARE(WebhookUrl::forReceiver(settings, 8888).value(0).full,
                 QStringLiteral("http://[::1]:8888/webhook/t"));
        QCOMPARE(WebhookUrl::listenUrl(settings, 8888),
                 QStringLiteral("http://[::1]:8888/webhook"));
        settings.host = QStringLiteral("::");
        for (const WebhookUrl &url : WebhookUrl::forReceiver(settings, 8888))
            QVERIFY2(QUrl(url.full).isValid() && !url.full.contains(QLatin1String(":::")),
                     qPrintable(url.full));
        QVERIFY(WebhookUrl::isEveryAddress(QStringLiteral("::")));
        QVERIFY(WebhookUrl::isEveryAddress(QStringLiteral("0.0.0.0")));
        const QString every = WebhookUrl::listenUrl(settings, 8888);
        QVERIFY2(!every.contains(QLatin1String(":::")) && QUrl(every).isValid(), qPrintable(every));
    }
};

QTEST_GUILESS_MAIN(TestWebhookUrl)
#include "tst_webhookurl.moc"
