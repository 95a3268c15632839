// Unit tests of RateLimiter and BadTokenLockout on an injected clock: bursts, refill, per-client
// buckets, the loopback exemption, forgetting idle clients, and Retry-After values.
#include "http/BadTokenLockout.h"
#include "http/RateLimiter.h"

#include <QTest>

namespace {

const QHostAddress alice(QStringLiteral("203.0.113.7"));
const QHostAddress bob(QStringLiteral("198.51.100.9"));

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefill();
    void retryAfterCoversTheWait();
    void bucketsArePerClient();
    void ipv6ClientsShareTheirSlash64();
    void loopbackIsExempt();
    void zeroRateIsOff();
    void idleBucketsAreForgotten();
    void trackingIsCapped();
    void trackingStaysBounded();
    void lockoutAfterLimitWithinAMinute();
    void lockoutSpreadOverMoreThanAMinuteDoesNotCount();
    void lockoutEntriesAreForgotten();
    void lockoutExemptsLoopback();
    void lockoutCoversTheSlash64();
    void lockoutTrackingIsBounded();
    void lockedOutClientSurvivesAFlood();
    void lockoutEvictsTheEarliestEndingWhenAllAreLocked();

private:
    qint64 m_now = 1000000;
    RateLimiter::Clock clock()
    {
        return [this] { return m_now; };
    }
};

void TestRateLimiter::burstThenRefill()
{
    RateLimiter limiter(2, 5, clock()); // 2/s, burst 5
    for (int i = 0; i < 5; ++i)
        QVERIFY2(limiter.tryTake(alice), qPrintable(QString::number(i)));
    QVERIFY(!limiter.tryTake(alice));
    m_now += 499; // not yet one token back
    QVERIFY(!limiter.tryTake(alice));
    m_now += 1;
    QVERIFY(limiter.tryTake(alice));
    QVERIFY(!limiter.tryTake(alice));
    m_now += 60000; // refills to the burst, not beyond
    for (int i = 0; i < 5; ++i)
        QVERIFY(limiter.tryTake(alice));
    QVERIFY(!limiter.tryTake(alice));
}

void TestRateLimiter::retryAfterCoversTheWait()
{
    RateLimiter slow(0.1, 1, clock()); // one every 10 s
    QVERIFY(slow.tryTake(alice));
    int retryAfter = 0;
    QVERIFY(!slow.tryTake(alice, &retryAfter));
    QCOMPARE(retryAfter, 10);
    m_now += 7500;
    QVERIFY(!slow.tryTake(alice, &retryAfter));
    QCOMPARE(retryAfter, 3); // 2.5 s rounded up: retrying then succeeds
    m_now += 2500;
    QVERIFY(slow.tryTake(alice));

    RateLimiter fast(50, 1, clock());
    QVERIFY(fast.tryTake(alice));
    QVERIFY(!fast.tryTake(alice, &retryAfter));
    QCOMPARE(retryAfter, 1); // never 0: "retry now" would be a lie
}

void TestRateLimiter::bucketsArePerClient()
{
    RateLimiter limiter(1, 2, clock());
    QVERIFY(limiter.tryTake(alice));
    QVERIFY(limiter.tryTake(alice));
    QVERIFY(!limiter.tryTake(alice));
    QVERIFY(limiter.tryTake(bob));
    QVERIFY(limiter.tryTake(bob));
    QVERIFY(!limiter.tryTake(bob));
    // The IPv4-mapped form is the same client.
    QVERIFY(!limiter.tryTake(QHostAddress(QStringLiteral("::ffff:203.0.113.7"))));
    QCOMPARE(limiter.trackedAddresses(), 2);
}

void TestRateLimiter::ipv6ClientsShareTheirSlash64()
{
    RateLimiter limiter(1, 1, clock());
    QVERIFY(limiter.tryTake(QHostAddress(QStringLiteral("2001:db8:1:2::1"))));
    QVERIFY(!limiter.tryTake(QHostAddress(QStringLiteral("2001:db8:1:2::ffff"))));
    QVERIFY(limiter.tryTake(QHostAddress(QStringLiteral("2001:db8:1:3::1"))));
}

void TestRateLimiter::loopbackIsExempt()
{
    RateLimiter limiter(1, 1, clock());
    for (const QString &address : {QStringLiteral("127.0.0.1"), QStringLiteral("127.8.9.10"),
                                   QStringLiteral("::1"), QStringLiteral("::ffff:127.0.0.1")}) {
        for (int i = 0; i < 100; ++i)
            QVERIFY2(limiter.tryTake(QHostAddress(address)), qPrintable(address));
    }
    QCOMPARE(limiter.trackedAddresses(), 0);
}

void TestRateLimiter::zeroRateIsOff()
{
    RateLimiter limiter(0, 1, clock());
    for (int i = 0; i < 1000; ++i)
        QVERIFY(limiter.tryTake(alice));
    QCOMPARE(limiter.trackedAddresses(), 0);
}

void TestRateLimiter::idleBucketsAreForgotten()
{
    RateLimiter limiter(10, 20, clock()); // full again 2 s after the last request
    for (int i = 0; i < 1000; ++i) {
        const QHostAddress client(quint32(0xC0000200 + i)); // 192.0.2.0 onwards
        QVERIFY(limiter.tryTake(client));
    }
    QCOMPARE(limiter.trackedAddresses(), 1000);
    m_now += 1000; // half refilled: still remembered
    for (int i = 0; i < 20; ++i)
        QVERIFY(limiter.tryTake(alice)); // alice empties her bucket
    QCOMPARE(limiter.trackedAddresses(), 1001);
    m_now += 1500; // the 1000 are full again; alice is not
    QVERIFY(limiter.tryTake(bob));
    QCOMPARE(limiter.trackedAddresses(), 2); // alice and bob
    // A forgotten client starts over with a full burst: nothing was lost by forgetting it.
    for (int i = 0; i < 20; ++i)
        QVERIFY(limiter.tryTake(QHostAddress(quint32(0xC0000200))));
    QVERIFY(!limiter.tryTake(QHostAddress(quint32(0xC0000200))));
}

void TestRateLimiter::trackingIsCapped()
{
    RateLimiter limiter(1, 1, clock(), 100);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(limiter.tryTake(QHostAddress(quint32(0x0A000000 + i))));
    QCOMPARE(limiter.trackedAddresses(), 100);
    // Past the cap a new client is limited at once: the least recently seen one makes room.
    const QHostAddress fresh(quint32(0x0B000000));
    QVERIFY(limiter.tryTake(fresh));
    QVERIFY(!limiter.tryTake(fresh));
    QVERIFY(!limiter.tryTake(QHostAddress(quint32(0x0A000000 + 999)))); // recent: still limited
    // The dropped ones start over with a full bucket, as after an idle spell.
    QVERIFY(limiter.tryTake(QHostAddress(quint32(0x0A000000))));
    QCOMPARE(limiter.trackedAddresses(), 100);
}

void TestRateLimiter::trackingStaysBounded()
{
    const qsizetype maxTracked = 100;
    RateLimiter limiter(1, 1, clock(), maxTracked);
    for (int i = 0; i < 3 * maxTracked; ++i) {
        const QHostAddress client(quint32(0x0A000000 + i));
        QVERIFY(limiter.tryTake(client));
        QVERIFY(!limiter.tryTake(client));
        QVERIFY(limiter.trackedAddresses() <= maxTracked);
        m_now += 1; // 0.3 s in all: no bucket refills, eviction alone keeps the bound
    }
    QCOMPARE(limiter.trackedAddresses(), maxTracked);
}

void TestRateLimiter::lockoutAfterLimitWithinAMinute()
{
    BadTokenLockout lockout(10, clock());
    for (int i = 0; i < 9; ++i) {
        QVERIFY(!lockout.recordBadToken(alice));
        m_now += 1000;
    }
    QCOMPARE(lockout.lockedForS(alice), 0);
    QVERIFY(lockout.recordBadToken(alice)); // the tenth starts it: logged once
    QCOMPARE(lockout.lockedForS(alice), 300);
    QCOMPARE(lockout.lockedForS(bob), 0);
    QVERIFY(!lockout.recordBadToken(alice)); // not a second lockout
    m_now += 299500;
    QCOMPARE(lockout.lockedForS(alice), 1);
    m_now += 500;
    QCOMPARE(lockout.lockedForS(alice), 0);
    QVERIFY(!lockout.recordBadToken(alice)); // counting starts over
}

void TestRateLimiter::lockoutSpreadOverMoreThanAMinuteDoesNotCount()
{
    BadTokenLockout lockout(10, clock());
    for (int i = 0; i < 30; ++i) {
        QVERIFY(!lockout.recordBadToken(alice));
        m_now += 6700; // any ten span just over a minute
    }
    QCOMPARE(lockout.lockedForS(alice), 0);
}

void TestRateLimiter::lockoutEntriesAreForgotten()
{
    BadTokenLockout lockout(10, clock());
    for (int i = 0; i < 500; ++i)
        lockout.recordBadToken(QHostAddress(quint32(0xC0000200 + i)));
    for (int i = 0; i < 10; ++i)
        lockout.recordBadToken(alice);
    QCOMPARE(lockout.trackedAddresses(), 501);
    m_now += BadTokenLockout::windowMs;
    lockout.recordBadToken(bob);
    QCOMPARE(lockout.trackedAddresses(), 2); // alice, still locked out, and bob
    m_now += BadTokenLockout::lockoutMs;
    lockout.recordBadToken(bob);
    QCOMPARE(lockout.trackedAddresses(), 1);
}

void TestRateLimiter::lockoutExemptsLoopback()
{
    BadTokenLockout lockout(2, clock());
    for (int i = 0; i < 100; ++i)
        QVERIFY(!lockout.recordBadToken(QHostAddress::LocalHost));
    QCOMPARE(lockout.lockedForS(QHostAddress::LocalHost), 0);
    QCOMPARE(lockout.trackedAddresses(), 0);
}

void TestRateLimiter::lockoutCoversTheSlash64()
{
    BadTokenLockout lockout(10, clock());
    for (int i = 1; i < 10; ++i)
        QVERIFY(!lockout.recordBadToken(QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(i))));
    // Rotating through one's /64 buys no fresh guesses: the tenth address starts the lockout.
    QVERIFY(lockout.recordBadToken(QHostAddress(QStringLiteral("2001:db8:1:2::a"))));
    QCOMPARE(lockout.lockedForS(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::1"))), 300);
    QCOMPARE(lockout.lockedForS(QHostAddress(QStringLiteral("2001:db8:1:3::1"))), 0);
    QCOMPARE(lockout.trackedAddresses(), 1);
}

void TestRateLimiter::lockoutTrackingIsBounded()
{
    const qsizetype maxTracked = 100000; // the default
    BadTokenLockout lockout(10, clock());
    for (qsizetype i = 0; i < 3 * maxTracked; ++i) {
        lockout.recordBadToken(QHostAddress(quint32(0x0A000000 + i)));
        if (lockout.trackedAddresses() > maxTracked)
            QFAIL(qPrintable(QStringLiteral("%1 addresses tracked after %2 clients")
                                 .arg(lockout.trackedAddresses())
                                 .arg(i + 1)));
    }
    QCOMPARE(lockout.trackedAddresses(), maxTracked);
}

void TestRateLimiter::lockedOutClientSurvivesAFlood()
{
    BadTokenLockout lockout(10, clock(), 100);
    for (int i = 0; i < 10; ++i)
        lockout.recordBadToken(alice);
    for (int i = 0; i < 9; ++i)
        QVERIFY(!lockout.recordBadToken(bob)); // one short of a lockout
    for (int i = 0; i < 300; ++i) {
        lockout.recordBadToken(QHostAddress(quint32(0x0A000000 + i)));
        m_now += 10;
    }
    QCOMPARE(lockout.trackedAddresses(), 100);
    QCOMPARE(lockout.lockedForS(alice), 297);
    // Bob, not locked out, was evicted: his count starts over.
    QVERIFY(!lockout.recordBadToken(bob));
    QCOMPARE(lockout.lockedForS(bob), 0);
}

void TestRateLimiter::lockoutEvictsTheEarliestEndingWhenAllAreLocked()
{
    BadTokenLockout lockout(1, clock(), 3); // every bad token locks out
    const QHostAddress carol(QStringLiteral("192.0.2.3"));
    const QHostAddress dave(QStringLiteral("192.0.2.4"));
    for (const QHostAddress &client : {alice, bob, carol, dave}) {
        QVERIFY(lockout.recordBadToken(client));
        m_now += 1000;
    }
    QCOMPARE(lockout.trackedAddresses(), 3);
    QCOMPARE(lockout.lockedForS(alice), 0); // hers ended first
    QCOMPARE(lockout.lockedForS(bob), 297);
    QCOMPARE(lockout.lockedForS(carol), 298);
    QCOMPARE(lockout.lockedForS(dave), 299);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
