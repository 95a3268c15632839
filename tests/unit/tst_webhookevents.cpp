// WebhookEvents' step events written directly are the bytes EventParser::serialize writes for
// the same MonitorEvent: consumers of `websockets` cannot tell which way they were made.
#include "monitor/EventParser.h"
#include "webhook/WebhookEvents.h"

#include <QTest>

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
        MonitorEvent event = WebhookEvents::fateChanged(traceId, fate, listeners);
        event.ts = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
        QCOMPARE(WebhookEvents::fateChangedJson(traceId, fate, listeners, at),
                 EventParser::serialize(event));
        MonitorEvent streamed = WebhookEvents::streamed(traceId);
        streamed.ts = event.ts;
        QCOMPARE(WebhookEvents::streamedJson(traceId, at), EventParser::serialize(streamed));
        // And they parse back into the event.
        const auto parsed = EventParser::parse(WebhookEvents::streamedJson(traceId, at));
        QVERIFY(parsed);
        QCOMPARE(parsed->message, streamed.message);
    }
};

QTEST_GUILESS_MAIN(TestWebhookEvents)
#include "tst_webhookevents.moc"
