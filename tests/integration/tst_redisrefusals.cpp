// When Redis refuses, against a real redis-server: every refusal named (in /health and the log,
// without flooding it), nothing missing from the stream, nothing reordered, nothing sent twice.
// A stream key of the wrong type, a memory limit flipped mid-pipeline, a missing password, a
// user who may not read the delivery state, connections killed mid-pipeline, a replica, Redis
// restarted without persistence.
#include "receiver/ReceiverService.h"
#include "support/HttpClient.h"
#include "support/LogCapture.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QJsonDocument>
#include <QSet>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

const QByteArray token = QByteArrayLiteral("refusals-test-token");
const QList<QPair<QByteArray, QByteArray>> withToken{{"X-Webhook-Token", token}};

QByteArray body(int seq)
{
    return R"({"Symbol":"BTCUSDT","Action":"BuyMarket","Seq":)" + QByteArray::number(seq) + "}";
}

qint64 connectionsReceived(const RedisServer &server)
{
    for (const QByteArray &line : server.run({"INFO", "stats"}).string.split('\n')) {
        if (line.startsWith("total_connections_received:"))
            return line.split(':').value(1).trimmed().toLongLong();
    }
    return -1;
}

} // namespace

class TestRedisRefusals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_log = std::make_unique<LogCapture>(); } // after QTest's handler
    void init();
    void cleanup();
    void wrongTypeStreamIsNamedThenCaughtUpInOrder();
    void refusalsMidPipelineKeepTheOrder();
    void missingPasswordIsAFailedConnection();
    void stateThatCannotBeReadMeansNothingIsSent();
    void killedConnectionsSendNothingTwice();
    void refusingRedisIsNamed_data();
    void refusingRedisIsNamed();
    void redisThatLostTheStreamGetsItBack();

private:
    void startService(const RedisEndpoint &endpoint,
                      const std::function<void(Settings &)> &tweak = {});
    HttpResponse post(const QByteArray &payload)
    {
        return HttpClient::request(m_service->port(), "POST", "/webhook", payload, withToken);
    }
    QJsonObject health() { return HttpClient::request(m_service->port(), "GET", "/health").json(); }
    QString redisState() { return health().value(QLatin1String("redis")).toString(); }
    QString redisError() { return health().value(QLatin1String("redis_error")).toString(); }
    // `count` webhooks pipelined over five connections at once; their trace_ids.
    QList<QByteArray> postBurst(int first, int count)
    {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int c = 0; c < 5; ++c) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_service->port());
            if (!socket->waitForConnected(3000))
                return {};
            QByteArray requests;
            for (int i = c; i < count; i += 5) {
                const QByteArray payload = body(first + i);
                requests += "POST /webhook HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: " + token +
                            "\r\nContent-Length: " + QByteArray::number(payload.size()) +
                            "\r\n\r\n" + payload;
            }
            socket->write(requests);
            sockets.push_back(std::move(socket));
        }
        QList<QByteArray> ids;
        for (int c = 0; c < 5; ++c) {
            QByteArray in;
            const int expected = (count - c + 4) / 5;
            QDeadlineTimer deadline(10000);
            while (in.count("\"trace_id\"") < expected && !deadline.hasExpired()) {
                sockets[c]->waitForReadyRead(50);
                in += sockets[c]->readAll();
            }
            for (qsizetype at = in.indexOf("\"trace_id\":\""); at >= 0;
                 at = in.indexOf("\"trace_id\":\"", at + 1))
                ids.append(in.mid(at + 12, 36));
        }
        return ids;
    }
    static QByteArray traceIdOf(const HttpResponse &response)
    {
        return response.json().value(QLatin1String("trace_id")).toString().toLatin1();
    }

    std::unique_ptr<RedisServer> m_redis;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<ReceiverService> m_service;
    std::unique_ptr<LogCapture> m_log;
    int logged(const QString &needle) const { return m_log->count(needle); }
};

void TestRedisRefusals::init()
{
    m_redis = std::make_unique<RedisServer>();
    T6_START_REDIS(*m_redis);
    m_dataDir = std::make_unique<QTemporaryDir>();
    if (m_log)
        m_log->clear();
}

void TestRedisRefusals::cleanup()
{
    if (m_service)
        m_service->stop(std::chrono::milliseconds(0));
    m_service.reset();
    m_redis.reset();
}

void TestRedisRefusals::startService(const RedisEndpoint &endpoint,
                                     const std::function<void(Settings &)> &tweak)
{
    Settings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = 0;
    settings.tokens = {token};
    settings.redis = endpoint;
    settings.dataDir = m_dataDir->path();
    settings.dedupeWindowS = 0;
    settings.rateLimit = 0;
    if (tweak)
        tweak(settings);
    m_service = std::make_unique<ReceiverService>(settings);
    const QString error = m_service->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestRedisRefusals::wrongTypeStreamIsNamedThenCaughtUpInOrder()
{
    QCOMPARE(m_redis->run({"SET", "webhook_raw:stream", "x"}).string, QByteArray("OK"));
    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    startService(m_redis->endpoint());
    QList<QByteArray> acked;
    for (int i = 0; i < 200; ++i)
        acked.append(traceIdOf(post(body(i))));
    QVERIFY(subscriber.waitForMessages(200));
    // Trading goes on (published), the stream waits for every one of them, and says why.
    QCOMPARE(subscriber.traceIds(), acked);
    QTRY_COMPARE(redisState(), QStringLiteral("refusing"));
    QVERIFY2(redisError().startsWith(QLatin1String("WRONGTYPE")), qPrintable(redisError()));
    QCOMPARE(health().value(QLatin1String("pending")).toInteger(), 200);
    QTest::qWait(2000);
    QVERIFY2(logged(QStringLiteral("WRONGTYPE")) <= 2,
             qPrintable(QString::number(logged(QStringLiteral("WRONGTYPE")))));

    // The key fixed: all 200, in order, once; nothing published again.
    QCOMPARE(m_redis->run({"DEL", "webhook_raw:stream"}).integer, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_redis->streamTraceIds(), acked, 15000);
    QTRY_COMPARE(redisState(), QStringLiteral("ok"));
    QCOMPARE(health().value(QLatin1String("pending")).toInteger(), 0);
    QTest::qWait(500);
    QCOMPARE(subscriber.messages().size(), 200);
    QVERIFY(logged(QStringLiteral("accepts the stream again")) >= 1);
}

void TestRedisRefusals::refusalsMidPipelineKeepTheOrder()
{
    // Redis refuses writes (OOM) and accepts them again, every 30 ms, while 1 000 webhooks come
    // in at ~500/s: every one reaches the stream and the listener once, in journal order.
    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QCOMPARE(m_redis->run({"CONFIG", "SET", "maxmemory-policy", "noeviction"}).string,
             QByteArray("OK"));
    startService(m_redis->endpoint());
    bool refusing = false;
    QTimer flip;
    flip.setInterval(30);
    connect(&flip, &QTimer::timeout, this, [&] {
        refusing = !refusing;
        m_redis->run({"CONFIG", "SET", "maxmemory", refusing ? "1" : "0"});
    });
    flip.start();
    QList<QByteArray> acked;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 1000; ++i) {
        const HttpResponse r = post(body(i));
        QCOMPARE(r.status, 200); // replies never wait for Redis
        acked.append(traceIdOf(r));
        while (clock.elapsed() < i * 2)
            QTest::qWait(1);
    }
    QTest::qWait(500);
    flip.stop();
    m_redis->run({"CONFIG", "SET", "maxmemory", "0"});
    QTRY_COMPARE_WITH_TIMEOUT(m_redis->streamTraceIds().size(), qsizetype(1000), 30000);
    QCOMPARE(m_redis->streamTraceIds(), acked);
    QVERIFY(subscriber.waitForMessages(1000, 30000));
    QTest::qWait(500);
    QCOMPARE(subscriber.traceIds(), acked);
    QVERIFY2(logged(QStringLiteral("OOM")) >= 1, "the refusals were never named");
    QVERIFY2(logged(QStringLiteral("OOM")) <= 40,
             qPrintable(QString::number(logged(QStringLiteral("OOM")))));
}

void TestRedisRefusals::missingPasswordIsAFailedConnection()
{
    m_redis->setExtraArgs({QStringLiteral("--requirepass"), QStringLiteral("s3cret")});
    QVERIFY(m_redis->restart());
    RedisEndpoint noPassword = m_redis->endpoint();
    noPassword.password.clear();
    const qint64 connectionsBefore = connectionsReceived(*m_redis);
    startService(noPassword);
    QCOMPARE(post(body(1)).status, 200); // recorded; it waits
    QTRY_COMPARE(redisState(), QStringLiteral("error"));
    QTRY_VERIFY2(redisError().contains(QLatin1String("NOAUTH")), qPrintable(redisError()));
    QTest::qWait(8000);
    const qint64 connections = connectionsReceived(*m_redis) - connectionsBefore;
    // Backing off (100 ms doubling to 5 s): a handful of attempts per link, not one every 100 ms.
    qInfo("8 s with the wrong password: %lld connections, %d log lines naming NOAUTH", connections,
          logged(QStringLiteral("NOAUTH")));
    QVERIFY2(connections <= 60, qPrintable(QString::number(connections)));
    QVERIFY2(logged(QStringLiteral("NOAUTH")) <= 10,
             qPrintable(QString::number(logged(QStringLiteral("NOAUTH")))));
    QCOMPARE(health().value(QLatin1String("pending")).toInteger(), 1);
}

void TestRedisRefusals::stateThatCannotBeReadMeansNothingIsSent()
{
    // A user who may write but not read the delivery state (HGETALL): what reached Redis before
    // is unknown, so nothing is sent until it can be read.
    QCOMPARE(
        m_redis->run({"ACL", "SETUSER", "t6", "on", ">pw", "~*", "&*", "+@all", "-hgetall"}).string,
        QByteArray("OK"));
    RedisEndpoint user = m_redis->endpoint();
    user.user = QByteArrayLiteral("t6");
    user.password = QByteArrayLiteral("pw");
    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    startService(user);
    const QByteArray traceId = traceIdOf(post(body(1)));
    QTRY_COMPARE(redisState(), QStringLiteral("refusing"));
    QVERIFY2(redisError().startsWith(QLatin1String("NOPERM")), qPrintable(redisError()));
    QTest::qWait(1500);
    QVERIFY(m_redis->streamTraceIds().isEmpty());
    QVERIFY(subscriber.messages().isEmpty());
    // Allowed again: sent once.
    QCOMPARE(m_redis->run({"ACL", "SETUSER", "t6", "+hgetall"}).string, QByteArray("OK"));
    QTRY_COMPARE_WITH_TIMEOUT(m_redis->streamTraceIds(), QList<QByteArray>{traceId}, 10000);
    QVERIFY(subscriber.waitForMessages(1));
    QTRY_COMPARE(redisState(), QStringLiteral("ok"));
}

void TestRedisRefusals::killedConnectionsSendNothingTwice()
{
    // A user without XREVRANGE (what the old reconnect check needed) and every link killed
    // again and again with deliveries in flight: every webhook in the stream and on pub/sub once,
    // in one order.
    QCOMPARE(m_redis->run({"ACL", "SETUSER", "t6", "on", ">pw", "~*", "&*", "+@all", "-xrevrange"})
                 .string,
             QByteArray("OK"));
    RedisEndpoint user = m_redis->endpoint();
    user.user = QByteArrayLiteral("t6");
    user.password = QByteArrayLiteral("pw");
    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    startService(user);
    QTimer killer;
    killer.setInterval(25);
    connect(&killer, &QTimer::timeout, this, [&] {
        m_redis->run({"CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"});
    });
    killer.start();
    // Bursts of pipelined webhooks on several connections: many deliveries in flight at once.
    QList<QByteArray> acked;
    for (int burst = 0; burst < 12; ++burst) {
        acked += postBurst(burst * 100, 100);
        QTest::qWait(30);
    }
    QCOMPARE(acked.size(), 1200);
    QTest::qWait(300);
    killer.stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_redis->streamTraceIds().size(), qsizetype(1200), 30000);
    const QList<QByteArray> streamed = m_redis->streamTraceIds();
    QVERIFY(subscriber.waitForMessages(1200, 30000));
    QTest::qWait(1000);
    const QList<QByteArray> published = subscriber.traceIds();
    QCOMPARE(QSet<QByteArray>(streamed.begin(), streamed.end()).size(), streamed.size());
    QCOMPARE(QSet<QByteArray>(published.begin(), published.end()).size(), published.size());
    QCOMPARE(QSet<QByteArray>(streamed.begin(), streamed.end()),
             QSet<QByteArray>(acked.begin(), acked.end()));
    QCOMPARE(published, streamed); // one order, the journal's
}

void TestRedisRefusals::refusingRedisIsNamed_data()
{
    QTest::addColumn<QString>("cause");
    QTest::newRow("out of memory") << QStringLiteral("OOM");
    QTest::newRow("a replica") << QStringLiteral("READONLY");
}

void TestRedisRefusals::refusingRedisIsNamed()
{
    QFETCH(QString, cause);
    std::unique_ptr<RedisServer> master;
    if (cause == QLatin1String("OOM")) {
        m_redis->run({"CONFIG", "SET", "maxmemory-policy", "noeviction"});
        m_redis->run({"CONFIG", "SET", "maxmemory", "1"});
    } else {
        master = std::make_unique<RedisServer>();
        T6_START_REDIS(*master);
        m_redis->run({"REPLICAOF", "127.0.0.1", QByteArray::number(master->port())});
    }
    startService(m_redis->endpoint());
    const QByteArray traceId = traceIdOf(post(body(1)));
    QCOMPARE(post(body(2)).status, 200); // replies stay 200
    QTRY_COMPARE(redisState(), QStringLiteral("refusing"));
    QVERIFY2(redisError().startsWith(cause), qPrintable(redisError()));
    QTest::qWait(3000);
    QVERIFY2(logged(cause) >= 1, "the cause is never named in the log");
    QVERIFY2(logged(cause) <= 3, qPrintable(QString::number(logged(cause))));
    QCOMPARE(logged(QStringLiteral("EXECABORT")), 0);
    QCOMPARE(health().value(QLatin1String("pending")).toInteger(), 2);

    // Refusal over: delivered.
    if (cause == QLatin1String("OOM"))
        m_redis->run({"CONFIG", "SET", "maxmemory", "0"});
    else
        m_redis->run({"REPLICAOF", "NO", "ONE"});
    QTRY_COMPARE_WITH_TIMEOUT(m_redis->streamTraceIds().size(), qsizetype(2), 15000);
    QCOMPARE(m_redis->streamTraceIds().constFirst(), traceId);
    QTRY_COMPARE(redisState(), QStringLiteral("ok"));
}

void TestRedisRefusals::redisThatLostTheStreamGetsItBack()
{
    startService(m_redis->endpoint(), [](Settings &s) { s.requireListener = false; });
    QList<QByteArray> acked;
    for (int i = 0; i < 50; ++i)
        acked.append(traceIdOf(post(body(i))));
    QTRY_COMPARE(m_redis->streamTraceIds(), acked);

    // Killed and started again without persistence: its stream is gone.
    QVERIFY(m_redis->restart());
    QVERIFY(m_redis->streamTraceIds().isEmpty());
    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QTRY_COMPARE_WITH_TIMEOUT(m_redis->streamTraceIds(), acked, 15000);
    QCOMPARE(health().value(QLatin1String("redis_lost")).toInteger(), 50);
    QVERIFY(logged(QStringLiteral("Redis lost 50 webhook(s)")) == 1);
    // Published before, heard then: not published again.
    QTest::qWait(500);
    QVERIFY(subscriber.messages().isEmpty());
    // And what comes next follows, once.
    const QByteArray next = traceIdOf(post(body(50)));
    QVERIFY(subscriber.waitForMessages(1));
    QTRY_COMPARE(m_redis->streamTraceIds().size(), qsizetype(51));
    QCOMPARE(m_redis->streamTraceIds().constLast(), next);
}

QTEST_GUILESS_MAIN(TestRedisRefusals)
#include "tst_redisrefusals.moc"
