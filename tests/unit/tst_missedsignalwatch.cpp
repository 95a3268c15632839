// Unit tests of MissedSignalWatch (WIRE.md §6) on an injected clock: the deadline is the next bar
// boundary + 60 s, one MISS per bar, critical once per streak of three, a webhook resets.
#include "monitor/MissedSignalWatch.h"

#include <QSignalSpy>
#include <QTest>

namespace {

using Watch = MissedSignalWatch;
using std::chrono::seconds;

QDateTime at(int h, int m, int s = 0, int ms = 0, int day = 5)
{
    return QDateTime(QDate(2026, 2, day), QTime(h, m, s, ms), Qt::UTC);
}

const QString broker = QStringLiteral("13");
const QString btc = QStringLiteral("BTCUSDT");

} // namespace

class TestMissedSignalWatch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void intervalLength_data();
    void intervalLength();
    void nextBoundary_data();
    void nextBoundary();
    void nothingBeforeDeadline();
    void missShape();
    void threeMissesCriticalOnce();
    void webhookResetsStreak();
    void tradingViewForms_data();
    void tradingViewForms();
    void unknownIntervalIgnored();
    void keysAreSeparate();
    void catchUpAfterSleepIsBounded();
    void forget();

private:
    void advanceTo(const QDateTime &time)
    {
        m_now = time;
        m_watch->check();
    }

    QDateTime m_now;
    std::unique_ptr<Watch> m_watch;
};

void TestMissedSignalWatch::init()
{
    m_now = at(14, 0, 5);
    m_watch = std::make_unique<Watch>();
    m_watch->setClock([this] { return m_now; });
}

void TestMissedSignalWatch::intervalLength_data()
{
    QTest::addColumn<QString>("interval");
    QTest::addColumn<qint64>("seconds");
    const qint64 m = 60, h = 3600, d = 86400;
    QTest::newRow("1m") << QStringLiteral("1m") << m;
    QTest::newRow("5m") << QStringLiteral("5m") << 5 * m;
    QTest::newRow("15m") << QStringLiteral("15m") << 15 * m;
    QTest::newRow("1h") << QStringLiteral("1h") << h;
    QTest::newRow("4h") << QStringLiteral("4h") << 4 * h;
    QTest::newRow("1D") << QStringLiteral("1D") << d;
    QTest::newRow("1W") << QStringLiteral("1W") << 7 * d;
    QTest::newRow("tv 1") << QStringLiteral("1") << m;
    QTest::newRow("tv 5") << QStringLiteral("5") << 5 * m;
    QTest::newRow("tv 15") << QStringLiteral("15") << 15 * m;
    QTest::newRow("tv 60") << QStringLiteral("60") << h;
    QTest::newRow("tv 240") << QStringLiteral("240") << 4 * h;
    QTest::newRow("tv D") << QStringLiteral("D") << d;
    QTest::newRow("tv W") << QStringLiteral("W") << 7 * d;
    QTest::newRow("spaces") << QStringLiteral(" 15m ") << 15 * m;
    QTest::newRow("empty") << QString() << qint64(0);
    QTest::newRow("months") << QStringLiteral("1M") << qint64(0);
    QTest::newRow("bare M") << QStringLiteral("M") << qint64(0);
    QTest::newRow("bare m") << QStringLiteral("m") << qint64(0);
    QTest::newRow("seconds") << QStringLiteral("30S") << qint64(0);
    QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
    QTest::newRow("negative") << QStringLiteral("-5") << qint64(0);
    QTest::newRow("plus") << QStringLiteral("+5") << qint64(0);
    QTest::newRow("word") << QStringLiteral("hourly") << qint64(0);
    QTest::newRow("fraction") << QStringLiteral("1.5h") << qint64(0);
}

void TestMissedSignalWatch::intervalLength()
{
    QFETCH(QString, interval);
    QFETCH(qint64, seconds);
    QCOMPARE(qint64(Watch::intervalLength(interval).count()), seconds);
}

void TestMissedSignalWatch::nextBoundary_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("interval");
    QTest::addColumn<QDateTime>("boundary");
    QTest::newRow("15m") << at(14, 0, 5) << QStringLiteral("15m") << at(14, 15);
    QTest::newRow("15m on boundary") << at(14, 15) << QStringLiteral("15m") << at(14, 30);
    QTest::newRow("1h") << at(14, 59, 59, 999) << QStringLiteral("1h") << at(15, 0);
    QTest::newRow("4h") << at(14, 0, 5) << QStringLiteral("4h") << at(16, 0);
    QTest::newRow("1D at 00:00 UTC") << at(14, 0, 5) << QStringLiteral("1D") << at(0, 0, 0, 0, 6);
    // 2026-02-05 is a Thursday; weekly bars open on Monday 2026-02-09.
    QTest::newRow("1W on Monday") << at(14, 0, 5) << QStringLiteral("1W") << at(0, 0, 0, 0, 9);
}

void TestMissedSignalWatch::nextBoundary()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, interval);
    QFETCH(QDateTime, boundary);
    QCOMPARE(Watch::nextBoundary(time, Watch::intervalLength(interval)), boundary);
}

void TestMissedSignalWatch::nothingBeforeDeadline()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    m_watch->observe(broker, btc, QStringLiteral("15m"), at(14, 0, 5));
    advanceTo(at(14, 10));
    advanceTo(at(14, 15, 30));
    advanceTo(at(14, 16)); // the deadline itself is still in time
    QCOMPARE(missed.size(), 0);
    QCOMPARE(m_watch->streak(Watch::keyOf(broker, btc, QStringLiteral("15m"))), 0);
    advanceTo(at(14, 16, 0, 1));
    QCOMPARE(missed.size(), 1);
}

void TestMissedSignalWatch::missShape()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    m_watch->observe(broker, btc, QStringLiteral("15m"), at(14, 0, 5));
    advanceTo(at(14, 16, 1));
    QCOMPARE(missed.size(), 1);
    const auto miss = missed.at(0).at(0).value<MonitorEvent>();
    QCOMPARE(miss.type, QStringLiteral("webhook_received"));
    QCOMPARE(miss.source, QStringLiteral("T6"));
    QCOMPARE(miss.ts, at(14, 16));
    const QJsonObject &m = miss.message;
    QCOMPARE(m.value(QStringLiteral("action")).toString(), QStringLiteral("MISS"));
    QCOMPARE(m.value(QStringLiteral("status")).toString(), QStringLiteral("missed"));
    QCOMPARE(m.value(QStringLiteral("symbol")).toString(), btc);
    QCOMPARE(m.value(QStringLiteral("interval")).toString(), QStringLiteral("15m"));
    QCOMPARE(m.value(QStringLiteral("broker_id")).toInteger(), 13);
    QCOMPARE(m.value(QStringLiteral("received_at")).toString(),
             QStringLiteral("2026-02-05T14:16:00.000000"));
    QCOMPARE(m.value(QStringLiteral("bar_time")).toString(),
             QStringLiteral("2026-02-05T14:15:00.000000"));
    QCOMPARE(m.value(QStringLiteral("missed_count")).toInt(), 1);
    const QString trace = m.value(QStringLiteral("trace_id")).toString();
    QVERIFY2(trace.startsWith(QStringLiteral("miss-")), qPrintable(trace));
    QCOMPARE(trace.size(), 5 + 36);

    // Another check in the same bar: no second MISS.
    advanceTo(at(14, 20));
    QCOMPARE(missed.size(), 1);
    // The following boundary (14:30 + 60 s) is the next deadline, with a fresh trace_id.
    advanceTo(at(14, 31, 0, 1));
    QCOMPARE(missed.size(), 2);
    const auto second = missed.at(1).at(0).value<MonitorEvent>();
    QCOMPARE(second.ts, at(14, 31));
    QVERIFY(second.message.value(QStringLiteral("trace_id")).toString() != trace);
}

void TestMissedSignalWatch::threeMissesCriticalOnce()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    QSignalSpy critical(m_watch.get(), &Watch::critical);
    const QString key = Watch::keyOf(broker, btc, QStringLiteral("15m"));
    m_watch->observe(broker, btc, QStringLiteral("15m"), at(14, 0, 5));
    advanceTo(at(14, 16, 1));
    advanceTo(at(14, 31, 1));
    QCOMPARE(m_watch->streak(key), 2);
    QCOMPARE(critical.size(), 0);
    advanceTo(at(14, 46, 1));
    QCOMPARE(missed.size(), 3);
    QCOMPARE(m_watch->streak(key), 3);
    QCOMPARE(critical.size(), 1);
    QCOMPARE(critical.at(0).at(0).toString(), key);
    QCOMPARE(critical.at(0).at(1).toInt(), 3);
    advanceTo(at(15, 1, 1));
    advanceTo(at(15, 16, 1));
    QCOMPARE(missed.size(), 5);
    QVERIFY(m_watch->streak(key) >= 3);
    QCOMPARE(critical.size(), 1);
}

void TestMissedSignalWatch::webhookResetsStreak()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    QSignalSpy critical(m_watch.get(), &Watch::critical);
    const QString key = Watch::keyOf(broker, btc, QStringLiteral("15m"));
    m_watch->observe(broker, btc, QStringLiteral("15m"), at(14, 0, 5));
    advanceTo(at(14, 16, 1));
    advanceTo(at(14, 31, 1));
    QCOMPARE(m_watch->streak(key), 2);

    m_watch->observe(broker, btc, QStringLiteral("15m"), at(14, 35, 2));
    QCOMPARE(m_watch->streak(key), 0);
    advanceTo(at(14, 46)); // due by 14:45 + 60 s
    QCOMPARE(missed.size(), 2);
    advanceTo(at(14, 46, 1));
    advanceTo(at(15, 1, 1));
    QCOMPARE(m_watch->streak(key), 2);
    QCOMPARE(critical.size(), 0);
    advanceTo(at(15, 16, 1));
    QCOMPARE(critical.size(), 1);

    // After a reset a new streak may be critical again.
    m_watch->observe(broker, btc, QStringLiteral("15m"), at(15, 16, 2));
    advanceTo(at(15, 31, 1));
    advanceTo(at(15, 46, 1));
    advanceTo(at(16, 1, 1));
    QCOMPARE(critical.size(), 2);
}

void TestMissedSignalWatch::tradingViewForms_data()
{
    QTest::addColumn<QString>("interval");
    QTest::addColumn<QDateTime>("last");
    QTest::addColumn<QDateTime>("deadline");
    QTest::newRow("15") << QStringLiteral("15") << at(14, 0, 5) << at(14, 16);
    QTest::newRow("60") << QStringLiteral("60") << at(14, 0, 5) << at(15, 1);
    QTest::newRow("240") << QStringLiteral("240") << at(14, 0, 5) << at(16, 1);
    QTest::newRow("1D") << QStringLiteral("1D") << at(14, 0, 5) << at(0, 1, 0, 0, 6);
    QTest::newRow("D") << QStringLiteral("D") << at(0, 0, 3) << at(0, 1, 0, 0, 6);
    QTest::newRow("1h") << QStringLiteral("1h") << at(14, 59) << at(15, 1);
}

void TestMissedSignalWatch::tradingViewForms()
{
    QFETCH(QString, interval);
    QFETCH(QDateTime, last);
    QFETCH(QDateTime, deadline);
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    m_now = last;
    m_watch->observe(broker, btc, interval, last);
    advanceTo(deadline);
    QCOMPARE(missed.size(), 0);
    advanceTo(deadline.addMSecs(1));
    QCOMPARE(missed.size(), 1);
    const auto miss = missed.at(0).at(0).value<MonitorEvent>();
    QCOMPARE(miss.ts, deadline);
    QCOMPARE(miss.message.value(QStringLiteral("interval")).toString(), interval);
}

void TestMissedSignalWatch::unknownIntervalIgnored()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    for (const QString &interval :
         {QStringLiteral("1M"), QStringLiteral("weird"), QString(), QStringLiteral("0")})
        m_watch->observe(broker, btc, interval, at(14, 0, 5));
    QVERIFY(m_watch->keys().isEmpty());
    advanceTo(at(14, 0, 5, 0, 20));
    QCOMPARE(missed.size(), 0);
}

void TestMissedSignalWatch::keysAreSeparate()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    m_watch->observe(broker, btc, QStringLiteral("15m"), at(14, 0, 5));
    m_watch->observe(broker, btc, QStringLiteral("1h"), at(14, 0, 5));
    m_watch->observe(QStringLiteral("14"), btc, QStringLiteral("15m"), at(14, 0, 5));
    m_watch->observe(broker, QStringLiteral("ETHUSDT"), QStringLiteral("15m"), at(14, 0, 5));
    QCOMPARE(m_watch->keys().size(), 4);
    // Only the 15m ETHUSDT strategy keeps sending.
    m_watch->observe(broker, QStringLiteral("ETHUSDT"), QStringLiteral("15m"), at(14, 15, 2));
    advanceTo(at(14, 16, 1));
    QCOMPARE(missed.size(), 2);
    QCOMPARE(m_watch->streak(Watch::keyOf(broker, btc, QStringLiteral("15m"))), 1);
    QCOMPARE(m_watch->streak(Watch::keyOf(QStringLiteral("14"), btc, QStringLiteral("15m"))), 1);
    QCOMPARE(m_watch->streak(Watch::keyOf(broker, btc, QStringLiteral("1h"))), 0);
    QCOMPARE(
        m_watch->streak(Watch::keyOf(broker, QStringLiteral("ETHUSDT"), QStringLiteral("15m"))), 0);
    QCOMPARE(m_watch->streak(QStringLiteral("nope")), 0);
}

void TestMissedSignalWatch::catchUpAfterSleepIsBounded()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    QSignalSpy critical(m_watch.get(), &Watch::critical);
    const QString key = Watch::keyOf(broker, btc, QStringLiteral("1m"));
    m_watch->observe(broker, btc, QStringLiteral("1m"), at(14, 0, 5));
    // Ten hours later in one check: 599 bars passed their deadline (14:02 ... 23:59 + 60 s... ).
    advanceTo(at(23, 59, 30));
    QCOMPARE(missed.size(), Watch::CriticalStreak);
    QCOMPARE(critical.size(), 1);
    // Deadlines 14:02:00 ... 23:59:00 (each boundary + 60 s) are before 23:59:30: 598 bars.
    QCOMPARE(m_watch->streak(key), 598);
    // Then back to one MISS per bar.
    advanceTo(at(23, 59, 59));
    QCOMPARE(missed.size(), Watch::CriticalStreak);
    advanceTo(at(0, 0, 1, 0, 6));
    QCOMPARE(missed.size(), Watch::CriticalStreak + 1);
    QCOMPARE(missed.last().at(0).value<MonitorEvent>().ts, at(0, 0, 0, 0, 6));
}

void TestMissedSignalWatch::forget()
{
    QSignalSpy missed(m_watch.get(), &Watch::missed);
    m_watch->observe(broker, btc, QStringLiteral("15m"), at(14, 0, 5));
    m_watch->forget(Watch::keyOf(broker, btc, QStringLiteral("15m")));
    advanceTo(at(18, 0));
    QCOMPARE(missed.size(), 0);
    QVERIFY(m_watch->keys().isEmpty());
}

QTEST_GUILESS_MAIN(TestMissedSignalWatch)
#include "tst_missedsignalwatch.moc"
