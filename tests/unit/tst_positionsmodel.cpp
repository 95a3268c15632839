// Unit tests of PositionsModel: upsert by id or (broker, symbol), closed positions leave, decimals
// as strings or numbers, totals, and few signals per batch.
#include "monitor/EventParser.h"
#include "monitor/models/PositionsModel.h"
#include "support/Fixtures.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {

using Model = PositionsModel;

MonitorEvent positionEvent(const QJsonObject &message)
{
    MonitorEvent e;
    e.type = QStringLiteral("position_update");
    e.source = QStringLiteral("T3");
    e.ts = QDateTime(QDate(2026, 2, 5), QTime(14, 32, 17), Qt::UTC);
    e.message = message;
    return e;
}

// As T3 sends it: decimals as 8-decimal strings, the PnL as a number.
QJsonObject position(qint64 id, const QString &symbol = QStringLiteral("BTCUSDT"),
                     const QString &status = QStringLiteral("open"), qint64 brokerId = 13)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("broker_id"), brokerId},
                       {QStringLiteral("broker_name"), QStringLiteral("Bitget Dev")},
                       {QStringLiteral("symbol"), symbol},
                       {QStringLiteral("side"), QStringLiteral("buy")},
                       {QStringLiteral("quantity"), QStringLiteral("0.01000000")},
                       {QStringLiteral("entry_price"), QStringLiteral("43000.00000000")},
                       {QStringLiteral("current_price"), QStringLiteral("43500.0")},
                       {QStringLiteral("current_sl"), QStringLiteral("42000.00000000")},
                       {QStringLiteral("current_tp"), QStringLiteral("46000.00000000")},
                       {QStringLiteral("unrealized_pnl"), 5.0},
                       {QStringLiteral("realized_pnl"), QStringLiteral("0.00000000")},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("opened_at"), QStringLiteral("2026-02-05T14:30:00Z")},
                       {QStringLiteral("closed_at"), QJsonValue::Null},
                       {QStringLiteral("updated_at"), QStringLiteral("2026-02-05T14:32:17Z")}};
}

QJsonObject with(QJsonObject message, const QString &key, const QJsonValue &value)
{
    message.insert(key, value);
    return message;
}

QString cell(const Model &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

QList<MonitorEvent> websocketsEvents()
{
    return Fixtures::websocketsEvents();
}

QList<MonitorEvent> daphneEvents()
{
    return Fixtures::daphneEvents(QDateTime::currentDateTimeUtc());
}

} // namespace

class TestPositionsModel : public QObject
{
    Q_OBJECT

private slots:
    void empty();
    void headers();
    void fixturesOneBatch();
    void fixturesLineByLine();
    void openUpdateClose();
    void decimalsAsStringsOrNumbers_data();
    void decimalsAsStringsOrNumbers();
    void upsertByBrokerAndSymbol();
    void nullClearsAbsentKeeps();
    void totalsAcrossPositions();
    void batchSignals();
    void openAndCloseInOneBatch();
    void garbage_data();
    void garbage();
};

void TestPositionsModel::empty()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    QCOMPARE(model.columnCount(), 9);
    QCOMPARE(model.openCount(), 0);
    QCOMPARE(model.totalUnrealizedPnl(), 0.0);
}

void TestPositionsModel::headers()
{
    Model model;
    const QStringList expected{
        QStringLiteral("Symbol"),      QStringLiteral("Side"),    QStringLiteral("Quantity"),
        QStringLiteral("Entry"),       QStringLiteral("Current"), QStringLiteral("Stop loss"),
        QStringLiteral("Take profit"), QStringLiteral("PnL"),     QStringLiteral("Broker")};
    for (int section = 0; section < Model::ColumnCount; ++section)
        QCOMPARE(model.headerData(section, Qt::Horizontal, Qt::DisplayRole).toString(),
                 expected.at(section));
    QVERIFY(!model.headerData(0, Qt::Vertical, Qt::DisplayRole).isValid());
}

void TestPositionsModel::fixturesOneBatch()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    // Position 1 opens and closes within the batch: the views never hear of it.
    model.apply(websocketsEvents() + daphneEvents());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);

    // Without the closing line, it stays open.
    const QList<MonitorEvent> openOnly = websocketsEvents().mid(0, 5);
    model.apply(openOnly);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(cell(model, 0, Model::Symbol), QStringLiteral("BTCUSDT"));
    QCOMPARE(cell(model, 0, Model::Quantity), QStringLiteral("0.01"));
    QCOMPARE(cell(model, 0, Model::Entry), QStringLiteral("43000"));
    QCOMPARE(model.totalUnrealizedPnl(), 5.0);
}

void TestPositionsModel::fixturesLineByLine()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    int mostOpen = 0;
    for (const MonitorEvent &e : websocketsEvents() + daphneEvents()) {
        model.apply({e});
        mostOpen = std::max(mostOpen, model.openCount());
    }
    QCOMPARE(mostOpen, 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 0);
}

void TestPositionsModel::openUpdateClose()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.apply({positionEvent(position(1))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(cell(model, 0, Model::Symbol), QStringLiteral("BTCUSDT"));
    QCOMPARE(cell(model, 0, Model::Side), QStringLiteral("buy"));
    QCOMPARE(cell(model, 0, Model::Quantity), QStringLiteral("0.01"));
    QCOMPARE(cell(model, 0, Model::Entry), QStringLiteral("43000"));
    QCOMPARE(cell(model, 0, Model::Current), QStringLiteral("43500"));
    QCOMPARE(cell(model, 0, Model::StopLoss), QStringLiteral("42000"));
    QCOMPARE(cell(model, 0, Model::TakeProfit), QStringLiteral("46000"));
    QCOMPARE(cell(model, 0, Model::Pnl), QStringLiteral("5"));
    QCOMPARE(model.data(model.index(0, Model::Quantity), Model::SortRole).toDouble(), 0.01);
    QCOMPARE(model.data(model.index(0, Model::Entry), Model::SortRole).toDouble(), 43000.0);
    QCOMPARE(cell(model, 0, Model::Symbol, Model::BrokerRole), QStringLiteral("Bitget Dev"));
    QCOMPARE(cell(model, 0, Model::Broker), QStringLiteral("Bitget Dev"));
    QCOMPARE(cell(model, 0, Model::Symbol, Qt::ToolTipRole), QStringLiteral("Bitget Dev"));
    QVERIFY(!model.data(model.index(0, Model::Pnl), Qt::ForegroundRole).isValid());
    QCOMPARE(model.totalUnrealizedPnl(), 5.0);
    QCOMPARE(model.openCount(), 1);

    QJsonObject moved = position(1);
    moved.insert(QStringLiteral("current_price"), QStringLiteral("44050.12500000"));
    moved.insert(QStringLiteral("unrealized_pnl"), QStringLiteral("10.50"));
    model.apply({positionEvent(moved)});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(0, Model::ColumnCount - 1));
    QCOMPARE(cell(model, 0, Model::Current), QStringLiteral("44050.125"));
    QCOMPARE(cell(model, 0, Model::Pnl), QStringLiteral("10.5"));
    QCOMPARE(model.totalUnrealizedPnl(), 10.5);

    model.apply({positionEvent(with(moved, QStringLiteral("status"), QStringLiteral("closed")))});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.totalUnrealizedPnl(), 0.0);
    QCOMPARE(model.openCount(), 0);

    // Closed again, or an unknown position closed: nothing to remove.
    model.apply({positionEvent(with(moved, QStringLiteral("status"), QStringLiteral("closed"))),
                 positionEvent(position(7, QStringLiteral("ETHUSDT"), QStringLiteral("closed")))});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
}

void TestPositionsModel::decimalsAsStringsOrNumbers_data()
{
    QTest::addColumn<QJsonValue>("quantity");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<double>("raw");

    QTest::newRow("string, 8 decimals")
        << QJsonValue(QStringLiteral("0.01000000")) << QStringLiteral("0.01") << 0.01;
    QTest::newRow("number") << QJsonValue(0.01) << QStringLiteral("0.01") << 0.01;
    QTest::newRow("integer string")
        << QJsonValue(QStringLiteral("3")) << QStringLiteral("3") << 3.0;
    QTest::newRow("padded string")
        << QJsonValue(QStringLiteral(" 2.50 ")) << QStringLiteral("2.5") << 2.5;
    QTest::newRow("satoshis") << QJsonValue(QStringLiteral("0.00000001"))
                              << QStringLiteral("0.00000001") << 1e-8;
    QTest::newRow("big") << QJsonValue(1234567.5) << QStringLiteral("1234567.5") << 1234567.5;
    QTest::newRow("negative zero") << QJsonValue(-0.0) << QStringLiteral("0") << 0.0;
    QTest::newRow("short") << QJsonValue(-12.0) << QStringLiteral("-12") << -12.0;
}

void TestPositionsModel::decimalsAsStringsOrNumbers()
{
    QFETCH(QJsonValue, quantity);
    QFETCH(QString, shown);
    QFETCH(double, raw);

    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({positionEvent(with(position(1), QStringLiteral("quantity"), quantity))});
    QCOMPARE(cell(model, 0, Model::Quantity), shown);
    QCOMPARE(model.data(model.index(0, Model::Quantity), Model::SortRole).toDouble(), raw);
}

void TestPositionsModel::upsertByBrokerAndSymbol()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QJsonObject anonymous = position(0);
    anonymous.remove(QStringLiteral("id"));
    model.apply({positionEvent(anonymous)});
    QCOMPARE(model.rowCount(), 1);

    // Same broker and symbol, still without id: the same position.
    model.apply({positionEvent(with(anonymous, QStringLiteral("unrealized_pnl"), -2.0))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.totalUnrealizedPnl(), -2.0);

    // Now with its id: still the same one, found by (broker, symbol).
    model.apply({positionEvent(with(position(5), QStringLiteral("unrealized_pnl"), 3.0))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.totalUnrealizedPnl(), 3.0);

    // The same symbol at another broker is another position.
    model.apply(
        {positionEvent(position(6, QStringLiteral("BTCUSDT"), QStringLiteral("open"), 14))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.totalUnrealizedPnl(), 8.0);

    // Another id at the same broker and symbol is another position too (a hedge).
    model.apply({positionEvent(position(9))});
    QCOMPARE(model.rowCount(), 3);

    // Closing without id closes by (broker, symbol).
    model.apply(
        {positionEvent(with(anonymous, QStringLiteral("status"), QStringLiteral("closed")))});
    QCOMPARE(model.rowCount(), 2);
}

void TestPositionsModel::nullClearsAbsentKeeps()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({positionEvent(position(1))});

    // A position_update is the whole position: null means no stop loss any more.
    model.apply({positionEvent(with(position(1), QStringLiteral("current_sl"), QJsonValue::Null))});
    QCOMPARE(cell(model, 0, Model::StopLoss), QString());
    QVERIFY(!model.data(model.index(0, Model::StopLoss), Model::SortRole).isValid());
    QCOMPARE(cell(model, 0, Model::TakeProfit), QStringLiteral("46000"));

    // Absent or unreadable: unchanged.
    QJsonObject sparse{{QStringLiteral("id"), 1},
                       {QStringLiteral("status"), QStringLiteral("open")},
                       {QStringLiteral("current_price"), QStringLiteral("n/a")},
                       {QStringLiteral("side"), 3}};
    model.apply({positionEvent(sparse)});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, Model::Current), QStringLiteral("43500"));
    QCOMPARE(cell(model, 0, Model::Side), QStringLiteral("buy"));
    QCOMPARE(cell(model, 0, Model::Symbol), QStringLiteral("BTCUSDT"));
    QCOMPARE(cell(model, 0, Model::TakeProfit), QStringLiteral("46000"));
}

void TestPositionsModel::totalsAcrossPositions()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply(
        {positionEvent(with(position(1), QStringLiteral("unrealized_pnl"), QStringLiteral("5.25"))),
         positionEvent(
             with(position(2, QStringLiteral("ETHUSDT")), QStringLiteral("unrealized_pnl"), -1.75)),
         positionEvent(with(position(3, QStringLiteral("SOLUSDT")),
                            QStringLiteral("unrealized_pnl"), QJsonValue::Null))});
    QCOMPARE(model.openCount(), 3);
    QCOMPARE(model.totalUnrealizedPnl(), 3.5); // an unknown PnL counts as none
    QCOMPARE(cell(model, 2, Model::Pnl), QString());

    model.apply({positionEvent(position(1, QStringLiteral("BTCUSDT"), QStringLiteral("closed")))});
    QCOMPARE(model.openCount(), 2);
    QCOMPARE(model.totalUnrealizedPnl(), -1.75);
    QCOMPARE(cell(model, 0, Model::Symbol), QStringLiteral("ETHUSDT"));
    QCOMPARE(cell(model, 1, Model::Symbol), QStringLiteral("SOLUSDT"));
}

void TestPositionsModel::batchSignals()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<MonitorEvent> opens;
    for (int id = 0; id < 6; ++id)
        opens << positionEvent(position(id, QStringLiteral("S%1").arg(id)));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.apply(opens);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 5);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Close 1, 2 and 4, update 0 and 5, open 6: two removals, then rows 0 and 2 changed, one
    // insertion.
    model.apply({positionEvent(position(1, QStringLiteral("S1"), QStringLiteral("closed"))),
                 positionEvent(position(2, QStringLiteral("S2"), QStringLiteral("closed"))),
                 positionEvent(position(4, QStringLiteral("S4"), QStringLiteral("closed"))),
                 positionEvent(with(position(0, QStringLiteral("S0")), QStringLiteral("side"),
                                    QStringLiteral("sell"))),
                 positionEvent(with(position(5, QStringLiteral("S5")), QStringLiteral("side"),
                                    QStringLiteral("sell"))),
                 positionEvent(position(6, QStringLiteral("S6")))});
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.at(0).at(1).toInt(), 4); // bottom first
    QCOMPARE(removed.at(1).at(1).toInt(), 1);
    QCOMPARE(removed.at(1).at(2).toInt(), 2);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), model.index(2, 0));
    QCOMPARE(inserted.count(), 2);
    QStringList symbols;
    QStringList sides;
    for (int row = 0; row < model.rowCount(); ++row) {
        symbols << cell(model, row, Model::Symbol);
        sides << cell(model, row, Model::Side);
    }
    QCOMPARE(symbols, (QStringList{QStringLiteral("S0"), QStringLiteral("S3"), QStringLiteral("S5"),
                                   QStringLiteral("S6")}));
    QCOMPARE(sides, (QStringList{QStringLiteral("sell"), QStringLiteral("buy"),
                                 QStringLiteral("sell"), QStringLiteral("buy")}));
}

void TestPositionsModel::openAndCloseInOneBatch()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({positionEvent(position(1))});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // A shown one closed and opened again in one batch: a change, not a removal.
    model.apply({positionEvent(position(1, QStringLiteral("BTCUSDT"), QStringLiteral("closed"))),
                 positionEvent(with(position(1), QStringLiteral("quantity"), 0.02))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 0, Model::Quantity), QStringLiteral("0.02"));

    // A new one opened and closed in one batch: nothing at all.
    model.apply({positionEvent(position(2, QStringLiteral("ETHUSDT"))),
                 positionEvent(position(2, QStringLiteral("ETHUSDT"), QStringLiteral("closed")))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
}

void TestPositionsModel::garbage_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("rows");

    QTest::newRow("empty") << QByteArray("{}") << 0;
    QTest::newRow("no id nor symbol") << QByteArray(R"({"broker_id":13,"quantity":"1"})") << 0;
    QTest::newRow("symbol not text") << QByteArray(R"({"symbol":42,"status":"open"})") << 0;
    QTest::newRow("id not a number") << QByteArray(R"({"id":"one"})") << 0;
    QTest::newRow("id only") << QByteArray(R"({"id":1})") << 1;
    QTest::newRow("id as text") << QByteArray(R"({"id":"1","symbol":"BTCUSDT"})") << 1;
    QTest::newRow("symbol only") << QByteArray(R"({"symbol":"BTCUSDT"})") << 1;
    QTest::newRow("wrong types")
        << QByteArray(R"({"id":1,"symbol":[],"side":{},"quantity":"lots","entry_price":true,)"
                      R"("unrealized_pnl":"NaN","status":7})")
        << 1;
    QTest::newRow("closed unknown") << QByteArray(R"({"id":1,"status":"closed"})") << 0;
}

void TestPositionsModel::garbage()
{
    QFETCH(QByteArray, message);
    QFETCH(int, rows);

    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QJsonDocument document = QJsonDocument::fromJson(message);
    QVERIFY(document.isObject());
    model.apply({positionEvent(document.object()), positionEvent(document.object())});
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(model.totalUnrealizedPnl(), 0.0);
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int col = 0; col < Model::ColumnCount; ++col) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Model::SortRole),
                             int(Model::BrokerRole)})
                model.data(model.index(row, col), role);
        }
    }
}

QTEST_GUILESS_MAIN(TestPositionsModel)
#include "tst_positionsmodel.moc"
