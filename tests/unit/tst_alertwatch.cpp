// Unit tests of AlertWatch: what becomes a notification, and that a storm is one alert.
#include "monitor/AlertWatch.h"
#include "webhook/WebhookEvents.h"

#include <QSignalSpy>
#include <QTest>

namespace {

MonitorEvent webhook(WebhookStatus status, const QJsonObject &extra = {})
{
    QJsonObject message{{QLatin1String("trace_id"), QStringLiteral("t")},
                        {QLatin1String("status"), statusName(status)},
                        {QLatin1String("reason"), QStringLiteral("bad token")}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        message.insert(it.key(), it.value());
    return MonitorEvent{QStringLiteral("webhook_received"), QStringLiteral("T6"),
                        QDateTime::currentDateTimeUtc(), message};
}

} // namespace

class TestAlertWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_now = QDateTime(QDate(2026, 12, 2), QTime(12, 0), Qt::UTC);
        m_watch = std::make_unique<AlertWatch>();
        m_watch->setClock([this] { return m_now; });
    }

    void rejectedBurstIsOneAlert()
    {
        QSignalSpy raised(m_watch.get(), &AlertWatch::raised);
        for (int i = 0; i < AlertWatch::BurstRejected - 1; ++i)
            m_watch->apply({webhook(WebhookStatus::Rejected)});
        QCOMPARE(raised.size(), 0); // a few refusals are no news
        m_watch->apply({webhook(WebhookStatus::Rejected)});
        QCOMPARE(raised.size(), 1);
        const auto alert = raised.at(0).at(0).value<AlertWatch::Alert>();
        QCOMPARE(alert.kind, AlertWatch::Kind::RejectedBurst);
        QVERIFY(alert.text.contains(QStringLiteral("bad token")));
        // Another burst within the minute is held back, then told with the next one.
        for (int i = 0; i < 3 * AlertWatch::BurstRejected; ++i)
            m_watch->apply({webhook(WebhookStatus::Rejected)});
        QCOMPARE(raised.size(), 1);
        m_now = m_now.addSecs(AlertWatch::MinInterval.count() + 1);
        for (int i = 0; i < AlertWatch::BurstRejected; ++i)
            m_watch->apply({webhook(WebhookStatus::Rejected)});
        QCOMPARE(raised.size(), 2);
    }

    void missedSignalNamesItsStrategy()
    {
        QSignalSpy raised(m_watch.get(), &AlertWatch::raised);
        m_watch->apply({webhook(WebhookStatus::Missed,
                                {{QLatin1String("symbol"), QStringLiteral("DOGEUSDT")},
                                 {QLatin1String("interval"), QStringLiteral("1")},
                                 {QLatin1String("broker_id"), 13}, // a number, as on the wire
                                 {QLatin1String("reason"), QStringLiteral("no webhook by …")}})});
        QCOMPARE(raised.size(), 1);
        const auto alert = raised.at(0).at(0).value<AlertWatch::Alert>();
        QCOMPARE(alert.kind, AlertWatch::Kind::MissedSignal);
        QVERIFY2(alert.text.contains(QStringLiteral("DOGEUSDT 1 (broker 13)")),
                 qPrintable(alert.text));
    }

    void heldAndExpiredSignals()
    {
        QSignalSpy raised(m_watch.get(), &AlertWatch::raised);
        m_watch->apply({webhook(WebhookStatus::Held), webhook(WebhookStatus::Expired),
                        webhook(WebhookStatus::Forwarded)});
        QCOMPARE(raised.size(), 2);
        QCOMPARE(raised.at(0).at(0).value<AlertWatch::Alert>().kind, AlertWatch::Kind::HeldSignal);
        QCOMPARE(raised.at(1).at(0).value<AlertWatch::Alert>().kind,
                 AlertWatch::Kind::ExpiredSignal);
    }

    void terminalDownAndBackPerTerminal()
    {
        QSignalSpy raised(m_watch.get(), &AlertWatch::raised);
        m_watch->terminalChanged(QStringLiteral("T3"), TerminalState::Up, {});
        m_watch->terminalChanged(QStringLiteral("T5"), TerminalState::Up, {});
        QCOMPARE(raised.size(), 0); // first seen: not news
        m_watch->terminalChanged(QStringLiteral("T3"), TerminalState::Down, QStringLiteral("gone"));
        m_watch->terminalChanged(QStringLiteral("T5"), TerminalState::Down, QStringLiteral("gone"));
        QCOMPARE(raised.size(), 2); // one terminal's alert does not hide another's
        m_watch->terminalChanged(QStringLiteral("T3"), TerminalState::Up, {});
        QCOMPARE(raised.size(), 3);
        QCOMPARE(raised.at(2).at(0).value<AlertWatch::Alert>().kind, AlertWatch::Kind::TerminalUp);
    }

private:
    QDateTime m_now;
    std::unique_ptr<AlertWatch> m_watch;
};

QTEST_GUILESS_MAIN(TestAlertWatch)
#include "tst_alertwatch.moc"
