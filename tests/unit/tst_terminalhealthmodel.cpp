// Unit tests of TerminalHealthModel: seven fixed rows, inferred states, terminal_status overrides
// that expire, /health JSON, and terminalStateChanged only on a real change.
#include "monitor/EventParser.h"
#include "monitor/models/TerminalHealthModel.h"

#include "support/Fixtures.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

using Model = TerminalHealthModel;

const QDateTime t0 = QDateTime(QDate(2026, 2, 5), QTime(14, 32, 12), Qt::UTC);

// The terminal_status lines of the fixtures (T3 up, T5 degraded).
QList<MonitorEvent> fixtureStatuses()
{
    return Fixtures::websocketsEvents();
}

MonitorEvent status(const QString &terminal, const QString &state, int intervalS = 5)
{
    QJsonObject message{{QStringLiteral("terminal"), terminal},
                        {QStringLiteral("name"), QStringLiteral("whatever")},
                        {QStringLiteral("state"), state},
                        {QStringLiteral("detail"), QStringLiteral("self-reported")},
                        {QStringLiteral("pid"), 77},
                        {QStringLiteral("host"), QStringLiteral("box")}};
    if (intervalS > 0)
        message.insert(QStringLiteral("interval_s"), intervalS);
    return {QStringLiteral("terminal_status"), terminal, t0, message};
}

MonitorEvent candle(const QString &timeframe, const QDateTime &closeTime)
{
    const QJsonObject message{
        {QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("timeframe"), timeframe},
        {QStringLiteral("open_time"), closeTime.toMSecsSinceEpoch() - 59999},
        {QStringLiteral("close_time"), closeTime.toMSecsSinceEpoch()},
        {QStringLiteral("is_closed"), true},
    };
    return {QStringLiteral("heartbeat_message"), QStringLiteral("T2"), closeTime, message};
}

// T6's own word that a PUBLISH webhook_raw reached `listeners` subscribers.
MonitorEvent published(qint64 listeners, const QString &source = QStringLiteral("T6"))
{
    return {QStringLiteral("webhook_received"), source, t0,
            QJsonObject{{QStringLiteral("trace_id"), QStringLiteral("t")},
                        {QStringLiteral("status"), QStringLiteral("forwarded")},
                        {QStringLiteral("listeners"), listeners}}};
}

QString cell(const Model &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestTerminalHealthModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void sevenRowsAllUnknown();
    void headers();
    void reportInferred();
    void reportUnknownTerminalIgnored();
    void fixturesDriveModel();
    void overrideThenExpiry();
    void overrideWithoutInterval();
    void laterStatusExtendsFreshness();
    void otherEventTypesIgnored();
    void noChangeNoSignal();
    void detailChangeWithoutStateChange();
    void toJson();
    void publishCountShowsTradingEngine();
    void heartbeat();
    void changesKept();

private:
    QDateTime m_now;
    std::function<QDateTime()> clock()
    {
        return [this] { return m_now; };
    }
};

void TestTerminalHealthModel::init()
{
    m_now = t0;
}

void TestTerminalHealthModel::sevenRowsAllUnknown()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    QCOMPARE(model.columnCount(), 6);
    const QStringList names{
        QStringLiteral("Daphne (Django API)"), QStringLiteral("Heartbeat"),
        QStringLiteral("Trading Engine"),      QStringLiteral("Frontend"),
        QStringLiteral("Exchange Gateway"),    QStringLiteral("Webhook Receiver"),
        QStringLiteral("Order Monitor")};
    for (int row = 0; row < 7; ++row) {
        const QString id = QStringLiteral("T%1").arg(row + 1);
        QCOMPARE(cell(model, row, Model::Terminal), id);
        QCOMPARE(cell(model, row, Model::Name), names.at(row));
        QCOMPARE(cell(model, row, Model::State), QStringLiteral("unknown"));
        QCOMPARE(model.data(model.index(row, Model::Name), Model::StateRole).toInt(),
                 int(TerminalState::Unknown));
        QVERIFY(!model.data(model.index(row, Model::LastSeen)).isValid());
        QCOMPARE(model.state(id), TerminalState::Unknown);
    }
    QCOMPARE(model.state(QStringLiteral("T8")), TerminalState::Unknown);
    QVERIFY(!model.index(7, 0).isValid());
    QVERIFY(!model.index(0, Model::ColumnCount).isValid());
}

void TestTerminalHealthModel::headers()
{
    Model model;
    const QStringList expected{QStringLiteral("Terminal"), QStringLiteral("Name"),
                               QStringLiteral("State"),    QStringLiteral("Last seen (UTC)"),
                               QStringLiteral("Detail"),   QStringLiteral("Signal")};
    for (int column = 0; column < Model::ColumnCount; ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
                 expected.at(column));
    QVERIFY(!model.headerData(0, Qt::Vertical, Qt::DisplayRole).isValid());
}

void TestTerminalHealthModel::reportInferred()
{
    Model model;
    model.setClock(clock());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &Model::terminalStateChanged);
    QSignalSpy data(&model, &Model::dataChanged);

    model.apply({Model::probeEvent(QStringLiteral("T3"), TerminalState::Up,
                                   QStringLiteral("1 listener(s) on webhook_raw"),
                                   QStringLiteral("PUBSUB NUMSUB webhook_raw"), t0)});
    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Up);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("T3"));
    QCOMPARE(changed.at(0).at(1).value<TerminalState>(), TerminalState::Up);
    QCOMPARE(changed.at(0).at(2).toString(), QStringLiteral("1 listener(s) on webhook_raw"));
    QCOMPARE(data.size(), 1);
    QCOMPARE(data.at(0).at(0).toModelIndex().row(), 2);
    QCOMPARE(data.at(0).at(1).toModelIndex().column(), Model::ColumnCount - 1);

    QCOMPARE(cell(model, 2, Model::State), QStringLiteral("up"));
    QCOMPARE(model.data(model.index(2, Model::State), Model::StateRole).toInt(),
             int(TerminalState::Up));
    QCOMPARE(model.data(model.index(2, Model::LastSeen)).toDateTime(), t0);
    QCOMPARE(cell(model, 2, Model::Detail), QStringLiteral("1 listener(s) on webhook_raw"));
    QCOMPARE(cell(model, 2, Model::SignalSource), QStringLiteral("PUBSUB NUMSUB webhook_raw"));
}

void TestTerminalHealthModel::reportUnknownTerminalIgnored()
{
    Model model;
    QSignalSpy data(&model, &Model::dataChanged);
    model.apply({Model::probeEvent(QStringLiteral("T9"), TerminalState::Up, {}, {}, t0)});
    model.apply({Model::probeEvent(QString(), TerminalState::Up, {}, {}, t0)});
    QCOMPARE(data.size(), 0);
}

void TestTerminalHealthModel::fixturesDriveModel()
{
    Model model;
    model.setClock(clock());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &Model::terminalStateChanged);

    model.apply(fixtureStatuses()); // every line: other types must be ignored

    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Up);
    QCOMPARE(model.state(QStringLiteral("T5")), TerminalState::Degraded);
    QCOMPARE(model.detail(QStringLiteral("T5")), QStringLiteral("bitget: 3 consecutive errors"));
    QCOMPARE(cell(model, 4, Model::SignalSource),
             QStringLiteral("terminal_status from trader-pc (pid 4133)"));
    QCOMPARE(model.data(model.index(4, Model::LastSeen)).toDateTime(), t0);
    // T1 sent some_future_event only.
    QCOMPARE(model.state(QStringLiteral("T1")), TerminalState::Unknown);
    // In the fixtures' order: T3 and T5 from their status, T2 from its 1m candle.
    QCOMPARE(changed.size(), 3);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("T3"));
    QCOMPARE(changed.at(1).at(0).toString(), QStringLiteral("T5"));
    QCOMPARE(changed.at(1).at(1).value<TerminalState>(), TerminalState::Degraded);
    QCOMPARE(changed.at(2).at(0).toString(), QStringLiteral("T2"));
}

void TestTerminalHealthModel::overrideThenExpiry()
{
    Model model;
    model.setClock(clock());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({Model::probeEvent(QStringLiteral("T5"), TerminalState::Up,
                                   QStringLiteral("0 request(s) waiting"),
                                   QStringLiteral("LLEN exchange_requests"), t0)});
    QSignalSpy changed(&model, &Model::terminalStateChanged);

    QList<MonitorEvent> statuses = fixtureStatuses();
    statuses.removeIf(
        [](const MonitorEvent &e) { return e.type != QLatin1String("terminal_status"); });
    model.apply(statuses); // T5 says degraded, interval_s 5: fresh for 15 s
    QCOMPARE(model.state(QStringLiteral("T5")), TerminalState::Degraded);
    QCOMPARE(changed.size(), 2);

    // Inferred reports while the override is fresh change nothing shown.
    m_now = t0.addSecs(5);
    model.apply({Model::probeEvent(QStringLiteral("T5"), TerminalState::Up,
                                   QStringLiteral("1 request(s) waiting"),
                                   QStringLiteral("LLEN exchange_requests"), m_now)});
    QCOMPARE(model.state(QStringLiteral("T5")), TerminalState::Degraded);
    QCOMPARE(changed.size(), 2);

    m_now = t0.addSecs(15); // exactly 3 × interval_s: still fresh
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T5")), TerminalState::Degraded);
    QCOMPARE(changed.size(), 2);

    m_now = t0.addSecs(16);
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T5")), TerminalState::Up);
    QCOMPARE(model.detail(QStringLiteral("T5")), QStringLiteral("1 request(s) waiting"));
    QCOMPARE(cell(model, 4, Model::SignalSource), QStringLiteral("LLEN exchange_requests"));
    // T3 had nothing inferred: back to unknown.
    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Unknown);
    QCOMPARE(changed.size(), 4);
    QCOMPARE(changed.at(2).at(0).toString(), QStringLiteral("T3"));
    QCOMPARE(changed.at(2).at(1).value<TerminalState>(), TerminalState::Unknown);
    QCOMPARE(changed.at(3).at(0).toString(), QStringLiteral("T5"));
    QCOMPARE(changed.at(3).at(1).value<TerminalState>(), TerminalState::Up);

    // Refreshing again changes nothing.
    model.refresh();
    QCOMPARE(changed.size(), 4);

    // A new status message overrides again.
    model.apply({status(QStringLiteral("T5"), QStringLiteral("down"))});
    QCOMPARE(model.state(QStringLiteral("T5")), TerminalState::Down);
    QCOMPARE(changed.size(), 5);
}

void TestTerminalHealthModel::overrideWithoutInterval()
{
    Model model;
    model.setClock(clock());
    model.apply({status(QStringLiteral("T7"), QStringLiteral("up"), 0)}); // default 5 s
    QCOMPARE(model.state(QStringLiteral("T7")), TerminalState::Up);
    m_now = t0.addSecs(15);
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T7")), TerminalState::Up);
    m_now = t0.addSecs(15).addMSecs(1);
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T7")), TerminalState::Unknown);
}

void TestTerminalHealthModel::laterStatusExtendsFreshness()
{
    Model model;
    model.setClock(clock());
    model.apply({status(QStringLiteral("T7"), QStringLiteral("up"), 10)});
    m_now = t0.addSecs(25);
    model.apply({status(QStringLiteral("T7"), QStringLiteral("up"), 10)});
    m_now = t0.addSecs(50);
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T7")), TerminalState::Up);
    m_now = t0.addSecs(56);
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T7")), TerminalState::Unknown);
}

void TestTerminalHealthModel::otherEventTypesIgnored()
{
    Model model;
    MonitorEvent event = status(QStringLiteral("T3"), QStringLiteral("up"));
    event.type = QStringLiteral("webhook_update");
    QSignalSpy data(&model, &Model::dataChanged);
    model.apply({event});
    MonitorEvent stray = status(QStringLiteral("T42"), QStringLiteral("up"));
    model.apply({stray});
    QCOMPARE(data.size(), 0);
    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Unknown);
}

void TestTerminalHealthModel::noChangeNoSignal()
{
    Model model;
    model.setClock(clock());
    QSignalSpy changed(&model, &Model::terminalStateChanged);
    QSignalSpy data(&model, &Model::dataChanged);
    const auto reportT1 = [&] {
        model.apply({Model::probeEvent(QStringLiteral("T1"), TerminalState::Down,
                                       QStringLiteral("HTTP 500"),
                                       QStringLiteral("GET /api/heartbeat/status/"), t0)});
    };
    reportT1();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(data.size(), 1);
    reportT1();
    reportT1();
    model.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(data.size(), 1);
    // Reporting Unknown on a terminal that is Unknown: no signal at all.
    model.apply({Model::probeEvent(QStringLiteral("T7"), TerminalState::Unknown, {}, {}, {})});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(data.size(), 1);
}

void TestTerminalHealthModel::detailChangeWithoutStateChange()
{
    Model model;
    model.setClock(clock());
    QSignalSpy changed(&model, &Model::terminalStateChanged);
    QSignalSpy data(&model, &Model::dataChanged);
    model.apply({Model::probeEvent(QStringLiteral("T3"), TerminalState::Up,
                                   QStringLiteral("1 listener(s)"), {}, t0)});
    model.apply({Model::probeEvent(QStringLiteral("T3"), TerminalState::Up,
                                   QStringLiteral("2 listener(s)"), {}, t0)});
    QCOMPARE(changed.size(), 1); // the state did not change
    QCOMPARE(data.size(), 2);    // the row did
    QCOMPARE(model.detail(QStringLiteral("T3")), QStringLiteral("2 listener(s)"));
}

void TestTerminalHealthModel::toJson()
{
    Model model;
    model.setClock(clock());
    model.apply(
        {Model::probeEvent(QStringLiteral("T1"), TerminalState::Up, QStringLiteral("HTTP 200"), {},
                           QDateTime(QDate(2026, 2, 5), QTime(14, 32, 10, 250), Qt::UTC))});
    model.apply({status(QStringLiteral("T7"), QStringLiteral("degraded"))});

    const QJsonObject json = model.toJson();
    QCOMPARE(json.keys(),
             (QStringList{QStringLiteral("T1"), QStringLiteral("T2"), QStringLiteral("T3"),
                          QStringLiteral("T4"), QStringLiteral("T5"), QStringLiteral("T6"),
                          QStringLiteral("T7")}));
    for (const QString &key : json.keys()) {
        const QJsonObject entry = json.value(key).toObject();
        QCOMPARE(entry.keys(), (QStringList{QStringLiteral("detail"), QStringLiteral("last_seen"),
                                            QStringLiteral("state")}));
    }
    const QJsonObject t1 = json.value(QStringLiteral("T1")).toObject();
    QCOMPARE(t1.value(QStringLiteral("state")).toString(), QStringLiteral("up"));
    QCOMPARE(t1.value(QStringLiteral("detail")).toString(), QStringLiteral("HTTP 200"));
    QCOMPARE(t1.value(QStringLiteral("last_seen")).toString(),
             QStringLiteral("2026-02-05T14:32:10.250Z"));
    const QJsonObject t2 = json.value(QStringLiteral("T2")).toObject();
    QCOMPARE(t2.value(QStringLiteral("state")).toString(), QStringLiteral("unknown"));
    QVERIFY(t2.value(QStringLiteral("last_seen")).isNull());
    const QJsonObject t7 = json.value(QStringLiteral("T7")).toObject();
    QCOMPARE(t7.value(QStringLiteral("state")).toString(), QStringLiteral("degraded"));
    QCOMPARE(t7.value(QStringLiteral("detail")).toString(), QStringLiteral("self-reported"));
    QCOMPARE(t7.value(QStringLiteral("last_seen")).toString(),
             QStringLiteral("2026-02-05T14:32:12.000Z"));
}

void TestTerminalHealthModel::publishCountShowsTradingEngine()
{
    Model model;
    model.setClock(clock());
    model.apply({Model::probeEvent(QStringLiteral("T3"), TerminalState::Down,
                                   QStringLiteral("0 listener(s) on webhook_raw"),
                                   QStringLiteral("PUBSUB NUMSUB webhook_raw"), t0)});
    model.apply({published(1)});
    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Up);
    QCOMPARE(model.detail(QStringLiteral("T3")), QStringLiteral("PUBLISH reached 1 listener(s)"));
    model.apply({published(-1)}); // unknown count: ignored
    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Up);
    model.apply({published(0, QStringLiteral("T3"))}); // only T6 publishes webhook_raw
    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Up);
    model.apply({published(0)});
    QCOMPARE(model.state(QStringLiteral("T3")), TerminalState::Down);
}

void TestTerminalHealthModel::heartbeat()
{
    QDateTime now(QDate(2026, 2, 5), QTime(14, 33, 0, 413), Qt::UTC);
    Model model;
    model.setClock([&now] { return now; });
    QCOMPARE(model.state(QStringLiteral("T2")), TerminalState::Unknown);

    const QDateTime closed(QDate(2026, 2, 5), QTime(14, 32, 59, 999), Qt::UTC);
    model.apply({candle(QStringLiteral("5m"), closed)}); // not a 1m candle
    QCOMPARE(model.state(QStringLiteral("T2")), TerminalState::Unknown);
    model.apply({candle(QStringLiteral("1m"), closed)});
    QCOMPARE(model.state(QStringLiteral("T2")), TerminalState::Up);

    now = closed.addSecs(70);
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T2")), TerminalState::Up);
    now = closed.addSecs(71);
    model.refresh();
    QCOMPARE(model.state(QStringLiteral("T2")), TerminalState::Down);
    QVERIFY2(model.detail(QStringLiteral("T2")).startsWith(QStringLiteral("no 1m candle for 71 s")),
             qPrintable(model.detail(QStringLiteral("T2"))));

    // A candle that closed long ago (replayed) does not bring it back.
    model.apply({candle(QStringLiteral("1m"), closed.addSecs(-60))});
    QCOMPARE(model.state(QStringLiteral("T2")), TerminalState::Down);
    model.apply({candle(QStringLiteral("1m"), closed.addSecs(60))});
    QCOMPARE(model.state(QStringLiteral("T2")), TerminalState::Up);
}

void TestTerminalHealthModel::changesKept()
{
    Model model;
    model.setClock(clock());
    for (int i = 0; i < Model::ChangesKept + 10; ++i)
        model.apply({Model::probeEvent(QStringLiteral("T1"),
                                       i % 2 ? TerminalState::Up : TerminalState::Down,
                                       QStringLiteral("change %1").arg(i), {}, t0.addSecs(i))});
    // Bounded, oldest first, one entry per state change.
    QCOMPARE(model.changes().size(), Model::ChangesKept);
    QCOMPARE(model.changes().last().detail,
             QStringLiteral("change %1").arg(Model::ChangesKept + 9));
    QCOMPARE(model.changes().last().terminal, QStringLiteral("T1"));
}

QTEST_GUILESS_MAIN(TestTerminalHealthModel)
#include "tst_terminalhealthmodel.moc"
