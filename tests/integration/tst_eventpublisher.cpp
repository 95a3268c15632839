// EventPublisher against a real redis-server and an independent subscriber: envelopes that parse
// back to the same events, drops counted while Redis is away or too much is in flight, and T6's
// own terminal_status in the shape WIRE.md §4 gives.

#include "monitor/EventParser.h"
#include "receiver/EventPublisher.h"
#include "redis/RedisConnection.h"
#include "support/Fixtures.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QCoreApplication>
#include <QSet>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>

namespace {

const QByteArray kChannel = QByteArrayLiteral("websockets");

QList<MonitorEvent> fixtureEvents()
{
    return Fixtures::websocketsEvents();
}

bool openAndWait(RedisConnection &connection)
{
    connection.open();
    return QTest::qWaitFor(
        [&connection] { return connection.state() == ConnectionState::Connected; }, 5000);
}

} // namespace

class TestEventPublisher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedEventsParseBack();
    void notConnectedDropsAndCounts();
    void subscribedConnectionRefuses();
    void inFlightIsBounded();
    void terminalStatusShape();
    void destroyedWithPublishesInFlight();
};

void TestEventPublisher::publishedEventsParseBack()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisSubscriber subscriber(server);
    QVERIFY2(subscriber.subscribe(kChannel), qPrintable(subscriber.errorString()));
    RedisConnection connection(server.endpoint());
    QVERIFY(openAndWait(connection));
    EventPublisher publisher(&connection);

    const QList<MonitorEvent> events = fixtureEvents();
    QVERIFY(events.size() >= 10);
    for (const MonitorEvent &event : events)
        QVERIFY(publisher.publish(event));
    QCOMPARE(publisher.inFlight(), int(events.size()));
    QVERIFY(subscriber.waitForMessages(int(events.size())));
    QTRY_COMPARE(publisher.publishedCount(), int(events.size()));
    QCOMPARE(publisher.inFlight(), 0);
    QCOMPARE(publisher.droppedCount(), 0);

    const QList<QByteArray> messages = subscriber.messages();
    QCOMPARE(messages.size(), events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        QString error;
        const std::optional<MonitorEvent> back = EventParser::parse(messages.at(i), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->type, events.at(i).type);
        QCOMPARE(back->source, events.at(i).source);
        QCOMPARE(back->ts, events.at(i).ts);
        QCOMPARE(back->message, events.at(i).message);
    }
}

void TestEventPublisher::notConnectedDropsAndCounts()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisSubscriber subscriber(server);
    QVERIFY2(subscriber.subscribe(kChannel), qPrintable(subscriber.errorString()));
    RedisConnection connection(server.endpoint()); // not opened yet
    EventPublisher publisher(&connection);
    const MonitorEvent event = fixtureEvents().first();

    QVERIFY(!publisher.publish(event));
    QVERIFY(!publisher.publishTerminalStatus(TerminalState::Up, QString()));
    QCOMPARE(publisher.droppedCount(), 2);
    QCOMPARE(publisher.inFlight(), 0);

    EventPublisher orphan(nullptr); // no connection at all: the same, no crash
    QVERIFY(!orphan.publish(event));
    QCOMPARE(orphan.droppedCount(), 1);

    QVERIFY(openAndWait(connection));
    QVERIFY(publisher.publish(event));
    QVERIFY(subscriber.waitForMessages(1));
    QTRY_COMPARE(publisher.publishedCount(), 1);

    server.stop(RedisServer::StopSignal::Kill);
    QTRY_VERIFY(connection.state() != ConnectionState::Connected);
    QVERIFY(!publisher.publish(event));
    QCOMPARE(publisher.droppedCount(), 3);
    QCOMPARE(subscriber.messages().size(), 1); // nothing queued for later
}

void TestEventPublisher::subscribedConnectionRefuses()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisConnection connection(server.endpoint());
    QVERIFY(openAndWait(connection));
    QVERIFY(connection.subscribe({"SUBSCRIBE", "elsewhere"}, [](const RedisReply &) {}));
    EventPublisher publisher(&connection);
    QVERIFY(!publisher.publish(fixtureEvents().first()));
    QCOMPARE(publisher.droppedCount(), 1);
    QCOMPARE(publisher.inFlight(), 0);
}

void TestEventPublisher::inFlightIsBounded()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisSubscriber subscriber(server);
    QVERIFY2(subscriber.subscribe(kChannel), qPrintable(subscriber.errorString()));
    RedisConnection connection(server.endpoint());
    QVERIFY(openAndWait(connection));
    EventPublisher publisher(&connection);
    QCOMPARE(EventPublisher::kDefaultMaxInFlight, 1000);
    publisher.setMaxInFlight(5);

    // No event loop between the calls: no reply can come back, so the bound is what stops them.
    const MonitorEvent event = fixtureEvents().at(2);
    int sent = 0;
    for (int i = 0; i < 20; ++i)
        sent += publisher.publish(event);
    QCOMPARE(sent, 5);
    QCOMPARE(publisher.inFlight(), 5);
    QCOMPARE(publisher.droppedCount(), 15);

    QTRY_COMPARE(publisher.inFlight(), 0);
    QCOMPARE(publisher.publishedCount(), 5);
    QVERIFY(subscriber.waitForMessages(5));
    QVERIFY(publisher.publish(event)); // room again
    QVERIFY(subscriber.waitForMessages(6));
}

void TestEventPublisher::terminalStatusShape()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisSubscriber subscriber(server);
    QVERIFY2(subscriber.subscribe(kChannel), qPrintable(subscriber.errorString()));
    RedisConnection connection(server.endpoint());
    QVERIFY(openAndWait(connection));
    EventPublisher publisher(&connection);
    const QDateTime startedAt =
        QDateTime::fromString(QStringLiteral("2026-02-05T08:00:04.250Z"), Qt::ISODateWithMs);
    publisher.setStartedAt(startedAt);

    QVERIFY(publisher.publishTerminalStatus(TerminalState::Degraded,
                                            QStringLiteral("journal at 80 %")));
    QVERIFY(subscriber.waitForMessages(1));
    const std::optional<MonitorEvent> event = EventParser::parse(subscriber.messages().first());
    QVERIFY(event);
    QCOMPARE(event->type, QStringLiteral("terminal_status"));
    QCOMPARE(event->source, QStringLiteral("T6"));
    QVERIFY(qAbs(event->ts.msecsTo(QDateTime::currentDateTimeUtc())) < 5000);

    const QJsonObject m = event->message;
    const QStringList keys{QStringLiteral("terminal"),   QStringLiteral("name"),
                           QStringLiteral("state"),      QStringLiteral("detail"),
                           QStringLiteral("pid"),        QStringLiteral("host"),
                           QStringLiteral("started_at"), QStringLiteral("interval_s")};
    const QStringList actualKeys = m.keys();
    QCOMPARE(QSet<QString>(actualKeys.begin(), actualKeys.end()),
             QSet<QString>(keys.begin(), keys.end()));
    QCOMPARE(m.value(QLatin1String("terminal")).toString(), QStringLiteral("T6"));
    QCOMPARE(m.value(QLatin1String("name")).toString(), QStringLiteral("Webhook Receiver"));
    QCOMPARE(m.value(QLatin1String("state")).toString(), QStringLiteral("degraded"));
    QCOMPARE(m.value(QLatin1String("detail")).toString(), QStringLiteral("journal at 80 %"));
    QCOMPARE(m.value(QLatin1String("pid")).toInteger(), QCoreApplication::applicationPid());
    QCOMPARE(m.value(QLatin1String("host")).toString(), QSysInfo::machineHostName());
    QCOMPARE(EventParser::timestamp(m.value(QLatin1String("started_at"))), startedAt);
    QCOMPARE(m.value(QLatin1String("interval_s")).toInt(), 5);
    // What the terminal health model reads back.
    QCOMPARE(terminalStateFromName(m.value(QLatin1String("state")).toString()),
             TerminalState::Degraded);

    // The three wire states, and Unknown reported as down: T6 never claims "up" blindly.
    const auto stateOf = [&publisher](TerminalState state) {
        return publisher.terminalStatusEvent(state, QString())
            .message.value(QLatin1String("state"))
            .toString();
    };
    QCOMPARE(stateOf(TerminalState::Up), QStringLiteral("up"));
    QCOMPARE(stateOf(TerminalState::Down), QStringLiteral("down"));
    QCOMPARE(stateOf(TerminalState::Unknown), QStringLiteral("down"));
}

void TestEventPublisher::destroyedWithPublishesInFlight()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisSubscriber subscriber(server);
    QVERIFY2(subscriber.subscribe(kChannel), qPrintable(subscriber.errorString()));
    RedisConnection connection(server.endpoint());
    QVERIFY(openAndWait(connection));
    {
        EventPublisher publisher(&connection);
        for (int i = 0; i < 10; ++i)
            QVERIFY(publisher.publish(fixtureEvents().at(i % 3)));
    } // replies arrive after the publisher is gone
    QVERIFY(subscriber.waitForMessages(10));
    QTRY_COMPARE(connection.pendingCommands(), 0);
}

QTEST_GUILESS_MAIN(TestEventPublisher)
#include "tst_eventpublisher.moc"
