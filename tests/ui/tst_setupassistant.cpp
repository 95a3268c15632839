// The TradingView setup assistant on the real Application against a real redis-server: the URL
// and the message it builds work when posted to the receiver (token in the path or in the
// message, masked on screen, whole on the clipboard), the constraints it explains, and its test
// alert reaching a real subscriber on webhook_raw, or saying what is missing.
#include "Application.h"
#include "StatusColors.h"
#include "receiver/AlertTemplate.h"
#include "receiver/ReceiverService.h"
#include "setup/SetupAssistant.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"
#include "support/TestSettings.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {
const QByteArray token = QByteArrayLiteral("assistant-test-token-31ab");
const QString publicAddress = QStringLiteral("203.0.113.7");
} // namespace

class TestSetupAssistant : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tokenInThePath();
    void tokenInTheMessage();
    void templateCarriesAristobotFields();
    void explainsTheConstraints();
    void testAlertReachesASubscriber();
    void testAlertSaysNobodyListens();
    void testAlertSaysRedisIsDown();
    void createTokenMovesTheListenerAndSaves();
    void createTokenSaysWhenTheListenerCannotMove();

private:
    // Sends the assistant's test alert and waits for its outcome (it gives up after 8 s).
    static bool sendTestAlert(SetupAssistant &assistant);
    // Posts `body` to the receiver at the path of `url` (its host is the public address).
    int postAs(const QString &url, const QByteArray &body,
               const QList<QPair<QByteArray, QByteArray>> &headers = {});

    RedisServer m_redis;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Application> m_app;
};

void TestSetupAssistant::init()
{
    if (!m_redis.isRunning())
        T6_START_REDIS(m_redis);
    m_redis.run({"FLUSHALL"}); // each test counts its own stream entries
    m_dir = std::make_unique<QTemporaryDir>();
    Settings settings = testSettings(m_redis, m_dir->path(), token);
    m_app = std::make_unique<Application>(settings);
    QCOMPARE(m_app->start(), QString());
    QTRY_VERIFY(m_app->receiver()->status().redis == ReceiverStatus::Redis::Ok);
}

void TestSetupAssistant::cleanup()
{
    m_app->stop(std::chrono::milliseconds(0));
    m_app.reset();
    m_dir.reset();
}

bool TestSetupAssistant::sendTestAlert(SetupAssistant &assistant)
{
    QSignalSpy finished(&assistant, &SetupAssistant::testFinished);
    assistant.sendTestAlert();
    return (!finished.isEmpty() || finished.wait(10000)) &&
           finished.constFirst().constFirst().toBool();
}

int TestSetupAssistant::postAs(const QString &url, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const QUrl parsed(url);
    return HttpClient::request(m_app->receiver()->port(), "POST",
                               parsed.path(QUrl::FullyEncoded).toLatin1(), body, headers)
        .status;
}

void TestSetupAssistant::tokenInThePath()
{
    SetupAssistant assistant(m_app.get());
    assistant.setPublicAddress(publicAddress);
    // The receiver is on a test port: TradingView reaches it through port 80 (a forward).
    QCOMPARE(assistant.urlShown(), QStringLiteral("http://203.0.113.7/webhook/••••••••"));
    QCOMPARE(assistant.urlCopied(),
             QStringLiteral("http://203.0.113.7/webhook/") + QString::fromLatin1(token));
    QVERIFY(!assistant.messageShown().contains(QString::fromLatin1(token)));
    QVERIFY(!assistant.messageCopied().contains(QString::fromLatin1(token)));
    // What TradingView would send: the message with its placeholders filled, to that URL.
    AlertTemplate alert;
    QCOMPARE(postAs(assistant.urlCopied(), alert.sample()), 200);
    QCOMPARE(postAs(assistant.urlShown(), alert.sample()), 401); // the masked one does not work
}

void TestSetupAssistant::tokenInTheMessage()
{
    SetupAssistant assistant(m_app.get());
    assistant.setPublicAddress(publicAddress);
    assistant.setTokenInMessage(true);
    QCOMPARE(assistant.urlShown(), QStringLiteral("http://203.0.113.7/webhook"));
    QCOMPARE(assistant.urlCopied(), assistant.urlShown());
    QVERIFY(!assistant.messageShown().contains(QString::fromLatin1(token)));
    QVERIFY(assistant.messageShown().contains(QStringLiteral("\"token\": \"••••••••\"")));
    QVERIFY(assistant.messageCopied().contains(QStringLiteral("\"token\": \"") +
                                               QString::fromLatin1(token) + u'"'));
    AlertTemplate alert;
    alert.bodyTokenField = QStringLiteral("token");
    alert.token = token;
    QCOMPARE(alert.message(), assistant.messageCopied());
    QCOMPARE(postAs(assistant.urlCopied(), alert.sample()), 200);
    alert.token = "not-the-token";
    QCOMPARE(postAs(assistant.urlCopied(), alert.sample()), 401);
}

void TestSetupAssistant::templateCarriesAristobotFields()
{
    SetupAssistant assistant(m_app.get());
    const QString message = assistant.messageCopied();
    for (const char *placeholder :
         {"{{ticker}}", "{{exchange}}", "{{interval}}", "{{close}}", "{{timenow}}"})
        QVERIFY2(message.contains(QLatin1String(placeholder)), placeholder);

    AlertTemplate alert;
    alert.action = QStringLiteral("SellLimit");
    alert.userId = 4;
    alert.userExchangeId = 9;
    QJsonParseError error;
    const QJsonObject sample = QJsonDocument::fromJson(alert.sample(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QStringList fields = QString::fromLatin1("Symbol Exchange Interval Action Prix PrixSL "
                                                   "PrixTP PourCent UserID UserExchangeID BarTime")
                                   .split(u' ');
    QCOMPARE(QStringList(sample.keys()).size(), fields.size());
    for (const QString &field : fields)
        QVERIFY2(sample.contains(field), qPrintable(field));
    QCOMPARE(sample.value(QLatin1String("Symbol")).toString(), QStringLiteral("BTCUSDT"));
    QCOMPARE(sample.value(QLatin1String("Action")).toString(), QStringLiteral("SellLimit"));
    QVERIFY(sample.value(QLatin1String("Prix")).isDouble()); // a number, as Aristobot3 reads it
    QCOMPARE(sample.value(QLatin1String("UserID")).toInt(), 4);
    QCOMPARE(sample.value(QLatin1String("UserExchangeID")).toInt(), 9);
    QVERIFY(
        QDateTime::fromString(sample.value(QLatin1String("BarTime")).toString(), Qt::ISODateWithMs)
            .isValid());
}

void TestSetupAssistant::explainsTheConstraints()
{
    SetupAssistant assistant(m_app.get());
    const QString text = assistant.constraintsText();
    for (const char *needed :
         {"80", "443", "IPv4", "setcap", "terminal6.service", "nginx", "require-tradingview-cert"})
        QVERIFY2(text.contains(QLatin1String(needed)), needed);
}

void TestSetupAssistant::testAlertReachesASubscriber()
{
    RedisSubscriber engine(m_redis);
    QVERIFY2(engine.subscribe("webhook_raw"), qPrintable(engine.errorString()));
    SetupAssistant assistant(m_app.get());
    QVERIFY(sendTestAlert(assistant));
    QVERIFY(engine.waitForMessages(1));
    const QJsonObject envelope = QJsonDocument::fromJson(engine.messages().constFirst()).object();
    const QJsonObject payload = envelope.value(QLatin1String("payload")).toObject();
    QCOMPARE(payload.value(QLatin1String("Action")).toString(), QStringLiteral("PING"));
    QCOMPARE(m_redis.streamTraceIds().size(), 1);
    QCOMPARE(m_redis.streamTraceIds().constFirst(), engine.traceIds().constFirst());
    const QString steps = assistant.testText();
    QCOMPARE(steps.count(QStringLiteral("✔")), 4);
    QVERIFY2(steps.contains(QString::fromLatin1(engine.traceIds().constFirst())),
             qPrintable(steps));
    QVERIFY2(steps.contains(QStringLiteral("listeners): 1")), qPrintable(steps));
    // Each step done is drawn in StatusColors' "done" green, not left grey.
    int green = 0;
    for (const QLabel *label : assistant.findChildren<QLabel *>())
        green += label->text().contains(StatusColors::done().name()) ? 1 : 0;
    QCOMPARE(green, 4);
}

void TestSetupAssistant::testAlertSaysNobodyListens()
{
    QTRY_COMPARE(m_redis.run({"PUBSUB", "NUMSUB", "webhook_raw"}).elements.value(1).integer, 0);
    SetupAssistant assistant(m_app.get());
    QVERIFY(!sendTestAlert(assistant));
    const QString steps = assistant.testText();
    QCOMPARE(steps.count(QStringLiteral("✔")), 3);
    QVERIFY2(steps.contains(QStringLiteral("✘")), qPrintable(steps));
    QVERIFY2(steps.contains(QStringLiteral("nobody listens on webhook_raw")), qPrintable(steps));
}

void TestSetupAssistant::testAlertSaysRedisIsDown()
{
    m_redis.stop();
    QTRY_VERIFY(m_app->receiver()->status().redis != ReceiverStatus::Redis::Ok);
    SetupAssistant assistant(m_app.get());
    QVERIFY(!sendTestAlert(assistant));
    const QString steps = assistant.testText();
    QCOMPARE(steps.count(QStringLiteral("✔")), 1); // received (and journaled), not streamed
    QVERIFY2(steps.contains(QStringLiteral("Redis is unreachable")), qPrintable(steps));
    QVERIFY(m_redis.restart());
}

namespace {

// A non-loopback IPv4 address of this machine, where a listener on 0.0.0.0 would also bind.
QHostAddress outwardAddress()
{
    for (const QHostAddress &address : QNetworkInterface::allAddresses())
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            return address;
    return {};
}

} // namespace

void TestSetupAssistant::createTokenMovesTheListenerAndSaves()
{
    // Nothing configured yet: no token, so loopback only, and no config file.
    m_app->stop(std::chrono::milliseconds(0));
    Settings settings = testSettings(m_redis, m_dir->path(), QByteArray());
    settings.tokens.clear();
    settings.host = QStringLiteral("0.0.0.0");
    settings.port = RedisServer::freePort();
    settings.configFile = m_dir->filePath(QStringLiteral("terminal6.conf"));
    m_app = std::make_unique<Application>(settings);
    QCOMPARE(m_app->start(), QString());
    QCOMPARE(m_app->settings().effectiveHost(), QStringLiteral("127.0.0.1"));

    SetupAssistant assistant(m_app.get());
    assistant.findChild<QPushButton *>(QStringLiteral("create-token"))->click();
    QCOMPARE(m_app->settings().tokens.size(), 1);
    QCOMPARE(m_app->settings().effectiveHost(), QStringLiteral("0.0.0.0"));
    QFile saved(settings.configFile);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains(
        QByteArray("token=\"" + m_app->settings().tokens.constFirst() + '"')));
    QCOMPARE(saved.permissions() & 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
}

void TestSetupAssistant::createTokenSaysWhenTheListenerCannotMove()
{
    const QHostAddress outward = outwardAddress();
    if (outward.isNull())
        QSKIP("no non-loopback IPv4 address here to hold the port on");
    m_app->stop(std::chrono::milliseconds(0));
    Settings settings = testSettings(m_redis, m_dir->path(), QByteArray());
    settings.tokens.clear();
    settings.host = QStringLiteral("0.0.0.0");
    settings.port = RedisServer::freePort();
    settings.configFile = m_dir->filePath(QStringLiteral("terminal6.conf"));
    m_app = std::make_unique<Application>(settings);
    QCOMPARE(m_app->start(), QString());
    // Someone else holds the port on the machine's own address: 0.0.0.0 cannot be bound.
    QTcpServer squatter;
    QVERIFY(squatter.listen(outward, settings.port));

    SetupAssistant assistant(m_app.get());
    assistant.findChild<QPushButton *>(QStringLiteral("create-token"))->click();
    const QString said = assistant.findChild<QLabel *>(QStringLiteral("token-state"))->text();
    QVERIFY2(said.contains(QStringLiteral("Still listening on 127.0.0.1 only")), qPrintable(said));
    QCOMPARE(HttpClient::request(settings.port, "GET", "/health").status, 200); // still there
}

QTEST_MAIN(TestSetupAssistant)
#include "tst_setupassistant.moc"
