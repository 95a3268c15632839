// Stats come from the journal, window by window: outcomes, fates, actions, rate, latency.
#include "journal/Journal.h"
#include "journal/JournalFigures.h"

#include <QTemporaryDir>
#include <QTest>

class TestJournalFigures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figuresOverAWindow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        Journal journal({path, Journal::Durability::Normal, 64LL * 1024 * 1024});
        QCOMPARE(journal.open(), QString());

        const qint64 t0 = 1770000000000LL; // a fixed day
        auto add = [&](qint64 at, Outcome outcome, Fate fate, const QByteArray &action,
                       qint64 latencyMs) {
            JournalRecord r;
            r.traceId = QString::number(at);
            r.receivedMs = at;
            r.outcome = outcome;
            r.fate = fate;
            r.fateAtMs = at + latencyMs;
            r.payload = outcome == Outcome::Rejected ? QByteArray("not json")
                                                     : "{\"Action\":\"" + action + "\"}";
            journal.append(r, {});
        };
        for (int i = 0; i < 100; ++i) // 100 forwarded in the first hour, latency 1..100 ms
            add(t0 + i * 1000, Outcome::Accepted, Fate::Forwarded, i % 4 ? "BuyMarket" : "PING",
                i + 1);
        add(t0 + 200000, Outcome::Accepted, Fate::Held, "SellMarket", 0);
        add(t0 + 201000, Outcome::Accepted, Fate::Expired, "SellMarket", 0);
        add(t0 + 202000, Outcome::Duplicate, Fate::None, "PING", 0);
        add(t0 + 203000, Outcome::Rejected, Fate::None, {}, 0);
        add(t0 - 10000000, Outcome::Accepted, Fate::Forwarded, "PING", 5000); // before the window
        journal.flush();

        QString error;
        const JournalFigures stats = JournalFigures::fromJournal(path, t0, t0 + 3600000, &error);
        QCOMPARE(error, QString());
        QCOMPARE(stats.requests, 104);
        QCOMPARE(stats.accepted, 102);
        QCOMPARE(stats.duplicates, 1);
        QCOMPARE(stats.rejected, 1);
        QCOMPARE(stats.forwarded, 100);
        QCOMPARE(stats.held, 1);
        QCOMPARE(stats.expired, 1);
        QCOMPARE(stats.byAction.value(QStringLiteral("PING")), 25);
        QCOMPARE(stats.byAction.value(QStringLiteral("BuyMarket")), 75);
        QCOMPARE(stats.byAction.value(QStringLiteral("SellMarket")), 2);
        QCOMPARE(stats.latencyP50Ms, 51.0);
        QCOMPARE(stats.latencyP99Ms, 100.0);
        QCOMPARE(stats.perMinute, 102.0 / 60.0);
        QCOMPARE(stats.toJson().value(QLatin1String("accepted")).toInteger(), 102);
    }

    void unreadableJournalSaysWhy()
    {
        QString error;
        const JournalFigures stats = JournalFigures::fromJournal(
            QStringLiteral("/nonexistent/journal.sqlite"), 0, 1, &error);
        QCOMPARE(stats.requests, 0);
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJournalFigures)
#include "tst_journalfigures.moc"
