// The built terminal6 binary as a process: command line, exit codes, a webhook end to end, and a
// clean SIGTERM. T6_BINARY (set by ctest) names the binary.
#include "support/ChildProcess.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QByteArray token = QByteArrayLiteral("e2e-secret-token-0123456789");

QString binary()
{
    return qEnvironmentVariable("T6_BINARY");
}

// Local addresses listening on `port`, from the kernel's own table (hex, as /proc shows them).
QStringList listeningAddresses(quint16 port)
{
    QStringList addresses;
    for (const QString &table :
         {QStringLiteral("/proc/net/tcp"), QStringLiteral("/proc/net/tcp6")}) {
        QFile file(table);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() < 4 || fields.at(3) != "0A") // 0A: LISTEN
                continue;
            const QList<QByteArray> local = fields.at(1).split(':');
            if (local.size() == 2 && local.at(1).toUInt(nullptr, 16) == port)
                addresses.append(QString::fromLatin1(local.at(0)));
        }
    }
    return addresses;
}

} // namespace

class TestHeadlessProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invalidSettingsExitWithStatus2_data();
    void invalidSettingsExitWithStatus2();
    void versionAndHelp();
    void receivesForwardsAndStopsOnSigterm();
    void withoutTokenListensOnLoopbackOnly();
    void resendCommandRevivesAnExpiredWebhook();
    void withoutDisplayFallsBackToHeadless();

private:
    // Starts terminal6 --headless and waits for its "listening on" line.
    bool startReceiver(ChildProcess &process, const QStringList &arguments,
                       const QProcessEnvironment &environment);

    QTemporaryDir m_dataDir;
};

void TestHeadlessProcess::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), "T6_BINARY must name the built terminal6");
}

bool TestHeadlessProcess::startReceiver(ChildProcess &process, const QStringList &arguments,
                                        const QProcessEnvironment &environment)
{
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(binary(), QStringList{QStringLiteral("--headless"), QStringLiteral("--data-dir"),
                                        m_dataDir.path()} +
                                arguments);
    return process.waitForStarted(5000) && process.waitForOutput("listening on");
}

void TestHeadlessProcess::invalidSettingsExitWithStatus2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("named");

    QTest::newRow("port out of range")
        << QStringList{QStringLiteral("--port"), QStringLiteral("70000")} << QString() << QString()
        << QStringLiteral("--port");
    QTest::newRow("unreadable config")
        << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/t6.ini")}
        << QString() << QString() << QStringLiteral("--config");
    QTest::newRow("malformed REDIS_URL")
        << QStringList() << QStringLiteral("REDIS_URL") << QStringLiteral("http://nope")
        << QStringLiteral("REDIS_URL");
    QTest::newRow("REDIS_PORT not a number")
        << QStringList() << QStringLiteral("REDIS_PORT") << QStringLiteral("six")
        << QStringLiteral("REDIS_PORT");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("--no-such-flag")} << QString()
                                  << QString() << QStringLiteral("no-such-flag");
    QTest::newRow("token on the command line")
        << QStringList{QStringLiteral("--token"), QStringLiteral("x")} << QString() << QString()
        << QStringLiteral("token");
}

void TestHeadlessProcess::invalidSettingsExitWithStatus2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, named);

    ChildProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!variable.isEmpty())
        environment.insert(variable, value);
    process.setProcessEnvironment(environment);
    process.start(binary(), QStringList{QStringLiteral("--headless")} + arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError()).trimmed();
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error)); // one line
    QVERIFY2(error.contains(named), qPrintable(error));
}

void TestHeadlessProcess::versionAndHelp()
{
    ChildProcess version;
    version.start(binary(), {QStringLiteral("--version")});
    QVERIFY(version.waitForFinished(5000));
    QCOMPARE(version.exitCode(), 0);
    QVERIFY(version.readAllStandardOutput().startsWith("terminal6 "));

    ChildProcess help;
    help.start(binary(), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(5000));
    QCOMPARE(help.exitCode(), 0);
    const QByteArray text = help.readAllStandardOutput();
    for (const char *flag :
         {"--headless", "--host", "--port", "--path", "--data-dir", "--config", "--redis-url"})
        QVERIFY2(text.contains(flag), flag);
}

void TestHeadlessProcess::receivesForwardsAndStopsOnSigterm()
{
    RedisServer redis;
    T6_START_REDIS(redis);
    RedisSubscriber subscriber(redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));

    const quint16 port = RedisServer::freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    environment.insert(QStringLiteral("REDIS_URL"),
                       QStringLiteral("redis://127.0.0.1:%1/0").arg(redis.port()));
    ChildProcess process;
    QVERIFY(startReceiver(process,
                          {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("--port"), QString::number(port)},
                          environment));

    const HttpResponse accepted =
        HttpClient::request(port, "POST", "/webhook/" + token,
                            R"({"Symbol":"BTCUSDT","Action":"BuyMarket","Prix":43500.0})");
    QCOMPARE(accepted.status, 200);
    QCOMPARE(HttpClient::request(port, "POST", "/webhook/wrong", "{}").status, 401);
    QVERIFY(subscriber.waitForMessages(1));
    const QByteArray expectedStart =
        R"({"payload":{"Symbol":"BTCUSDT","Action":"BuyMarket","Prix":43500.0},"received_at":")";
    QVERIFY(subscriber.messages().constFirst().startsWith(expectedStart));
    QTRY_COMPARE(
        HttpClient::request(port, "GET", "/health").json().value(QLatin1String("redis")).toString(),
        QStringLiteral("ok"));

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(8000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QByteArray log = process.readAll();
    QVERIFY2(log.contains("stopped"), log.constData());
    QVERIFY2(!log.contains(token), "the token must never be logged");
}

void TestHeadlessProcess::withoutTokenListensOnLoopbackOnly()
{
    const quint16 port = RedisServer::freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("WEBHOOK_TOKEN"));
    environment.insert(QStringLiteral("REDIS_PORT"), QString::number(RedisServer::freePort()));
    ChildProcess process;
    QVERIFY(startReceiver(process,
                          {QStringLiteral("--host"), QStringLiteral("0.0.0.0"),
                           QStringLiteral("--port"), QString::number(port)},
                          environment));
    QCOMPARE(listeningAddresses(port), QStringList{QStringLiteral("0100007F")}); // 127.0.0.1 only
    QCOMPARE(HttpClient::request(port, "POST", "/webhook", R"({"Action":"PING"})").status, 200);

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray log = process.readAll();
    QVERIFY2(log.contains("loopback only"), log.constData());
}

void TestHeadlessProcess::resendCommandRevivesAnExpiredWebhook()
{
    RedisServer redis;
    T6_START_REDIS(redis);
    const quint16 port = RedisServer::freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    environment.insert(QStringLiteral("REDIS_PORT"), QString::number(redis.port()));
    const QStringList common{QStringLiteral("--port"), QString::number(port)};
    QTemporaryDir ownData; // rows of the other tests would expire too and muddle the count
    ChildProcess receiver;
    QVERIFY(
        startReceiver(receiver,
                      common + QStringList{QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                           QStringLiteral("--replay-max-age"), QStringLiteral("1"),
                                           QStringLiteral("--data-dir"), ownData.path()},
                      environment));
    // Nobody listens, so it is held, then expires after a second.
    const HttpResponse accepted = HttpClient::request(
        port, "POST", "/webhook/" + token, "{\"Symbol\":\"BTCUSDT\",\"Action\":\"PING\"}");
    QCOMPARE(accepted.status, 200);
    const QString traceId = accepted.json().value(QLatin1String("trace_id")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(HttpClient::request(port, "GET", "/health")
                                  .json()
                                  .value(QLatin1String("expired"))
                                  .toInteger(),
                              1, 5000);

    RedisSubscriber subscriber(redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QProcess resend; // the same environment finds the same instance and token
    resend.setProcessEnvironment(environment);
    resend.start(binary(), common + QStringList{QStringLiteral("resend"), traceId});
    QVERIFY(resend.waitForFinished(10000));
    const QByteArray answer = resend.readAllStandardOutput().trimmed();
    QVERIFY2(resend.exitCode() == 0, answer.constData());
    QCOMPARE(answer, QByteArray("{\"resent\":1}"));
    QVERIFY(subscriber.waitForMessages(1));
    QVERIFY(subscriber.messages().constFirst().contains(traceId.toLatin1()));
    QVERIFY(subscriber.messages().constFirst().endsWith(",\"replayed\":true}"));

    QProcess unknown;
    unknown.setProcessEnvironment(environment);
    unknown.start(binary(),
                  common + QStringList{QStringLiteral("resend"), QStringLiteral("no-such-trace")});
    QVERIFY(unknown.waitForFinished(10000));
    QCOMPARE(unknown.exitCode(), 1);

    ::kill(pid_t(receiver.processId()), SIGTERM);
    QVERIFY(receiver.waitForFinished(10000));
    QCOMPARE(receiver.exitCode(), 0);
}

void TestHeadlessProcess::withoutDisplayFallsBackToHeadless()
{
    // No --headless, no display: QApplication would abort; terminal6 says so and serves anyway.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QLatin1String(name));
    environment.insert(QStringLiteral("REDIS_PORT"), QString::number(RedisServer::freePort()));
    const quint16 port = RedisServer::freePort();
    ChildProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(binary(),
                  {QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                   QString::number(port), QStringLiteral("--data-dir"),
                   m_dataDir.filePath(QStringLiteral("nodisplay"))});
    QVERIFY(process.waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(HttpClient::request(port, "GET", "/health", {}, {}, 500).status, 200,
                              10000);
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray log = process.readAll();
    QVERIFY2(log.contains("no display found; running headless"), log.constData());
}

QTEST_GUILESS_MAIN(TestHeadlessProcess)
#include "tst_headlessprocess.moc"
