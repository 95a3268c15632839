// The built terminal6 with two tokens (WEBHOOK_TOKEN, WEBHOOK_TOKEN_NEXT) and every log category
// on (Qt's own included), fed every token form (raw, JSON-escaped, percent-encoded; in the header,
// path, query, token field, another field, bodies refused whole or cut at the journal's cap) and
// bad ones: neither token may show up in any of those forms in its log, any file of its data dir,
// Redis (keys, stream, pub/sub traffic), /health or /metrics. T6_BINARY (set by ctest) names the
// binary.
#include "support/ChildProcess.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray token = QByteArrayLiteral("leak-check-current-token-5f2a9c1e7b");
const QByteArray nextToken = QByteArrayLiteral("leak-check-next-token-81d3e6a04f");
const QByteArrayList tokens{token, nextToken};
// Where the journal cuts the sample it keeps of a 400 (WebhookServer's rejectedSampleCap).
constexpr qsizetype journalCap = 256;

// Every byte as \u00XX, as a JSON encoder that escapes everything would send it.
QByteArray jsonEscaped(QByteArrayView text)
{
    QByteArray out;
    for (const char c : text)
        out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
    return out;
}

// Every byte as %XX.
QByteArray percentEncoded(QByteArrayView text)
{
    QByteArray out;
    for (const char c : text)
        out += '%' + QByteArray::number(uchar(c), 16).toUpper().rightJustified(2, '0');
    return out;
}

// An invalid JSON body of more than journalCap bytes whose cut falls `into` bytes into `secret`.
QByteArray cutInside(const QByteArray &secret, qsizetype into)
{
    const QByteArray head = "{\"pad\":\"";
    const QByteArray field = "\",\"token\":\"";
    const qsizetype pad = journalCap - into - head.size() - field.size();
    return head + QByteArray(pad, 'x') + field + secret + "\",}";
}

// Everything a Redis value can hold, as text, for every key.
QByteArray flatten(const RedisReply &reply)
{
    QByteArray out = reply.string;
    for (const RedisReply &element : reply.elements)
        out += '\n' + flatten(element);
    return out;
}

} // namespace

class TestTokenLeak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tokensAppearNowhere();

private:
    QTemporaryDir m_dataDir;
};

void TestTokenLeak::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("T6_BINARY")),
             "T6_BINARY must name the built terminal6");
}

void TestTokenLeak::tokensAppearNowhere()
{
    RedisServer redis;
    T6_START_REDIS(redis);
    RedisSubscriber subscriber(redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QVERIFY(subscriber.subscribe("websockets"));

    const quint16 port = RedisServer::freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    environment.insert(QStringLiteral("WEBHOOK_TOKEN_NEXT"), QString::fromLatin1(nextToken));
    environment.insert(QStringLiteral("REDIS_URL"),
                       QStringLiteral("redis://127.0.0.1:%1/0").arg(redis.port()));
    // Everything the app and Qt can say, debug included, goes into the log searched below.
    environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                       QStringLiteral("t6.*=true;*.debug=true;qt.*=true"));
    ChildProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(qEnvironmentVariable("T6_BINARY"),
                  {QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dataDir.path(),
                   QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                   QString::number(port), QStringLiteral("--dedupe-window"), QStringLiteral("0")});
    QVERIFY(process.waitForStarted(5000));
    QByteArray log;
    QVERIFY(QTest::qWaitFor(
        [&] {
            process.waitForReadyRead(100);
            log += process.readAll();
            return log.contains("listening on") || process.state() != QProcess::Running;
        },
        10000));
    QVERIFY2(log.contains("listening on"), log.constData());
    QTRY_COMPARE(
        HttpClient::request(port, "GET", "/health").json().value(QLatin1String("redis")).toString(),
        QStringLiteral("ok"));

    int accepted = 0;
    for (const QByteArray &t : tokens) {
        const QByteArray body =
            "{\"Symbol\":\"BTCUSDT\",\"Action\":\"PING\",\"N\":" + QByteArray::number(accepted) +
            '}';
        QCOMPARE(
            HttpClient::request(port, "POST", "/webhook", body, {{"X-Webhook-Token", t}}).status,
            200);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook/" + t, body + ' ').status, 200);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook?token=" + t, body + "  ").status, 200);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     "{\"token\":\"" + t + "\",\"Action\":\"PING\"}")
                     .status,
                 200);
        accepted += 4;

        // Refused ones that carry the real token somewhere.
        QCOMPARE(HttpClient::request(port, "POST", "/webhook/" + t, "{\"token\":\"wrong\"}").status,
                 401);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook", "{\"token\":\"" + t + "\"}",
                                     {{"X-Webhook-Token", "wrong"}})
                     .status,
                 401);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook?token=" + t, "BUY BTCUSDT").status,
                 400);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook", "{\"token\":\"" + t + "\",}",
                                     {{"X-Webhook-Token", t}})
                     .status,
                 400);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook/" + t + "/extra", "{}").status, 404);
        QCOMPARE(HttpClient::request(port, "GET", "/webhook/" + t).status, 404);

        // Encoded forms, accepted: the token is decoded before the check.
        QCOMPARE(
            HttpClient::request(port, "POST", "/webhook?token=" + percentEncoded(t), body + "   ")
                .status,
            200);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     "{\"token\":\"" + jsonEscaped(t) + "\",\"Action\":\"PING\"}")
                     .status,
                 200);
        // The token inside other fields' values, as sent and escaped, beside a valid one.
        const Headers valid{{"X-Webhook-Token", t}};
        QCOMPARE(HttpClient::request(
                     port, "POST", "/webhook",
                     "{\"note\":\"" + t + "\",\"Symbol\":\"BTCUSDT\",\"Action\":\"PING\"}", valid)
                     .status,
                 200);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     "{\"note\":\"see " + jsonEscaped(t) +
                                         " here\",\"Symbol\":\"BTCUSDT\",\"Action\":\"PING\"}",
                                     valid)
                     .status,
                 200);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     "{\"Symbol\":\"" + t + "\",\"Action\":\"PING\"}", valid)
                     .status,
                 200);
        accepted += 5;

        // Encoded forms, refused: the journal keeps these bodies.
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     "{\"token\":\"" + jsonEscaped(t) + "\",}", valid)
                     .status,
                 400);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     "{\"token\":\"" + jsonEscaped(t) + "\"}",
                                     {{"X-Webhook-Token", "wrong"}})
                     .status,
                 401);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     "token=" + percentEncoded(t) + "&symbol=BTCUSDT", valid)
                     .status,
                 400);
        // Cut by the journal's cap inside the token: 24 bytes of it, then 24 escaped ones and
        // half an escape.
        QCOMPARE(HttpClient::request(port, "POST", "/webhook", cutInside(t, 24), valid).status,
                 400);
        QCOMPARE(HttpClient::request(port, "POST", "/webhook",
                                     cutInside(jsonEscaped(t), 24 * 6 + 3), valid)
                     .status,
                 400);
    }
    // Plain bad ones.
    QCOMPARE(
        HttpClient::request(port, "POST", "/webhook", "{}", {{"X-Webhook-Token", "bad"}}).status,
        401);
    QCOMPARE(HttpClient::request(port, "POST", "/webhook/" + token.left(12), "{}").status, 401);
    QCOMPARE(HttpClient::request(port, "POST", "/webhook", "{}").status, 401);

    QVERIFY(subscriber.waitForMessages(accepted, 10000));
    const HttpResponse health = HttpClient::request(port, "GET", "/health");
    const HttpResponse metrics = HttpClient::request(port, "GET", "/metrics");
    QCOMPARE(health.status, 200);
    QCOMPARE(metrics.status, 200);
    QTest::qWait(300); // the last websockets events

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(8000));
    QCOMPARE(process.exitCode(), 0);
    log += process.readAll();
    QVERIFY2(log.contains("stopped"), log.constData());

    QList<QPair<QString, QByteArray>> places{
        {QStringLiteral("log"), log},
        {QStringLiteral("/health"), health.body},
        {QStringLiteral("/metrics"), metrics.body},
        {QStringLiteral("pub/sub"), subscriber.messages().join('\n')}};
    QDirIterator files(m_dataDir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int fileCount = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        places.append({file.fileName(), file.readAll()});
        ++fileCount;
    }
    QVERIFY(fileCount > 0);
    const RedisReply keys = redis.run({"KEYS", "*"});
    QVERIFY(!keys.elements.isEmpty()); // the stream at least
    for (const RedisReply &key : keys.elements) {
        QByteArray value = redis.run({"DUMP", key.string}).string;
        const QByteArray type = redis.run({"TYPE", key.string}).string;
        if (type == "string")
            value += flatten(redis.run({"GET", key.string}));
        else if (type == "stream")
            value += flatten(redis.run({"XRANGE", key.string, "-", "+"}));
        else if (type == "hash")
            value += flatten(redis.run({"HGETALL", key.string}));
        else if (type == "list")
            value += flatten(redis.run({"LRANGE", key.string, "0", "-1"}));
        else if (type == "set")
            value += flatten(redis.run({"SMEMBERS", key.string}));
        else if (type == "zset")
            value += flatten(redis.run({"ZRANGE", key.string, "0", "-1"}));
        places.append({QStringLiteral("redis ") + QString::fromLatin1(key.string),
                       key.string + '\n' + value});
    }
    places.append({QStringLiteral("redis CLIENT LIST"), redis.run({"CLIENT", "LIST"}).string});

    // The search looked at real traffic: the capture, the log (Qt's debug lines too) and the
    // journal's bytes saw it.
    QVERIFY(places.at(3).second.contains("\"Action\":\"PING\""));
    QVERIFY2(log.contains("rejected 401"), log.constData());
    QVERIFY2(log.contains(" debug qt."), log.constData());
    QVERIFY(std::any_of(places.cbegin() + 4, places.cbegin() + 4 + fileCount,
                        [](const auto &place) { return place.second.contains("BTCUSDT"); }));
    QStringList leaks;
    for (const auto &[where, bytes] : places) {
        for (const QByteArray &t : tokens) {
            // The 12-byte prefix sent as a bad token is not a secret, but 20 bytes would be.
            const QList<QPair<const char *, QByteArray>> forms{
                {"a token", t},
                {"a JSON-escaped token", jsonEscaped(t)},
                {"a percent-encoded token", percentEncoded(t)},
                {"most of a token", t.left(20)},
                {"most of a JSON-escaped token", jsonEscaped(t.left(20))},
                {"most of a percent-encoded token", percentEncoded(t.left(20))}};
            for (const auto &[what, form] : forms) {
                if (bytes.contains(form))
                    leaks.append(where + QStringLiteral(" holds ") + QLatin1String(what));
            }
        }
    }
    leaks.removeDuplicates();
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    // The other fields that held a token are forwarded, without it.
    QVERIFY(places.at(3).second.contains("\"note\":\"***\""));
}

QTEST_GUILESS_MAIN(TestTokenLeak)
#include "tst_tokenleak.moc"
