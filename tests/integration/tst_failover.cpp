// Redis Sentinel: a master, a replica and three sentinels, two receivers at 500 webhooks/s in
// all while the master is SIGKILLed. The sentinels promote the replica, the receivers follow,
// and the new master's stream holds every acknowledged webhook once, in each journal's order.
#include "support/JournalQuery.h"
#include "support/OpenLoopLoad.h"
#include "support/ReceiverProcess.h"
#include "support/RedisServer.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QTest>

namespace {

const QByteArray token = QByteArrayLiteral("failover-test-token");
const QByteArray masterName = QByteArrayLiteral("t6master");

// The stream's trace ids, per receiver, in stream order, from entries added at or after `fromId`.
QHash<QByteArray, QList<QByteArray>> streamByReceiver(const RedisServer &redis,
                                                      const QByteArray &fromId = "-")
{
    QHash<QByteArray, QList<QByteArray>> byReceiver;
    const RedisReply entries = redis.run({"XRANGE", "webhook_raw:stream", fromId, "+"});
    for (const RedisReply &entry : entries.elements) {
        QByteArray traceId, receiver;
        const QList<RedisReply> &fields = entry.elements.at(1).elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            if (fields.at(i).string == "trace_id")
                traceId = fields.at(i + 1).string;
            else if (fields.at(i).string == "receiver")
                receiver = fields.at(i + 1).string;
        }
        byReceiver[receiver].append(traceId);
    }
    return byReceiver;
}

qsizetype listSize(const RedisServer &server, const QList<QByteArray> &argv)
{
    return server.run(argv).elements.size();
}

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheSentinelsThroughAFailover();
};

void TestFailover::followsTheSentinelsThroughAFailover()
{
    RedisServer master;
    T6_START_REDIS(master);
    RedisServer replica({QStringLiteral("--replicaof"), QStringLiteral("127.0.0.1"),
                         QString::number(master.port())});
    T6_START_REDIS(replica);
    QTRY_VERIFY_WITH_TIMEOUT(
        replica.run({"INFO", "replication"}).string.contains("master_link_status:up"), 10000);
    RedisServer sentinels[3];
    QStringList addresses;
    for (RedisServer &sentinel : sentinels) {
        QVERIFY2(sentinel.startSentinel(masterName, master.port(), 2, 1000),
                 qPrintable(sentinel.errorString()));
        addresses << QStringLiteral("127.0.0.1:%1").arg(sentinel.port());
    }
    // Each sentinel knows the replica and the two others before the master goes.
    for (RedisServer &sentinel : sentinels) {
        QTRY_COMPARE_WITH_TIMEOUT(listSize(sentinel, {"SENTINEL", "replicas", masterName}), 1,
                                  30000);
        QTRY_COMPARE_WITH_TIMEOUT(listSize(sentinel, {"SENTINEL", "sentinels", masterName}), 2,
                                  30000);
    }

    const QStringList args{QStringLiteral("--redis-sentinel"),    addresses.join(u','),
                           QStringLiteral("--redis-master-name"), QString::fromLatin1(masterName),
                           QStringLiteral("--dedupe-window"),     QStringLiteral("0"),
                           QStringLiteral("--require-listener"),  QStringLiteral("false"),
                           QStringLiteral("--embedded-redis"),    QStringLiteral("never")};
    ReceiverProcess east(QStringLiteral("east"), token, args);
    ReceiverProcess west(QStringLiteral("west"), token, args);
    ReceiverProcess *receivers[] = {&east, &west};
    for (ReceiverProcess *receiver : receivers) {
        QVERIFY2(receiver->start(), qPrintable(receiver->errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(receiver->health().value(QLatin1String("redis")).toString(),
                                  QStringLiteral("ok"), 10000);
    }

    OpenLoopLoad eastLoad({east.port(), token, 5, 50});
    OpenLoopLoad westLoad({west.port(), token, 5, 50});
    eastLoad.start();
    westLoad.start();
    QTRY_VERIFY_WITH_TIMEOUT(eastLoad.acknowledged() >= 500 && westLoad.acknowledged() >= 500,
                             20000);
    // Rows count once the replica has them too (WAIT 1): said once it knew of the replica.
    for (ReceiverProcess *receiver : receivers)
        QVERIFY2(receiver->output().contains("Redis has 1 replica(s)"),
                 receiver->output().right(3000).constData());

    QElapsedTimer sinceKill;
    sinceKill.start();
    master.stop(RedisServer::StopSignal::Kill);
    QTRY_VERIFY_WITH_TIMEOUT(replica.run({"ROLE"}).elements.value(0).string == "master", 30000);
    const qint64 failoverMs = sinceKill.elapsed();
    const QByteArray promotedAt = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    // Both receivers write to the new master.
    QTRY_VERIFY_WITH_TIMEOUT(streamByReceiver(replica, promotedAt).size() == 2, 30000);
    const qint64 followedMs = sinceKill.elapsed();

    const qsizetype eastBefore = eastLoad.acknowledged();
    const qsizetype westBefore = westLoad.acknowledged();
    QTRY_VERIFY_WITH_TIMEOUT(eastLoad.acknowledged() >= eastBefore + 500 &&
                                 westLoad.acknowledged() >= westBefore + 500,
                             20000);
    eastLoad.stop();
    westLoad.stop();
    for (ReceiverProcess *receiver : receivers)
        QTRY_COMPARE_WITH_TIMEOUT(receiver->health().value(QLatin1String("pending")).toInteger(), 0,
                                  30000);

    const OpenLoopLoad::Result results[] = {eastLoad.result(), westLoad.result()};
    const QHash<QByteArray, QList<QByteArray>> stream = streamByReceiver(replica);
    qint64 longestMs = 0;
    for (int i = 0; i < 2; ++i) {
        ReceiverProcess &receiver = *receivers[i];
        const OpenLoopLoad::Result &result = results[i];
        longestMs = std::max(longestMs, result.longestMs);
        const QList<QByteArray> &entries = stream.value(receiver.name().toLatin1());
        const QList<QByteArray> journal = JournalQuery::column(
            receiver.journalPath(),
            "SELECT trace_id FROM webhooks WHERE outcome = 'accepted' ORDER BY seq");
        QSet<QByteArray> inStream(entries.begin(), entries.end());
        int missing = 0;
        for (const QByteArray &traceId : result.acknowledged)
            missing += inStream.contains(traceId) ? 0 : 1;
        qInfo("%s: sent %d, acknowledged %lld, failed %lld, in the new master's stream %lld "
              "(%lld distinct), acknowledged but missing %d, longest reply %lld ms",
              qPrintable(receiver.name()), result.sent, qint64(result.acknowledged.size()),
              qint64(result.failures.size() + result.refused), qint64(entries.size()),
              qint64(inStream.size()), missing, result.longestMs);
        QCOMPARE(result.refused, 0);
        QVERIFY2(result.failures.isEmpty(), qPrintable(result.failures.join(QLatin1String("; "))));
        QCOMPARE(missing, 0);
        QCOMPARE(inStream.size(), entries.size()); // none twice
        QVERIFY2(entries == journal, "the stream does not follow the journal's order");
        QVERIFY2(receiver.output().contains("(+switch-master)"),
                 receiver.output().right(3000).constData());
    }
    qInfo("failover: replica promoted %lld ms after the SIGKILL, both receivers writing to it "
          "%lld ms after; longest reply %lld ms",
          failoverMs, followedMs, longestMs);
    if (qEnvironmentVariableIsSet("T6_SHOW_OUTPUT"))
        qInfo("%s", east.output().constData());
    for (ReceiverProcess *receiver : receivers) {
        const QString ended = receiver->terminate();
        QVERIFY2(ended.isEmpty(), qPrintable(ended));
    }
}

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
