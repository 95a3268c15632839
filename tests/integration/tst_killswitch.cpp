// The kill switch end to end, on the real binary and a real redis-server: `terminal6 pause` stops
// everything going to Redis while webhooks are still answered; the pause outlives a restart;
// `terminal6 resume` sends what waited in the order it came, or `resume --expire-waiting` leaves
// it expired; /health says which.
#include "support/ChildProcess.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QByteArray token = QByteArrayLiteral("kill-switch-test-token");

QString binary()
{
    return qEnvironmentVariable("T6_BINARY");
}

} // namespace

class TestKillSwitch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pausedNothingReachesRedisAndResumeKeepsOrder();
    void resumeCanLeaveWaitingExpired();

private:
    QProcessEnvironment environment() const;
    bool start(ChildProcess &process, const QString &dataDir);
    // `terminal6 <command…>` against the running instance; returns its exit code.
    int admin(const QStringList &command, QByteArray *answer = nullptr);
    QJsonObject health() const { return HttpClient::request(m_port, "GET", "/health").json(); }
    QList<QByteArray> postWebhooks(int count, const QByteArray &tag);
    static void stop(ChildProcess &process);

    RedisServer m_redis;
    quint16 m_port = 0;
};

void TestKillSwitch::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), "T6_BINARY must name the built terminal6");
    T6_START_REDIS(m_redis);
    m_port = RedisServer::freePort();
}

QProcessEnvironment TestKillSwitch::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    environment.insert(QStringLiteral("REDIS_PORT"), QString::number(m_redis.port()));
    return environment;
}

bool TestKillSwitch::start(ChildProcess &process, const QString &dataDir)
{
    process.setProcessEnvironment(environment());
    process.setProcessChannelMode(QProcess::MergedChannels);
    // Nobody subscribes during the pause: without --require-listener false the rows would be
    // held for a listener, which is another story.
    process.start(binary(), {QStringLiteral("--headless"), QStringLiteral("--host"),
                             QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                             QString::number(m_port), QStringLiteral("--data-dir"), dataDir,
                             QStringLiteral("--require-listener"), QStringLiteral("false"),
                             QStringLiteral("--dedupe-window"), QStringLiteral("0")});
    return process.waitForStarted(5000) && process.waitForOutput("listening on");
}

int TestKillSwitch::admin(const QStringList &command, QByteArray *answer)
{
    QProcess cli; // the same environment finds the same instance and token
    cli.setProcessEnvironment(environment());
    cli.start(binary(), QStringList{QStringLiteral("--port"), QString::number(m_port)} + command);
    if (!cli.waitForFinished(10000))
        return -1;
    if (answer)
        *answer = cli.readAllStandardOutput().trimmed();
    return cli.exitCode();
}

QList<QByteArray> TestKillSwitch::postWebhooks(int count, const QByteArray &tag)
{
    QList<QByteArray> traces;
    for (int i = 0; i < count; ++i) {
        const HttpResponse r =
            HttpClient::request(m_port, "POST", "/webhook/" + token,
                                R"({"Symbol":"BTCUSDT","Action":"PING","Tag":")" + tag +
                                    R"(","Seq":)" + QByteArray::number(i) + "}");
        if (r.status != 200)
            return {};
        traces.append(r.json().value(QLatin1String("trace_id")).toString().toLatin1());
    }
    return traces;
}

void TestKillSwitch::stop(ChildProcess &process)
{
    ::kill(pid_t(process.processId()), SIGTERM);
    process.waitForFinished(10000);
}

void TestKillSwitch::pausedNothingReachesRedisAndResumeKeepsOrder()
{
    QTemporaryDir data;
    m_redis.run({"DEL", "webhook_raw:stream"});
    RedisSubscriber subscriber(m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    ChildProcess first;
    QVERIFY(start(first, data.path()));

    QByteArray answer;
    QCOMPARE(admin({QStringLiteral("pause")}, &answer), 0);
    QCOMPARE(answer, QByteArray(R"({"paused":true})"));
    QTRY_VERIFY(health().value(QLatin1String("paused")).toBool());
    QList<QByteArray> traces = postWebhooks(20, "before-restart");
    QCOMPARE(traces.size(), 20); // still answered

    // The pause outlives a restart: the journal keeps it.
    stop(first);
    QCOMPARE(first.exitCode(), 0);
    ChildProcess second;
    QVERIFY(start(second, data.path()));
    QVERIFY(health().value(QLatin1String("paused")).toBool());
    const QList<QByteArray> after = postWebhooks(10, "after-restart");
    QCOMPARE(after.size(), 10);
    traces += after;
    QTest::qWait(1500); // several forwarder rounds
    QCOMPARE(subscriber.messages().size(), 0);
    QCOMPARE(m_redis.run({"XLEN", "webhook_raw:stream"}).integer, 0);
    QCOMPARE(health().value(QLatin1String("unpublished")).toInteger(), 30);

    QCOMPARE(admin({QStringLiteral("resume")}, &answer), 0);
    QCOMPARE(answer, QByteArray(R"({"paused":false})"));
    QVERIFY(subscriber.waitForMessages(30, 10000));
    QCOMPARE(subscriber.traceIds(), traces); // in the order they came, across the restart
    QTRY_COMPARE(m_redis.streamTraceIds(), traces);
    QTRY_VERIFY(!health().value(QLatin1String("paused")).toBool());
    stop(second);
}

void TestKillSwitch::resumeCanLeaveWaitingExpired()
{
    QTemporaryDir data;
    m_redis.run({"DEL", "webhook_raw:stream"});
    RedisSubscriber subscriber(m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    ChildProcess receiver;
    QVERIFY(start(receiver, data.path()));
    QCOMPARE(admin({QStringLiteral("pause")}), 0);
    QCOMPARE(postWebhooks(5, "left").size(), 5);
    QCOMPARE(admin({QStringLiteral("resume"), QStringLiteral("--expire-waiting")}), 0);
    QTRY_COMPARE(health().value(QLatin1String("expired")).toInteger(), 5);

    // What comes after the resume goes out as usual; what waited never does.
    const QList<QByteArray> fresh = postWebhooks(1, "fresh");
    QVERIFY(subscriber.waitForMessages(1));
    QTest::qWait(500);
    QCOMPARE(subscriber.traceIds(), fresh);
    QCOMPARE(admin({QStringLiteral("pause"), QStringLiteral("--expire-waiting")}), 2);
    stop(receiver);
}

QTEST_GUILESS_MAIN(TestKillSwitch)
#include "tst_killswitch.moc"
