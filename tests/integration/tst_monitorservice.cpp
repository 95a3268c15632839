// The monitor end to end against a real redis-server: the fixtures' events published on
// `websockets` reach the models, the receiver's own webhooks go through the journal and the
// history, a burst is applied in batches, and /health shows the seven terminals.
#include "monitor/MonitorService.h"
#include "monitor/models/PositionsModel.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"
#include "redis/RedisConnection.h"
#include "support/Fixtures.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray token = QByteArrayLiteral("monitor-test-token");
}

class TestMonitorService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fixturesReachTheModels();
    void ownWebhooksGoThroughJournalAndHistory();
    void statsFromJournalAndModels();
    void burstIsAppliedInBatches();
    void healthShowsSevenTerminals();

private:
    // Publishes on `websockets` through one pipelined connection (a fresh one per command is slow).
    void publishAll(const QList<QByteArray> &messages);

    RedisServer m_redis;
    QTemporaryDir m_dataDir;
    std::unique_ptr<ReceiverService> m_receiver;
    std::unique_ptr<MonitorService> m_monitor;
};

void TestMonitorService::initTestCase()
{
    T6_START_REDIS(m_redis);
    Settings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = 0;
    settings.tokens = {token};
    settings.redis = m_redis.endpoint();
    settings.dataDir = m_dataDir.path();
    settings.dedupeWindowS = 0;
    settings.requireListener = false;
    m_receiver = std::make_unique<ReceiverService>(settings);
    m_monitor = std::make_unique<MonitorService>(settings);
    m_monitor->attach(m_receiver.get());
    QCOMPARE(m_receiver->start(), QString());
    m_monitor->start();
    // The channel source is subscribed once a keepalive or anything else could come back.
    QTRY_VERIFY(m_redis.run({"PUBSUB", "NUMSUB", "websockets"}).elements.value(1).integer >= 1);
}

void TestMonitorService::cleanupTestCase()
{
    m_monitor->stop();
    m_receiver->stop(std::chrono::milliseconds(0));
}

void TestMonitorService::publishAll(const QList<QByteArray> &messages)
{
    RedisConnection link(m_redis.endpoint());
    link.open();
    QTRY_COMPARE(link.state(), ConnectionState::Connected);
    int answered = 0;
    for (const QByteArray &message : messages)
        link.command({"PUBLISH", "websockets", message},
                     [&answered](const RedisReply &) { ++answered; });
    QTRY_COMPARE_WITH_TIMEOUT(answered, int(messages.size()), 20000);
}

void TestMonitorService::fixturesReachTheModels()
{
    publishAll(Fixtures::lines(QStringLiteral("websockets-events.jsonl")));
    WebhookHistoryModel *history = m_monitor->history();
    QTRY_VERIFY(history->rowOfTrace(QStringLiteral("6f1c2d4e-8a9b-4c3d-9e7f-0a1b2c3d4e5f")) >= 0);
    const int row = history->rowOfTrace(QStringLiteral("6f1c2d4e-8a9b-4c3d-9e7f-0a1b2c3d4e5f"));
    // received (T6) then processed (T3's verdict, matched by trace_id).
    QTRY_COMPARE(history->index(row, WebhookHistoryModel::Status)
                     .data(WebhookHistoryModel::StatusRole)
                     .toString(),
                 QStringLiteral("processed"));
    QCOMPARE(history->index(row, WebhookHistoryModel::OrderId).data().toString(),
             QStringLiteral("1234567890"));
    QCOMPARE(m_monitor->terminals()->state(QStringLiteral("T3")), TerminalState::Up);
    QCOMPARE(m_monitor->terminals()->state(QStringLiteral("T5")), TerminalState::Degraded);
    QVERIFY(m_monitor->positions()->rowCount() <= 1);
}

void TestMonitorService::ownWebhooksGoThroughJournalAndHistory()
{
    QList<QString> traces;
    for (int i = 0; i < 200; ++i) {
        const HttpResponse r = HttpClient::request(
            m_receiver->port(), "POST", "/webhook",
            R"({"Symbol":"ETHUSDT","Exchange":"BITGET","Interval":"15m","Action":"PING","Seq":)" +
                QByteArray::number(i) + "}",
            {{"X-Webhook-Token", token}});
        QCOMPARE(r.status, 200);
        traces.append(r.json().value(QLatin1String("trace_id")).toString());
    }
    WebhookHistoryModel *history = m_monitor->history();
    for (const QString &trace : std::as_const(traces)) {
        QTRY_VERIFY(history->rowOfTrace(trace) >= 0);
        QTRY_COMPARE(history->index(history->rowOfTrace(trace), WebhookHistoryModel::Status)
                         .data(WebhookHistoryModel::StatusRole)
                         .toString(),
                     QStringLiteral("forwarded"));
    }
    QCOMPARE(HttpClient::request(m_receiver->port(), "GET", "/health")
                 .json()
                 .value(QLatin1String("webhooks_received"))
                 .toInteger(),
             200);
}

void TestMonitorService::statsFromJournalAndModels()
{
    const QJsonObject stats = m_monitor->statsJson();
    const QJsonObject day =
        stats.value(QLatin1String("windows")).toObject().value(QLatin1String("24h")).toObject();
    QCOMPARE(day.value(QLatin1String("accepted")).toInteger(), 200); // the webhooks posted above
    QCOMPARE(day.value(QLatin1String("forwarded")).toInteger(), 200);
    QCOMPARE(
        day.value(QLatin1String("by_action")).toObject().value(QLatin1String("PING")).toInteger(),
        200);
    const QJsonObject live = stats.value(QLatin1String("live")).toObject();
    QCOMPARE(live.value(QLatin1String("processed")).toInteger(), 1); // the fixture's verdict
    QCOMPARE(live.value(QLatin1String("errors")).toInteger(), 1);
    QCOMPARE(live.value(QLatin1String("open_positions")).toInteger(),
             m_monitor->positions()->openCount());

    // /stats serves the last snapshot the monitor handed over (made at start, then every minute).
    const HttpResponse served = HttpClient::request(m_receiver->port(), "GET", "/stats");
    QCOMPARE(served.status, 200);
    QVERIFY(
        served.json().value(QLatin1String("windows")).toObject().contains(QLatin1String("30d")));
}

void TestMonitorService::burstIsAppliedInBatches()
{
    QSignalSpy batches(m_monitor.get(), &MonitorService::batchApplied);
    QList<QByteArray> burst;
    for (int i = 0; i < 20000; ++i) {
        burst.append(R"({"type":"webhook_received","source":"T9","ts":"2026-02-05T14:32:15Z",)"
                     R"("message":{"trace_id":"burst-)" +
                     QByteArray::number(i) +
                     R"(","received_at":"2026-02-05T14:32:15.123456","status":"forwarded",)"
                     R"("symbol":"BTCUSDT","action":"PING"}})");
    }
    publishAll(burst);
    const auto applied = [&batches] {
        int sum = 0;
        for (const QList<QVariant> &call : std::as_const(batches))
            sum += call.at(0).toInt();
        return sum;
    };
    QTRY_VERIFY_WITH_TIMEOUT(applied() >= 20000, 20000);
    qInfo("20000 events applied in %lld batches", qint64(batches.size()));
    QVERIFY2(batches.size() < 400, "events must be applied in batches, not one by one");
    // Bounded: the newest 10 000 stay in memory (the journal keeps our own webhooks).
    QCOMPARE(m_monitor->history()->rowCount(), m_monitor->history()->capacity());
    QVERIFY(m_monitor->history()->rowOfTrace(QStringLiteral("burst-19999")) >= 0);
    QCOMPARE(m_monitor->history()->rowOfTrace(QStringLiteral("burst-0")), -1);
}

void TestMonitorService::healthShowsSevenTerminals()
{
    QJsonObject terminals;
    QTRY_VERIFY((terminals = HttpClient::request(m_receiver->port(), "GET", "/health")
                                 .json()
                                 .value(QLatin1String("terminals"))
                                 .toObject())
                    .size() == 7);
    for (const char *id : {"T1", "T2", "T3", "T4", "T5", "T6", "T7"}) {
        const QJsonObject terminal = terminals.value(QLatin1String(id)).toObject();
        QVERIFY2(terminal.contains(QLatin1String("state")), id);
    }
    QCOMPARE(
        terminals.value(QLatin1String("T6")).toObject().value(QLatin1String("state")).toString(),
        QStringLiteral("up"));
    // Not configured: unknown, never up.
    QCOMPARE(
        terminals.value(QLatin1String("T1")).toObject().value(QLatin1String("state")).toString(),
        QStringLiteral("unknown"));
}

QTEST_GUILESS_MAIN(TestMonitorService)
#include "tst_monitorservice.moc"
