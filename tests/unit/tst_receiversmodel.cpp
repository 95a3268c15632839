// Unit tests of ReceiversModel (every receiver sharing a Redis, from their terminal_status) and
// of the T6 tile keeping to this process's receiver when others speak on the channel.
#include "monitor/models/ReceiversModel.h"
#include "monitor/models/TerminalHealthModel.h"

#include <QJsonArray>
#include <QTest>

namespace {

const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-12-02T21:00:00Z"), Qt::ISODate);

MonitorEvent status(const QString &receiver, const QString &state, qint64 received,
                    qint64 queued = 0)
{
    MonitorEvent e{QStringLiteral("terminal_status"), QStringLiteral("T6"), t0,
                   QJsonObject{{QLatin1String("terminal"), QStringLiteral("T6")},
                               {QLatin1String("state"), state},
                               {QLatin1String("detail"), QStringLiteral("receiving")},
                               {QLatin1String("host"), QString(QStringLiteral("vps-") + receiver)},
                               {QLatin1String("interval_s"), 5},
                               {QLatin1String("receiver"), receiver},
                               {QLatin1String("webhooks_received"), QJsonValue(received)},
                               {QLatin1String("queued"), QJsonValue(queued)}}};
    e.receiver = receiver;
    return e;
}

} // namespace

class TestReceiversModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyReceiverHasARowWithItsRate();
    void aSilentReceiverIsShownDown();
    void aRestartStartsTheRateOver();
    void otherEventsAreNotReceivers();
    void theT6TileIsThisReceiversOwn();
};

void TestReceiversModel::everyReceiverHasARowWithItsRate()
{
    ReceiversModel model;
    QDateTime now = t0;
    model.setClock([&now] { return now; });
    model.apply({status(QStringLiteral("east"), QStringLiteral("up"), 100),
                 status(QStringLiteral("west"), QStringLiteral("degraded"), 40, 7)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ReceiversModel::Receiver).data().toString(), QStringLiteral("east"));
    QCOMPARE(model.index(1, ReceiversModel::Queued).data().toString(), QStringLiteral("7"));
    QCOMPARE(TerminalState(model.index(1, 0).data(ReceiversModel::StateRole).toInt()),
             TerminalState::Degraded);
    QCOMPARE(model.index(0, ReceiversModel::Rate).data().toString(), QString()); // one report
    now = t0.addSecs(5);
    model.apply({status(QStringLiteral("east"), QStringLiteral("up"), 150)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ReceiversModel::Rate).data().toString(), QStringLiteral("600"));
    const QJsonArray json = model.toJson();
    QCOMPARE(json.size(), 2);
    const QJsonObject east = json.at(0).toObject();
    QCOMPARE(east.value(QLatin1String("receiver")).toString(), QStringLiteral("east"));
    QCOMPARE(east.value(QLatin1String("state")).toString(), QStringLiteral("up"));
    QCOMPARE(east.value(QLatin1String("per_minute")).toInteger(), 600);
    QCOMPARE(east.value(QLatin1String("webhooks_received")).toInteger(), 150);
    QCOMPARE(east.value(QLatin1String("host")).toString(), QStringLiteral("vps-east"));
    QVERIFY(json.at(1).toObject().value(QLatin1String("per_minute")).isNull());
}

void TestReceiversModel::aSilentReceiverIsShownDown()
{
    ReceiversModel model;
    QDateTime now = t0;
    model.setClock([&now] { return now; });
    model.apply({status(QStringLiteral("east"), QStringLiteral("up"), 1)});
    now = t0.addSecs(15); // three intervals: still fresh
    model.refresh();
    QCOMPARE(TerminalState(model.index(0, 0).data(ReceiversModel::StateRole).toInt()),
             TerminalState::Up);
    now = t0.addSecs(16);
    model.refresh();
    QCOMPARE(TerminalState(model.index(0, 0).data(ReceiversModel::StateRole).toInt()),
             TerminalState::Down);
    QCOMPARE(model.toJson().at(0).toObject().value(QLatin1String("state")).toString(),
             QStringLiteral("down"));
    QVERIFY(model.index(0, ReceiversModel::Detail)
                .data()
                .toString()
                .startsWith(QStringLiteral("not heard from since ")));
}

void TestReceiversModel::aRestartStartsTheRateOver()
{
    ReceiversModel model;
    QDateTime now = t0;
    model.setClock([&now] { return now; });
    model.apply({status(QStringLiteral("east"), QStringLiteral("up"), 100)});
    now = t0.addSecs(5);
    model.apply({status(QStringLiteral("east"), QStringLiteral("up"), 110)});
    QCOMPARE(model.index(0, ReceiversModel::Rate).data().toString(), QStringLiteral("120"));
    now = t0.addSecs(10);
    model.apply({status(QStringLiteral("east"), QStringLiteral("up"), 3)}); // counts from 0 again
    QCOMPARE(model.index(0, ReceiversModel::Rate).data().toString(), QString());
    now = t0.addSecs(15);
    model.apply({status(QStringLiteral("east"), QStringLiteral("up"), 13)});
    QCOMPARE(model.index(0, ReceiversModel::Rate).data().toString(), QStringLiteral("120"));
}

void TestReceiversModel::otherEventsAreNotReceivers()
{
    ReceiversModel model;
    MonitorEvent t3 = status(QStringLiteral("east"), QStringLiteral("up"), 1);
    t3.source = QStringLiteral("T3");
    MonitorEvent unnamed = status(QString(), QStringLiteral("up"), 1); // an older T6
    MonitorEvent webhook = status(QStringLiteral("east"), QStringLiteral("up"), 1);
    webhook.type = QStringLiteral("webhook_received");
    model.apply({t3, unnamed, webhook});
    QCOMPARE(model.rowCount(), 0);
}

void TestReceiversModel::theT6TileIsThisReceiversOwn()
{
    TerminalHealthModel terminals;
    terminals.setClock([] { return t0; });
    terminals.setOwnReceiver(QStringLiteral("east"));
    terminals.apply({status(QStringLiteral("west"), QStringLiteral("down"), 1)});
    QCOMPARE(terminals.state(QStringLiteral("T6")), TerminalState::Unknown);
    terminals.apply({status(QStringLiteral("east"), QStringLiteral("degraded"), 1)});
    QCOMPARE(terminals.state(QStringLiteral("T6")), TerminalState::Degraded);
    // Without a receiver of its own (--monitor-only), whichever T6 speaks.
    TerminalHealthModel watching;
    watching.setClock([] { return t0; });
    watching.apply({status(QStringLiteral("west"), QStringLiteral("down"), 1)});
    QCOMPARE(watching.state(QStringLiteral("T6")), TerminalState::Down);
}

QTEST_GUILESS_MAIN(TestReceiversModel)
#include "tst_receiversmodel.moc"
