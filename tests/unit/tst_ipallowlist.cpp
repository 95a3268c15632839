// Unit tests of IpAllowlist: CIDRs of both families, the tradingview alias, and a clear error
// for anything that is not a range.
#include "http/IpAllowlist.h"

#include <QTest>

class TestIpAllowlist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allows_data();
    void allows();
    void invalidEntriesAreNamed_data();
    void invalidEntriesAreNamed();
    void emptyAllowsAllButContainsNothing();
};

void TestIpAllowlist::allows_data()
{
    QTest::addColumn<QStringList>("entries");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("allowed");

    const QStringList v4{QStringLiteral("203.0.113.0/24"), QStringLiteral("198.51.100.7")};
    const QStringList v6{QStringLiteral("2001:db8::/32")};
    const QStringList tv{QStringLiteral("tradingview")};

    QTest::newRow("v4 in range") << v4 << QStringLiteral("203.0.113.200") << true;
    QTest::newRow("v4 below range") << v4 << QStringLiteral("203.0.112.255") << false;
    QTest::newRow("v4 single address") << v4 << QStringLiteral("198.51.100.7") << true;
    QTest::newRow("v4 next to single") << v4 << QStringLiteral("198.51.100.8") << false;
    QTest::newRow("v4 mapped in range") << v4 << QStringLiteral("::ffff:203.0.113.9") << true;
    QTest::newRow("v6 against v4 list") << v4 << QStringLiteral("2001:db8::1") << false;
    QTest::newRow("v6 in range") << v6 << QStringLiteral("2001:db8:ffff::1") << true;
    QTest::newRow("v6 outside") << v6 << QStringLiteral("2001:db9::1") << false;
    QTest::newRow("v4 against v6 list") << v6 << QStringLiteral("203.0.113.1") << false;
    for (const QString &address : IpAllowlist::tradingViewAddresses())
        QTest::addRow("tradingview %s", qPrintable(address)) << tv << address << true;
    QTest::newRow("tradingview alias is exact") << tv << QStringLiteral("52.89.214.239") << false;
    QTest::newRow("alias case-insensitive, with spaces")
        << QStringList{QStringLiteral(" TradingView ")} << QStringLiteral("52.32.178.7") << true;
    QTest::newRow("alias mixed with CIDRs")
        << QStringList{QStringLiteral("tradingview"), QStringLiteral("10.0.0.0/8")}
        << QStringLiteral("10.1.2.3") << true;
}

void TestIpAllowlist::allows()
{
    QFETCH(QStringList, entries);
    QFETCH(QString, address);
    QFETCH(bool, allowed);

    QString error;
    const auto list = IpAllowlist::parse(entries, &error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->allows(QHostAddress(address)), allowed);
    QCOMPARE(list->contains(QHostAddress(address)), allowed);
}

void TestIpAllowlist::invalidEntriesAreNamed_data()
{
    QTest::addColumn<QString>("entry");
    QTest::newRow("word") << QStringLiteral("tradingvew");
    QTest::newRow("v4 prefix too long") << QStringLiteral("10.0.0.0/33");
    QTest::newRow("v6 prefix too long") << QStringLiteral("2001:db8::/129");
    QTest::newRow("octet over 255") << QStringLiteral("300.1.2.3/8");
    QTest::newRow("prefix not a number") << QStringLiteral("10.0.0.0/x");
    QTest::newRow("negative prefix") << QStringLiteral("10.0.0.0/-1");
    QTest::newRow("hostname") << QStringLiteral("example.com");
}

void TestIpAllowlist::invalidEntriesAreNamed()
{
    QFETCH(QString, entry);
    QString error;
    const auto list =
        IpAllowlist::parse({QStringLiteral("10.0.0.0/8"), entry, QStringLiteral("::1")}, &error);
    QVERIFY(!list);
    QVERIFY2(error.contains(entry), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
}

void TestIpAllowlist::emptyAllowsAllButContainsNothing()
{
    for (const QStringList &entries :
         {QStringList(), QStringList{QString(), QStringLiteral(" ")}}) {
        const auto list = IpAllowlist::parse(entries);
        QVERIFY(list);
        QVERIFY(list->isEmpty());
        QVERIFY(list->allows(QHostAddress(QStringLiteral("203.0.113.1"))));
        QVERIFY(list->allows(QHostAddress(QStringLiteral("2001:db8::1"))));
        // As a trusted-proxy list, empty means no proxy is trusted.
        QVERIFY(!list->contains(QHostAddress(QStringLiteral("203.0.113.1"))));
    }
}

QTEST_GUILESS_MAIN(TestIpAllowlist)
#include "tst_ipallowlist.moc"
