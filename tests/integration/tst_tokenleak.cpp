// The built terminal6 with two tokens (WEBHOOK_TOKEN, WEBHOOK_TOKEN_NEXT), fed every token form
// and bad ones: neither token may show up in its log, any file of its data dir, Redis (keys,
// stream, pub/sub traffic), /health or /metrics. T6_BINARY (set by ctest) names the binary.
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
    // Everything the app can say, debug included, goes into the log searched below.
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("t6.*=true"));
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

    // The search looked at real traffic: the capture, the log and the journal's bytes saw it.
    QVERIFY(places.at(3).second.contains("\"Action\":\"PING\""));
    QVERIFY2(log.contains("rejected 401"), log.constData());
    QVERIFY(std::any_of(places.cbegin() + 4, places.cbegin() + 4 + fileCount,
                        [](const auto &place) { return place.second.contains("BTCUSDT"); }));
    for (const auto &[where, bytes] : places) {
        for (const QByteArray &t : tokens) {
            QVERIFY2(!bytes.contains(t), qPrintable(where + QStringLiteral(" holds a token")));
            // The 12-byte prefix sent as a bad token is not a secret, but more would be.
            QVERIFY2(!bytes.contains(t.left(20)),
                     qPrintable(where + QStringLiteral(" holds most of a token")));
        }
    }
}

QTEST_GUILESS_MAIN(TestTokenLeak)
#include "tst_tokenleak.moc"
