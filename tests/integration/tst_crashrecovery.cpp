// The built terminal6 SIGKILLed while a client keeps posting, then restarted on the same data
// dir: every webhook that got a 200 reaches the stream exactly once.
#include "support/ChildProcess.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

namespace {

const QByteArray token = QByteArrayLiteral("crash-test-token");

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAcknowledgedWebhookReachesTheStreamOnce();

private:
    bool startReceiver(QProcess &process);

    RedisServer m_redis;
    QTemporaryDir m_dataDir;
    quint16 m_port = RedisServer::freePort();
};

bool TestCrashRecovery::startReceiver(QProcess &process)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    environment.insert(QStringLiteral("REDIS_PORT"), QString::number(m_redis.port()));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(qEnvironmentVariable("T6_BINARY"),
                  {QStringLiteral("--headless"), QStringLiteral("--host"),
                   QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(m_port),
                   QStringLiteral("--data-dir"), m_dataDir.path(),
                   QStringLiteral("--require-listener"), QStringLiteral("false"),
                   QStringLiteral("--dedupe-window"), QStringLiteral("0")});
    if (!process.waitForStarted(5000))
        return false;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (HttpClient::request(m_port, "GET", "/health", {}, {}, 500).status == 200)
            return true;
        QTest::qWait(50);
    }
    return false;
}

void TestCrashRecovery::everyAcknowledgedWebhookReachesTheStreamOnce()
{
    T6_START_REDIS(m_redis);
    ChildProcess first;
    QVERIFY(startReceiver(first));

    std::mutex mutex;
    QList<QByteArray> acked;
    std::atomic<bool> stop = false;
    std::atomic<int> failures = 0;
    std::thread client([&] {
        for (int seq = 0; !stop && seq < 100000; ++seq) {
            const QByteArray body = R"({"Symbol":"BTCUSDT","Seq":)" + QByteArray::number(seq) + "}";
            const HttpResponse r = HttpClient::request(m_port, "POST", "/webhook", body,
                                                       {{"X-Webhook-Token", token}}, 2000);
            if (r.status == 200) {
                std::lock_guard lock(mutex);
                acked.append(r.json().value(QLatin1String("trace_id")).toString().toLatin1());
            } else {
                ++failures;
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }
    });
    const auto ackedCount = [&] {
        std::lock_guard lock(mutex);
        return acked.size();
    };

    QTRY_VERIFY_WITH_TIMEOUT(ackedCount() >= 300, 20000);
    ::kill(pid_t(first.processId()), SIGKILL); // mid-stream, no chance to drain
    QVERIFY(first.waitForFinished(5000));
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);

    ChildProcess second;
    QVERIFY(startReceiver(second));
    const qsizetype before = ackedCount();
    QTRY_VERIFY_WITH_TIMEOUT(ackedCount() >= before + 300, 20000);
    stop = true;
    client.join();

    QTRY_COMPARE_WITH_TIMEOUT(HttpClient::request(m_port, "GET", "/health")
                                  .json()
                                  .value(QLatin1String("pending"))
                                  .toInteger(),
                              0, 15000);
    const auto [lost, twice, entries] = m_redis.tallyStream(acked);
    qInfo("acknowledged %lld, failed while down %d, lost %d, twice %d", qint64(acked.size()),
          int(failures), lost, twice);
    QCOMPARE(lost, 0);
    QCOMPARE(twice, 0);

    ::kill(pid_t(second.processId()), SIGTERM);
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
