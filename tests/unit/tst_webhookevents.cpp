// WebhookEvents' step events written directly are the bytes EventParser::serialize writes for
// the same MonitorEvent: consumers of `websockets` cannot tell which way they were made.
#include "monitor/EventParser.h"
#include "support/Fixtures.h"
#include "webhook/WebhookEvents.h"

#include <QJsonDocument>
#include <QTest>

#include <tuple>

class TestWebhookEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepsWrittenDirectlyAreTheSerializedEvents_data()
    {
        QTest::addColumn<QString>("traceId");
        QTest::addColumn<Fate>("fate");
        QTest::addColumn<qint64>("listeners");
        const QString id = QStringLiteral("0c5e8d57-3f0a-4d8e-9d4e-0a1b2c3d4e5f");
        QTest::newRow("forwarded to 2") << id << Fate::Forwarded << qint64(2);
        QTest::newRow("held, nobody") << id << Fate::Held << qint64(0);
        QTest::newRow("expired, unknown") << id << Fate::Expired << qint64(-1);
        QTest::newRow("replayed") << id << Fate::Replayed << qint64(1);
        QTest::newRow("a trace id to quote")
            << QStringLiteral("é\"\\\n") << Fate::Forwarded << qint64(12345678901);
    }

    void stepsWrittenDirectlyAreTheSerializedEvents()
    {
        QFETCH(QString, traceId);
        QFETCH(Fate, fate);
        QFETCH(qint64, listeners);
        const qint64 at = 1764700000123;
        const QString receiver = QStringLiteral("vps-1:8888");
        MonitorEvent event = WebhookEvents::fateChanged(traceId, fate, listeners, receiver);
        event.ts = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
        QCOMPARE(WebhookEvents::fateChangedJson(traceId, fate, listeners, receiver, at),
                 EventParser::serialize(event));
        MonitorEvent streamed = WebhookEvents::streamed(traceId, receiver);
        streamed.ts = event.ts;
        QCOMPARE(WebhookEvents::streamedJson(traceId, receiver, at),
                 EventParser::serialize(streamed));
        // And they parse back into the event, the receiver named next to the source.
        const QByteArray bytes = WebhookEvents::streamedJson(traceId, receiver, at);
        QVERIFY(bytes.startsWith(
            R"({"type":"webhook_received","source":"T6","receiver":"vps-1:8888","ts":)"));
        const auto parsed = EventParser::parse(bytes);
        QVERIFY(parsed);
        QCOMPARE(parsed->message, streamed.message);
        QCOMPARE(parsed->receiver, receiver);
    }

    void receivedWrittenDirectlyIsTheSerializedEvent()
    {
        // Every fixture payload, and odd values: nested, huge integers, fractions, unicode.
        QList<QByteArray> payloads = Fixtures::lines(QStringLiteral("tradingview-payloads.jsonl"));
        payloads << QByteArrayLiteral(
            "{\"Symbol\":\"\u00e9\\u0001\\\"x\",\"Prix\":12345678901234567,\"PrixSL\":0.1,"
            "\"PrixTP\":-1e300,\"PourCent\":true,\"UserID\":null,\"BarTime\":{\"a\":[1,2]},"
            "\"Action\":[]}");
        int compared = 0;
        for (const QByteArray &payload : std::as_const(payloads)) {
            const QJsonObject object = QJsonDocument::fromJson(payload).object();
            if (object.isEmpty())
                continue;
            WebhookSummary summary = WebhookSummary::fromPayload(object);
            summary.traceId = QStringLiteral("t-1");
            summary.receivedAt = QStringLiteral("2026-12-02T18:00:00.123456");
            summary.sourceIp = QStringLiteral("52.89.214.238");
            summary.receiver = QStringLiteral("east");
            for (const auto &[status, reason, listeners] :
                 {std::tuple{WebhookStatus::Received, QString(), qint64(-1)},
                  std::tuple{WebhookStatus::Rejected, QStringLiteral("bad \"token\""),
                             qint64(3)}}) {
                summary.status = status;
                summary.reason = reason;
                summary.listeners = listeners;
                const qint64 at = 1764700000123;
                MonitorEvent event = WebhookEvents::received(summary);
                event.ts = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
                QCOMPARE(WebhookEvents::receivedJson(summary, at), EventParser::serialize(event));
                ++compared;
            }
        }
        QVERIFY(compared >= 10);
    }
};

QTEST_GUILESS_MAIN(TestWebhookEvents)
#include "tst_webhookevents.moc"
