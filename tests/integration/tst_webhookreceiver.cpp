// The receiver in-process against a real redis-server: what TradingView sends is what Terminal 3
// reads on webhook_raw, byte for byte; what is refused never reaches Redis.
#include "receiver/ReceiverService.h"
#include "support/Fixtures.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"
#include "support/ResidentMemory.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray token = QByteArrayLiteral("aristobot_webhook_secret_dev_2026");
const QByteArray bodyTokenMember = "\"token\":\"" + token + "\",";

} // namespace

class TestWebhookReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyFixtureReachesRedisExactly_data();
    void everyFixtureReachesRedisExactly();
    void refusedRequestsPublishNothing_data();
    void refusedRequestsPublishNothing();
    void oversizedBodyIsRefusedBeforeItIsBuffered();
    void unknownRouteIsNotFound();
    void healthReportsState();
    void webhooksWaitForRedisAndGoOutInOrder();

private:
    HttpResponse post(const QByteArray &target, const QByteArray &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return HttpClient::request(m_service->port(), "POST", target, body, headers);
    }
    // Sends a valid webhook and returns its trace_id: a marker that what came before is done.
    QByteArray sendMarker()
    {
        const HttpResponse r = post("/webhook", R"({"Action":"PING","Symbol":"MARKER"})",
                                    {{"X-Webhook-Token", token}});
        return r.json().value(QLatin1String("trace_id")).toString().toLatin1();
    }

    RedisServer m_redis;
    QTemporaryDir m_dataDir;
    std::unique_ptr<ReceiverService> m_service;
};

void TestWebhookReceiver::initTestCase()
{
    T6_START_REDIS(m_redis);
    Settings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = 0; // any free port
    settings.tokens = {token};
    settings.redis = m_redis.endpoint();
    settings.dataDir = m_dataDir.path();
    settings.dedupeWindowS = 0; // the same fixtures go out many times here
    settings.receiverName = QStringLiteral("tst-receiver:1");
    m_service = std::make_unique<ReceiverService>(settings);
    const QString error = m_service->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_COMPARE(m_service->status().redis, ReceiverStatus::Redis::Ok);
}

void TestWebhookReceiver::cleanupTestCase()
{
    if (m_service)
        m_service->stop(std::chrono::milliseconds(500));
}

void TestWebhookReceiver::everyFixtureReachesRedisExactly_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("expectedPayload");

    int line = 0;
    for (const QByteArray &fixture :
         Fixtures::lines(QStringLiteral("tradingview-payloads.jsonl"))) {
        ++line;
        // The body token, where the fixture has one, never reaches Redis.
        QByteArray expected = fixture;
        expected.replace(bodyTokenMember, "");
        const QByteArray withBodyToken =
            fixture.contains(bodyTokenMember) ? fixture : "{" + bodyTokenMember + fixture.mid(1);
        QTest::addRow("line %d, header", line)
            << QByteArray("/webhook") << fixture << token << expected;
        QTest::addRow("line %d, path", line)
            << "/webhook/" + token << fixture << QByteArray() << expected;
        QTest::addRow("line %d, query", line)
            << "/webhook?token=" + token << fixture << QByteArray() << expected;
        QTest::addRow("line %d, body", line)
            << QByteArray("/webhook") << withBodyToken << QByteArray() << expected;
    }
}

void TestWebhookReceiver::everyFixtureReachesRedisExactly()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, expectedPayload);

    RedisSubscriber subscriber(m_redis);
    QVERIFY2(subscriber.subscribe("webhook_raw"), qPrintable(subscriber.errorString()));
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "text/plain"}};
    if (!header.isEmpty())
        headers.append({"X-Webhook-Token", header});
    const HttpResponse response = post(target, body, headers);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject reply = response.json();
    QCOMPARE(reply.value(QLatin1String("status")).toString(), QStringLiteral("received"));
    const QByteArray traceId = reply.value(QLatin1String("trace_id")).toString().toLatin1();
    const QByteArray receivedAt = reply.value(QLatin1String("timestamp")).toString().toLatin1();
    QCOMPARE(QUuid::fromString(QLatin1String(traceId)).version(), QUuid::Random);
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$)"))
                 .match(QLatin1String(receivedAt))
                 .hasMatch(),
             receivedAt.constData());
    QCOMPARE(response.body, R"({"status":"received","timestamp":")" + receivedAt +
                                R"(","trace_id":")" + traceId + R"("})");

    QVERIFY(subscriber.waitForMessages(1));
    const QByteArray expected = R"({"payload":)" + expectedPayload + R"(,"received_at":")" +
                                receivedAt + R"(","source_ip":"127.0.0.1","trace_id":")" + traceId +
                                R"(","receiver":"tst-receiver:1"})";
    QCOMPARE(subscriber.messages().constFirst(), expected);
    QVERIFY(!subscriber.messages().constFirst().contains(token));
}

void TestWebhookReceiver::refusedRequestsPublishNothing_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reply");

    const QByteArray ok = R"({"Symbol":"BTCUSDT","Action":"BuyMarket"})";
    const QByteArray invalidToken = R"({"error":"Invalid token"})";
    const QByteArray invalidJson = R"({"error":"Invalid JSON"})";
    QTest::newRow("no token") << QByteArray("/webhook") << ok << QByteArray() << 401
                              << invalidToken;
    QTest::newRow("wrong header") << QByteArray("/webhook") << ok << QByteArray("nope") << 401
                                  << invalidToken;
    QTest::newRow("empty header") << QByteArray("/webhook") << ok << QByteArray("") << 401
                                  << invalidToken;
    QTest::newRow("wrong path") << QByteArray("/webhook/nope") << ok << QByteArray() << 401
                                << invalidToken;
    QTest::newRow("empty query") << QByteArray("/webhook?token=") << ok << QByteArray() << 401
                                 << invalidToken;
    QTest::newRow("token prefix") << "/webhook/" + token.left(10) << ok << QByteArray() << 401
                                  << invalidToken;
    QTest::newRow("wrong body") << QByteArray("/webhook") << QByteArray(R"({"token":"nope","A":1})")
                                << QByteArray() << 401 << invalidToken;
    QTest::newRow("places disagree")
        << "/webhook/" + token << QByteArray(R"({"token":"nope","A":1})") << QByteArray() << 401
        << invalidToken;
    QTest::newRow("no token, bad JSON") << QByteArray("/webhook") << QByteArray("BUY BTCUSDT")
                                        << QByteArray() << 401 << invalidToken;
    const QList<QPair<const char *, QByteArray>> notObjects = {
        {"empty", ""},
        {"null", "null"},
        {"array", "[]"},
        {"string", "\"text\""},
        {"number", "42"},
        {"plain text", "BUY BTCUSDT"},
        {"trailing comma", R"({"a":1,})"},
        {"invalid UTF-8", "{\"a\":\"\xC3\x28\"}"},
        {"NUL byte", QByteArray("{\"a\":\"\0\"}", 9)},
        {"UTF-16 BOM", QByteArray("\xFF\xFE{\0}\0", 6)}};
    // 64 levels deep or more (bad-requests.md): nobody's alert, and past what readers accept.
    QTest::newRow("64 levels deep")
        << QByteArray("/webhook") << "{\"a\":" + QByteArray(63, '[') + QByteArray(63, ']') + "}"
        << token << 400 << invalidJson;
    for (const auto &[name, body] : notObjects)
        QTest::newRow(name) << QByteArray("/webhook") << body << token << 400 << invalidJson;
}

void TestWebhookReceiver::refusedRequestsPublishNothing()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    QFETCH(QByteArray, reply);

    RedisSubscriber subscriber(m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!header.isNull())
        headers.append({"X-Webhook-Token", header});
    const HttpResponse response = post(target, body, headers);
    QCOMPARE(response.status, status);
    QCOMPARE(response.body, reply);

    // Redis handles commands in order: once the marker arrived, anything refused would have too.
    const QByteArray marker = sendMarker();
    QVERIFY(!marker.isEmpty());
    QVERIFY(subscriber.waitForMessages(1));
    QTest::qWait(50);
    QCOMPARE(subscriber.messages().size(), 1);
    QVERIFY(subscriber.messages().constFirst().contains(marker));
}

void TestWebhookReceiver::oversizedBodyIsRefusedBeforeItIsBuffered()
{
    // A real 70 KiB body over the 64 KiB default.
    const HttpResponse small =
        post("/webhook", QByteArray(70 * 1024, 'a'), {{"X-Webhook-Token", token}});
    QCOMPARE(small.status, 413);
    QCOMPARE(small.body, QByteArray(R"({"error":"Payload too large"})"));

    // 200 MB declared, 16 MB actually streamed: refused from the headers, nothing kept.
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer keeps freed memory in quarantine: RSS tells nothing here");
#endif
    const qint64 before = residentKiB();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write("POST /webhook HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: " + token +
                 "\r\nContent-Length: 209715200\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'x');
    QByteArray answer;
    for (int i = 0; i < 256 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(chunk);
        socket.waitForBytesWritten(1000);
        if (socket.bytesAvailable())
            answer += socket.readAll();
    }
    while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(2000))
        answer += socket.readAll();
    const qint64 growth = residentKiB() - before;
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(64).constData());
    QVERIFY2(growth < 5 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(growth)));
}

void TestWebhookReceiver::unknownRouteIsNotFound()
{
    QCOMPARE(HttpClient::request(m_service->port(), "GET", "/nothing-here").status, 404);
    // Qt 6.4 answers a wrong method with 404 as well; what matters is that nothing is accepted.
    QCOMPARE(HttpClient::request(m_service->port(), "GET", "/webhook").status, 404);
}

void TestWebhookReceiver::healthReportsState()
{
    const HttpResponse response = HttpClient::request(m_service->port(), "GET", "/health");
    QCOMPARE(response.status, 200);
    const QJsonObject health = response.json();
    QCOMPARE(health.value(QLatin1String("status")).toString(), QStringLiteral("running"));
    QCOMPARE(health.value(QLatin1String("redis")).toString(), QStringLiteral("ok"));
    QVERIFY(health.value(QLatin1String("webhooks_received")).toInteger() > 0);
    QVERIFY(health.value(QLatin1String("webhooks_rejected")).toInteger() > 0);
    QCOMPARE(health.value(QLatin1String("queued")).toInteger(), 0);
    QVERIFY(health.contains(QLatin1String("uptime_s")));
    QVERIFY(!response.body.contains(token));
}

void TestWebhookReceiver::webhooksWaitForRedisAndGoOutInOrder()
{
    m_redis.stop(RedisServer::StopSignal::Kill);
    QTRY_COMPARE(m_service->status().redis, ReceiverStatus::Redis::Error);

    QList<QByteArray> traceIds;
    for (int i = 0; i < 5; ++i) {
        const HttpResponse r =
            post("/webhook", R"({"Symbol":"BTCUSDT","Seq":)" + QByteArray::number(i) + "}",
                 {{"X-Webhook-Token", token}});
        QCOMPARE(r.status, 200); // never waits for Redis
        traceIds.append(r.json().value(QLatin1String("trace_id")).toString().toLatin1());
    }
    const QJsonObject health = HttpClient::request(m_service->port(), "GET", "/health").json();
    QCOMPARE(health.value(QLatin1String("redis")).toString(), QStringLiteral("error"));
    QCOMPARE(health.value(QLatin1String("queued")).toInteger(), 5);

    // Back with a password the forwarder lacks: it connects but cannot publish, so our listener
    // is surely subscribed before anything goes out. Lifting the password lets the queue flow.
    m_redis.setExtraArgs({QStringLiteral("--requirepass"), QStringLiteral("hold")});
    QVERIFY2(m_redis.restart(), qPrintable(m_redis.errorString()));
    RedisSubscriber subscriber(m_redis);
    QVERIFY2(subscriber.subscribe("webhook_raw"), qPrintable(subscriber.errorString()));
    QCOMPARE(m_redis.run({"CONFIG", "SET", "requirepass", ""}).string, QByteArray("OK"));
    m_redis.setExtraArgs({});

    QVERIFY(subscriber.waitForMessages(5, 15000));
    QTest::qWait(100);
    QCOMPARE(subscriber.messages().size(), 5);
    for (int i = 0; i < 5; ++i) {
        QVERIFY2(subscriber.messages().at(i).contains(traceIds.at(i)), "out of order");
        QVERIFY(subscriber.messages().at(i).contains(
            QByteArray(R"("Seq":)" + QByteArray::number(i) + "}")));
    }
    QTRY_COMPARE(m_service->status().open, 0);
    QTRY_COMPARE(m_service->status().redis, ReceiverStatus::Redis::Ok);
}

QTEST_GUILESS_MAIN(TestWebhookReceiver)
#include "tst_webhookreceiver.moc"
