// Who may call the receiver, in-process against a real redis-server: the allowlist, client
// addresses through trusted proxies (and spoofed ones from untrusted peers), IPv6, the rate limit,
// the bad-token lockout, token rotation, and what /metrics then shows.
#include "receiver/ReceiverService.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray token = QByteArrayLiteral("who-may-call-token-0123456789");
const QByteArray nextToken = QByteArrayLiteral("who-may-call-next-token-9876543210");
const QByteArray ping = QByteArrayLiteral("{\"Action\":\"PING\",\"Symbol\":\"BTCUSDT\"}");
const QByteArray forbidden = QByteArrayLiteral("{\"error\":\"Forbidden\"}");
const QByteArray tooMany = QByteArrayLiteral("{\"error\":\"Too many requests\"}");

QByteArray sourceIpOf(const QByteArray &envelope)
{
    return QJsonDocument::fromJson(envelope)
        .object()
        .value(QLatin1String("source_ip"))
        .toString()
        .toLatin1();
}

} // namespace

class TestWhoMayCall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void allowedAddressIsServed();
    void deniedAddressIsForbiddenAndNothingIsPublished();
    void spoofedForwardedForFromUntrustedPeerIsIgnored();
    void forwardedForThroughTrustedProxyNamesTheClient();
    void ipv6ClientsAreServedAndFiltered();
    void rateLimitAnswers429WithRetryAfter();
    void badTokensLockTheClientOutAndMetricsCountIt();
    void metricsAreLoopbackOnlyUnlessPublic();
    void bothRotationTokensAreAccepted();
    void invalidCidrStopsTheStart();

private:
    // Starts a receiver on 127.0.0.1 (or `host`) with the defaults of this test, changed by
    // `adjust`.
    QString startService(const std::function<void(Settings &)> &adjust,
                         const QString &host = QStringLiteral("127.0.0.1"));
    HttpResponse post(const QByteArray &target, const QByteArray &body, const Headers &headers)
    {
        return HttpClient::request(m_service->port(), "POST", target, body, headers);
    }
    HttpResponse postWithToken(const Headers &extra = {})
    {
        return post("/webhook", ping, Headers{{"X-Webhook-Token", token}} + extra);
    }
    // A raw request over IPv6 loopback (HttpClient speaks IPv4 only); the receiver runs in its own
    // thread, so blocking here is fine. Returns the whole response.
    QByteArray postOverIpv6(const QByteArray &body);

    RedisServer m_redis;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<ReceiverService> m_service;
};

void TestWhoMayCall::initTestCase()
{
    T6_START_REDIS(m_redis);
}

void TestWhoMayCall::cleanup()
{
    if (m_service)
        m_service->stop(std::chrono::milliseconds(500));
    m_service.reset();
    m_dataDir.reset();
}

QString TestWhoMayCall::startService(const std::function<void(Settings &)> &adjust,
                                     const QString &host)
{
    m_dataDir = std::make_unique<QTemporaryDir>();
    Settings settings;
    settings.host = host;
    settings.port = 0;
    settings.tokens = {token};
    settings.redis = m_redis.endpoint();
    settings.dataDir = m_dataDir->path();
    settings.dedupeWindowS = 0; // the same ping goes out many times here
    settings.requireListener = false;
    if (adjust)
        adjust(settings);
    m_service = std::make_unique<ReceiverService>(settings);
    const QString error = m_service->start();
    if (error.isEmpty() &&
        !QTest::qWaitFor([this] { return m_service->status().redis == ReceiverStatus::Redis::Ok; }))
        return QStringLiteral("no Redis connection");
    return error;
}

QByteArray TestWhoMayCall::postOverIpv6(const QByteArray &body)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHostIPv6, m_service->port());
    if (!socket.waitForConnected(3000))
        return {};
    socket.write("POST /webhook HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: " + token +
                 "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray answer;
    while (socket.waitForReadyRead(3000)) {
        answer += socket.readAll();
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            continue;
        const QByteArray head = answer.left(end).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qsizetype length =
            at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        if (answer.size() >= end + 4 + length)
            break;
    }
    return answer;
}

void TestWhoMayCall::allowedAddressIsServed()
{
    QString error = startService([](Settings &s) {
        s.allowIps = {QStringLiteral("tradingview"), QStringLiteral("127.0.0.0/8")};
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    RedisSubscriber subscriber(m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    QCOMPARE(postWithToken().status, 200);
    QVERIFY(subscriber.waitForMessages(1));
    QCOMPARE(sourceIpOf(subscriber.messages().constFirst()), QByteArray("127.0.0.1"));
}

void TestWhoMayCall::deniedAddressIsForbiddenAndNothingIsPublished()
{
    QString error = startService([](Settings &s) { s.allowIps = {QStringLiteral("tradingview")}; });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    RedisSubscriber subscriber(m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    const HttpResponse refused = postWithToken();
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.body, forbidden);
    QCOMPARE(refused.header("Content-Type"), QByteArray("application/json"));
    // Without a token too: the allowlist comes first, so nothing about tokens is learnt.
    QCOMPARE(post("/webhook", ping, {}).status, 403);
    QCOMPARE(post("/webhook/" + token, ping, {}).status, 403);
    QVERIFY(!subscriber.waitForMessages(1, 500));
    const QJsonObject health = HttpClient::request(m_service->port(), "GET", "/health").json();
    QCOMPARE(health.value(QLatin1String("webhooks_received")).toInteger(), 0);
    QCOMPARE(health.value(QLatin1String("webhooks_rejected")).toInteger(), 3);
}

void TestWhoMayCall::spoofedForwardedForFromUntrustedPeerIsIgnored()
{
    // No trusted proxy: the loopback peer is the client, whatever it claims.
    QString error = startService([](Settings &s) { s.allowIps = {QStringLiteral("tradingview")}; });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(postWithToken({{"X-Forwarded-For", "52.89.214.238"}}).status, 403);
    QCOMPARE(postWithToken({{"X-Real-IP", "52.89.214.238"}}).status, 403);
    QCOMPARE(postWithToken({{"X-Forwarded-For", "52.89.214.238, 127.0.0.1"}}).status, 403);
    cleanup();

    // A trusted proxy elsewhere does not make the loopback peer one.
    error = startService([](Settings &s) {
        s.allowIps = {QStringLiteral("tradingview")};
        s.trustedProxies = {QStringLiteral("10.0.0.0/8")};
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(postWithToken({{"X-Forwarded-For", "52.89.214.238"}}).status, 403);
}

void TestWhoMayCall::forwardedForThroughTrustedProxyNamesTheClient()
{
    QString error = startService([](Settings &s) {
        s.allowIps = {QStringLiteral("tradingview")};
        s.trustedProxies = {QStringLiteral("127.0.0.1")};
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    RedisSubscriber subscriber(m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));

    // The leftmost entry is whatever the client wrote; the rightmost untrusted hop is real.
    const HttpResponse accepted =
        postWithToken({{"X-Forwarded-For", "198.51.100.66, 52.89.214.238"}});
    QCOMPARE(accepted.status, 200);
    QVERIFY(subscriber.waitForMessages(1));
    QCOMPARE(sourceIpOf(subscriber.messages().constFirst()), QByteArray("52.89.214.238"));

    QCOMPARE(postWithToken({{"X-Real-IP", "34.212.75.30"}}).status, 200);
    QVERIFY(subscriber.waitForMessages(2));
    QCOMPARE(sourceIpOf(subscriber.messages().at(1)), QByteArray("34.212.75.30"));

    // The client claiming to be TradingView behind the proxy's real entry gets nowhere.
    QCOMPARE(postWithToken({{"X-Forwarded-For", "52.89.214.238, 198.51.100.66"}}).status, 403);
    // The proxy itself (no header) is not on the allowlist.
    QCOMPARE(postWithToken().status, 403);
    QVERIFY(!subscriber.waitForMessages(3, 300));
}

void TestWhoMayCall::ipv6ClientsAreServedAndFiltered()
{
    QString error = startService([](Settings &s) { s.allowIps = {QStringLiteral("::1/128")}; },
                                 QStringLiteral("::1"));
    if (!error.isEmpty())
        QSKIP(qPrintable(QStringLiteral("no IPv6 loopback here: ") + error));
    RedisSubscriber subscriber(m_redis);
    QVERIFY(subscriber.subscribe("webhook_raw"));
    const QByteArray answer = postOverIpv6(ping);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(subscriber.waitForMessages(1));
    QCOMPARE(sourceIpOf(subscriber.messages().constFirst()), QByteArray("::1"));
    cleanup();

    error = startService([](Settings &s) { s.allowIps = {QStringLiteral("2001:db8::/32")}; },
                         QStringLiteral("::1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray refused = postOverIpv6(ping);
    QVERIFY2(refused.startsWith("HTTP/1.1 403"), refused.constData());
    QVERIFY(refused.endsWith(forbidden));
}

void TestWhoMayCall::rateLimitAnswers429WithRetryAfter()
{
    // The test's own address is loopback, exempt by design: clients come through a trusted proxy.
    QString error = startService([](Settings &s) {
        s.trustedProxies = {QStringLiteral("127.0.0.1")};
        s.rateLimit = 0.5; // one every 2 s
        s.rateBurst = 3;
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Headers client{{"X-Forwarded-For", "203.0.113.7"}};
    for (int i = 0; i < 3; ++i)
        QCOMPARE(postWithToken(client).status, 200);
    const HttpResponse limited = postWithToken(client);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.body, tooMany);
    const int retryAfter = limited.header("Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 2, limited.header("Retry-After").constData());
    // A refused request costs no token: after the wait there is one again.
    QTest::qWait(retryAfter * 1000 + 50);
    QCOMPARE(postWithToken(client).status, 200);
    QCOMPARE(postWithToken(client).status, 429);

    // Another client has its own bucket; loopback itself is never limited.
    QCOMPARE(postWithToken({{"X-Forwarded-For", "203.0.113.8"}}).status, 200);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(postWithToken().status, 200);
}

void TestWhoMayCall::badTokensLockTheClientOutAndMetricsCountIt()
{
    QString error = startService([](Settings &s) {
        s.trustedProxies = {QStringLiteral("127.0.0.1")};
        s.badTokenLimit = 10;
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Headers guesser{{"X-Forwarded-For", "203.0.113.50"}};
    for (int i = 0; i < 10; ++i) {
        const HttpResponse r =
            post("/webhook", ping,
                 Headers{{"X-Webhook-Token", "guess" + QByteArray::number(i)}} + guesser);
        QCOMPARE(r.status, 401);
    }
    // Now even the right token is refused, with the lockout's remaining time.
    const HttpResponse locked = postWithToken(guesser);
    QCOMPARE(locked.status, 429);
    QCOMPARE(locked.body, tooMany);
    const int retryAfter = locked.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 290 && retryAfter <= 300, locked.header("Retry-After").constData());
    QCOMPARE(post("/webhook/" + token, ping, guesser).status, 429);
    // Others are not affected, nor is loopback by its own bad tokens.
    QCOMPARE(postWithToken({{"X-Forwarded-For", "203.0.113.51"}}).status, 200);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(post("/webhook", ping, {{"X-Webhook-Token", "nope"}}).status, 401);
    QCOMPARE(postWithToken().status, 200);

    const HttpResponse metrics = HttpClient::request(m_service->port(), "GET", "/metrics");
    QCOMPARE(metrics.status, 200);
    QCOMPARE(metrics.header("Content-Type"), QByteArray("text/plain; version=0.0.4"));
    const QByteArray text = metrics.body;
    for (const char *line :
         {"t6_webhook_requests_total{outcome=\"accepted\",status=\"200\"} 2\n",
          "t6_webhook_requests_total{outcome=\"rejected\",status=\"401\"} 22\n",
          "t6_webhook_requests_total{outcome=\"rejected\",status=\"429\"} 2\n",
          "t6_webhook_lockouts_total 1\n", "t6_webhook_request_duration_seconds_count 26\n",
          "t6_webhook_request_duration_seconds_bucket{le=\"+Inf\"} 26\n", "t6_redis_up 1\n",
          "t6_journal_expired 0\n", "# TYPE t6_webhook_request_duration_seconds histogram\n"})
        QVERIFY2(text.contains(line),
                 qPrintable(QString::fromLatin1(line) + QStringLiteral(" not in:\n") +
                            QString::fromLatin1(text)));
    QVERIFY(text.contains("t6_journal_pending "));
    QVERIFY(text.contains("t6_journal_held "));
    QVERIFY(text.contains("t6_listeners "));
    QVERIFY(!text.contains(token));
}

void TestWhoMayCall::metricsAreLoopbackOnlyUnlessPublic()
{
    QString error =
        startService([](Settings &s) { s.trustedProxies = {QStringLiteral("127.0.0.1")}; });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const quint16 port = m_service->port();
    QCOMPARE(HttpClient::request(port, "GET", "/metrics").status, 200);
    // An outside caller through the local proxy is not local.
    const HttpResponse outside =
        HttpClient::request(port, "GET", "/metrics", {}, {{"X-Forwarded-For", "203.0.113.9"}});
    QCOMPARE(outside.status, 403);
    QCOMPARE(outside.body, forbidden);
    cleanup();

    error = startService([](Settings &s) {
        s.trustedProxies = {QStringLiteral("127.0.0.1")};
        s.metricsPublic = true;
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(HttpClient::request(m_service->port(), "GET", "/metrics", {},
                                 {{"X-Forwarded-For", "203.0.113.9"}})
                 .status,
             200);
}

void TestWhoMayCall::bothRotationTokensAreAccepted()
{
    QString error = startService([](Settings &s) { s.tokens = {token, nextToken}; });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(post("/webhook", ping, {{"X-Webhook-Token", token}}).status, 200);
    QCOMPARE(post("/webhook", ping, {{"X-Webhook-Token", nextToken}}).status, 200);
    QCOMPARE(post("/webhook/" + nextToken, ping, {}).status, 200);
    QCOMPARE(post("/webhook?token=" + nextToken, ping, {}).status, 200);
    QCOMPARE(post("/webhook", "{\"token\":\"" + nextToken + "\",\"Action\":\"PING\"}", {}).status,
             200);
    // Both valid, but disagreeing: refused, as any two tokens that differ.
    QCOMPARE(post("/webhook/" + token, ping, {{"X-Webhook-Token", nextToken}}).status, 401);
    QCOMPARE(post("/webhook", ping, {{"X-Webhook-Token", "neither"}}).status, 401);
}

void TestWhoMayCall::invalidCidrStopsTheStart()
{
    QString error = startService([](Settings &s) {
        s.allowIps = {QStringLiteral("tradingview"), QStringLiteral("10.0.0.0/33")};
    });
    QVERIFY2(error.contains(QLatin1String("10.0.0.0/33")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("allow-ip")));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    m_service.reset();

    error = startService([](Settings &s) { s.trustedProxies = {QStringLiteral("proxy.local")}; });
    QVERIFY2(error.contains(QLatin1String("proxy.local")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("trusted-proxy")));
    m_service.reset();
}

QTEST_GUILESS_MAIN(TestWhoMayCall)
#include "tst_whomaycall.moc"
