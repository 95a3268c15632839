// Unit tests of TokenCheck: every token presented must agree, and equal a configured one; what is
// recorded holds no configured token, whether as sent, JSON-escaped, percent-encoded or cut.
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
    void redact_data();
    void redact();
    void redactCapped_data();
    void redactCapped();
    void redactJsonStrings_data();
    void redactJsonStrings();
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

void TestTokenCheck::redact_data()
{
    QTest::addColumn<QByteArrayList>("valid");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    const QByteArrayList one{QByteArrayLiteral("abc9")};
    const QByteArrayList rotation{QByteArrayLiteral("abc9"), QByteArrayLiteral("next-7")};

    QTest::newRow("raw") << one << QByteArray(R"({"token":"abc9"})")
                         << QByteArray(R"({"token":"***"})");
    QTest::newRow("raw twice") << one << QByteArray("abc9 abc9") << QByteArray("*** ***");
    QTest::newRow("overlapping occurrences")
        << QByteArrayList{"abab"} << QByteArray("xababab") << QByteArray("x***");
    QTest::newRow("rotation: both")
        << rotation << QByteArray("next-7 abc9") << QByteArray("*** ***");

    // JSON string escapes, one form per row.
    QTest::newRow("\\u of the last char")
        << one << QByteArray(R"({"token":"abc\u0039"})") << QByteArray(R"({"token":"***"})");
    QTest::newRow("\\u of every char")
        << one << QByteArray(R"({"token":"\u0061\u0062\u0063\u0039"})")
        << QByteArray(R"({"token":"***"})");
    QTest::newRow("split by escapes")
        << one << QByteArray(R"(x a\u0062c\u0039 y)") << QByteArray("x *** y");
    QTest::newRow("\\u, upper-case hex")
        << QByteArrayList{"abcJ"} << QByteArray(R"("abc\u004A")") << QByteArray(R"("***")");
    QTest::newRow("\\u, lower-case hex")
        << QByteArrayList{"abcJ"} << QByteArray(R"("abc\u004a")") << QByteArray(R"("***")");
    QTest::newRow("\\/") << QByteArrayList{"a/b9"} << QByteArray(R"("a\/b9")")
                         << QByteArray(R"("***")");
    QTest::newRow("\\\"") << QByteArrayList{"a\"b9"} << QByteArray(R"("a\"b9")")
                          << QByteArray(R"("***")");
    QTest::newRow("\\\\") << QByteArrayList{"a\\b9"} << QByteArray(R"("a\\b9")")
                          << QByteArray(R"("***")");
    QTest::newRow("\\b") << QByteArrayList{"a\bb9"} << QByteArray(R"("a\bb9")")
                         << QByteArray(R"("***")");
    QTest::newRow("\\f") << QByteArrayList{"a\fb9"} << QByteArray(R"("a\fb9")")
                         << QByteArray(R"("***")");
    QTest::newRow("\\n") << QByteArrayList{"a\nb9"} << QByteArray(R"("a\nb9")")
                         << QByteArray(R"("***")");
    QTest::newRow("\\r") << QByteArrayList{"a\rb9"} << QByteArray(R"("a\rb9")")
                         << QByteArray(R"("***")");
    QTest::newRow("\\t") << QByteArrayList{"a\tb9"} << QByteArray(R"("a\tb9")")
                         << QByteArray(R"("***")");
    QTest::newRow("\\u of a non-ASCII char")
        << QByteArrayList{"k\xc3\xa9"
                          "9z"}
        << QByteArray(R"("k\u00e99z")") << QByteArray(R"("***")");
    QTest::newRow("surrogate pair") << QByteArrayList{"a\xf0\x9f\x98\x80"
                                                      "9z"}
                                    << QByteArray(R"("a\ud83d\ude009z")") << QByteArray(R"("***")");
    QTest::newRow("surrogate pair, upper-case hex")
        << QByteArrayList{"a\xf0\x9f\x98\x80"
                          "9z"}
        << QByteArray(R"("a\uD83D\uDE009z")") << QByteArray(R"("***")");

    // Percent-encoding, as in query strings and form bodies.
    QTest::newRow("percent") << one << QByteArray("abc%39") << QByteArray("***");
    QTest::newRow("percent, every byte") << one << QByteArray("%61%62%63%39") << QByteArray("***");
    QTest::newRow("percent, lower-case hex")
        << QByteArrayList{"abcJ"} << QByteArray("abc%4a") << QByteArray("***");
    QTest::newRow("query string") << one << QByteArray("token=abc%39&symbol=BTC")
                                  << QByteArray("token=***&symbol=BTC");
    QTest::newRow("form body: + for a space")
        << QByteArrayList{"ab c9"} << QByteArray("token=ab+c9&x=1") << QByteArray("token=***&x=1");
    QTest::newRow("form body: %20 for a space")
        << QByteArrayList{"ab c9"} << QByteArray("token=ab%20c9") << QByteArray("token=***");

    // What is not a token stays.
    QTest::newRow("no token") << one << QByteArray(R"({"Symbol":"BTCUSDT"})")
                              << QByteArray(R"({"Symbol":"BTCUSDT"})");
    QTest::newRow("prefix in the middle") << one << QByteArray(R"({"a":"abc","b":"ab"} abc)")
                                          << QByteArray(R"({"a":"abc","b":"ab"} abc)");
    QTest::newRow("prefix, then the token") << one << QByteArray("abcabc9") << QByteArray("abc***");
    QTest::newRow("escaped backslash is no escape")
        << one << QByteArray(R"("abc\\u0039")") << QByteArray(R"("abc\\u0039")");
    QTest::newRow("lone surrogate") << QByteArrayList{"a\xf0\x9f\x98\x80"
                                                      "9z"}
                                    << QByteArray(R"("a\ud83d9z")") << QByteArray(R"("a\ud83d9z")");
    QTest::newRow("broken escapes") << one << QByteArray(R"(abc\u00 abc% abc%3 abc\x39)")
                                    << QByteArray(R"(abc\u00 abc% abc%3 abc\x39)");
    QTest::newRow("none configured")
        << QByteArrayList() << QByteArray("abc9 abc%39") << QByteArray("abc9 abc%39");
}

void TestTokenCheck::redact()
{
    QFETCH(QByteArrayList, valid);
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);

    QCOMPARE(TokenCheck(valid).redact(text), expected);
}

void TestTokenCheck::redactCapped_data()
{
    QTest::addColumn<QByteArrayList>("valid");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("cap");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray token = QByteArrayLiteral("leak-check-token-5f2a"); // cut prefixes of 4+
    const QByteArray body = R"({"token":")" + token + R"("})";
    const QByteArrayList one{token};
    const QByteArrayList rotation{QByteArrayLiteral("abc9"), token};

    QTest::newRow("not cut") << one << body << 100 << QByteArray(R"({"token":"***"})");
    QTest::newRow("cut after the token")
        << one << body << 10 + int(token.size()) << QByteArray(R"({"token":"***)");
    QTest::newRow("cut inside the token") << one << body << 16 << QByteArray(R"({"token":"***)");
    QTest::newRow("cut after its first 4 bytes")
        << one << body << 14 << QByteArray(R"({"token":"***)");
    QTest::newRow("cut after its first 3 bytes: too little to tell")
        << one << body << 13 << QByteArray(R"({"token":"lea)");
    QTest::newRow("short token: a quarter of it")
        << QByteArrayList{"abcdefgh"} << QByteArray("x=abcdefgh") << 4 << QByteArray("x=***");
    QTest::newRow("short token: less than a quarter")
        << QByteArrayList{"abcdefgh"} << QByteArray("x=abcdefgh") << 3 << QByteArray("x=a");
    QTest::newRow("cut inside a JSON-escaped token")
        << one << QByteArray(R"({"token":"\u006c\u0065\u0061\u006b\u002d\u0063"})") << 40
        << QByteArray(R"({"token":"***)");
    QTest::newRow("cut inside an escape, after 4 escaped bytes")
        << one << QByteArray(R"({"token":"\u006c\u0065\u0061\u006b\u002d\u0063"})") << 38
        << QByteArray(R"({"token":"***)");
    QTest::newRow("cut inside a percent-encoded token")
        << one << QByteArray("token=leak%2Dcheck") << 13 << QByteArray("token=***");
    QTest::newRow("cut inside a percent escape")
        << one << QByteArray("token=leak%2Dcheck") << 12 << QByteArray("token=***");
    QTest::newRow("rotation: cut inside the second token")
        << rotation << body << 20 << QByteArray(R"({"token":"***)");
    QTest::newRow("cut in plain text after a prefix in the middle")
        << one << QByteArray("leak-check-token is a word here") << 25
        << QByteArray("leak-check-token is a wor");
    QTest::newRow("cut inside the token, one before it")
        << one << "x " + token + " " + body << 28 + int(token.size())
        << QByteArray(R"(x *** {"token":"***)");
}

void TestTokenCheck::redactCapped()
{
    QFETCH(QByteArrayList, valid);
    QFETCH(QByteArray, text);
    QFETCH(int, cap);
    QFETCH(QByteArray, expected);

    QCOMPARE(TokenCheck(valid).redactCapped(text, cap), expected);
}

void TestTokenCheck::redactJsonStrings_data()
{
    QTest::addColumn<QByteArrayList>("valid");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected");

    const QByteArrayList one{QByteArrayLiteral("abc9")};

    QTest::newRow("in another field") << one << QByteArray(R"({"note":"abc9","Symbol":"BTCUSDT"})")
                                      << QByteArray(R"({"note":"***","Symbol":"BTCUSDT"})");
    QTest::newRow("inside a longer value")
        << one << QByteArray(R"({"note":"see abc9 here"})") << QByteArray(R"({"note":"***"})");
    QTest::newRow("escaped") << one << QByteArray(R"({"note":"abc\u0039"})")
                             << QByteArray(R"({"note":"***"})");
    QTest::newRow("split by escapes")
        << one << QByteArray(R"({"note":"\u0061b\u0063\u0039","n":1})")
        << QByteArray(R"({"note":"***","n":1})");
    QTest::newRow("surrogate pair")
        << QByteArrayList{"a\xf0\x9f\x98\x80"
                          "9z"}
        << QByteArray(R"({"n":"a\ud83d\ude009z"})") << QByteArray(R"({"n":"***"})");
    QTest::newRow("percent-encoded in a value")
        << one << QByteArray(R"({"url":"https://x/hook?token=abc%39"})")
        << QByteArray(R"({"url":"***"})");
    QTest::newRow("as a key") << one << QByteArray(R"({"abc9":1})") << QByteArray(R"({"***":1})");
    QTest::newRow("nested") << one << QByteArray(R"({"a":{"b":["x","abc9"]}})")
                            << QByteArray(R"({"a":{"b":["x","***"]}})");
    QTest::newRow("every other byte kept")
        << one << QByteArray("{ \"n\" : 1.50 ,\n \"note\" : \"abc9\" }")
        << QByteArray("{ \"n\" : 1.50 ,\n \"note\" : \"***\" }");
    QTest::newRow("escaped quotes around it")
        << one << QByteArray(R"({"n":"\"abc9\""})") << QByteArray(R"({"n":"***"})");
    QTest::newRow("escaped backslash before a quote")
        << one << QByteArray(R"({"n":"x\\","m":"abc9"})") << QByteArray(R"({"n":"x\\","m":"***"})");
    QTest::newRow("in two fields")
        << QByteArrayList{"abc9", "next-7"} << QByteArray(R"({"a":"abc9","b":"next-7","c":"ok"})")
        << QByteArray(R"({"a":"***","b":"***","c":"ok"})");
    QTest::newRow("as sent, made of an escape's digits")
        << QByteArrayList{"abc9x"} << QByteArray(R"({"n":"\u000abc9x"})")
        << QByteArray(R"({"n":"***"})");
    QTest::newRow("no hit") << one << QByteArray(R"({"Symbol":"BTCUSDT","note":"abc","p":9})")
                            << QByteArray(R"({"Symbol":"BTCUSDT","note":"abc","p":9})");
    QTest::newRow("prefix of it, escaped")
        << one << QByteArray(R"({"note":"ab\u0063"})") << QByteArray(R"({"note":"ab\u0063"})");
    QTest::newRow("none configured")
        << QByteArrayList() << QByteArray(R"({"note":"abc9"})") << QByteArray(R"({"note":"abc9"})");
}

void TestTokenCheck::redactJsonStrings()
{
    QFETCH(QByteArrayList, valid);
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);

    const auto redacted = TokenCheck(valid).redactJsonStrings(json);
    QCOMPARE(redacted.value_or(json), expected);
    QCOMPARE(redacted.has_value(), expected != json); // nothing made when nothing is found
}

QTEST_GUILESS_MAIN(TestTokenCheck)
#include "tst_tokencheck.moc"
