// Unit tests of TokenCheck: every token presented must agree, and equal a configured one.
#include "http/TokenCheck.h"

#include <QTest>

class TestTokenCheck : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void required();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void TestTokenCheck::accepts_data()
{
    QTest::addColumn<QByteArrayList>("valid");
    QTest::addColumn<QByteArrayList>("presented"); // one entry per place it came from
    QTest::addColumn<bool>("accepted");

    const QByteArrayList one{QByteArrayLiteral("s3cret")};
    const QByteArrayList rotation{QByteArrayLiteral("old-token"), QByteArrayLiteral("new-token")};

    QTest::newRow("valid") << one << QByteArrayList{"s3cret"} << true;
    QTest::newRow("valid in two places") << one << QByteArrayList{"s3cret", "s3cret"} << true;
    QTest::newRow("valid in four places")
        << one << QByteArrayList{"s3cret", "s3cret", "s3cret", "s3cret"} << true;
    QTest::newRow("wrong") << one << QByteArrayList{"nope"} << false;
    QTest::newRow("empty") << one << QByteArrayList{""} << false;
    QTest::newRow("missing") << one << QByteArrayList() << false;
    QTest::newRow("prefix") << one << QByteArrayList{"s3cre"} << false;
    QTest::newRow("longer") << one << QByteArrayList{"s3cret!"} << false;
    QTest::newRow("trailing NUL") << one << QByteArrayList{QByteArray("s3cret\0", 7)} << false;
    QTest::newRow("other case") << one << QByteArrayList{"S3CRET"} << false;
    QTest::newRow("two places disagree, valid first")
        << one << QByteArrayList{"s3cret", "nope"} << false;
    QTest::newRow("two places disagree, valid last")
        << one << QByteArrayList{"nope", "s3cret"} << false;
    QTest::newRow("valid and empty") << one << QByteArrayList{"s3cret", ""} << false;
    QTest::newRow("three places, one disagrees")
        << one << QByteArrayList{"s3cret", "s3cret", "x"} << false;

    QTest::newRow("rotation: old") << rotation << QByteArrayList{"old-token"} << true;
    QTest::newRow("rotation: new") << rotation << QByteArrayList{"new-token"} << true;
    QTest::newRow("rotation: new twice")
        << rotation << QByteArrayList{"new-token", "new-token"} << true;
    QTest::newRow("rotation: old and new disagree")
        << rotation << QByteArrayList{"old-token", "new-token"} << false;
    QTest::newRow("rotation: neither") << rotation << QByteArrayList{"other"} << false;
    QTest::newRow("rotation: missing") << rotation << QByteArrayList() << false;

    QTest::newRow("none configured: nothing") << QByteArrayList() << QByteArrayList() << true;
    QTest::newRow("none configured: anything")
        << QByteArrayList() << QByteArrayList{"anything"} << true;
    QTest::newRow("none configured: disagreeing")
        << QByteArrayList() << QByteArrayList{"a", "b"} << true;
}

void TestTokenCheck::accepts()
{
    QFETCH(QByteArrayList, valid);
    QFETCH(QByteArrayList, presented);
    QFETCH(bool, accepted);

    const TokenCheck check(valid);
    QCOMPARE(check.accepts(presented), accepted);
}

void TestTokenCheck::required()
{
    QVERIFY(!TokenCheck().required());
    QVERIFY(!TokenCheck(QByteArrayList()).required());
    QVERIFY(TokenCheck({QByteArrayLiteral("s3cret")}).required());
    QVERIFY(TokenCheck({QByteArrayLiteral("a"), QByteArrayLiteral("b")}).required());
}

void TestTokenCheck::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("equal") << QByteArray("s3cret") << QByteArray("s3cret") << true;
    QTest::newRow("last byte differs") << QByteArray("s3cret") << QByteArray("s3cres") << false;
    QTest::newRow("first byte differs") << QByteArray("s3cret") << QByteArray("t3cret") << false;
    QTest::newRow("shorter") << QByteArray("s3cret") << QByteArray("s3cre") << false;
    QTest::newRow("longer") << QByteArray("s3cre") << QByteArray("s3cret") << false;
    // Padding the shorter side with zeros must not make these equal.
    QTest::newRow("trailing NUL") << QByteArray("abc\0", 4) << QByteArray("abc") << false;
    QTest::newRow("NUL vs empty") << QByteArray("\0", 1) << QByteArray() << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("empty vs one byte") << QByteArray() << QByteArray("a") << false;
    QTest::newRow("one byte vs empty") << QByteArray("a") << QByteArray() << false;
    QTest::newRow("embedded NUL equal") << QByteArray("a\0b", 3) << QByteArray("a\0b", 3) << true;
    QTest::newRow("embedded NUL differs")
        << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
    QTest::newRow("high bit") << QByteArray("\xff") << QByteArray("\x7f") << false;
    QTest::newRow("case") << QByteArray("Token") << QByteArray("token") << false;
}

void TestTokenCheck::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);

    QCOMPARE(TokenCheck::constantTimeEquals(a, b), equal);
    QCOMPARE(TokenCheck::constantTimeEquals(b, a), equal);
}

QTEST_GUILESS_MAIN(TestTokenCheck)
#include "tst_tokencheck.moc"
