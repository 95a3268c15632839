// Two receivers behind nginx (the shipped installer/nginx/terminal6-cluster.conf), one Redis:
// the same alert taken by both goes out once; a receiver SIGKILLed under 500 webhooks/s costs
// no alert and no refusal, every acknowledged one in the stream once.
#include "support/ChildProcess.h"
#include "support/HttpClient.h"
#include "support/OpenLoopLoad.h"
#include "support/ReceiverProcess.h"
#include "support/RedisServer.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray token = QByteArrayLiteral("cluster-test-token");

// "Sender:Seq" of every payload in the stream, with how many entries carry it.
QHash<QByteArray, int> streamPayloads(const RedisServer &redis)
{
    QHash<QByteArray, int> counts;
    const RedisReply entries = redis.run({"XRANGE", "webhook_raw:stream", "-", "+"});
    for (const RedisReply &entry : entries.elements) {
        const QList<RedisReply> &fields = entry.elements.at(1).elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            if (fields.at(i).string != "data")
                continue;
            const QJsonObject payload = QJsonDocument::fromJson(fields.at(i + 1).string)
                                            .object()
                                            .value(QLatin1String("payload"))
                                            .toObject();
            ++counts[payload.value(QLatin1String("Sender")).toVariant().toByteArray() + ':' +
                     payload.value(QLatin1String("Seq")).toVariant().toByteArray()];
        }
    }
    return counts;
}

// The receivers a /health lists, sorted, with their state.
QStringList receiversIn(const QJsonObject &health)
{
    QStringList seen;
    for (const QJsonValue &receiver : health.value(QLatin1String("receivers")).toArray())
        seen << receiver.toObject().value(QLatin1String("receiver")).toString() + u' ' +
                    receiver.toObject().value(QLatin1String("state")).toString();
    seen.sort();
    return seen;
}

QByteArray keyOf(const QByteArray &body)
{
    const QJsonObject payload = QJsonDocument::fromJson(body).object();
    return payload.value(QLatin1String("Sender")).toVariant().toByteArray() + ':' +
           payload.value(QLatin1String("Seq")).toVariant().toByteArray();
}

} // namespace

class TestCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theSameAlertOnBothReceiversGoesOutOnce();
    void aReceiverKilledUnderLoadCostsNothing();
    void theHaproxyExampleIsValid();

private:
    qint64 received(ReceiverProcess &receiver)
    {
        return receiver.health().value(QLatin1String("webhooks_received")).toInteger();
    }
    qint64 duplicatesInRedis()
    {
        return m_east->health().value(QLatin1String("duplicates_in_redis")).toInteger() +
               m_west->health().value(QLatin1String("duplicates_in_redis")).toInteger();
    }
    bool drained()
    {
        return m_east->health().value(QLatin1String("pending")).toInteger(-1) == 0 &&
               m_west->health().value(QLatin1String("pending")).toInteger(-1) == 0;
    }

    RedisServer m_redis;
    std::unique_ptr<ReceiverProcess> m_east;
    std::unique_ptr<ReceiverProcess> m_west;
    QTemporaryDir m_nginxDir;
    ChildProcess m_nginx;
    quint16 m_port = 0; // nginx
};

void TestCluster::initTestCase()
{
    T6_START_REDIS(m_redis);
    const QStringList args{QStringLiteral("--redis-port"),       QString::number(m_redis.port()),
                           QStringLiteral("--embedded-redis"),   QStringLiteral("never"),
                           QStringLiteral("--require-listener"), QStringLiteral("false"),
                           QStringLiteral("--trusted-proxy"),    QStringLiteral("127.0.0.1"),
                           QStringLiteral("--rate-limit"),       QStringLiteral("0")};
    m_east = std::make_unique<ReceiverProcess>(QStringLiteral("east"), token, args);
    m_west = std::make_unique<ReceiverProcess>(QStringLiteral("west"), token, args);
    QVERIFY2(m_east->start(), qPrintable(m_east->errorString()));
    QVERIFY2(m_west->start(), qPrintable(m_west->errorString()));

    // The shipped config, pointed at the two receivers, on a free loopback port, without TLS.
    QFile shipped(QStringLiteral(T6_SOURCE_DIR "/installer/nginx/terminal6-cluster.conf"));
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    QString site = QString::fromUtf8(shipped.readAll());
    m_port = RedisServer::freePort();
    site.replace(QStringLiteral("10.0.0.11:8888"),
                 QStringLiteral("127.0.0.1:%1").arg(m_east->port()));
    site.replace(QStringLiteral("10.0.0.12:8888"),
                 QStringLiteral("127.0.0.1:%1").arg(m_west->port()));
    site.replace(
        QRegularExpression(QStringLiteral("\\n\\s*(listen .*ssl|listen \\[::\\]|ssl_)[^\\n]*")),
        QString());
    site.replace(QStringLiteral("listen 80;"), QStringLiteral("listen 127.0.0.1:%1;").arg(m_port));
    QVERIFY(site.contains(QString::number(m_east->port())) &&
            !site.contains(QStringLiteral("ssl ")));
    const QString dir = m_nginxDir.path();
    QFile conf(m_nginxDir.filePath(QStringLiteral("nginx.conf")));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(
        QStringLiteral("daemon off;\nworker_processes 1;\npid %1/nginx.pid;\n"
                       "error_log %1/error.log warn;\nevents {}\nhttp {\n    access_log off;\n"
                       "    client_body_temp_path %1/body;\n    proxy_temp_path %1/proxy;\n"
                       "    fastcgi_temp_path %1/fastcgi;\n    uwsgi_temp_path %1/uwsgi;\n"
                       "    scgi_temp_path %1/scgi;\n%2\n}\n")
            .arg(dir, site)
            .toUtf8());
    conf.close();
    QString nginx = QStandardPaths::findExecutable(
        QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    if (nginx.isEmpty())
        nginx = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    QVERIFY2(!nginx.isEmpty(), "nginx is not installed (scripts/install-deps.sh --tests)");
    m_nginx.setProcessChannelMode(QProcess::MergedChannels);
    m_nginx.start(nginx, {QStringLiteral("-p"), dir, QStringLiteral("-c"), conf.fileName(),
                          QStringLiteral("-e"), dir + QStringLiteral("/error.log")});
    QTRY_VERIFY2_WITH_TIMEOUT(HttpClient::request(m_port, "GET", "/health", {}, {}, 500).status ==
                                  200,
                              qPrintable(QString::fromUtf8(m_nginx.readAll())), 10000);
}

void TestCluster::cleanupTestCase()
{
    m_nginx.terminate();
    m_nginx.waitForFinished(5000);
    for (ReceiverProcess *receiver : {m_east.get(), m_west.get()}) {
        if (!receiver)
            continue;
        const QString ended = receiver->terminate();
        QVERIFY2(ended.isEmpty(), qPrintable(ended));
    }
}

void TestCluster::theSameAlertOnBothReceiversGoesOutOnce()
{
    const QByteArray alert = R"({"Symbol":"BTCUSDT","Action":"BuyMarket","Sender":99,"Seq":1})";
    QList<QJsonObject> answers;
    for (int i = 0; i < 2; ++i) {
        const HttpResponse r =
            HttpClient::request(m_port, "POST", "/webhook", alert, {{"X-Webhook-Token", token}});
        QCOMPARE(r.status, 200);
        answers << r.json();
    }
    // nginx's round robin: one each. Neither knew of the other when it answered.
    QCOMPARE(received(*m_east), 1);
    QCOMPARE(received(*m_west), 1);
    for (const QJsonObject &answer : answers)
        QVERIFY(!answer.contains(QLatin1String("duplicate")));
    QTRY_COMPARE(duplicatesInRedis(), 1);
    QTRY_VERIFY(drained());
    QCOMPARE(streamPayloads(m_redis).value("99:1"), 1);
    QCOMPARE(m_redis.run({"XLEN", "webhook_raw:stream"}).integer, 1);
    // Each lists both (from their terminal_status, every 5 s), each in its own name.
    const QStringList both{QStringLiteral("east up"), QStringLiteral("west up")};
    QTRY_COMPARE_WITH_TIMEOUT(receiversIn(m_east->health()), both, 12000);
    QTRY_COMPARE_WITH_TIMEOUT(receiversIn(m_west->health()), both, 12000);
    QCOMPARE(m_west->health().value(QLatin1String("receiver")).toString(), QStringLiteral("west"));
}

void TestCluster::aReceiverKilledUnderLoadCostsNothing()
{
    m_redis.run({"DEL", "webhook_raw:stream"});
    OpenLoopLoad load({m_port, token, 10, 50});
    load.start();
    QTRY_VERIFY_WITH_TIMEOUT(load.acknowledged() >= 1000, 20000);
    qInfo("SIGKILL east at %lld ms", load.elapsedMs());
    m_east->kill();
    qsizetype before = load.acknowledged();
    QTRY_VERIFY_WITH_TIMEOUT(load.acknowledged() >= before + 1500, 20000);
    // Back (as systemd would restart it): it forwards what it had journaled before it died.
    QVERIFY2(m_east->start(), qPrintable(m_east->errorString()));
    qInfo("east back at %lld ms", load.elapsedMs());
    before = load.acknowledged();
    QTRY_VERIFY_WITH_TIMEOUT(load.acknowledged() >= before + 500, 20000);
    load.stop();
    QTRY_VERIFY_WITH_TIMEOUT(drained(), 20000);

    const OpenLoopLoad::Result result = load.result();
    const QHash<QByteArray, int> stream = streamPayloads(m_redis);
    int missing = 0;
    int twice = 0;
    for (const QByteArray &body : result.bodies) {
        const int n = stream.value(keyOf(body));
        missing += n == 0;
        twice += n > 1;
    }
    qInfo("sent %d, acknowledged %lld, refused %d, other failures %lld, in the stream %lld, "
          "acknowledged but missing %d, twice %d, found duplicates in Redis %lld, longest "
          "request %lld ms",
          result.sent, qint64(result.acknowledged.size()), result.refused,
          qint64(result.failures.size()), qint64(stream.size()), missing, twice,
          duplicatesInRedis(), result.longestMs);
    QCOMPARE(result.refused, 0);
    QVERIFY2(result.failures.isEmpty(), qPrintable(result.failures.join(QLatin1String("; "))));
    QCOMPARE(missing, 0);
    QCOMPARE(twice, 0);
}

void TestCluster::theHaproxyExampleIsValid()
{
    const QString haproxy = QStandardPaths::findExecutable(
        QStringLiteral("haproxy"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    QVERIFY2(!haproxy.isEmpty(), "haproxy is not installed (scripts/install-deps.sh --tests)");
    QProcess check;
    check.setProcessChannelMode(QProcess::MergedChannels);
    check.start(haproxy, {QStringLiteral("-c"), QStringLiteral("-f"),
                          QStringLiteral(T6_SOURCE_DIR "/installer/haproxy/terminal6.cfg")});
    QVERIFY(check.waitForFinished(10000));
    const QByteArray output = check.readAll();
    QVERIFY2(check.exitCode() == 0 && !output.contains("WARNING"), output.constData());
}

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
