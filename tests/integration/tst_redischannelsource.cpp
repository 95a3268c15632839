// RedisChannelSource against a real redis-server: every fixture event arrives intact, garbage is
// counted, the subscription survives a crash, a CLIENT KILL and a frozen server (SIGSTOP), and the
// keepalive probes never reach the models.

#include "monitor/EventParser.h"
#include "monitor/sources/RedisChannelSource.h"
#include "support/Fixtures.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

const QByteArray kChannel = QByteArrayLiteral("websockets");

RedisReply publish(const RedisServer &server, const QByteArray &payload)
{
    return server.run({QByteArrayLiteral("PUBLISH"), kChannel, payload});
}

MonitorEvent eventAt(const QSignalSpy &spy, qsizetype index)
{
    return spy.at(index).at(0).value<MonitorEvent>();
}

// The redis-server this test process started: RedisServer keeps its pid to itself, so look for
// our child among /proc by parent pid and name.
pid_t childRedisPid()
{
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const int pid = entry.toInt(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const qsizetype open = line.indexOf('(');
        if (open < 0 || close < 0)
            continue;
        const QByteArray comm = line.mid(open + 1, close - open - 1);
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (comm.startsWith("redis-server") && rest.size() > 1 && rest.at(1).toInt() == getpid())
            return pid_t(pid);
    }
    return 0;
}

// Resumes a SIGSTOPped server however the test function ends.
struct ContinueOnExit {
    pid_t pid;
    ~ContinueOnExit()
    {
        if (pid > 0)
            ::kill(pid, SIGCONT);
    }
};

bool hasProbe(const QSignalSpy &spy)
{
    for (const QList<QVariant> &arguments : spy) {
        if (arguments.at(0).value<MonitorEvent>().type == QLatin1String("t6_keepalive"))
            return true;
    }
    return false;
}

} // namespace

class TestRedisChannelSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fixtureEventsArrive();
    void garbageIsCountedNotEmitted();
    void resubscribesAfterServerCrash();
    void resubscribesAfterClientKill();
    void probesAreSwallowed();
    void keepaliveRecoversFromFrozenServer();
    void stopDisconnects();
};

void TestRedisChannelSource::initTestCase()
{
    qRegisterMetaType<MonitorEvent>();
    qRegisterMetaType<ConnectionState>();
}

void TestRedisChannelSource::fixtureEventsArrive()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisChannelSource source(server.endpoint());
    QSignalSpy events(&source, &RedisChannelSource::eventReceived);
    QSignalSpy states(&source, &RedisChannelSource::stateChanged);
    QCOMPARE(source.state(), ConnectionState::Disconnected);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    QCOMPARE(states.first().at(0).value<ConnectionState>(), ConnectionState::Connecting);

    const QList<QByteArray> lines = Fixtures::lines(QStringLiteral("websockets-events.jsonl"));
    QVERIFY(lines.size() >= 10);
    for (const QByteArray &line : lines)
        QCOMPARE(publish(server, line).integer, 1); // our subscriber is the one listener
    QTRY_COMPARE(events.count(), lines.size());

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const std::optional<MonitorEvent> expected = EventParser::parse(lines.at(i));
        QVERIFY(expected);
        const MonitorEvent got = eventAt(events, i);
        QCOMPARE(got.type, expected->type);
        QCOMPARE(got.source, expected->source);
        QCOMPARE(got.ts, expected->ts);
        QCOMPARE(got.message, expected->message);
    }
    // Unknown types are passed on: the models ignore them.
    QCOMPARE(eventAt(events, lines.size() - 1).type, QStringLiteral("some_future_event"));
    QCOMPARE(source.garbageCount(), 0);
}

void TestRedisChannelSource::garbageIsCountedNotEmitted()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisChannelSource source(server.endpoint());
    QSignalSpy events(&source, &RedisChannelSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);

    const QList<QByteArray> garbage{
        QByteArrayLiteral("not json at all"),
        QByteArrayLiteral("[1,2,3]"),
        QByteArrayLiteral("{\"source\":\"T3\",\"message\":{}}"),           // no type
        QByteArrayLiteral("{\"type\":\"webhook_update\",\"message\":42}"), // message not an object
        QByteArray("\xff\xfe\x00binary", 9),
        QByteArray(),
    };
    for (const QByteArray &payload : garbage)
        QCOMPARE(publish(server, payload).integer, 1);
    const QByteArray valid = Fixtures::lines(QStringLiteral("websockets-events.jsonl")).first();
    publish(server, valid);

    QTRY_COMPARE(events.count(), 1); // in order: the garbage was handled before
    QCOMPARE(eventAt(events, 0).type, QStringLiteral("terminal_status"));
    QCOMPARE(source.garbageCount(), int(garbage.size()));
    QCOMPARE(source.state(), ConnectionState::Connected);
}

void TestRedisChannelSource::resubscribesAfterServerCrash()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisChannelSource source(server.endpoint());
    QSignalSpy events(&source, &RedisChannelSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);

    server.stop(RedisServer::StopSignal::Kill);
    QTRY_VERIFY(source.state() != ConnectionState::Connected);
    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), ConnectionState::Connected, 10000);

    const QList<QByteArray> lines = Fixtures::lines(QStringLiteral("websockets-events.jsonl"));
    QCOMPARE(publish(server, lines.at(2)).integer, 1);
    QTRY_COMPARE(events.count(), 1);
    QCOMPARE(eventAt(events, 0).type, QStringLiteral("webhook_received"));
}

void TestRedisChannelSource::resubscribesAfterClientKill()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisChannelSource source(server.endpoint());
    QSignalSpy events(&source, &RedisChannelSource::eventReceived);
    QSignalSpy states(&source, &RedisChannelSource::stateChanged);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    states.clear();

    // Only the subscriber is a pub/sub client; the probe connection stays.
    const RedisReply killed = server.run({"CLIENT", "KILL", "TYPE", "pubsub"});
    QCOMPARE(killed.integer, 1);
    QTRY_VERIFY(states.count() >= 2); // down, then subscribed again
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    QCOMPARE(states.last().at(0).value<ConnectionState>(), ConnectionState::Connected);

    const QList<QByteArray> lines = Fixtures::lines(QStringLiteral("websockets-events.jsonl"));
    QCOMPARE(publish(server, lines.at(3)).integer, 1);
    QTRY_COMPARE(events.count(), 1);
    QCOMPARE(eventAt(events, 0).type, QStringLiteral("webhook_update"));
}

void TestRedisChannelSource::probesAreSwallowed()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisSubscriber watcher(server); // an independent listener sees the probes go by
    QVERIFY2(watcher.subscribe(kChannel), qPrintable(watcher.errorString()));

    RedisChannelSource source(server.endpoint());
    source.setKeepaliveInterval(100ms);
    source.setKeepaliveDeadline(1000ms);
    QSignalSpy events(&source, &RedisChannelSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);

    QVERIFY(watcher.waitForMessages(5, 5000));
    QTest::qWait(200);
    QCOMPARE(events.count(), 0);
    QCOMPARE(source.keepaliveFailures(), 0);
    QCOMPARE(source.state(), ConnectionState::Connected);

    const QList<QByteArray> probes = watcher.messages();
    QSet<QString> ids;
    for (const QByteArray &probe : probes) {
        const std::optional<MonitorEvent> event = EventParser::parse(probe);
        QVERIFY2(event, probe.constData());
        QCOMPARE(event->type, QStringLiteral("t6_keepalive"));
        QCOMPARE(event->source, QStringLiteral("T6"));
        ids.insert(event->message.value(QLatin1String("id")).toString());
    }
    QCOMPARE(ids.size(), probes.size());  // each probe has its own id
    QVERIFY(probes.first().size() < 200); // tiny: the channel is shared with every monitor

    // Probes of another monitor are swallowed too; real events still pass.
    publish(server,
            QByteArrayLiteral(
                R"({"type":"t6_keepalive","source":"T6","message":{"id":"someone-else"}})"));
    publish(server, Fixtures::lines(QStringLiteral("websockets-events.jsonl")).first());
    QTRY_COMPARE(events.count(), 1);
    QVERIFY(!hasProbe(events));
}

void TestRedisChannelSource::keepaliveRecoversFromFrozenServer()
{
    RedisServer server;
    T6_START_REDIS(server);
    const pid_t pid = childRedisPid();
    QVERIFY2(pid > 0, "redis-server child process not found in /proc");

    RedisChannelSource source(server.endpoint());
    source.setKeepaliveInterval(200ms);
    source.setKeepaliveDeadline(300ms);
    QSignalSpy events(&source, &RedisChannelSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    QTest::qWait(500); // a few probes answered in time
    QCOMPARE(source.keepaliveFailures(), 0);

    // A frozen server keeps the TCP links open but answers nothing: what a link looks like after
    // an OS sleep. Only the missing echo can tell.
    ContinueOnExit resume{pid};
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(source.keepaliveFailures() >= 1, 3000);
    const qint64 detectedMs = clock.elapsed();
    QTRY_VERIFY(source.state() != ConnectionState::Connected);
    qInfo("silent link detected after %lld ms", detectedMs);

    QCOMPARE(::kill(pid, SIGCONT), 0);
    clock.restart();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), ConnectionState::Connected, 10000);
    qInfo("resubscribed %lld ms after the server resumed", clock.elapsed());

    const QList<QByteArray> lines = Fixtures::lines(QStringLiteral("websockets-events.jsonl"));
    QCOMPARE(publish(server, lines.at(4)).integer, 1);
    QTRY_COMPARE(events.count(), 1);
    QCOMPARE(eventAt(events, 0).type, QStringLiteral("position_update"));
    QVERIFY(!hasProbe(events));

    // Steady again: later probes are heard back in time.
    const int failures = source.keepaliveFailures();
    QTest::qWait(1000);
    QCOMPARE(source.keepaliveFailures(), failures);
    QCOMPARE(source.state(), ConnectionState::Connected);
}

void TestRedisChannelSource::stopDisconnects()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisChannelSource source(server.endpoint());
    QSignalSpy events(&source, &RedisChannelSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    source.stop();
    QCOMPARE(source.state(), ConnectionState::Disconnected);
    QTRY_COMPARE(server.run({"PUBSUB", "NUMSUB", kChannel}).elements.value(1).integer, 0);
    QCOMPARE(
        publish(server, Fixtures::lines(QStringLiteral("websockets-events.jsonl")).first()).integer,
        0);
    QTest::qWait(100);
    QCOMPARE(events.count(), 0);

    source.start(); // restartable
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
}

QTEST_GUILESS_MAIN(TestRedisChannelSource)
#include "tst_redischannelsource.moc"
