// Unit tests of ClientAddress: headers are believed only from trusted proxies, and then only up
// to the first hop that is not one; one limiter key per IPv4 address or IPv6 /64.
#include "http/ClientAddress.h"

#include <QTest>

class TestClientAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void parseHop_data();
    void parseHop();
    void key_data();
    void key();
};

void TestClientAddress::resolve_data()
{
    QTest::addColumn<QStringList>("trusted");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArrayList>("forwardedFor");
    QTest::addColumn<QByteArray>("realIp");
    QTest::addColumn<QString>("client");

    const QStringList none;
    const QStringList proxies{QStringLiteral("10.0.0.0/8"), QStringLiteral("fd00::/8")};
    const QString proxy = QStringLiteral("10.0.0.5");

    QTest::newRow("no proxy: the peer") << none << QStringLiteral("203.0.113.7") << QByteArrayList()
                                        << QByteArray() << QStringLiteral("203.0.113.7");
    QTest::newRow("XFF from an untrusted peer ignored")
        << none << QStringLiteral("203.0.113.7") << QByteArrayList{"52.89.214.238"}
        << QByteArray("52.89.214.238") << QStringLiteral("203.0.113.7");
    QTest::newRow("XFF from a peer outside the trusted ranges ignored")
        << proxies << QStringLiteral("192.0.2.1") << QByteArrayList{"52.89.214.238"} << QByteArray()
        << QStringLiteral("192.0.2.1");
    QTest::newRow("trusted proxy, one hop") << proxies << proxy << QByteArrayList{"52.89.214.238"}
                                            << QByteArray() << QStringLiteral("52.89.214.238");
    QTest::newRow("trusted proxy, chain: rightmost untrusted")
        << proxies << proxy << QByteArrayList{"1.1.1.1, 52.89.214.238, 10.0.0.9, 10.0.0.7"}
        << QByteArray() << QStringLiteral("52.89.214.238");
    QTest::newRow("trusted proxy, chain over two headers")
        << proxies << proxy << QByteArrayList{"1.1.1.1, 52.89.214.238", "10.0.0.9"} << QByteArray()
        << QStringLiteral("52.89.214.238");
    QTest::newRow("trusted proxy, X-Real-IP fallback")
        << proxies << proxy << QByteArrayList() << QByteArray("52.32.178.7")
        << QStringLiteral("52.32.178.7");
    QTest::newRow("trusted proxy, XFF before X-Real-IP")
        << proxies << proxy << QByteArrayList{"52.89.214.238"} << QByteArray("52.32.178.7")
        << QStringLiteral("52.89.214.238");
    QTest::newRow("trusted proxy, no headers: the proxy")
        << proxies << proxy << QByteArrayList() << QByteArray() << proxy;
    QTest::newRow("trusted proxy, only trusted hops: the leftmost")
        << proxies << proxy << QByteArrayList{"10.0.0.3, 10.0.0.4"} << QByteArray()
        << QStringLiteral("10.0.0.3");
    QTest::newRow("trusted proxy, garbage entries ignored")
        << proxies << proxy << QByteArrayList{"1.1.1.1, unknown, 52.89.214.238, not-an-ip,,  "}
        << QByteArray("junk") << QStringLiteral("52.89.214.238");
    QTest::newRow("trusted proxy, only garbage: X-Real-IP")
        << proxies << proxy << QByteArrayList{"unknown, 999.1.1.1"} << QByteArray("52.32.178.7")
        << QStringLiteral("52.32.178.7");
    QTest::newRow("trusted proxy, only garbage anywhere: the proxy")
        << proxies << proxy << QByteArrayList{"<script>"} << QByteArray("x") << proxy;
    QTest::newRow("trusted proxy, hop with a port")
        << proxies << proxy << QByteArrayList{"52.89.214.238:4711"} << QByteArray()
        << QStringLiteral("52.89.214.238");
    QTest::newRow("IPv6 peer, no proxy")
        << none << QStringLiteral("2001:db8::7") << QByteArrayList() << QByteArray()
        << QStringLiteral("2001:db8::7");
    QTest::newRow("IPv6 trusted proxy, IPv6 client")
        << proxies << QStringLiteral("fd00::1") << QByteArrayList{"2001:db8::7, fd00::2"}
        << QByteArray() << QStringLiteral("2001:db8::7");
    QTest::newRow("IPv6 bracketed hop with a port")
        << proxies << proxy << QByteArrayList{"[2001:db8::7]:443"} << QByteArray()
        << QStringLiteral("2001:db8::7");
    QTest::newRow("mapped peer as IPv4")
        << none << QStringLiteral("::ffff:1.2.3.4") << QByteArrayList() << QByteArray()
        << QStringLiteral("1.2.3.4");
    QTest::newRow("mapped peer matches an IPv4 trusted range")
        << proxies << QStringLiteral("::ffff:10.0.0.5") << QByteArrayList{"52.89.214.238"}
        << QByteArray() << QStringLiteral("52.89.214.238");
    QTest::newRow("mapped hop as IPv4") << proxies << proxy << QByteArrayList{"::ffff:1.2.3.4"}
                                        << QByteArray() << QStringLiteral("1.2.3.4");
}

void TestClientAddress::resolve()
{
    QFETCH(QStringList, trusted);
    QFETCH(QString, peer);
    QFETCH(QByteArrayList, forwardedFor);
    QFETCH(QByteArray, realIp);
    QFETCH(QString, client);

    const auto ranges = IpAllowlist::parse(trusted);
    QVERIFY(ranges);
    const ClientAddress clients(*ranges);
    const QHostAddress resolved = clients.resolve(QHostAddress(peer), forwardedFor, realIp);
    QCOMPARE(resolved.toString(), client);
}

void TestClientAddress::parseHop_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("address"); // empty: not an address

    QTest::newRow("v4") << QByteArray(" 1.2.3.4 ") << QStringLiteral("1.2.3.4");
    QTest::newRow("v4 port") << QByteArray("1.2.3.4:80") << QStringLiteral("1.2.3.4");
    QTest::newRow("v6") << QByteArray("2001:db8::1") << QStringLiteral("2001:db8::1");
    QTest::newRow("v6 bracketed") << QByteArray("[2001:db8::1]") << QStringLiteral("2001:db8::1");
    QTest::newRow("quoted") << QByteArray("\"1.2.3.4\"") << QStringLiteral("1.2.3.4");
    QTest::newRow("mapped") << QByteArray("::ffff:1.2.3.4") << QStringLiteral("1.2.3.4");
    QTest::newRow("unknown") << QByteArray("unknown") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("octet over 255") << QByteArray("1.2.3.256") << QString();
    QTest::newRow("unclosed bracket") << QByteArray("[2001:db8::1") << QString();
    QTest::newRow("hostname") << QByteArray("example.com") << QString();
    QTest::newRow("very long") << QByteArray(4096, '1') << QString();
}

void TestClientAddress::parseHop()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, address);
    const QHostAddress hop = ClientAddress::parseHop(text);
    QCOMPARE(hop.isNull() ? QString() : hop.toString(), address);
}

void TestClientAddress::key_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("other");
    QTest::addColumn<bool>("sameClient");
    QTest::addColumn<int>("size");

    QTest::newRow("v4") << QStringLiteral("203.0.113.7") << QStringLiteral("203.0.113.7") << true
                        << 4;
    QTest::newRow("v4 neighbour") << QStringLiteral("203.0.113.7") << QStringLiteral("203.0.113.8")
                                  << false << 4;
    QTest::newRow("mapped is its v4")
        << QStringLiteral("::ffff:203.0.113.7") << QStringLiteral("203.0.113.7") << true << 4;
    QTest::newRow("v6 within one /64")
        << QStringLiteral("2001:db8:1:2::1") << QStringLiteral("2001:db8:1:2:ffff:ffff:ffff:ffff")
        << true << 8;
    QTest::newRow("v6 next /64") << QStringLiteral("2001:db8:1:2::1")
                                 << QStringLiteral("2001:db8:1:3::1") << false << 8;
    QTest::newRow("v6 scope id ignored")
        << QStringLiteral("fe80::1%lo") << QStringLiteral("fe80::2") << true << 8;
}

void TestClientAddress::key()
{
    QFETCH(QString, address);
    QFETCH(QString, other);
    QFETCH(bool, sameClient);
    QFETCH(int, size);
    const QByteArray key = ClientAddress::key(QHostAddress(address));
    QCOMPARE(key.size(), size);
    QCOMPARE(key == ClientAddress::key(QHostAddress(other)), sameClient);
}

QTEST_GUILESS_MAIN(TestClientAddress)
#include "tst_clientaddress.moc"
