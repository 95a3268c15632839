// Unit tests of RequestHead (one request head, parsed) and HttpFramer (a connection's byte stream
// followed request by request, checked against the limits before anything is buffered).
#include "http/HttpFramer.h"
#include "http/RequestHead.h"

#include <QTest>

Q_DECLARE_METATYPE(HttpFramer::Verdict)
Q_DECLARE_METATYPE(RequestHead::Problem)

namespace {

using Verdict = HttpFramer::Verdict;

constexpr qint64 kMaxBody = 64 * 1024;
constexpr qsizetype kMaxHead = 16 * 1024;

QByteArray post(qint64 contentLength, const QByteArray &body = {}, const QByteArray &extra = {})
{
    return "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
           QByteArray::number(contentLength) + "\r\n" + extra + "\r\n" + body;
}

// A GET head of exactly `size` bytes, blank line included, padded with fields under 8 KiB each.
QByteArray headOfSize(qsizetype size)
{
    QByteArray head = "GET /health HTTP/1.1\r\nHost: x\r\n";
    const QByteArray end = "\r\n";
    while (head.size() + end.size() < size) {
        const qsizetype left = size - head.size() - end.size();
        const qsizetype value = std::min<qsizetype>(4000, left - 9); // "X-Pad: " + CRLF
        head += "X-Pad: " + QByteArray(std::max<qsizetype>(value, 0), 'a') + "\r\n";
    }
    return head + end;
}

struct Outcome {
    Verdict verdict = Verdict::Continue;
    int heads = 0;
    RequestHead lastHead;
};

// Feeds `stream` in pieces of `piece` bytes (0: all at once), stopping at the first refusal.
Outcome feed(const QByteArray &stream, qsizetype piece, qint64 maxBody = kMaxBody)
{
    HttpFramer framer(HttpFramer::Limits{maxBody, kMaxHead});
    Outcome outcome;
    const qsizetype step = piece > 0 ? piece : std::max<qsizetype>(stream.size(), 1);
    for (qsizetype at = 0; at < stream.size(); at += step) {
        const HttpFramer::Event event =
            framer.feed(QByteArrayView(stream).sliced(at, std::min(step, stream.size() - at)));
        outcome.heads += event.headsCompleted;
        if (event.headsCompleted > 0)
            outcome.lastHead = event.lastHead;
        outcome.verdict = event.verdict;
        if (event.verdict != Verdict::Continue)
            break;
    }
    return outcome;
}

} // namespace

class TestRequestHead : public QObject
{
    Q_OBJECT

private slots:
    void parseBasic();
    void contentLength_data();
    void contentLength();
    void flags_data();
    void flags();
    void problems_data();
    void problems();
    void accepted_data();
    void accepted();
    void canonicalForm();

    void framer_data();
    void framer();
    void framerAnySplit_data();
    void framerAnySplit();
    void framerReportsHeads();
    void framerStaysFailed();
    void framerReportsRequestEnds();
};

void TestRequestHead::parseBasic()
{
    const RequestHead head = RequestHead::parse(
        "POST /webhook/abc?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8888\r\nContent-Type: text/plain\r\n"
        "Content-Length: 12\r\n\r\n");
    QVERIFY2(head.isValid(), head.why);
    QCOMPARE(head.method, QByteArrayLiteral("POST"));
    QCOMPARE(head.target, QByteArrayLiteral("/webhook/abc?x=1"));
    QCOMPARE(head.version, QByteArrayLiteral("HTTP/1.1"));
    QCOMPARE(head.contentLength, std::optional<qint64>(12));
    QCOMPARE(head.expectContinue, false);
    QCOMPARE(head.connectionClose, false);
    QCOMPARE(head.headerCount(), 3);
    QCOMPARE(head.fields.at(1), RequestHead::Field(QByteArrayLiteral("Content-Type"),
                                                   QByteArrayLiteral("text/plain")));
}

void TestRequestHead::contentLength_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("malformed");
    QTest::addColumn<qint64>("length"); // -1: none

    QTest::newRow("none") << QByteArray() << false << qint64(-1);
    QTest::newRow("zero") << QByteArray("Content-Length: 0\r\n") << false << qint64(0);
    QTest::newRow("lower-case name") << QByteArray("content-length: 42\r\n") << false << qint64(42);
    QTest::newRow("spaces around")
        << QByteArray("Content-Length:   7 \t\r\n") << false << qint64(7);
    QTest::newRow("no space") << QByteArray("Content-Length:7\r\n") << false << qint64(7);
    QTest::newRow("leading zeros") << QByteArray("Content-Length: 007\r\n") << false << qint64(7);
    QTest::newRow("18 digits") << QByteArray("Content-Length: 999999999999999999\r\n") << false
                               << qint64(999999999999999999);
    // Two of them, even equal: which one another parser takes is a guess.
    QTest::newRow("duplicates agree")
        << QByteArray("Content-Length: 5\r\nContent-Length: 5\r\n") << true << qint64(-1);
    QTest::newRow("duplicates disagree")
        << QByteArray("Content-Length: 5\r\nContent-Length: 6\r\n") << true << qint64(-1);
    QTest::newRow("letters") << QByteArray("Content-Length: abc\r\n") << true << qint64(-1);
    QTest::newRow("empty") << QByteArray("Content-Length:\r\n") << true << qint64(-1);
    QTest::newRow("negative") << QByteArray("Content-Length: -1\r\n") << true << qint64(-1);
    QTest::newRow("plus sign") << QByteArray("Content-Length: +5\r\n") << true << qint64(-1);
    QTest::newRow("hex") << QByteArray("Content-Length: 0x10\r\n") << true << qint64(-1);
    QTest::newRow("exponent") << QByteArray("Content-Length: 1e3\r\n") << true << qint64(-1);
    QTest::newRow("two numbers") << QByteArray("Content-Length: 5 5\r\n") << true << qint64(-1);
    QTest::newRow("list") << QByteArray("Content-Length: 5, 6\r\n") << true << qint64(-1);
    QTest::newRow("19 digits") << QByteArray("Content-Length: 1000000000000000000\r\n") << true
                               << qint64(-1);
    QTest::newRow("overflowing") << QByteArray("Content-Length: 99999999999999999999999\r\n")
                                 << true << qint64(-1);
}

void TestRequestHead::contentLength()
{
    QFETCH(QByteArray, headers);
    QFETCH(bool, malformed);
    QFETCH(qint64, length);

    const RequestHead head =
        RequestHead::parse(QByteArray("POST /webhook HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n"));
    QCOMPARE(!head.isValid(), malformed);
    if (!malformed)
        QCOMPARE(head.contentLength, length < 0 ? std::nullopt : std::optional<qint64>(length));
}

void TestRequestHead::flags_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("expectContinue");
    QTest::addColumn<bool>("connectionClose");

    QTest::newRow("plain 1.1") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\n\r\n") << false
                               << false;
    QTest::newRow("expect") << QByteArray(
                                   "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n")
                            << true << false;
    QTest::newRow("expect, other case")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nexpect: 100-Continue\r\n\r\n") << true
        << false;
    QTest::newRow("connection close")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << false << true;
    QTest::newRow("connection Close")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nconnection: Close\r\n\r\n") << false << true;
    QTest::newRow("connection list with close")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nConnection: TE, close\r\n\r\n") << false
        << true;
    QTest::newRow("connection keep-alive")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n") << false
        << false;
    QTest::newRow("HTTP/1.0") << QByteArray("POST / HTTP/1.0\r\nHost: x\r\n\r\n") << false << true;
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArray("POST / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << false << false;
    QTest::newRow("all at once") << QByteArray(
                                        "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                        "Connection: close\r\n\r\n")
                                 << true << true;
}

void TestRequestHead::flags()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, expectContinue);
    QFETCH(bool, connectionClose);

    const RequestHead parsed = RequestHead::parse(head);
    QVERIFY2(parsed.isValid(), parsed.why);
    QCOMPARE(parsed.expectContinue, expectContinue);
    QCOMPARE(parsed.connectionClose, connectionClose);
}

void TestRequestHead::problems_data()
{
    using Problem = RequestHead::Problem;
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<Problem>("problem");

    const QByteArray get = "GET /health HTTP/1.1\r\nHost: x\r\n";
    QTest::newRow("empty") << QByteArray() << Problem::BadRequest;
    QTest::newRow("blank line only") << QByteArray("\r\n") << Problem::BadRequest;
    QTest::newRow("one word") << QByteArray("GARBAGE\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("not HTTP") << QByteArray("GET / FTP/1.0\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("tab in the request line")
        << QByteArray("GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("four parts") << QByteArray("GET / x HTTP/1.1\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("header without colon")
        << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("header without name")
        << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n")
                            << Problem::BadRequest;
    // Each of these is read one way here and another way by some other parser (Qt's included).
    QTest::newRow("space before the colon")
        << QByteArray("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\n")
        << Problem::BadRequest;
    QTest::newRow("tab before the colon")
        << QByteArray(get + "X-Webhook-Token\t: t\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("obs-fold") << QByteArray(get + "X-A: 1\r\n  continued\r\n\r\n")
                              << Problem::BadRequest;
    QTest::newRow("bare LF line end")
        << QByteArray("GET / HTTP/1.1\nHost: x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("LF CR LF end") << QByteArray(get + "X-A: 1\n\r\n") << Problem::BadRequest;
    QTest::newRow("bare CR") << QByteArray(get + "X-A: 1\rX-B: 2\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("name outside the token set")
        << QByteArray(get + "X(A): 1\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("name with a slash") << QByteArray(get + "X/A: 1\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("NUL in a value") << QByteArray(get + QByteArray("X-A: 1\0"
                                                                   "2\r\n\r\n",
                                                                   12))
                                    << Problem::BadRequest;
    QTest::newRow("DEL in a value")
        << QByteArray(get + "X-A: 1\x7f\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("non-ASCII in a value")
        << QByteArray(get + "X-A: caf\xc3\xa9\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("field over 8 KiB")
        << QByteArray(get + "X-A: " + QByteArray(8 * 1024, 'a') + "\r\n\r\n")
        << Problem::FieldTooLarge;
    QTest::newRow("chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        << Problem::LengthRequired;
    QTest::newRow("identity")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n")
        << Problem::LengthRequired;
    QTest::newRow("Transfer-Encoding and Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                      "Content-Length: 5\r\n\r\n")
        << Problem::BadRequest;
    QTest::newRow("websocket upgrade")
        << QByteArray(get + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
        << Problem::UpgradeRefused;
    QTest::newRow("h2c upgrade") << QByteArray(get + "Upgrade: h2c\r\n\r\n")
                                 << Problem::UpgradeRefused;
    QTest::newRow("Connection: upgrade alone")
        << QByteArray(get + "Connection: upgrade\r\n\r\n") << Problem::UpgradeRefused;
    QTest::newRow("expect something else")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n")
        << Problem::ExpectationFailed;
    QTest::newRow("PUT") << QByteArray("PUT /webhook HTTP/1.1\r\nHost: x\r\n\r\n")
                         << Problem::MethodNotAllowed;
    QTest::newRow("HEAD") << QByteArray("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n")
                          << Problem::MethodNotAllowed;
    QTest::newRow("lower-case get")
        << QByteArray("get /health HTTP/1.1\r\nHost: x\r\n\r\n") << Problem::MethodNotAllowed;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n")
                              << Problem::VersionNotSupported;
    QTest::newRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\nHost: x\r\n\r\n")
                              << Problem::VersionNotSupported;
    QTest::newRow("lower-case version")
        << QByteArray("GET / http/1.1\r\nHost: x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("asterisk target")
        << QByteArray("GET * HTTP/1.1\r\nHost: x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("absolute-form target")
        << QByteArray("GET http://x/health HTTP/1.1\r\nHost: x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("fragment") << QByteArray("GET /health#x HTTP/1.1\r\nHost: x\r\n\r\n")
                              << Problem::BadRequest;
    QTest::newRow("backslash") << QByteArray("GET /a\\b HTTP/1.1\r\nHost: x\r\n\r\n")
                               << Problem::BadRequest;
    QTest::newRow("bad percent-encoding")
        << QByteArray("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("traversal") << QByteArray("POST /webhook/../health HTTP/1.1\r\nHost: x\r\n\r\n")
                               << Problem::BadRequest;
    QTest::newRow("encoded traversal")
        << QByteArray("POST /webhook/%2E%2e/health HTTP/1.1\r\nHost: x\r\n\r\n")
        << Problem::BadRequest;
    QTest::newRow("dot segment") << QByteArray("GET /./health HTTP/1.1\r\nHost: x\r\n\r\n")
                                 << Problem::BadRequest;
    QTest::newRow("Host with a space")
        << QByteArray("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("Host with userinfo")
        << QByteArray("GET / HTTP/1.1\r\nHost: u@x\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("Host with a path")
        << QByteArray("GET / HTTP/1.1\r\nHost: x/y\r\n\r\n") << Problem::BadRequest;
    QTest::newRow("empty Host") << QByteArray("GET / HTTP/1.1\r\nHost:\r\n\r\n")
                                << Problem::BadRequest;
    QTest::newRow("HTTP/1.1 without Host")
        << QByteArray("GET / HTTP/1.1\r\n\r\n") << Problem::MissingHost;
    QTest::newRow("two Hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
                               << Problem::MissingHost;
}

void TestRequestHead::problems()
{
    QFETCH(QByteArray, head);
    QFETCH(RequestHead::Problem, problem);
    const RequestHead parsed = RequestHead::parse(head);
    QCOMPARE(parsed.problem, problem);
}

void TestRequestHead::accepted_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::newRow("IPv6 Host with port")
        << QByteArray("GET /health HTTP/1.1\r\nHost: [2001:db8::1]:8888\r\n\r\n");
    QTest::newRow("query with token")
        << QByteArray("POST /webhook?token=a%2Bb&x=1 HTTP/1.1\r\nHost: t6.example:80\r\n\r\n");
    QTest::newRow("sub-delims and colons")
        << QByteArray("POST /webhook/a:b@c!$&'()*+,;= HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::newRow("dots inside a segment")
        << QByteArray("GET /a..b/.c/d. HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::newRow("tab and spaces in a value")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: Go \t client\r\n\r\n");
    QTest::newRow("HTTP/1.0 without Host") << QByteArray("GET / HTTP/1.0\r\n\r\n");
}

void TestRequestHead::accepted()
{
    QFETCH(QByteArray, head);
    const RequestHead parsed = RequestHead::parse(head);
    QVERIFY2(parsed.isValid(), parsed.why);
}

void TestRequestHead::canonicalForm()
{
    // What QHttpServer is given: the request line, end-to-end fields as parsed, one normalised
    // Content-Length, nothing hop-by-hop.
    const RequestHead head = RequestHead::parse(
        "POST /webhook?x=1 HTTP/1.1\r\nHost: t6\r\nConnection: keep-alive\r\n"
        "X-Webhook-Token:   secret  \r\nContent-Length: 007\r\nExpect: 100-continue\r\n"
        "Keep-Alive: timeout=5\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n");
    QVERIFY2(head.isValid(), head.why);
    QCOMPARE(head.canonical(),
             QByteArray("POST /webhook?x=1 HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: secret\r\n"
                        "X-Forwarded-For: 203.0.113.7\r\nContent-Length: 7\r\n\r\n"));
    const RequestHead get = RequestHead::parse("GET /health HTTP/1.0\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(get.canonical(), QByteArray("GET /health HTTP/1.0\r\n\r\n"));
}

void TestRequestHead::framer_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<int>("heads");

    const QByteArray hello = post(5, "hello");
    QTest::newRow("one POST") << hello << Verdict::Continue << 1;
    QTest::newRow("GET without body")
        << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\n\r\n") << Verdict::Continue << 1;
    QTest::newRow("head only, body still to come") << post(100) << Verdict::Continue << 1;
    QTest::newRow("incomplete head")
        << QByteArray("POST /webhook HTTP/1.1\r\nHost: x\r\n") << Verdict::Continue << 0;
    // A bare LF fails at once: a head that would never end is not waited for.
    QTest::newRow("LF-only head") << QByteArray("GET / HTTP/1.1\nHost: x\n\n")
                                  << Verdict::BadRequest << 0;
    QTest::newRow("two empty lines first")
        << QByteArray("\r\n\r\n" + hello) << Verdict::Continue << 1;
    QTest::newRow("three empty lines first")
        << QByteArray("\r\n\r\n\r\n" + hello) << Verdict::BadRequest << 0;
    QTest::newRow("empty lines forever")
        << QByteArray("\r\n").repeated(1000) << Verdict::BadRequest << 0;
    QTest::newRow("bare LF first") << QByteArray("\n" + hello) << Verdict::BadRequest << 0;
    QTest::newRow("smuggled by a space before the colon")
        << QByteArray("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length : 38\r\n\r\n"
                      "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("websocket upgrade")
        << QByteArray(
               "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
        << Verdict::UpgradeRefused << 1;
    QTest::newRow("wrong method") << QByteArray("DELETE /webhook HTTP/1.1\r\nHost: x\r\n\r\n")
                                  << Verdict::MethodNotAllowed << 1;
    QTest::newRow("pipelined, both fine")
        << QByteArray(hello + post(3, "abc")) << Verdict::Continue << 2;
    QTest::newRow("pipelined, blank line between")
        << QByteArray(hello + "\r\n" + post(3, "abc")) << Verdict::Continue << 2;
    QTest::newRow("pipelined, second oversized")
        << QByteArray(hello + post(kMaxBody + 1)) << Verdict::PayloadTooLarge << 2;
    QTest::newRow("pipelined, third oversized")
        << QByteArray(hello + hello + post(70000, QByteArray(100, 'x'))) << Verdict::PayloadTooLarge
        << 3;
    QTest::newRow("first oversized") << post(kMaxBody + 1) << Verdict::PayloadTooLarge << 1;
    QTest::newRow("exactly the limit") << post(kMaxBody) << Verdict::Continue << 1;
    QTest::newRow("huge length") << post(999999999999999999) << Verdict::PayloadTooLarge << 1;
    QTest::newRow("chunked") << QByteArray(
                                    "POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                    "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                             << Verdict::LengthRequired << 1;
    QTest::newRow("bad Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n")
        << Verdict::BadRequest << 1;
    QTest::newRow("disagreeing Content-Length")
        << post(5, "hello", "Content-Length: 6\r\n") << Verdict::BadRequest << 1;
    QTest::newRow("garbage request line")
        << QByteArray("HELLO\r\n\r\n") << Verdict::BadRequest << 1;
    QTest::newRow("pipelined, second malformed")
        << QByteArray(hello + "NONSENSE\r\n\r\n") << Verdict::BadRequest << 2;
    // Body bytes are body, whatever they look like.
    const QByteArray headLikeBody = "a\r\n\r\nPOST /x HTTP/1.1\r\nContent-Length: 999999\r\n\r\n";
    QTest::newRow("body containing a blank line and a head")
        << post(headLikeBody.size(), headLikeBody) << Verdict::Continue << 1;
    QTest::newRow("body containing a head, then a real request")
        << QByteArray(post(headLikeBody.size(), headLikeBody) + hello) << Verdict::Continue << 2;
    QTest::newRow("body containing a head, then an oversized one")
        << QByteArray(post(headLikeBody.size(), headLikeBody) + post(kMaxBody + 1))
        << Verdict::PayloadTooLarge << 2;
    QTest::newRow("body of CRLFs")
        << QByteArray(post(8, "\r\n\r\n\r\n\r\n") + hello) << Verdict::Continue << 2;

    const QByteArray bigStart = "GET / HTTP/1.1\r\nX-Big: ";
    QTest::newRow("head over 16 KiB without end")
        << QByteArray(bigStart + QByteArray(kMaxHead, 'a')) << Verdict::HeadTooLarge << 0;
    QTest::newRow("head over 16 KiB with end")
        << QByteArray(bigStart + QByteArray(kMaxHead, 'a') + "\r\n\r\n") << Verdict::HeadTooLarge
        << 0;
    QTest::newRow("head of exactly 16 KiB") << headOfSize(kMaxHead) << Verdict::Continue << 1;
    QTest::newRow("head one byte over 16 KiB")
        << headOfSize(kMaxHead + 1) << Verdict::HeadTooLarge << 0;
    QTest::newRow("second head over 16 KiB")
        << QByteArray(hello + bigStart + QByteArray(kMaxHead, 'a')) << Verdict::HeadTooLarge << 1;
    QTest::newRow("16 KiB head, then a request")
        << QByteArray(headOfSize(kMaxHead) + hello) << Verdict::Continue << 2;
    // Refused as such (414) as soon as the line passes 8 KiB, without waiting for its end.
    QTest::newRow("request line of 100 KiB")
        << QByteArray("GET /" + QByteArray(100 * 1024, 'a') + " HTTP/1.1\r\n\r\n")
        << Verdict::UriTooLong << 0;
    QTest::newRow("request line of 9 KiB, complete")
        << QByteArray("GET /" + QByteArray(9 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")
        << Verdict::UriTooLong << 0;
    QTest::newRow("101 headers") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n" +
                                               QByteArray("X-A: 1\r\n").repeated(100) + "\r\n")
                                 << Verdict::HeadTooLarge << 1;
    QTest::newRow("100 headers") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n" +
                                               QByteArray("X-A: 1\r\n").repeated(99) + "\r\n")
                                 << Verdict::Continue << 1;
    QTest::newRow("HTTP/1.1 without Host")
        << QByteArray("GET / HTTP/1.1\r\n\r\n") << Verdict::MissingHost << 1;
    QTest::newRow("HTTP/1.1 with two Hosts")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << Verdict::MissingHost << 1;
    QTest::newRow("HTTP/1.0 without Host")
        << QByteArray("GET / HTTP/1.0\r\n\r\n") << Verdict::Continue << 1;
}

void TestRequestHead::framer()
{
    QFETCH(QByteArray, stream);
    QFETCH(Verdict, verdict);
    QFETCH(int, heads);

    // The verdict must not depend on how the bytes arrive.
    for (const qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(3),
                                  qsizetype(5), qsizetype(64), qsizetype(4096)}) {
        const Outcome outcome = feed(stream, piece);
        QVERIFY2(outcome.verdict == verdict,
                 qPrintable(
                     QStringLiteral("piece %1: verdict %2").arg(piece).arg(int(outcome.verdict))));
        QVERIFY2(outcome.heads == heads,
                 qPrintable(QStringLiteral("piece %1: %2 heads").arg(piece).arg(outcome.heads)));
    }
}

void TestRequestHead::framerAnySplit_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<int>("heads");

    const QByteArray hello = post(5, "hello");
    QTest::newRow("pipelined, second oversized")
        << QByteArray(hello + post(kMaxBody + 1)) << Verdict::PayloadTooLarge << 2;
    QTest::newRow("pipelined, fine")
        << QByteArray(hello + "\r\n" + post(4, "\r\n\r\n") + hello) << Verdict::Continue << 3;
    QTest::newRow("LF-only heads")
        << QByteArray(
               "POST / HTTP/1.1\nHost: x\nContent-Length: 2\n\n\n\nGET / HTTP/1.1\nHost: x\n\n")
        << Verdict::BadRequest << 0;
    QTest::newRow("CR LF split anywhere")
        << QByteArray("\r\n" + hello + "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\r\n")
        << Verdict::Continue << 2;
}

void TestRequestHead::framerAnySplit()
{
    QFETCH(QByteArray, stream);
    QFETCH(Verdict, verdict);
    QFETCH(int, heads);

    // Two pieces, cut at every position.
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        HttpFramer framer(HttpFramer::Limits{kMaxBody, kMaxHead});
        HttpFramer::Event first = framer.feed(QByteArrayView(stream).first(cut));
        int count = first.headsCompleted;
        Verdict final = first.verdict;
        if (first.verdict == Verdict::Continue) {
            const HttpFramer::Event second = framer.feed(QByteArrayView(stream).sliced(cut));
            count += second.headsCompleted;
            final = second.verdict;
        }
        QVERIFY2(final == verdict && count == heads,
                 qPrintable(QStringLiteral("cut at %1: verdict %2, %3 heads")
                                .arg(cut)
                                .arg(int(final))
                                .arg(count)));
    }
}

void TestRequestHead::framerReportsHeads()
{
    // The event carries the head just completed (e.g. to answer Expect: 100-continue).
    const QByteArray stream = post(5, {}, "Expect: 100-continue\r\n");
    const Outcome outcome = feed(stream, 0);
    QCOMPARE(outcome.verdict, Verdict::Continue);
    QCOMPARE(outcome.heads, 1);
    QCOMPARE(outcome.lastHead.method, QByteArrayLiteral("POST"));
    QCOMPARE(outcome.lastHead.target, QByteArrayLiteral("/webhook"));
    QCOMPARE(outcome.lastHead.contentLength, std::optional<qint64>(5));
    QVERIFY(outcome.lastHead.expectContinue);

    // In one piece, a pipelined pair reports the second head as the last.
    const Outcome pair = feed(QByteArray(post(5, "hello") + "GET /health HTTP/1.0\r\n\r\n"), 0);
    QCOMPARE(pair.heads, 2);
    QCOMPARE(pair.lastHead.method, QByteArrayLiteral("GET"));
    QCOMPARE(pair.lastHead.target, QByteArrayLiteral("/health"));
    QVERIFY(pair.lastHead.connectionClose);

    // A smaller limit is honoured.
    QCOMPARE(feed(post(1025), 0, 1024).verdict, Verdict::PayloadTooLarge);
    QCOMPARE(feed(post(1024), 0, 1024).verdict, Verdict::Continue);
}

void TestRequestHead::framerStaysFailed()
{
    HttpFramer framer(HttpFramer::Limits{kMaxBody, kMaxHead});
    QCOMPARE(framer.feed(post(kMaxBody + 1)).verdict, Verdict::PayloadTooLarge);
    // Nothing after a refusal is read as a new request.
    const HttpFramer::Event after = framer.feed(post(5, "hello"));
    QCOMPARE(after.verdict, Verdict::BadRequest);
    QCOMPARE(after.headsCompleted, 0);
}

void TestRequestHead::framerReportsRequestEnds()
{
    // EdgeGuard hands QHttpServer one whole request at a time: it needs where each one ends.
    const QByteArray first = post(5, "hello");
    const QByteArray second = post(3, "abc", "Connection: close\r\n");
    HttpFramer framer(HttpFramer::Limits{kMaxBody, kMaxHead});
    const QByteArray stream = first + "\r\n" + second + "POST /webhook HTTP/1.1\r\n";
    const HttpFramer::Event event = framer.feed(stream);
    QCOMPARE(event.verdict, Verdict::Continue);
    QCOMPARE(event.completed.size(), 2);
    QCOMPARE(event.completed.at(0).end, first.size());
    QCOMPARE(event.completed.at(1).end, first.size() + 2 + second.size());
    QVERIFY(!event.completed.at(0).head.connectionClose);
    QVERIFY(event.completed.at(1).head.connectionClose);
    QVERIFY(framer.inRequest());
    QVERIFY(!framer.awaitingBody());

    // A head whose body is still to come is a request in progress, awaiting its body.
    HttpFramer waiting(HttpFramer::Limits{kMaxBody, kMaxHead});
    const HttpFramer::Event head = waiting.feed(post(5, "he", "Expect: 100-continue\r\n"));
    QCOMPARE(head.headsCompleted, 1);
    QVERIFY(head.completed.isEmpty());
    QVERIFY(waiting.awaitingBody());
    QVERIFY(waiting.pendingHead().expectContinue);
    const HttpFramer::Event rest = waiting.feed("llo");
    QCOMPARE(rest.completed.size(), 1);
    QCOMPARE(rest.completed.constFirst().end, 3);
    QVERIFY(!waiting.inRequest());
}

QTEST_GUILESS_MAIN(TestRequestHead)
#include "tst_requesthead.moc"
