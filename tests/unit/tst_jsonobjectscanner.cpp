// Unit tests of JsonObjectScanner: top-level members by byte offsets, and cutting one out while
// every other byte stays as sent.
#include "webhook/JsonObjectScanner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QByteArray valueText(const QByteArray &json, const JsonMember &member)
{
    return json.sliced(member.valueBegin, member.valueEnd - member.valueBegin);
}

} // namespace

class TestJsonObjectScanner : public QObject
{
    Q_OBJECT

private slots:
    void offsets_data();
    void offsets();
    void members_data();
    void members();
    void notAnObject_data();
    void notAnObject();
    void decodeString_data();
    void decodeString();
    void removeMember_data();
    void removeMember();
    void removeEveryMemberInTurn();
};

void TestJsonObjectScanner::offsets_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QList<qsizetype>>("expected"); // keyBegin, valueBegin, valueEnd per member

    QTest::newRow("compact") << QByteArray(R"({"a":1,"bb":"x"})")
                             << QList<qsizetype>{1, 5, 6, 7, 12, 15};
    QTest::newRow("spaced") << QByteArray(R"({ "a" : 1 , "b" : [ 2 ] })")
                            << QList<qsizetype>{2, 8, 9, 12, 18, 23};
    QTest::newRow("leading whitespace")
        << QByteArray("\r\n\t {\"k\":true}\n") << QList<qsizetype>{5, 9, 13};
    QTest::newRow("empty object") << QByteArray("{}") << QList<qsizetype>{};
    QTest::newRow("empty object, spaces") << QByteArray(" { \n } ") << QList<qsizetype>{};
}

void TestJsonObjectScanner::offsets()
{
    QFETCH(QByteArray, json);
    QFETCH(QList<qsizetype>, expected);

    const auto members = JsonObjectScanner::scan(json);
    QVERIFY(members.has_value());
    QList<qsizetype> actual;
    for (const JsonMember &m : *members)
        actual << m.keyBegin << m.valueBegin << m.valueEnd;
    QCOMPARE(actual, expected);
}

void TestJsonObjectScanner::members_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QByteArrayList>("values"); // each value's text, byte for byte

    QTest::newRow("numbers keep their text")
        << QByteArray(R"({"Prix":43500.0,"big":12345678901234567890,"e":-1.5E-7,"z":0})")
        << QStringList{QStringLiteral("Prix"), QStringLiteral("big"), QStringLiteral("e"),
                       QStringLiteral("z")}
        << QByteArrayList{"43500.0", "12345678901234567890", "-1.5E-7", "0"};
    QTest::newRow("literals") << QByteArray(R"({"t":true,"f":false,"n":null})")
                              << QStringList{QStringLiteral("t"), QStringLiteral("f"),
                                             QStringLiteral("n")}
                              << QByteArrayList{"true", "false", "null"};
    QTest::newRow("nested object with braces in strings")
        << QByteArray(R"({"o":{"x":"}","y":[{"z":"]"}],"w":"{"},"n":1})")
        << QStringList{QStringLiteral("o"), QStringLiteral("n")}
        << QByteArrayList{R"({"x":"}","y":[{"z":"]"}],"w":"{"})", "1"};
    QTest::newRow("arrays") << QByteArray(R"({"a":[],"b":[1,[2,[3]],{"c":[]}],"d":"]"})")
                            << QStringList{QStringLiteral("a"), QStringLiteral("b"),
                                           QStringLiteral("d")}
                            << QByteArrayList{"[]", R"([1,[2,[3]],{"c":[]}])", R"("]")"};
    QTest::newRow("escaped quotes and braces")
        << QByteArray(R"({"s":"he said \"}\", ok","t":"\\","u":"\\\"{"})")
        << QStringList{QStringLiteral("s"), QStringLiteral("t"), QStringLiteral("u")}
        << QByteArrayList{R"("he said \"}\", ok")", R"("\\")", R"("\\\"{")"};
    QTest::newRow("comma and colon inside strings")
        << QByteArray(R"({"a,b":"c:d","e":"f,g"})")
        << QStringList{QStringLiteral("a,b"), QStringLiteral("e")}
        << QByteArrayList{R"("c:d")", R"("f,g")"};
    QTest::newRow("unicode-escaped key")
        << QByteArray(R"({"\u0074oken":"x","a":1})")
        << QStringList{QStringLiteral("token"), QStringLiteral("a")}
        << QByteArrayList{R"("x")", "1"};
    QTest::newRow("escaped key, non-ASCII")
        << QByteArray(R"({"caf\u00e9":1,"\ud83d\ude00":2})")
        << QStringList{QStringLiteral("café"), QStringLiteral("\U0001F600")}
        << QByteArrayList{"1", "2"};
    QTest::newRow("raw UTF-8 key")
        << QByteArray("{\"caf\xc3\xa9\":\"\xe2\x82\xac\"}") << QStringList{QStringLiteral("café")}
        << QByteArrayList{"\"\xe2\x82\xac\""};
    QTest::newRow("escaped slash and newline in key")
        << QByteArray(R"({"a\/b\n":1})") << QStringList{QStringLiteral("a/b\n")}
        << QByteArrayList{"1"};
    QTest::newRow("duplicate keys listed twice")
        << QByteArray(R"({"k":1,"k":2})") << QStringList{QStringLiteral("k"), QStringLiteral("k")}
        << QByteArrayList{"1", "2"};
    QTest::newRow("pretty printed")
        << QByteArray("{\n  \"a\": 1,\n  \"b\": {\n    \"c\": [1, 2]\n  }\n}\n")
        << QStringList{QStringLiteral("a"), QStringLiteral("b")}
        << QByteArrayList{"1", "{\n    \"c\": [1, 2]\n  }"};
}

void TestJsonObjectScanner::members()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, keys);
    QFETCH(QByteArrayList, values);

    const auto members = JsonObjectScanner::scan(json);
    QVERIFY(members.has_value());
    QStringList actualKeys;
    QByteArrayList actualValues;
    for (const JsonMember &m : *members) {
        QCOMPARE(json.at(m.keyBegin), '"');
        actualKeys << m.key;
        actualValues << valueText(json, m);
    }
    QCOMPARE(actualKeys, keys);
    QCOMPARE(actualValues, values);
}

void TestJsonObjectScanner::notAnObject_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("whitespace") << QByteArray(" \n ");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("array of objects") << QByteArray(R"([{"a":1}])");
    QTest::newRow("string") << QByteArray(R"("x")");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("trailing garbage") << QByteArray(R"({"a":1} x)");
    QTest::newRow("two objects") << QByteArray(R"({"a":1}{"b":2})");
    QTest::newRow("extra brace") << QByteArray(R"({"a":1}})");
    QTest::newRow("empty object then garbage") << QByteArray("{} 1");
    QTest::newRow("unterminated") << QByteArray(R"({"a":1)");
    QTest::newRow("open brace only") << QByteArray("{");
    QTest::newRow("unterminated string") << QByteArray(R"({"a":"b})");
    QTest::newRow("unterminated nested") << QByteArray(R"({"a":{"b":[1,2})");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("missing comma") << QByteArray(R"({"a":1 "b":2})");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})");
    QTest::newRow("missing value") << QByteArray(R"({"a":})");
    QTest::newRow("key only") << QByteArray(R"({"a"})");
    QTest::newRow("unquoted key") << QByteArray("{a:1}");
    QTest::newRow("bad escape in key") << QByteArray(R"({"a\q":1})");
    QTest::newRow("short unicode escape in key") << QByteArray(R"({"\u12":1})");
    QTest::newRow("NUL in a string") << QByteArray("{\"a\":\"b\0c\"}", 11);
    QTest::newRow("raw newline in a string") << QByteArray("{\"a\":\"b\nc\"}");
    QTest::newRow("raw tab in a nested string") << QByteArray("{\"a\":[\"b\tc\"]}");
}

void TestJsonObjectScanner::notAnObject()
{
    QFETCH(QByteArray, json);
    QVERIFY(!JsonObjectScanner::scan(json).has_value());
}

void TestJsonObjectScanner::decodeString_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("decoded");

    QTest::newRow("plain") << QByteArray(R"("abc")") << true << QStringLiteral("abc");
    QTest::newRow("empty") << QByteArray(R"("")") << true << QString();
    QTest::newRow("simple escapes")
        << QByteArray(R"("\"\\\/\b\f\n\r\t")") << true << QStringLiteral("\"\\/\b\f\n\r\t");
    QTest::newRow("unicode escape")
        << QByteArray(R"("\u0074oken")") << true << QStringLiteral("token");
    QTest::newRow("upper-case hex")
        << QByteArray(R"("\u00E9\u00e9")") << true << QStringLiteral("éé");
    QTest::newRow("surrogate pair")
        << QByteArray(R"("\ud83d\ude00!")") << true << QStringLiteral("\U0001F600!");
    QTest::newRow("raw UTF-8 around escape")
        << QByteArray("\"\xc3\xa9\\n\xe2\x82\xac\"") << true << QStringLiteral("é\n€");
    QTest::newRow("no quotes") << QByteArray("abc") << false << QString();
    QTest::newRow("one quote") << QByteArray("\"") << false << QString();
    QTest::newRow("unknown escape") << QByteArray(R"("\x41")") << false << QString();
    QTest::newRow("short unicode escape") << QByteArray(R"("\u12")") << false << QString();
    QTest::newRow("non-hex unicode escape") << QByteArray(R"("\u12G4")") << false << QString();
    QTest::newRow("ends in a backslash") << QByteArray(R"("abc\")") << false << QString();
}

void TestJsonObjectScanner::decodeString()
{
    QFETCH(QByteArray, literal);
    QFETCH(bool, valid);
    QFETCH(QString, decoded);

    const auto result = JsonObjectScanner::decodeString(literal);
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, decoded);
}

void TestJsonObjectScanner::removeMember_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("index");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("first") << QByteArray(R"({"token":"t","a":1.50,"b":2e3})") << 0
                           << QByteArray(R"({"a":1.50,"b":2e3})");
    QTest::newRow("middle") << QByteArray(R"({"a":1.50,"token":"t","b":2e3})") << 1
                            << QByteArray(R"({"a":1.50,"b":2e3})");
    QTest::newRow("last") << QByteArray(R"({"a":1.50,"b":2e3,"token":"t"})") << 2
                          << QByteArray(R"({"a":1.50,"b":2e3})");
    QTest::newRow("only") << QByteArray(R"({"token":"t"})") << 0 << QByteArray("{}");
    QTest::newRow("first, spaced")
        << QByteArray(R"({ "token" : "t" , "a" : 1 })") << 0 << QByteArray(R"({ "a" : 1 })");
    QTest::newRow("middle, spaced") << QByteArray(R"({ "a" : 1 , "token" : "t" , "b" : 2 })") << 1
                                    << QByteArray(R"({ "a" : 1 , "b" : 2 })");
    QTest::newRow("last, spaced") << QByteArray(R"({ "a" : 1 , "token" : "t" })") << 1
                                  << QByteArray(R"({ "a" : 1 })");
    QTest::newRow("only, spaced") << QByteArray(R"({ "token" : "t" })") << 0 << QByteArray("{  }");
    QTest::newRow("last, pretty") << QByteArray("{\n  \"a\": 1,\n  \"token\": \"t\"\n}") << 1
                                  << QByteArray("{\n  \"a\": 1\n}");
    QTest::newRow("first, pretty") << QByteArray("{\n  \"token\": \"t\",\n  \"a\": 1\n}") << 0
                                   << QByteArray("{\n  \"a\": 1\n}");
    QTest::newRow("object value") << QByteArray(R"({"a":"x","o":{"k":[1,"}"]},"z":null})") << 1
                                  << QByteArray(R"({"a":"x","z":null})");
    QTest::newRow("value with escapes")
        << QByteArray(R"({"big":12345678901234567890,"token":"a\"b,c}","n":-0.0})") << 1
        << QByteArray(R"({"big":12345678901234567890,"n":-0.0})");
}

void TestJsonObjectScanner::removeMember()
{
    QFETCH(QByteArray, json);
    QFETCH(int, index);
    QFETCH(QByteArray, expected);

    const auto members = JsonObjectScanner::scan(json);
    QVERIFY(members.has_value());
    const QByteArray result = JsonObjectScanner::removeMember(json, *members, index);
    QCOMPARE(result, expected);

    // Still a JSON object, with exactly the other members.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QJsonObject original = QJsonDocument::fromJson(json).object();
    original.remove(members->at(index).key);
    QCOMPARE(document.object(), original);
}

void TestJsonObjectScanner::removeEveryMemberInTurn()
{
    // The bytes of the members left are the original bytes of those members, in order.
    const QByteArray json = R"({"a":1, "b" : "two",  "c":[3,{"d":"}"}] ,"e":null})";
    const auto members = JsonObjectScanner::scan(json);
    QVERIFY(members.has_value());
    QCOMPARE(members->size(), 4);
    for (qsizetype i = 0; i < members->size(); ++i) {
        const QByteArray cut = JsonObjectScanner::removeMember(json, *members, i);
        const auto left = JsonObjectScanner::scan(cut);
        QVERIFY2(left.has_value(), cut.constData());
        QCOMPARE(left->size(), members->size() - 1);
        qsizetype j = 0;
        for (qsizetype k = 0; k < members->size(); ++k) {
            if (k == i)
                continue;
            QCOMPARE(left->at(j).key, members->at(k).key);
            QCOMPARE(valueText(cut, left->at(j)), valueText(json, members->at(k)));
            ++j;
        }
    }
}

QTEST_GUILESS_MAIN(TestJsonObjectScanner)
#include "tst_jsonobjectscanner.moc"
