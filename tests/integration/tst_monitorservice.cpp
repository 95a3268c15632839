// The monitor end to end, wired by Application against a real redis-server: the fixtures' events
// published on `websockets` reach the models, the receiver's own webhooks go through the journal
// and the history (with their lifecycle and payload), the history starts from the journal, a
// burst is applied in batches, and /health and /stats show what the monitor knows.
#include "Application.h"
#include "monitor/MonitorService.h"
#include "monitor/models/PositionsModel.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"
#include "redis/RedisConnection.h"
#include "support/Fixtures.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/TestSettings.h"

#include <QJsonDocument>
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
    void historyStartsFromTheJournal();
    void burstIsAppliedInBatches();
    void healthShowsSevenTerminals();

private:
    // Publishes on `websockets` through one pipelined connection (a fresh one per command is slow).
    void publishAll(const QList<QByteArray> &messages);

    RedisServer m_redis;
    QTemporaryDir m_dataDir;
    Settings m_settings;
    std::unique_ptr<Application> m_app;
    ReceiverService *m_receiver = nullptr;
    MonitorService *m_monitor = nullptr;
};

void TestMonitorService::initTestCase()
{
    T6_START_REDIS(m_redis);
    const Settings settings = testSettings(m_redis, m_dataDir.path(), token);
    m_settings = settings;
    m_app = std::make_unique<Application>(settings);
    m_receiver = m_app->receiver();
    m_monitor = m_app->monitor();
    QCOMPARE(m_app->start(), QString());
    // The channel source is subscribed once a keepalive or anything else could come back.
    QTRY_VERIFY(m_redis.run({"PUBSUB", "NUMSUB", "websockets"}).elements.value(1).integer >= 1);
}

void TestMonitorService::cleanupTestCase()
{
    m_app->stop(std::chrono::milliseconds(0));
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
                     .value<WebhookStatus>(),
                 WebhookStatus::Processed);
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
                         .value<WebhookStatus>(),
                     WebhookStatus::Forwarded);
    }
    // The inspector's fields: the payload as journaled, and each step's time, in order.
    const WebhookHistoryModel::Details d = history->details(history->rowOfTrace(traces.last()));
    QCOMPARE(QJsonDocument::fromJson(d.payload).object().value(QLatin1String("Seq")).toInt(), 199);
    QCOMPARE(d.sourceIp, QStringLiteral("127.0.0.1"));
    QTRY_VERIFY(history->details(history->rowOfTrace(traces.last())).streamedAt.isValid());
    const WebhookHistoryModel::Details done = history->details(history->rowOfTrace(traces.last()));
    QVERIFY(done.receivedAt.isValid() && done.journaledAt.isValid() && done.publishedAt.isValid());
    QVERIFY(done.receivedAt <= done.journaledAt);
    QVERIFY(done.journaledAt <= done.streamedAt);
    QVERIFY(done.streamedAt <= done.publishedAt);
    QCOMPARE(HttpClient::request(m_receiver->port(), "GET", "/health")
                 .json()
                 .value(QLatin1String("webhooks_received"))
                 .toInteger(),
             200);
}

void TestMonitorService::statsFromJournalAndModels()
{
    // The engine's verdicts of today, on the channel as T3 sends them.
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QList<QByteArray> verdicts;
    for (int i = 0; i < 3; ++i)
        verdicts.append(
            QJsonDocument(QJsonObject{{QLatin1String("type"), QLatin1String("webhook_update")},
                                      {QLatin1String("source"), QLatin1String("T3")},
                                      {QLatin1String("message"),
                                       QJsonObject{{QLatin1String("id"), 9000 + i},
                                                   {QLatin1String("received_at"), now},
                                                   {QLatin1String("processed_at"), now},
                                                   {QLatin1String("status"),
                                                    i < 2 ? QLatin1String("processed")
                                                          : QLatin1String("error")}}}})
                .toJson(QJsonDocument::Compact));
    publishAll(verdicts);
    const auto verdictRows = [this] {
        int n = 0;
        for (int row = 0; row < m_monitor->history()->rowCount(); ++row)
            n += isVerdict(m_monitor->history()->details(row).status);
        return n;
    };
    QTRY_COMPARE(verdictRows(), 3 + 2); // and the fixtures' two

    m_app->readFigures(); // asked of the receiver's reader, answered later
    QJsonObject stats;
    QTRY_VERIFY((stats = m_monitor->figures())
                    .value(QLatin1String("windows"))
                    .toObject()
                    .value(QLatin1String("24h"))
                    .toObject()
                    .value(QLatin1String("accepted"))
                    .toInteger() == 200); // the webhooks posted above
    const QJsonObject day =
        stats.value(QLatin1String("windows")).toObject().value(QLatin1String("24h")).toObject();
    QCOMPARE(day.value(QLatin1String("forwarded")).toInteger(), 200);
    QCOMPARE(
        day.value(QLatin1String("by_action")).toObject().value(QLatin1String("PING")).toInteger(),
        200);
    const QJsonObject verdictsOfDay =
        stats.value(QLatin1String("verdicts")).toObject().value(QLatin1String("24h")).toObject();
    QCOMPARE(verdictsOfDay.value(QLatin1String("processed")).toInteger(), 2);
    QCOMPARE(verdictsOfDay.value(QLatin1String("errors")).toInteger(), 1);
    QCOMPARE(verdictsOfDay.value(QLatin1String("success_rate")).toDouble(), 2.0 / 3);
    const QJsonObject live = stats.value(QLatin1String("live")).toObject();
    QCOMPARE(live.value(QLatin1String("open_positions")).toInteger(),
             m_monitor->positions()->openCount());

    // /stats serves the last snapshot the application handed over.
    QTRY_VERIFY(HttpClient::request(m_receiver->port(), "GET", "/stats")
                    .json()
                    .value(QLatin1String("windows"))
                    .toObject()
                    .value(QLatin1String("24h"))
                    .toObject()
                    .value(QLatin1String("accepted"))
                    .toInteger() == 200);
}

void TestMonitorService::historyStartsFromTheJournal()
{
    // A second process on the same journal (after the first stopped) starts with its webhooks.
    m_app->stop(std::chrono::seconds(2));
    m_app = std::make_unique<Application>(m_settings);
    m_receiver = m_app->receiver();
    m_monitor = m_app->monitor();
    QCOMPARE(m_app->start(), QString());
    QTRY_VERIFY(m_monitor->history()->rowCount() >= 200);
    int ours = 0;
    for (int row = 0; row < m_monitor->history()->rowCount(); ++row) {
        const WebhookHistoryModel::Details d = m_monitor->history()->details(row);
        if (d.payload.contains("ETHUSDT")) {
            ++ours;
            QCOMPARE(d.status, WebhookStatus::Forwarded);
            QVERIFY(d.streamedAt.isValid());
            QVERIFY(d.publishedAt.isValid());
        }
    }
    QCOMPARE(ours, 200);
    // History is not news: T3's state is not inferred from what T6 published before.
    QVERIFY2(
        !m_monitor->terminals()->detail(QStringLiteral("T3")).contains(QLatin1String("PUBLISH")),
        qPrintable(m_monitor->terminals()->detail(QStringLiteral("T3"))));
    QTRY_VERIFY(m_redis.run({"PUBSUB", "NUMSUB", "websockets"}).elements.value(1).integer >= 1);
}

void TestMonitorService::burstIsAppliedInBatches()
{
    QSignalSpy batches(m_monitor, &MonitorService::batchApplied);
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
