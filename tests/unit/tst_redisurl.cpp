// Unit tests of RedisUrl: Aristobot3's REDIS_URL form, redis://[[user]:password@]host[:port][/db].
#include "config/RedisUrl.h"

#include <QTest>

namespace {

const QString kExpectedForm = QStringLiteral("expected redis://[:password@]host[:port][/db]");
const QString kNoHost = QStringLiteral("no host");
const QString kPortRange = QStringLiteral("port out of range");
const QString kBadDb = QStringLiteral("database must be a number, as in redis://host:6379/0");

} // namespace

class TestRedisUrl : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
};

void TestRedisUrl::valid_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<int>("db");

    QTest::newRow("host only") << QStringLiteral("redis://host") << QStringLiteral("host") << 6379
                               << QByteArray() << 0;
    QTest::newRow("host and slash")
        << QStringLiteral("redis://host/") << QStringLiteral("host") << 6379 << QByteArray() << 0;
    QTest::newRow("password, port, db")
        << QStringLiteral("redis://:pw@host:6380/2") << QStringLiteral("host") << 6380
        << QByteArrayLiteral("pw") << 2;
    QTest::newRow("user and password")
        << QStringLiteral("redis://user:pw@h/0") << QStringLiteral("h") << 6379
        << QByteArrayLiteral("pw") << 0;
    QTest::newRow("user without password") << QStringLiteral("redis://user@h:7000")
                                           << QStringLiteral("h") << 7000 << QByteArray() << 0;
    QTest::newRow("percent-encoded password")
        << QStringLiteral("redis://:p%40ss%3Aw%2Fd@127.0.0.1:6379/15")
        << QStringLiteral("127.0.0.1") << 6379 << QByteArrayLiteral("p@ss:w/d") << 15;
    QTest::newRow("empty port means default")
        << QStringLiteral("redis://host:") << QStringLiteral("host") << 6379 << QByteArray() << 0;
    QTest::newRow("port 1") << QStringLiteral("redis://host:1") << QStringLiteral("host") << 1
                            << QByteArray() << 0;
    QTest::newRow("port 65535") << QStringLiteral("redis://host:65535") << QStringLiteral("host")
                                << 65535 << QByteArray() << 0;
    QTest::newRow("ipv6 host") << QStringLiteral("redis://[::1]:6381/1") << QStringLiteral("::1")
                               << 6381 << QByteArray() << 1;
    QTest::newRow("docker service name") << QStringLiteral("redis://redis:6379/0")
                                         << QStringLiteral("redis") << 6379 << QByteArray() << 0;
}

void TestRedisUrl::valid()
{
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QByteArray, password);
    QFETCH(int, db);

    RedisEndpoint endpoint;
    endpoint.db = 9; // overwritten by the URL's (or the default 0)
    endpoint.password = QByteArrayLiteral("stale");
    QCOMPARE(RedisUrl::parse(url, endpoint), QString());
    QCOMPARE(endpoint.host, host);
    QCOMPARE(int(endpoint.port), port);
    QCOMPARE(endpoint.password, password);
    QCOMPARE(endpoint.db, db);
}

void TestRedisUrl::invalid_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("error");

    QTest::newRow("http scheme") << QStringLiteral("http://host:6379") << kExpectedForm;
    QTest::newRow("tls scheme") << QStringLiteral("rediss://host:6379") << kExpectedForm;
    QTest::newRow("no scheme") << QStringLiteral("host:6379") << kExpectedForm;
    QTest::newRow("empty") << QString() << kExpectedForm;
    QTest::newRow("scheme only") << QStringLiteral("redis://") << kNoHost;
    QTest::newRow("db without host") << QStringLiteral("redis:///0") << kNoHost;
    QTest::newRow("password without host") << QStringLiteral("redis://:pw@") << kNoHost;
    QTest::newRow("db not a number") << QStringLiteral("redis://host/abc") << kBadDb;
    QTest::newRow("negative db") << QStringLiteral("redis://host/-1") << kBadDb;
    QTest::newRow("db with a second segment") << QStringLiteral("redis://host/1/2") << kBadDb;
    QTest::newRow("port 0") << QStringLiteral("redis://host:0") << kPortRange;
    // QUrl itself refuses ports above 65535, so the generic form message applies.
    QTest::newRow("port 70000") << QStringLiteral("redis://host:70000") << kExpectedForm;
    QTest::newRow("port not a number") << QStringLiteral("redis://host:abc") << kExpectedForm;
}

void TestRedisUrl::invalid()
{
    QFETCH(QString, url);
    QFETCH(QString, error);

    RedisEndpoint endpoint;
    endpoint.host = QStringLiteral("kept.example");
    endpoint.port = 1234;
    endpoint.password = QByteArrayLiteral("kept");
    endpoint.db = 3;
    QCOMPARE(RedisUrl::parse(url, endpoint), error);
    // A refused URL leaves the endpoint as it was.
    QCOMPARE(endpoint.host, QStringLiteral("kept.example"));
    QCOMPARE(int(endpoint.port), 1234);
    QCOMPARE(endpoint.password, QByteArrayLiteral("kept"));
    QCOMPARE(endpoint.db, 3);
}

QTEST_GUILESS_MAIN(TestRedisUrl)
#include "tst_redisurl.moc"
