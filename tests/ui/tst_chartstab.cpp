// ActivityTimeline (per-minute counts by action, receive → stream latency, availability) and
// the Charts tab that draws it: what is drawn is what happened, over the hour and the day.
#include "charts/ChartsTab.h"
#include "monitor/models/ActivityTimeline.h"
#include "webhook/WebhookEvents.h"

#include <QComboBox>
#include <QTest>

namespace {

MonitorEvent received(const QString &trace, const QString &action, const QDateTime &at)
{
    WebhookSummary s;
    s.traceId = trace;
    s.receivedAt = at.toString(Qt::ISODateWithMs);
    s.status = WebhookStatus::Received;
    s.fields = {{QLatin1String("action"), action}};
    MonitorEvent e = WebhookEvents::received(s);
    e.ts = at;
    return e;
}

MonitorEvent streamed(const QString &trace, const QDateTime &at)
{
    MonitorEvent e = WebhookEvents::streamed(trace);
    e.ts = at;
    return e;
}

} // namespace

class TestChartsTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsByActionPerMinute();
    void latencyQuantiles();
    void availabilityFromSamples();
    void boundedToADay();
    void tabDrawsTheTimeline();
};

void TestChartsTab::countsByActionPerMinute()
{
    ActivityTimeline timeline;
    const QDateTime minute = QDateTime::currentDateTimeUtc().addSecs(-120);
    const QDateTime start = minute.addMSecs(-(minute.toMSecsSinceEpoch() % 60000));
    timeline.apply({received(QStringLiteral("a"), QStringLiteral("BUY"), start.addSecs(1)),
                    received(QStringLiteral("b"), QStringLiteral("buy"), start.addSecs(2)),
                    received(QStringLiteral("c"), QStringLiteral("SELL"), start.addSecs(59)),
                    received(QStringLiteral("d"), QStringLiteral("PING"), start.addSecs(60)),
                    received(QStringLiteral("e"), QStringLiteral("Whatever"), start.addSecs(61))});
    const QList<ActivityTimeline::Minute> minutes = timeline.minutes(start, start.addSecs(180));
    QCOMPARE(minutes.size(), 3);
    QCOMPARE(minutes[0].received[ActivityTimeline::Buy], 2);
    QCOMPARE(minutes[0].received[ActivityTimeline::Sell], 1);
    QCOMPARE(minutes[0].total(), 3);
    QCOMPARE(minutes[1].received[ActivityTimeline::Ping], 1);
    QCOMPARE(minutes[1].received[ActivityTimeline::Other], 1);
    QCOMPARE(minutes[2].total(), 0); // nothing then: an empty minute, not a missing one
}

void TestChartsTab::latencyQuantiles()
{
    ActivityTimeline timeline;
    const QDateTime t = QDateTime::currentDateTimeUtc().addSecs(-30);
    QList<MonitorEvent> events;
    for (int i = 0; i < 100; ++i) {
        const QString trace = QString::number(i);
        events.append(received(trace, QStringLiteral("BUY"), t));
        events.append(streamed(trace, t.addMSecs(i + 1))); // 1 … 100 ms
    }
    timeline.apply(events);
    const ActivityTimeline::Minute m = timeline.minutes(t, t.addSecs(1)).constFirst();
    QCOMPARE(int(m.latenciesMs.size()), 100);
    QCOMPARE(m.latencyQuantile(0.5), 51);
    QCOMPARE(m.latencyQuantile(0.99), 99);
    // Streamed twice, or streamed unknown: counted once, or not at all.
    timeline.apply({streamed(QStringLiteral("0"), t.addSecs(5)),
                    streamed(QStringLiteral("nobody"), t.addSecs(5))});
    QCOMPARE(int(timeline.minutes(t, t.addSecs(1)).constFirst().latenciesMs.size()), 100);
}

void TestChartsTab::availabilityFromSamples()
{
    ActivityTimeline timeline;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime start = now.addMSecs(-(now.toMSecsSinceEpoch() % 60000));
    for (int s = 0; s < 60; ++s)
        timeline.sample(start.addSecs(s), s < 45, s >= 30);
    const ActivityTimeline::Minute m = timeline.minutes(start, start.addSecs(1)).constFirst();
    QCOMPARE(m.samples, 60);
    QCOMPARE(m.redisUp, 45);
    QCOMPARE(m.engineUp, 30);
}

void TestChartsTab::boundedToADay()
{
    ActivityTimeline timeline;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int minute = 0; minute < 2 * ActivityTimeline::MinutesKept; minute += 7)
        timeline.sample(now.addSecs(-60LL * minute), true, true);
    timeline.apply({received(QStringLiteral("old"), QStringLiteral("BUY"), now.addDays(-2))});
    const QList<ActivityTimeline::Minute> all = timeline.minutes(now.addDays(-3), now);
    int sampled = 0, counted = 0;
    for (const ActivityTimeline::Minute &m : all) {
        sampled += m.samples > 0;
        counted += m.total();
    }
    QVERIFY2(sampled <= ActivityTimeline::MinutesKept / 7 + 1,
             qPrintable(QString::number(sampled)));
    QCOMPARE(counted, 0); // older than a day: not kept
}

void TestChartsTab::tabDrawsTheTimeline()
{
    ActivityTimeline timeline;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<MonitorEvent> events;
    for (int i = 0; i < 12; ++i) {
        const QString trace = QStringLiteral("t%1").arg(i);
        events.append(received(trace, i % 3 ? QStringLiteral("BUY") : QStringLiteral("SELL"),
                               now.addSecs(-5)));
        events.append(streamed(trace, now.addSecs(-5).addMSecs(3)));
    }
    timeline.apply(events);
    for (int s = 0; s < 10; ++s)
        timeline.sample(now.addSecs(-s), true, false);

    ChartsTab tab(&timeline);
    tab.resize(1000, 700);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QCOMPARE(tab.points(QStringLiteral("BUY")).size(), 60); // the last hour, minute by minute
    // Stacked: BUY's edge is BUY's count, SELL's edge adds SELL's (the current minute holds all).
    double buy = 0, sell = 0;
    for (const QPointF &p : tab.points(QStringLiteral("BUY")))
        buy = std::max(buy, p.y());
    for (const QPointF &p : tab.points(QStringLiteral("SELL")))
        sell = std::max(sell, p.y());
    QCOMPARE(buy, 8.0);
    QCOMPARE(sell, 12.0);
    QCOMPARE(tab.points(QStringLiteral("p50")).size(), 1);
    QCOMPARE(tab.points(QStringLiteral("p50")).constFirst().y(), 3.0);
    double redis = 0, engine = 1;
    for (const QPointF &p : tab.points(QStringLiteral("Redis")))
        redis = std::max(redis, p.y());
    for (const QPointF &p : tab.points(QStringLiteral("Engine T3")))
        engine = std::min(engine, p.y());
    QVERIFY(qFuzzyCompare(redis, 1.0));
    QVERIFY(qFuzzyIsNull(engine));

    tab.setRange(ChartsTab::Range::Day);
    QCOMPARE(tab.points(QStringLiteral("BUY")).size(), 24 * 6); // 10-minute bins
    double perMinute = 0;
    for (const QPointF &p : tab.points(QStringLiteral("SELL")))
        perMinute = std::max(perMinute, p.y());
    QVERIFY(perMinute > 0 && perMinute <= 12.0 / 10 * 2); // an average over its bin's minutes
}

QTEST_MAIN(TestChartsTab)
#include "tst_chartstab.moc"
