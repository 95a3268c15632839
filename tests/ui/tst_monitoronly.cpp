// --monitor-only against a real `terminal6 --headless` in another process, through a real
// redis-server: the history fills from its `websockets` events, its status comes from its /health,
// and the kill switch reaches its admin routes when this machine may use them; otherwise the
// switch is disabled and says why.
#include "Application.h"
#include "ForwardingSwitch.h"
#include "monitor/MonitorService.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"
#include "support/ChildProcess.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"
#include "support/TestSettings.h"

#include <QAction>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray token = QByteArrayLiteral("monitor-only-token-9e41");
} // namespace

class TestMonitorOnly : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void historyFillsFromTheOtherProcess();
    void killSwitchGoesToItsAdminRoutes();
    void actionsOffWithTheReason_data();
    void actionsOffWithTheReason();
    void aReceiverThatStopsIsShownDown();

private:
    std::unique_ptr<Application> watcher(const QString &url, const QByteArray &withToken);

    RedisServer m_redis;
    QTemporaryDir m_dir;
    ChildProcess m_receiver;
    quint16 m_port = 0;
};

void TestMonitorOnly::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("T6_BINARY")), "T6_BINARY names terminal6");
    T6_START_REDIS(m_redis);
    m_port = RedisServer::freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    environment.insert(QStringLiteral("REDIS_URL"),
                       QStringLiteral("redis://127.0.0.1:%1/0").arg(m_redis.port()));
    m_receiver.setProcessEnvironment(environment);
    m_receiver.setProcessChannelMode(QProcess::MergedChannels);
    m_receiver.start(qEnvironmentVariable("T6_BINARY"),
                     {QStringLiteral("--headless"), QStringLiteral("--host"),
                      QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                      QString::number(m_port), QStringLiteral("--data-dir"), m_dir.path(),
                      QStringLiteral("--dedupe-window"), QStringLiteral("0")});
    QVERIFY(m_receiver.waitForStarted(5000));
    QVERIFY(m_receiver.waitForOutput("listening on"));
    // Its events are best effort, dropped while their Redis link is not up yet: a webhook posted
    // before it connects reaches the watcher by its later steps only (no symbol; 1 run in ~50).
    QVERIFY(m_receiver.waitForOutput("(terminal6-events) connected"));
}

void TestMonitorOnly::cleanupTestCase()
{
    m_receiver.terminate();
    m_receiver.waitForFinished(5000);
}

std::unique_ptr<Application> TestMonitorOnly::watcher(const QString &url,
                                                      const QByteArray &withToken)
{
    Settings settings = testSettings(m_redis, QString(), withToken);
    if (withToken.isEmpty())
        settings.tokens.clear();
    settings.monitorOnly = true;
    settings.receiverUrl = QUrl(url);
    auto app = std::make_unique<Application>(settings);
    const QString error = app->start();
    return error.isEmpty() ? std::move(app) : nullptr;
}

void TestMonitorOnly::historyFillsFromTheOtherProcess()
{
    auto app = watcher(QStringLiteral("http://127.0.0.1:%1").arg(m_port), token);
    QVERIFY(app);
    QCOMPARE(app->receiver()->isRemote(), true);
    QCOMPARE(app->receiver()->reader(), nullptr); // no journal here
    QTRY_VERIFY(app->receiver()->status().listening);
    QTRY_VERIFY(m_redis.run({"PUBSUB", "NUMSUB", "websockets"}).elements.value(1).integer >= 1);

    RedisSubscriber engine(m_redis);
    QVERIFY(engine.subscribe("webhook_raw"));
    QStringList traces;
    for (int i = 0; i < 3; ++i) {
        const HttpResponse r = HttpClient::request(
            m_port, "POST", "/webhook",
            R"({"Symbol":"SOLUSDT","Exchange":"BINANCE","Action":"BuyMarket","Seq":)" +
                QByteArray::number(i) + "}",
            {{"X-Webhook-Token", token}});
        QCOMPARE(r.status, 200);
        traces << r.json().value(QLatin1String("trace_id")).toString();
    }
    QVERIFY(engine.waitForMessages(3));
    WebhookHistoryModel *history = app->monitor()->history();
    for (const QString &trace : traces) {
        QTRY_VERIFY2(history->rowOfTrace(trace) >= 0, qPrintable(trace));
        QTRY_COMPARE(history->statusAt(history->rowOfTrace(trace)), WebhookStatus::Forwarded);
        QCOMPARE(history->details(history->rowOfTrace(trace)).symbol, QStringLiteral("SOLUSDT"));
    }
    // Its figures are the other process's, from /health.
    QTRY_VERIFY(app->receiver()->status().received >= 3);
    app->stop(std::chrono::milliseconds(0));
}

void TestMonitorOnly::killSwitchGoesToItsAdminRoutes()
{
    auto app = watcher(QStringLiteral("http://127.0.0.1:%1").arg(m_port), token);
    QVERIFY(app);
    ForwardingSwitch kill(app->receiver());
    QTRY_VERIFY(kill.action()->isEnabled());
    QCOMPARE(app->receiver()->actionsUnavailable(), QString());
    kill.action()->trigger();
    QTRY_VERIFY(HttpClient::request(m_port, "GET", "/health")
                    .json()
                    .value(QLatin1String("paused"))
                    .toBool());
    QTRY_VERIFY(app->receiver()->status().paused);
    kill.setResumeChoice([](qint64) { return ForwardingSwitch::Resume::ForwardWaiting; });
    kill.action()->trigger();
    QTRY_VERIFY(!HttpClient::request(m_port, "GET", "/health")
                     .json()
                     .value(QLatin1String("paused"))
                     .toBool());
    app->stop(std::chrono::milliseconds(0));
}

void TestMonitorOnly::actionsOffWithTheReason_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("withToken");
    QTest::addColumn<QString>("reason");
    QTest::newRow("another machine") << QStringLiteral("http://192.0.2.10:%1") << token
                                     << QStringLiteral("answer only on its own machine");
    QTest::newRow("no token") << QStringLiteral("http://127.0.0.1:%1") << QByteArray()
                              << QStringLiteral("no token set here");
    QTest::newRow("wrong token") << QStringLiteral("http://127.0.0.1:%1")
                                 << QByteArray("not-its-token")
                                 << QStringLiteral("the receiver refused");
}

void TestMonitorOnly::actionsOffWithTheReason()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, withToken);
    QFETCH(QString, reason);
    auto app = watcher(url.arg(m_port), withToken);
    QVERIFY(app);
    ForwardingSwitch kill(app->receiver());
    if (reason == QLatin1String("the receiver refused")) {
        // Only the receiver can tell a wrong token: the first order is refused, and said so.
        QTRY_VERIFY(kill.action()->isEnabled());
        kill.action()->trigger();
    }
    QTRY_VERIFY2(app->receiver()->actionsUnavailable().contains(reason),
                 qPrintable(app->receiver()->actionsUnavailable()));
    QTRY_VERIFY(!kill.action()->isEnabled());
    QVERIFY2(kill.action()->toolTip().contains(reason), qPrintable(kill.action()->toolTip()));
    QVERIFY(!HttpClient::request(m_port, "GET", "/health")
                 .json()
                 .value(QLatin1String("paused"))
                 .toBool());
    app->stop(std::chrono::milliseconds(0));
}

void TestMonitorOnly::aReceiverThatStopsIsShownDown()
{
    auto app = watcher(QStringLiteral("http://127.0.0.1:%1").arg(m_port), token);
    QVERIFY(app);
    QTRY_VERIFY(app->receiver()->status().listening);
    m_receiver.terminate();
    QVERIFY(m_receiver.waitForFinished(5000));
    QTRY_VERIFY(!app->receiver()->status().listening);
    QTRY_COMPARE(app->receiver()->actionsUnavailable(),
                 QStringLiteral("the receiver does not answer"));
    app->stop(std::chrono::milliseconds(0));
}

QTEST_MAIN(TestMonitorOnly)
#include "tst_monitoronly.moc"
