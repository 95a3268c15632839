// RedisConnection against a real redis-server: replies, pipelining, handshake, reconnects,
// timeouts, pub/sub and teardown in the middle of traffic.

#include "redis/RedisConnection.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <cctype>
#include <optional>

using namespace std::chrono_literals;
using Type = RedisReply::Type;

namespace {

// Sends one command and waits for its reply; Disconnected with an explanation if it never came.
RedisReply call(RedisConnection &connection, const QList<QByteArray> &argv, int timeoutMs = 5000)
{
    std::optional<RedisReply> reply;
    if (!connection.command(argv, [&reply](const RedisReply &r) { reply = r; })) {
        RedisReply refused = RedisReply::fromHiredis(nullptr);
        refused.string = QByteArrayLiteral("command() refused");
        return refused;
    }
    if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, timeoutMs)) {
        RedisReply late = RedisReply::fromHiredis(nullptr);
        late.string = QByteArrayLiteral("no reply in time");
        return late;
    }
    return *reply;
}

QList<ConnectionState> statesOf(const QSignalSpy &spy)
{
    QList<ConnectionState> states;
    for (const QList<QVariant> &arguments : spy)
        states.append(arguments.at(0).value<ConnectionState>());
    return states;
}

qint64 errorStatCount(const RedisServer &server, const QByteArray &error)
{
    // INFO errorstats has lines like "errorstat_WRONGPASS:count=3".
    const QByteArray info =
        server.run({QByteArrayLiteral("INFO"), QByteArrayLiteral("errorstats")}).string;
    const QByteArray key = "errorstat_" + error + ":count=";
    const qsizetype at = info.indexOf(key);
    if (at < 0)
        return 0;
    const qsizetype start = at + key.size();
    qsizetype end = start;
    while (end < info.size() && std::isdigit(static_cast<unsigned char>(info.at(end))))
        ++end;
    return info.mid(start, end - start).toLongLong();
}

} // namespace

class TestRedisConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripKeepsBinaryData();
    void pipelinedCommandsAnswerInOrder();
    void authAndSelectBeforeConnected();
    void wrongPasswordNeverConnects();
    void closedPortRetriesThenConnects();
    void backoffDoubles();
    void connectTimeoutOnSilentServer();
    void serverKilledFailsPendingAndReconnects();
    void subscribeReceivesMessagesUntilServerDies();
    void publishReachesIndependentSubscriber();
    void commandTimeoutResetsLink();
    void closeStopsReconnecting();
    void setEndpointLeavesTheOldServer();
    void destroyWithCommandsInFlight();
    void findsTheMasterThroughTheSentinels();
    void aMasterNoSentinelKnowsIsSaid();
    void aReplicaNamedAsMasterIsLeft();
    void destroyFromReplyHandler();
    void destroyFromSignals_data();
    void destroyFromSignals();
};

void TestRedisConnection::initTestCase()
{
    qRegisterMetaType<ConnectionState>();
}

void TestRedisConnection::roundTripKeepsBinaryData()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisConnection connection(server.endpoint());
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);

    QCOMPARE(connection.state(), ConnectionState::Disconnected);
    QVERIFY(!connection.command({QByteArrayLiteral("PING")})); // not connected yet
    connection.open();
    QCOMPARE(connection.state(), ConnectionState::Connecting);
    QTRY_COMPARE(connectedSpy.count(), 1);
    QCOMPARE(connection.state(), ConnectionState::Connected);

    const QByteArray key("bin\0key", 7);
    const QByteArray value("a\0b\r\n\xff\x00z", 8);
    const RedisReply set = call(connection, {QByteArrayLiteral("SET"), key, value});
    QCOMPARE(set.type, Type::Status);
    QCOMPARE(set.string, QByteArrayLiteral("OK"));
    const RedisReply get = call(connection, {QByteArrayLiteral("GET"), key});
    QCOMPARE(get.type, Type::String);
    QCOMPARE(get.string.size(), 8);
    QCOMPARE(get.string, value);
    // The independent client sees the same 8 bytes.
    QCOMPARE(server.run({QByteArrayLiteral("STRLEN"), key}).integer, 8);

    QCOMPARE(call(connection, {QByteArrayLiteral("GET"), QByteArrayLiteral("missing")}).type,
             Type::Nil);
    const RedisReply incr = call(connection, {QByteArrayLiteral("INCRBY"), "n", "41"});
    QCOMPARE(incr.type, Type::Integer);
    QCOMPARE(incr.integer, 41);
    const RedisReply wrongType = call(connection, {QByteArrayLiteral("HGET"), key, "f"});
    QCOMPARE(wrongType.type, Type::Error);
    QVERIFY(wrongType.isError());
    QVERIFY(wrongType.string.startsWith("WRONGTYPE"));
    call(connection, {QByteArrayLiteral("RPUSH"), "list", "x", QByteArray("y\0", 2)});
    const RedisReply range = call(connection, {QByteArrayLiteral("LRANGE"), "list", "0", "-1"});
    QCOMPARE(range.type, Type::Array);
    QCOMPARE(range.elements.size(), 2);
    QCOMPARE(range.elements.at(1).string, QByteArray("y\0", 2));
    QCOMPARE(connection.pendingCommands(), 0);
}

void TestRedisConnection::pipelinedCommandsAnswerInOrder()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisConnection connection(server.endpoint());
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);

    constexpr int count = 10000;
    QList<qint64> results;
    results.reserve(count);
    for (int i = 0; i < count; ++i) {
        // INCR answers 1, 2, 3...: a handler called out of order sees the wrong number.
        QVERIFY(connection.command({QByteArrayLiteral("INCR"), QByteArrayLiteral("counter")},
                                   [&results](const RedisReply &reply) {
                                       results.append(reply.type == Type::Integer ? reply.integer
                                                                                  : -1);
                                   }));
    }
    QCOMPARE(connection.pendingCommands(), count);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), count, 20000);
    for (int i = 0; i < count; ++i) {
        if (results.at(i) != i + 1)
            QFAIL(qPrintable(QStringLiteral("reply %1 was %2").arg(i).arg(results.at(i))));
    }
    QCOMPARE(connection.pendingCommands(), 0);
    QCOMPARE(server.run({QByteArrayLiteral("GET"), QByteArrayLiteral("counter")}).string,
             QByteArrayLiteral("10000"));
}

void TestRedisConnection::authAndSelectBeforeConnected()
{
    RedisServer server({QStringLiteral("--requirepass"), QStringLiteral("s3cret pass")});
    T6_START_REDIS(server);
    RedisEndpoint endpoint = server.endpoint();
    QCOMPARE(endpoint.password, QByteArrayLiteral("s3cret pass"));
    endpoint.db = 3;
    RedisConnection connection(endpoint);
    connection.setName(QStringLiteral("t6-test"));
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    QSignalSpy errorSpy(&connection, &RedisConnection::errorOccurred);
    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);
    QCOMPARE(errorSpy.count(), 0);

    QCOMPARE(call(connection, {QByteArrayLiteral("SET"), "k", "in-db-3"}).string,
             QByteArrayLiteral("OK"));
    // Seen from outside: our client is named, sits in db 3, and db 0 did not get the key.
    const QByteArray clients = server.run({QByteArrayLiteral("CLIENT"), "LIST"}).string;
    QVERIFY2(clients.contains("name=t6-test") && clients.contains(" db=3 "), clients.constData());
    QCOMPARE(server.run({QByteArrayLiteral("EXISTS"), "k"}).integer, 0);
    QCOMPARE(call(connection, {QByteArrayLiteral("GET"), "k"}).string,
             QByteArrayLiteral("in-db-3"));
}

void TestRedisConnection::wrongPasswordNeverConnects()
{
    RedisServer server({QStringLiteral("--requirepass"), QStringLiteral("right-pass")});
    T6_START_REDIS(server);
    RedisEndpoint endpoint = server.endpoint();
    endpoint.password = QByteArrayLiteral("wrong-pass-XYZ");
    RedisConnection connection(endpoint);
    QSignalSpy stateSpy(&connection, &RedisConnection::stateChanged);
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    QSignalSpy errorSpy(&connection, &RedisConnection::errorOccurred);
    connection.open();

    // The server counts the refused AUTHs: wait for a few retries.
    QTRY_VERIFY_WITH_TIMEOUT(errorStatCount(server, "WRONGPASS") >= 3, 5000);
    QCOMPARE(connectedSpy.count(), 0);
    QVERIFY(!statesOf(stateSpy).contains(ConnectionState::Connected));
    QVERIFY(connection.state() != ConnectionState::Connected);
    QCOMPARE(errorSpy.count(), 1); // once, not per retry
    const QString message = errorSpy.at(0).at(0).toString();
    QVERIFY2(message.startsWith(QStringLiteral("Redis AUTH failed")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("wrong-pass")), qPrintable(message));
    QVERIFY(!connection.command({QByteArrayLiteral("PING")}));
}

void TestRedisConnection::closedPortRetriesThenConnects()
{
    RedisServer server; // not started yet: its port is closed
    RedisConnection connection(server.endpoint());
    QSignalSpy stateSpy(&connection, &RedisConnection::stateChanged);
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    QSignalSpy errorSpy(&connection, &RedisConnection::errorOccurred);
    connection.open();

    QTRY_VERIFY(statesOf(stateSpy).count(ConnectionState::Connecting) >= 3);
    const QList<ConnectionState> states = statesOf(stateSpy);
    for (qsizetype i = 0; i < states.size(); ++i) {
        // Connecting, Disconnected, Connecting, ...
        QCOMPARE(stateName(states.at(i)), stateName(i % 2 == 0 ? ConnectionState::Connecting
                                                               : ConnectionState::Disconnected));
    }
    QCOMPARE(errorSpy.count(), 1);
    const QString message = errorSpy.at(0).at(0).toString();
    QVERIFY2(message.contains(QString::number(server.port())) &&
                 message.contains(QStringLiteral("unreachable")) &&
                 message.contains(QStringLiteral("refused")),
             qPrintable(message));
    QCOMPARE(connectedSpy.count(), 0);

    T6_START_REDIS(server);
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 1, 7000);
    QCOMPARE(call(connection, {QByteArrayLiteral("PING")}).string, QByteArrayLiteral("PONG"));
}

void TestRedisConnection::backoffDoubles()
{
    const quint16 port = RedisServer::freePort();
    RedisEndpoint endpoint;
    endpoint.port = port;
    RedisConnection connection(endpoint);
    QElapsedTimer clock;
    QList<qint64> delays;
    QList<qint64> attempts;
    connect(&connection, &RedisConnection::retryScheduled, this,
            [&](std::chrono::milliseconds delay) { delays.append(delay.count()); });
    connect(&connection, &RedisConnection::stateChanged, this, [&](ConnectionState state) {
        if (state == ConnectionState::Connecting)
            attempts.append(clock.elapsed());
    });
    clock.start();
    connection.open();
    // The delays the connection schedules, not wall time, which a loaded machine stretches.
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 7, 20000);
    QCOMPARE(delays.mid(0, 7), (QList<qint64>{100, 200, 400, 800, 1600, 3200, 5000}));
    // And no attempt comes early: each waits its delay, less the 5 % a coarse QTimer may take.
    for (qsizetype i = 1; i < std::min(attempts.size(), delays.size() + 1); ++i) {
        const qint64 gap = attempts.at(i) - attempts.at(i - 1);
        QVERIFY2(gap >= delays.at(i - 1) * 95 / 100 - 5,
                 qPrintable(QStringLiteral("attempt %1 after %2 ms, delay %3 ms")
                                .arg(i)
                                .arg(gap)
                                .arg(delays.at(i - 1))));
    }
}

void TestRedisConnection::connectTimeoutOnSilentServer()
{
    // Accepts TCP connections and never says a word: connect succeeds, the handshake hangs.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    RedisEndpoint endpoint;
    endpoint.port = silent.serverPort();
    RedisConnection connection(endpoint);
    connection.setConnectTimeout(300ms);
    QSignalSpy errorSpy(&connection, &RedisConnection::errorOccurred);
    QSignalSpy stateSpy(&connection, &RedisConnection::stateChanged);
    QElapsedTimer clock;
    clock.start();
    connection.open();

    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 3000);
    QVERIFY(clock.elapsed() >= 290);
    const QString message = errorSpy.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("did not answer within 300 ms")), qPrintable(message));
    QVERIFY(!statesOf(stateSpy).contains(ConnectionState::Connected));
    // It keeps trying: a second attempt starts after the backoff.
    QTRY_VERIFY(statesOf(stateSpy).count(ConnectionState::Connecting) >= 2);
}

void TestRedisConnection::serverKilledFailsPendingAndReconnects()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisConnection connection(server.endpoint());
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    QSignalSpy disconnectedSpy(&connection, &RedisConnection::disconnected);
    QSignalSpy stateSpy(&connection, &RedisConnection::stateChanged);
    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);

    QList<RedisReply> replies;
    // BLPOP with a 4 s timeout stays pending until the server dies (and within the 5 s limit).
    QVERIFY(connection.command({QByteArrayLiteral("BLPOP"), "nothing", "4"},
                               [&replies](const RedisReply &r) { replies.append(r); }));
    QVERIFY(connection.command({QByteArrayLiteral("GET"), "after"},
                               [&replies](const RedisReply &r) { replies.append(r); }));
    QCOMPARE(connection.pendingCommands(), 2);
    stateSpy.clear();

    server.stop(RedisServer::StopSignal::Kill);
    QTRY_COMPARE(replies.size(), 2);
    QCOMPARE(replies.at(0).type, Type::Disconnected);
    QCOMPARE(replies.at(1).type, Type::Disconnected);
    QCOMPARE(disconnectedSpy.count(), 1);
    QCOMPARE(connection.pendingCommands(), 0);
    QCOMPARE(statesOf(stateSpy).value(0), ConnectionState::Disconnected);
    QVERIFY(connection.state() != ConnectionState::Connected);
    QVERIFY(!connection.command({QByteArrayLiteral("PING")}));
    QCOMPARE(replies.size(), 2); // exactly once each

    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 2, 6000);
    QCOMPARE(call(connection, {QByteArrayLiteral("PING")}).string, QByteArrayLiteral("PONG"));
}

void TestRedisConnection::subscribeReceivesMessagesUntilServerDies()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisConnection connection(server.endpoint());
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);

    QList<RedisReply> channelReplies;
    QList<RedisReply> patternReplies;
    QVERIFY(!connection.subscribe({QByteArrayLiteral("GET"), "x"}, [](const RedisReply &) {}));
    QVERIFY(connection.subscribe({QByteArrayLiteral("SUBSCRIBE"), "news"},
                                 [&](const RedisReply &r) { channelReplies.append(r); }));
    QVERIFY(connection.subscribe({QByteArrayLiteral("PSUBSCRIBE"), "ne*"},
                                 [&](const RedisReply &r) { patternReplies.append(r); }));
    QTRY_COMPARE(channelReplies.size(), 1);
    QTRY_COMPARE(patternReplies.size(), 1);
    QCOMPARE(channelReplies.at(0).type, Type::Array);
    QCOMPARE(channelReplies.at(0).elements.at(0).string, QByteArrayLiteral("subscribe"));
    QCOMPARE(channelReplies.at(0).elements.at(1).string, QByteArrayLiteral("news"));
    QCOMPARE(patternReplies.at(0).elements.at(0).string, QByteArrayLiteral("psubscribe"));
    // hiredis 0.14 would drop the link on Redis' error reply: refused up front.
    QVERIFY(!connection.command({QByteArrayLiteral("GET"), "x"}));

    const QByteArray payload("hello\0world", 11);
    QCOMPARE(server.run({QByteArrayLiteral("PUBLISH"), "news", payload}).integer, 2);
    QTRY_COMPARE(channelReplies.size(), 2);
    QTRY_COMPARE(patternReplies.size(), 2);
    QCOMPARE(channelReplies.at(1).elements.at(0).string, QByteArrayLiteral("message"));
    QCOMPARE(channelReplies.at(1).elements.at(2).string, payload);
    QCOMPARE(patternReplies.at(1).elements.size(), 4); // pmessage, pattern, channel, payload
    QCOMPARE(patternReplies.at(1).elements.at(3).string, payload);

    server.stop(RedisServer::StopSignal::Kill);
    QTRY_COMPARE(channelReplies.size(), 3);
    QTRY_COMPARE(patternReplies.size(), 3);
    QCOMPARE(channelReplies.at(2).type, Type::Disconnected);
    QCOMPARE(patternReplies.at(2).type, Type::Disconnected);
    QTest::qWait(200); // nothing more may arrive for a dead subscription
    QCOMPARE(channelReplies.size(), 3);
    QCOMPARE(patternReplies.size(), 3);
}

void TestRedisConnection::publishReachesIndependentSubscriber()
{
    RedisServer server;
    T6_START_REDIS(server);
    RedisSubscriber subscriber(server);
    QVERIFY2(subscriber.subscribe("webhook_raw"), qPrintable(subscriber.errorString()));
    const RedisReply numsub = server.run({QByteArrayLiteral("PUBSUB"), "NUMSUB", "webhook_raw"});
    QCOMPARE(numsub.elements.size(), 2);
    QCOMPARE(numsub.elements.at(1).integer, 1);

    RedisConnection connection(server.endpoint());
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);
    const QList<QByteArray> payloads{"{\"a\":1}", QByteArray("\0bin", 4), "third"};
    QList<qint64> receivers;
    for (const QByteArray &payload : payloads) {
        QVERIFY(connection.command({QByteArrayLiteral("PUBLISH"), "webhook_raw", payload},
                                   [&](const RedisReply &r) { receivers.append(r.integer); }));
    }
    QVERIFY(subscriber.waitForMessages(3, 5000));
    QCOMPARE(subscriber.messages(), payloads);
    QTRY_COMPARE(receivers, (QList<qint64>{1, 1, 1}));
}

void TestRedisConnection::commandTimeoutResetsLink()
{
    RedisServer server({QStringLiteral("--enable-debug-command"), QStringLiteral("yes")});
    T6_START_REDIS(server);
    RedisConnection connection(server.endpoint());
    connection.setCommandTimeout(300ms);
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    QSignalSpy errorSpy(&connection, &RedisConnection::errorOccurred);
    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);

    std::optional<RedisReply> reply;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(connection.command({QByteArrayLiteral("DEBUG"), "SLEEP", "2"},
                               [&](const RedisReply &r) { reply = r; }));
    QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 3000);
    const qint64 waited = clock.elapsed();
    QCOMPARE(reply->type, Type::Disconnected);
    // Disconnected, not +OK: the timeout fired before the 2 s sleep ended, however loaded the
    // machine.
    QVERIFY2(waited >= 290, QByteArray::number(waited).constData());
    QCOMPARE(errorSpy.count(), 1);
    QVERIFY2(errorSpy.at(0).at(0).toString().contains(QStringLiteral("timed out after 300 ms")),
             qPrintable(errorSpy.at(0).at(0).toString()));

    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 2, 6000);
    QCOMPARE(call(connection, {QByteArrayLiteral("PING")}).string, QByteArrayLiteral("PONG"));
}

void TestRedisConnection::closeStopsReconnecting()
{
    RedisServer server;
    RedisConnection connection(server.endpoint());
    QSignalSpy stateSpy(&connection, &RedisConnection::stateChanged);
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    QSignalSpy disconnectedSpy(&connection, &RedisConnection::disconnected);
    connection.open();
    QTRY_VERIFY(statesOf(stateSpy).count(ConnectionState::Connecting) >= 2);
    connection.close();
    QCOMPARE(connection.state(), ConnectionState::Disconnected);

    T6_START_REDIS(server);
    const qsizetype before = stateSpy.count();
    QTest::qWait(800); // an absence can only be checked over time: the retry would come by now
    QCOMPARE(stateSpy.count(), before);
    QCOMPARE(connectedSpy.count(), 0);

    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);
    std::optional<RedisReply> pending;
    QVERIFY(connection.command({QByteArrayLiteral("BLPOP"), "nothing", "3"},
                               [&](const RedisReply &r) { pending = r; }));
    connection.close();
    QVERIFY(pending.has_value()); // answered synchronously by close()
    QCOMPARE(pending->type, Type::Disconnected);
    QCOMPARE(disconnectedSpy.count(), 1);
    QCOMPARE(connection.state(), ConnectionState::Disconnected);
    QVERIFY(!connection.command({QByteArrayLiteral("PING")}));
}

void TestRedisConnection::setEndpointLeavesTheOldServer()
{
    RedisServer before;
    RedisServer after;
    T6_START_REDIS(before);
    const auto clients = [](const RedisServer &server) {
        return server.run({"CLIENT", "LIST"}).string.count("name=moving");
    };
    RedisConnection connection(before.endpoint());
    connection.setName(QStringLiteral("moving"));
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    connection.open();
    QTRY_COMPARE(connectedSpy.count(), 1);
    QCOMPARE(clients(before), 1);
    // Started while the link is up: a child must not inherit its socket (it would keep the old
    // server's connection open after we close ours).
    T6_START_REDIS(after);

    connection.setEndpoint(after.endpoint());
    QTRY_COMPARE(connectedSpy.count(), 2);
    QCOMPARE(clients(after), 1);
    QTRY_COMPARE(clients(before), 0); // its socket closed, not only forgotten
    std::optional<RedisReply> port;
    QVERIFY(connection.command({QByteArrayLiteral("CONFIG"), "GET", "port"},
                               [&](const RedisReply &r) { port = r; }));
    QTRY_VERIFY(port.has_value());
    QCOMPARE(port->elements.value(1).string, QByteArray::number(after.port()));
}

namespace {

RedisEndpoint viaSentinels(QList<quint16> ports, const QByteArray &name)
{
    RedisEndpoint endpoint;
    endpoint.port = 1; // where the master was last seen: not used once the sentinels answer
    for (quint16 port : ports)
        endpoint.sentinels.append({QStringLiteral("127.0.0.1"), port});
    endpoint.masterName = name;
    return endpoint;
}

} // namespace

void TestRedisConnection::findsTheMasterThroughTheSentinels()
{
    RedisServer master;
    T6_START_REDIS(master);
    RedisServer sentinel;
    QVERIFY2(sentinel.startSentinel("m1", master.port(), 1, 5000),
             qPrintable(sentinel.errorString()));
    // The first sentinel is away: the next one is asked.
    RedisConnection connection(viaSentinels({RedisServer::freePort(), sentinel.port()}, "m1"));
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    connection.open();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 1, 5000);
    QCOMPARE(connection.address().port, master.port());
    QCOMPARE(call(connection, {"SET", "k", "v"}).string, QByteArrayLiteral("OK"));
    QCOMPARE(master.run({"GET", "k"}).string, QByteArrayLiteral("v"));
}

void TestRedisConnection::aMasterNoSentinelKnowsIsSaid()
{
    RedisServer master;
    T6_START_REDIS(master);
    RedisServer sentinel;
    QVERIFY2(sentinel.startSentinel("m1", master.port(), 1, 5000),
             qPrintable(sentinel.errorString()));
    RedisConnection connection(viaSentinels({sentinel.port()}, "other"));
    QSignalSpy errorSpy(&connection, &RedisConnection::errorOccurred);
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    connection.open();
    QTRY_COMPARE(errorSpy.count(), 1);
    const QString message = errorSpy.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("does not know master other")), qPrintable(message));
    QTest::qWait(300);
    QCOMPARE(connectedSpy.count(), 0);
}

void TestRedisConnection::aReplicaNamedAsMasterIsLeft()
{
    // A sentinel behind the facts (here: told to watch a replica) must not make us write to a
    // replica: ROLE is checked before the link counts as connected.
    RedisServer master;
    T6_START_REDIS(master);
    RedisServer replica({QStringLiteral("--replicaof"), QStringLiteral("127.0.0.1"),
                         QString::number(master.port())});
    T6_START_REDIS(replica);
    RedisServer sentinel;
    QVERIFY2(sentinel.startSentinel("m1", replica.port(), 1, 60000),
             qPrintable(sentinel.errorString()));
    RedisConnection connection(viaSentinels({sentinel.port()}, "m1"));
    QSignalSpy errorSpy(&connection, &RedisConnection::errorOccurred);
    QSignalSpy connectedSpy(&connection, &RedisConnection::connected);
    connection.open();
    QTRY_COMPARE(errorSpy.count(), 1);
    const QString message = errorSpy.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("is not the master m1 (role slave)")),
             qPrintable(message));
    QTest::qWait(300);
    QCOMPARE(connectedSpy.count(), 0);
}

void TestRedisConnection::destroyWithCommandsInFlight()
{
    RedisServer server;
    T6_START_REDIS(server);
    auto *connection = new RedisConnection(server.endpoint());
    QSignalSpy connectedSpy(connection, &RedisConnection::connected);
    connection->open();
    QTRY_COMPARE(connectedSpy.count(), 1);

    int answered = 0;
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(connection->command({QByteArrayLiteral("INCR"), "n"},
                                    [&answered](const RedisReply &) { ++answered; }));
    }
    delete connection; // handlers are dropped: their owners usually go away with the connection
    QTest::qWait(200); // let any stray notifier or callback fire (the sanitizer build watches)
    QCOMPARE(answered, 0);
    QCOMPARE(server.run({QByteArrayLiteral("PING")}).string, QByteArrayLiteral("PONG"));
}

void TestRedisConnection::destroyFromReplyHandler()
{
    RedisServer server;
    T6_START_REDIS(server);
    auto *connection = new RedisConnection(server.endpoint());
    QPointer<RedisConnection> guard(connection);
    QSignalSpy connectedSpy(connection, &RedisConnection::connected);
    connection->open();
    QTRY_COMPARE(connectedSpy.count(), 1);

    int answered = 0;
    for (int i = 0; i < 100; ++i) {
        QVERIFY(connection->command({QByteArrayLiteral("PING")}, [&](const RedisReply &reply) {
            QCOMPARE(reply.string, QByteArrayLiteral("PONG"));
            if (++answered == 10)
                delete connection; // inside hiredis' read callback, mid-pipeline
        }));
    }
    QTRY_VERIFY(guard.isNull());
    QTest::qWait(200);
    QCOMPARE(answered, 10);
}

void TestRedisConnection::destroyFromSignals_data()
{
    QTest::addColumn<QString>("signal");
    QTest::addColumn<bool>("serverUp");
    QTest::newRow("connected") << QStringLiteral("connected") << true;
    QTest::newRow("errorOccurred, refused") << QStringLiteral("errorOccurred") << false;
    QTest::newRow("disconnected, server killed") << QStringLiteral("disconnected") << true;
    QTest::newRow("stateChanged to Connecting") << QStringLiteral("connecting") << false;
}

void TestRedisConnection::destroyFromSignals()
{
    QFETCH(QString, signal);
    QFETCH(bool, serverUp);
    RedisServer server;
    if (serverUp)
        T6_START_REDIS(server);
    auto *connection = new RedisConnection(server.endpoint());
    QPointer<RedisConnection> guard(connection);
    int attemptsSeen = 0;
    const auto destroy = [connection] { delete connection; };
    if (signal == QStringLiteral("connected")) {
        connect(connection, &RedisConnection::connected, this, destroy);
    } else if (signal == QStringLiteral("errorOccurred")) {
        connect(connection, &RedisConnection::errorOccurred, this, destroy);
    } else if (signal == QStringLiteral("disconnected")) {
        connect(connection, &RedisConnection::disconnected, this, destroy);
        connect(connection, &RedisConnection::connected, this, [&server] { server.stop(); });
    } else {
        connect(connection, &RedisConnection::stateChanged, this, [&](ConnectionState state) {
            if (state == ConnectionState::Connecting && ++attemptsSeen == 2)
                delete connection; // on a retry timer's timeout
        });
    }
    connection->open();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000);
    QTest::qWait(300);
}

QTEST_GUILESS_MAIN(TestRedisConnection)
#include "tst_redisconnection.moc"
