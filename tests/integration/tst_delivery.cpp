// Nothing lost, nothing twice, nothing late: the journal-backed delivery against a real
// redis-server. Redis down, nobody listening, the replay limit, duplicates, a full journal.
#include "ReceiverService.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray token = QByteArrayLiteral("delivery-test-token");
const QList<QPair<QByteArray, QByteArray>> withToken{{"X-Webhook-Token", token}};

QByteArray body(int seq, const QByteArray &symbol = "BTCUSDT")
{
    return R"({"Symbol":")" + symbol + R"(","Action":"BuyMarket","Seq":)" +
           QByteArray::number(seq) + "}";
}

} // namespace

class TestDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void waitsForRedisThenDeliversInOrderOnce();
    void heldWhileNobodyListensThenDeliveredOnce();
    void staleSignalsExpireAndCanBeResentByHand();
    void duplicatesInsideTheWindowAreNotForwarded();
    void duplicatesByChosenFields();
    void fullJournalAnswers503AndClaimsNothing();
    void unusableStreamKeyNeverPublishesTwice();

private:
    // A receiver on its own data dir, with the test's Redis; `tweak` adjusts settings first.
    void startService(const std::function<void(Settings &)> &tweak = {});
    HttpResponse post(const QByteArray &payload)
    {
        return HttpClient::request(m_service->port(), "POST", "/webhook", payload, withToken);
    }
    QJsonObject health() { return HttpClient::request(m_service->port(), "GET", "/health").json(); }
    // trace_ids of the stream, in stream order.
    QList<QByteArray> streamTraceIds() const
    {
        QList<QByteArray> ids;
        const RedisReply reply = m_redis->run({"XRANGE", "webhook_raw:stream", "-", "+"});
        for (const RedisReply &entry : reply.elements)
            ids.append(entry.elements.at(1).elements.at(1).string);
        return ids;
    }
    static QByteArray traceIdOf(const HttpResponse &response)
    {
        return response.json().value(QLatin1String("trace_id")).toString().toLatin1();
    }

    std::unique_ptr<RedisServer> m_redis;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<ReceiverService> m_service;
};

void TestDelivery::init()
{
    m_redis = std::make_unique<RedisServer>();
    T6_START_REDIS(*m_redis);
    m_dataDir = std::make_unique<QTemporaryDir>();
}

void TestDelivery::cleanup()
{
    if (m_service)
        m_service->stop(std::chrono::milliseconds(0));
    m_service.reset();
    m_redis.reset();
}

void TestDelivery::startService(const std::function<void(Settings &)> &tweak)
{
    Settings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = 0;
    settings.tokens = {token};
    settings.redis = m_redis->endpoint();
    settings.dataDir = m_dataDir->path();
    if (tweak)
        tweak(settings);
    m_service = std::make_unique<ReceiverService>(settings);
    const QString error = m_service->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestDelivery::waitsForRedisThenDeliversInOrderOnce()
{
    m_redis->stop();
    startService();
    QList<QByteArray> acked;
    for (int i = 0; i < 50; ++i) {
        const HttpResponse r = post(body(i));
        QCOMPARE(r.status, 200); // recorded on disk; Redis is not needed for that
        acked.append(traceIdOf(r));
    }
    QCOMPARE(health().value(QLatin1String("pending")).toInteger(), 50);

    QVERIFY(m_redis->restart());
    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    // The first one found nobody (held) until the subscriber came; then all, in order.
    QVERIFY(subscriber.waitForMessages(50, 15000));
    QTest::qWait(200);
    QCOMPARE(subscriber.messages().size(), 50);
    for (int i = 0; i < 50; ++i)
        QVERIFY2(subscriber.messages().at(i).contains(acked.at(i)), "published out of order");
    QCOMPARE(streamTraceIds(), acked); // in the stream once each, in order
    QTRY_COMPARE(health().value(QLatin1String("pending")).toInteger(), 0);
    QCOMPARE(health().value(QLatin1String("held")).toInteger(), 0);
}

void TestDelivery::heldWhileNobodyListensThenDeliveredOnce()
{
    startService();
    QList<QByteArray> acked;
    for (int i = 0; i < 3; ++i)
        acked.append(traceIdOf(post(body(i))));
    QTRY_VERIFY(health().value(QLatin1String("held")).toInteger() >= 1);
    QCOMPARE(health().value(QLatin1String("listeners")).toInteger(), 0);

    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QVERIFY(subscriber.waitForMessages(3, 10000));
    QTest::qWait(200);
    QCOMPARE(subscriber.messages().size(), 3);
    for (int i = 0; i < 3; ++i)
        QVERIFY(subscriber.messages().at(i).contains(acked.at(i)));
    QCOMPARE(streamTraceIds(), acked); // re-publishing a held one did not add it twice
    QTRY_COMPARE(health().value(QLatin1String("held")).toInteger(), 0);
}

void TestDelivery::staleSignalsExpireAndCanBeResentByHand()
{
    startService([](Settings &s) { s.replayMaxAgeS = 1; });
    const QByteArray traceId = traceIdOf(post(body(1)));
    QTRY_COMPARE_WITH_TIMEOUT(health().value(QLatin1String("expired")).toInteger(), 1, 5000);

    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QVERIFY(!subscriber.waitForMessages(1, 1500)); // a stale signal never fires by itself

    const QByteArray request = R"({"trace_id":")" + traceId + R"("})";
    const HttpResponse resend =
        HttpClient::request(m_service->port(), "POST", "/admin/resend", request, withToken);
    QCOMPARE(resend.status, 200);
    QCOMPARE(resend.body, QByteArray(R"({"resent":1})"));
    QVERIFY(subscriber.waitForMessages(1));
    const QByteArray message = subscriber.messages().constFirst();
    QVERIFY(message.contains(traceId));
    QVERIFY2(message.endsWith(R"(,"replayed":true})"), message.constData());
    QCOMPARE(QJsonDocument::fromJson(message).object().value(QLatin1String("replayed")).toBool(),
             true);

    // Without the token, or for a row that is not expired, nothing is re-sent.
    QCOMPARE(HttpClient::request(m_service->port(), "POST", "/admin/resend", request).status, 403);
    QTRY_COMPARE(
        HttpClient::request(m_service->port(), "POST", "/admin/resend", request, withToken).status,
        409);
}

void TestDelivery::duplicatesInsideTheWindowAreNotForwarded()
{
    startService([](Settings &s) {
        s.dedupeWindowS = 2;
        s.requireListener = false;
    });
    const HttpResponse first = post(body(7));
    const HttpResponse again = post(body(7));
    QCOMPARE(first.status, 200);
    QCOMPARE(again.status, 200);
    QVERIFY(!first.json().contains(QLatin1String("duplicate")));
    QCOMPARE(again.json().value(QLatin1String("duplicate")).toBool(), true);
    QVERIFY(traceIdOf(again) != traceIdOf(first));
    QCOMPARE(post(body(8)).json().value(QLatin1String("duplicate")).toBool(),
             false); // other payload

    QTest::qWait(2100); // past the window: the same payload is a new signal
    const HttpResponse later = post(body(7));
    QCOMPARE(later.json().value(QLatin1String("duplicate")).toBool(), false);
    QTRY_COMPARE(streamTraceIds().size(), 3);
    QVERIFY(!streamTraceIds().contains(traceIdOf(again)));
}

void TestDelivery::duplicatesByChosenFields()
{
    startService([](Settings &s) {
        s.dedupeWindowS = 10;
        s.dedupeKeys = {QStringLiteral("Symbol"), QStringLiteral("Action")};
        s.requireListener = false;
    });
    QCOMPARE(post(body(1)).json().value(QLatin1String("duplicate")).toBool(), false);
    // Another Seq, same Symbol and Action: a duplicate by the chosen fields.
    QCOMPARE(post(body(2)).json().value(QLatin1String("duplicate")).toBool(), true);
    QCOMPARE(post(body(3, "ETHUSDT")).json().value(QLatin1String("duplicate")).toBool(), false);
    QTRY_COMPARE(streamTraceIds().size(), 2);
}

void TestDelivery::fullJournalAnswers503AndClaimsNothing()
{
    startService([](Settings &s) {
        s.journalMaxMb = 1;
        s.dedupeWindowS = 0;
        s.requireListener = false;
        s.maxBody = 128 * 1024;
    });
    const QByteArray filler(60 * 1024, 'x');
    QList<QByteArray> acked;
    HttpResponse refused;
    for (int i = 0; i < 40 && refused.status == 0; ++i) {
        const HttpResponse r =
            post(R"({"Seq":)" + QByteArray::number(i) + R"(,"Fill":")" + filler + "\"}");
        if (r.status == 200)
            acked.append(traceIdOf(r));
        else
            refused = r;
    }
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.body, QByteArray(R"({"error":"Unavailable"})"));
    QVERIFY(!acked.isEmpty());
    QCOMPARE(health().value(QLatin1String("journal")).toString(), QStringLiteral("error"));
    QTRY_COMPARE(streamTraceIds(), acked); // what got 200 was delivered; nothing else was
}

void TestDelivery::unusableStreamKeyNeverPublishesTwice()
{
    // XADD fails (the key holds a string) while PUBLISH works: published once, kept for the
    // stream, the failure shown, and streamed once the key is usable again.
    QCOMPARE(m_redis->run({"SET", "webhook_raw:stream", "not a stream"}).string, QByteArray("OK"));
    startService();
    RedisSubscriber subscriber(*m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    const QByteArray traceId = traceIdOf(post(body(1)));
    QVERIFY(subscriber.waitForMessages(1));
    QTRY_COMPARE(health().value(QLatin1String("redis")).toString(), QStringLiteral("refusing"));
    QVERIFY2(health()
                 .value(QLatin1String("redis_error"))
                 .toString()
                 .startsWith(QLatin1String("WRONGTYPE")),
             qPrintable(health().value(QLatin1String("redis_error")).toString()));
    QCOMPARE(health().value(QLatin1String("pending")).toInteger(), 1);
    QTest::qWait(1500);
    QCOMPARE(subscriber.messages().size(), 1);
    QVERIFY(subscriber.messages().constFirst().contains(traceId));

    QCOMPARE(m_redis->run({"DEL", "webhook_raw:stream"}).integer, 1);
    QTRY_COMPARE_WITH_TIMEOUT(streamTraceIds(), QList<QByteArray>{traceId}, 10000);
    QTRY_COMPARE(health().value(QLatin1String("redis")).toString(), QStringLiteral("ok"));
    QCOMPARE(health().value(QLatin1String("pending")).toInteger(), 0);
    QCOMPARE(subscriber.messages().size(), 1); // never published twice
}

QTEST_GUILESS_MAIN(TestDelivery)
#include "tst_delivery.moc"
