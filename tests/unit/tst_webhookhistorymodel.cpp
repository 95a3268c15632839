// Unit tests of WebhookHistoryModel: receipt to verdict per row, matching without trace_id, newest
// first, bounded, and few signals per batch.
#include "JsonText.h"
#include "monitor/EventParser.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "support/Fixtures.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {

using Model = WebhookHistoryModel;

const QDateTime T0(QDate(2026, 2, 5), QTime(14, 32, 15, 123), Qt::UTC);
const QString Trace = QStringLiteral("6f1c2d4e-8a9b-4c3d-9e7f-0a1b2c3d4e5f");

QString iso(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

MonitorEvent monitorEvent(const QString &type, const QJsonObject &message)
{
    MonitorEvent e;
    e.type = type;
    e.source =
        type == QLatin1String("webhook_received") ? QStringLiteral("T6") : QStringLiteral("T3");
    e.ts = T0;
    e.message = message;
    return e;
}

MonitorEvent received(const QString &trace, const QString &status, const QDateTime &at,
                      qint64 brokerId = 13, const QString &action = QStringLiteral("BuyMarket"))
{
    return monitorEvent(QStringLiteral("webhook_received"),
                        QJsonObject{{QStringLiteral("trace_id"), trace},
                                    {QStringLiteral("received_at"), iso(at)},
                                    {QStringLiteral("source_ip"), QStringLiteral("52.89.214.238")},
                                    {QStringLiteral("status"), status},
                                    {QStringLiteral("listeners"), 1},
                                    {QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
                                    {QStringLiteral("exchange"), QStringLiteral("BINANCE")},
                                    {QStringLiteral("interval"), QStringLiteral("15m")},
                                    {QStringLiteral("action"), action},
                                    {QStringLiteral("prix"), 43500.0},
                                    {QStringLiteral("prix_sl"), QJsonValue::Null},
                                    {QStringLiteral("pour_cent"), 50},
                                    {QStringLiteral("user_id"), 1},
                                    {QStringLiteral("broker_id"), brokerId}});
}

// T3's verdict; without trace_id unless given, as Aristobot3 sends it today.
MonitorEvent update(qint64 id, const QString &status, const QDateTime &receivedAt,
                    const QString &trace = {}, qint64 brokerId = 13,
                    const QString &action = QStringLiteral("BuyMarket"))
{
    QJsonObject message{
        {QStringLiteral("id"), id},
        {QStringLiteral("broker_id"), brokerId},
        {QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("exchange_name"), QStringLiteral("BINANCE")},
        {QStringLiteral("action"), action},
        {QStringLiteral("prix"), QStringLiteral("43500.00000000")},
        {QStringLiteral("pour_cent"), QStringLiteral("50.00")},
        {QStringLiteral("status"), status},
        {QStringLiteral("order_id"),
         status == QLatin1String("processed") ? QStringLiteral("1234567890") : QString()},
        {QStringLiteral("error_message"),
         status == QLatin1String("error") ? QStringLiteral("Solde insuffisant") : QString()},
        // T3 writes +00:00 where T6 writes Z: both must be understood.
        {QStringLiteral("received_at"),
         receivedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'000+00:00'"))},
        {QStringLiteral("processed_at"), iso(receivedAt.addMSecs(250))}};
    if (!trace.isEmpty())
        message.insert(QStringLiteral("trace_id"), trace);
    return monitorEvent(QStringLiteral("webhook_update"), message);
}

QString cell(const Model &model, int row, int column, int role = Qt::DisplayRole)
{
    const QVariant value = model.data(model.index(row, column), role);
    // The status role holds the enum: compared by its wire name here.
    return role == Model::StatusRole ? statusName(value.value<WebhookStatus>()) : value.toString();
}

QStringList column(const Model &model, int columnNumber, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << cell(model, row, columnNumber, role);
    return values;
}

QList<MonitorEvent> websocketsEvents()
{
    return Fixtures::websocketsEvents();
}

QList<MonitorEvent> daphneEvents()
{
    return Fixtures::daphneEvents(T0);
}

} // namespace

class TestWebhookHistoryModel : public QObject
{
    Q_OBJECT

private slots:
    void empty();
    void headers();
    void theReceiverThatTookItIsShown();
    void fixturesOneBatch();
    void fixturesLineByLine();
    void lifecycleWithTrace();
    void updateWithoutTraceMatched();
    void updateWithoutTraceMatchesMostRecent();
    void updateWithoutTraceUnmatched_data();
    void updateWithoutTraceUnmatched();
    void errorVerdictShowsMessage();
    void absentOrNullKeepsValues();
    void lateReceiptKeepsVerdict();
    void ignoredTypes();
    void garbage_data();
    void garbage();
    void newestFirstOutOfOrder();
    void scatteredInsertsReset();
    void burstOfTwentyThousand();
    void dataChangedCoalesced();
    void evictionForgetsRows();
    void microsecondsAreCutNotRounded();
    void ownEventsAreToldByTheirPrefix();
};

void TestWebhookHistoryModel::empty()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    QCOMPARE(model.columnCount(), 13);
    QCOMPARE(model.capacity(), 10000);
    QCOMPARE(Model(0).capacity(), 1);
    QCOMPARE(model.rowOfTrace(Trace), -1);
    QCOMPARE(model.rowOfTrace(QString()), -1);
    model.apply({});
    QCOMPARE(model.rowCount(), 0);
}

void TestWebhookHistoryModel::headers()
{
    Model model;
    const QStringList expected{
        QStringLiteral("Date/Time"), QStringLiteral("Exchange"),  QStringLiteral("Symbol"),
        QStringLiteral("Action"),    QStringLiteral("Price"),     QStringLiteral("%"),
        QStringLiteral("Status"),    QStringLiteral("Order ID"),  QStringLiteral("Source IP"),
        QStringLiteral("Receiver"),  QStringLiteral("Listeners"), QStringLiteral("Latency"),
        QStringLiteral("Trace")};
    QCOMPARE(expected.size(), int(Model::ColumnCount));
    for (int section = 0; section < Model::ColumnCount; ++section)
        QCOMPARE(model.headerData(section, Qt::Horizontal, Qt::DisplayRole).toString(),
                 expected.at(section));
    QVERIFY(!model.headerData(0, Qt::Vertical, Qt::DisplayRole).isValid());
    QVERIFY(!model.headerData(Model::ColumnCount, Qt::Horizontal, Qt::DisplayRole).isValid());
    // The CSV export's names: the English titles whatever the language.
    for (int section = 0; section < Model::ColumnCount; ++section)
        QCOMPARE(Model::columnKey(section), expected.at(section));
}

void TestWebhookHistoryModel::theReceiverThatTookItIsShown()
{
    Model model;
    MonitorEvent east = received(QStringLiteral("t-east"), QStringLiteral("received"), T0);
    east.receiver = QStringLiteral("east");
    MonitorEvent step = received(QStringLiteral("t-east"), QStringLiteral("forwarded"), T0);
    step.receiver = QStringLiteral("another"); // a later step does not move it
    MonitorEvent unnamed = received(QStringLiteral("t-old"), QStringLiteral("received"), T0);
    model.apply({east, step, unnamed});
    QCOMPARE(model.rowCount(), 2);
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.index(row, Model::Receiver).data().toString();
    shown.sort();
    QCOMPARE(shown, (QStringList{QString(), QStringLiteral("east")}));
    QCOMPARE(model.details(model.rowOfTrace(QStringLiteral("t-east"))).receiver,
             QStringLiteral("east"));
}

// Both fixtures as they would arrive together: Redis events, then Daphne's bare frames, the
// verdict of webhook 42 coming twice (with trace_id from Redis, without it from Daphne).
void TestWebhookHistoryModel::fixturesOneBatch()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.apply(websocketsEvents() + daphneEvents());

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(changed.count(), 0); // every row was new in this batch
    QCOMPARE(removed.count(), 0);

    // Newest received first: the PING of 14:45, the error of 14:40, the order of 14:32.
    QCOMPARE(column(model, Model::Action),
             (QStringList{QStringLiteral("PING"), QStringLiteral("BuyMarket"),
                          QStringLiteral("BuyMarket")}));
    QCOMPARE(column(model, Model::Status),
             (QStringList{QStringLiteral("processed"), QStringLiteral("error"),
                          QStringLiteral("processed")}));
    QCOMPARE(column(model, Model::DateTime),
             (QStringList{QStringLiteral("2026-02-05 14:45:00.020"),
                          QStringLiteral("2026-02-05 14:40:01.500"),
                          QStringLiteral("2026-02-05 14:32:15.123")}));

    const int order = model.rowOfTrace(Trace);
    QCOMPARE(order, 2);
    QCOMPARE(cell(model, order, Model::Exchange), QStringLiteral("BINANCE"));
    QCOMPARE(cell(model, order, Model::Symbol), QStringLiteral("BTCUSDT"));
    QCOMPARE(cell(model, order, Model::Price), QStringLiteral("43500"));
    QCOMPARE(cell(model, order, Model::Percent), QStringLiteral("50"));
    QCOMPARE(cell(model, order, Model::OrderId), QStringLiteral("1234567890"));
    QCOMPARE(cell(model, order, Model::SourceIp), QStringLiteral("52.89.214.238"));
    QCOMPARE(cell(model, order, Model::Listeners), QStringLiteral("1"));
    // T6's receipt (14:32:15.123456) to T3's processed_at (14:32:16.901234), in whole ms.
    QCOMPARE(cell(model, order, Model::Latency), QStringLiteral("1778 ms"));
    QCOMPARE(model.data(model.index(order, Model::Latency), Model::SortRole).toLongLong(), 1778);
    QCOMPARE(cell(model, order, Model::Trace), Trace);
    QCOMPARE(cell(model, order, Model::Status, Model::TraceRole), Trace);
    QVERIFY(cell(model, order, Model::Status, Model::ErrorRole).isEmpty());

    // Webhook 43 has no receipt here (another receiver, or before we started): its own row.
    QCOMPARE(cell(model, 1, Model::Symbol), QStringLiteral("ETHUSDT"));
    QCOMPARE(cell(model, 1, Model::Exchange), QString());
    QCOMPARE(cell(model, 1, Model::Latency), QStringLiteral("500 ms"));
    QCOMPARE(cell(model, 1, Model::Trace), QString());
    QCOMPARE(
        cell(model, 1, Model::Status, Model::ErrorRole),
        QStringLiteral("Exchange Bitget pas configure pour webhooks (type_de_trading=Strategie)"));

    // The PING has no price: blank, not 0.
    QCOMPARE(cell(model, 0, Model::Price), QString());
    QVERIFY(!model.data(model.index(0, Model::Price), Model::SortRole).isValid());
    QCOMPARE(cell(model, 0, Model::Percent), QStringLiteral("100"));
    QCOMPARE(model.data(model.index(0, Model::Percent), Model::SortRole).toDouble(), 100.0);
    QCOMPARE(cell(model, 0, Model::Latency), QStringLiteral("11 ms"));
}

void TestWebhookHistoryModel::fixturesLineByLine()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    for (const MonitorEvent &e : websocketsEvents() + daphneEvents())
        model.apply({e});

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 3);
    // The order's verdict from Redis, then the same verdict again from Daphne.
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.rowOfTrace(Trace), 2);
    QCOMPARE(cell(model, 2, Model::Status), QStringLiteral("processed"));
    QCOMPARE(cell(model, 2, Model::Latency), QStringLiteral("1778 ms"));
    QCOMPARE(column(model, Model::Status, Model::StatusRole),
             (QStringList{QStringLiteral("processed"), QStringLiteral("error"),
                          QStringLiteral("processed")}));
}

void TestWebhookHistoryModel::lifecycleWithTrace()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(QStringLiteral("older"), QStringLiteral("forwarded"), T0.addSecs(-60))});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.apply({received(Trace, QStringLiteral("received"), T0)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowOfTrace(Trace), 0);
    QCOMPARE(cell(model, 0, Model::Status), QStringLiteral("received"));
    QCOMPARE(cell(model, 0, Model::Latency), QString());

    model.apply({received(Trace, QStringLiteral("forwarded"), T0)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(0, Model::ColumnCount - 1));
    QCOMPARE(cell(model, 0, Model::Status, Model::StatusRole), QStringLiteral("forwarded"));

    model.apply({update(42, QStringLiteral("processed"), T0.addMSecs(7), Trace)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(cell(model, 0, Model::Status), QStringLiteral("processed"));
    QCOMPARE(cell(model, 0, Model::OrderId), QStringLiteral("1234567890"));
    // From T6's receipt, not T3's own received_at 7 ms later.
    QCOMPARE(cell(model, 0, Model::Latency), QStringLiteral("257 ms"));
    QCOMPARE(model.data(model.index(0, Model::DateTime), Model::SortRole).toDateTime(), T0);
    // The other row is untouched.
    QCOMPARE(cell(model, 1, Model::Status), QStringLiteral("forwarded"));
    QCOMPARE(cell(model, 1, Model::Trace), QStringLiteral("older"));
}

void TestWebhookHistoryModel::updateWithoutTraceMatched()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(Trace, QStringLiteral("forwarded"), T0)});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.apply({update(42, QStringLiteral("processed"), T0.addSecs(30))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 0, Model::Status), QStringLiteral("processed"));
    QCOMPARE(cell(model, 0, Model::Trace), Trace);
    QCOMPARE(cell(model, 0, Model::SourceIp), QStringLiteral("52.89.214.238"));
    QCOMPARE(cell(model, 0, Model::Latency), QStringLiteral("30250 ms"));

    // The same verdict again (Daphne after Redis): found by its id, still one row.
    model.apply({update(42, QStringLiteral("processed"), T0.addSecs(30))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowOfTrace(Trace), 0);
}

void TestWebhookHistoryModel::updateWithoutTraceMatchesMostRecent()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(QStringLiteral("first"), QStringLiteral("forwarded"), T0),
                 received(QStringLiteral("second"), QStringLiteral("forwarded"), T0.addSecs(10))});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.apply({update(1, QStringLiteral("processed"), T0.addSecs(20))});
    QCOMPARE(cell(model, model.rowOfTrace(QStringLiteral("second")), Model::Status),
             QStringLiteral("processed"));
    QCOMPARE(cell(model, model.rowOfTrace(QStringLiteral("first")), Model::Status),
             QStringLiteral("forwarded"));

    // The second has its verdict: the next one goes to the first.
    model.apply({update(2, QStringLiteral("error"), T0.addSecs(25))});
    QCOMPARE(cell(model, model.rowOfTrace(QStringLiteral("first")), Model::Status),
             QStringLiteral("error"));
    QCOMPARE(cell(model, model.rowOfTrace(QStringLiteral("second")), Model::Status),
             QStringLiteral("processed"));

    // Nobody waits any more: a third verdict is a row of its own.
    model.apply({update(3, QStringLiteral("processed"), T0.addSecs(26))});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(cell(model, 0, Model::Trace), QString());
    QCOMPARE(cell(model, 0, Model::Status), QStringLiteral("processed"));
}

void TestWebhookHistoryModel::updateWithoutTraceUnmatched_data()
{
    QTest::addColumn<qint64>("offsetMs"); // update's received_at minus the receipt's
    QTest::addColumn<qint64>("brokerId");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("receiptStatus");
    QTest::addColumn<bool>("matched");

    const QString buy = QStringLiteral("BuyMarket");
    const QString forwarded = QStringLiteral("forwarded");
    QTest::newRow("at once") << qint64(0) << qint64(13) << buy << forwarded << true;
    QTest::newRow("120 s later") << qint64(120000) << qint64(13) << buy << forwarded << true;
    QTest::newRow("120.001 s later") << qint64(120001) << qint64(13) << buy << forwarded << false;
    QTest::newRow("121 s later") << qint64(121000) << qint64(13) << buy << forwarded << false;
    QTest::newRow("before the receipt") << qint64(-1000) << qint64(13) << buy << forwarded << false;
    QTest::newRow("other broker") << qint64(1000) << qint64(14) << buy << forwarded << false;
    QTest::newRow("other action") << qint64(1000) << qint64(13) << QStringLiteral("SellMarket")
                                  << forwarded << false;
    QTest::newRow("queued receipt")
        << qint64(1000) << qint64(13) << buy << QStringLiteral("queued") << true;
    QTest::newRow("rejected receipt")
        << qint64(1000) << qint64(13) << buy << QStringLiteral("rejected") << false;
    QTest::newRow("duplicate receipt")
        << qint64(1000) << qint64(13) << buy << QStringLiteral("duplicate") << false;
}

void TestWebhookHistoryModel::updateWithoutTraceUnmatched()
{
    QFETCH(qint64, offsetMs);
    QFETCH(qint64, brokerId);
    QFETCH(QString, action);
    QFETCH(QString, receiptStatus);
    QFETCH(bool, matched);

    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(Trace, receiptStatus, T0)});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.apply(
        {update(42, QStringLiteral("processed"), T0.addMSecs(offsetMs), {}, brokerId, action)});

    const int receipt = model.rowOfTrace(Trace);
    QVERIFY(receipt >= 0);
    if (matched) {
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(cell(model, receipt, Model::Status), QStringLiteral("processed"));
        QCOMPARE(cell(model, receipt, Model::OrderId), QStringLiteral("1234567890"));
    } else {
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(cell(model, receipt, Model::Status), receiptStatus);
        QCOMPARE(cell(model, receipt, Model::OrderId), QString());
        const int own = 1 - receipt;
        QCOMPARE(cell(model, own, Model::Status), QStringLiteral("processed"));
        QCOMPARE(cell(model, own, Model::Trace), QString());
        QCOMPARE(cell(model, own, Model::Latency), QStringLiteral("250 ms"));
        QCOMPARE(cell(model, own, Model::Action), action);
    }
}

void TestWebhookHistoryModel::errorVerdictShowsMessage()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(Trace, QStringLiteral("forwarded"), T0),
                 update(43, QStringLiteral("error"), T0.addMSecs(5))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, Model::Status), QStringLiteral("error"));
    QCOMPARE(cell(model, 0, Model::Status, Model::StatusRole), QStringLiteral("error"));
    QCOMPARE(cell(model, 0, Model::Symbol, Model::ErrorRole), QStringLiteral("Solde insuffisant"));
    QCOMPARE(cell(model, 0, Model::Status, Qt::ToolTipRole), QStringLiteral("Solde insuffisant"));
    QCOMPARE(cell(model, 0, Model::OrderId), QString());
    QVERIFY(!model.data(model.index(0, Model::Status), Qt::ForegroundRole).isValid());
    QVERIFY(!model.data(model.index(0, Model::Status), Qt::DecorationRole).isValid());

    // A rejection's reason is its error too.
    MonitorEvent rejected =
        received(QStringLiteral("r1"), QStringLiteral("rejected"), T0.addSecs(1));
    rejected.message.insert(QStringLiteral("reason"), QStringLiteral("Invalid token"));
    model.apply({rejected});
    QCOMPARE(model.rowOfTrace(QStringLiteral("r1")), 0);
    QCOMPARE(cell(model, 0, Model::Status, Model::ErrorRole), QStringLiteral("Invalid token"));
    QCOMPARE(cell(model, 0, Model::Status, Qt::ToolTipRole), QStringLiteral("Invalid token"));
}

void TestWebhookHistoryModel::absentOrNullKeepsValues()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(Trace, QStringLiteral("received"), T0)});

    const QJsonObject sparse{{QStringLiteral("trace_id"), Trace},
                             {QStringLiteral("status"), QStringLiteral("forwarded")},
                             {QStringLiteral("listeners"), 2},
                             {QStringLiteral("prix"), QJsonValue::Null},
                             {QStringLiteral("exchange"), QString()},
                             {QStringLiteral("received_at"), QJsonValue::Null}};
    model.apply({monitorEvent(QStringLiteral("webhook_received"), sparse)});

    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, Model::Status), QStringLiteral("forwarded"));
    QCOMPARE(cell(model, 0, Model::Listeners), QStringLiteral("2"));
    QCOMPARE(model.data(model.index(0, Model::Listeners), Model::SortRole).toLongLong(), 2);
    QCOMPARE(cell(model, 0, Model::Price), QStringLiteral("43500"));
    QCOMPARE(cell(model, 0, Model::Exchange), QStringLiteral("BINANCE"));
    QCOMPARE(cell(model, 0, Model::Symbol), QStringLiteral("BTCUSDT"));
    QCOMPARE(cell(model, 0, Model::DateTime), QStringLiteral("2026-02-05 14:32:15.123"));

    // A PING verdict with prix null keeps the receipt's price as well.
    MonitorEvent verdict = update(42, QStringLiteral("processed"), T0.addMSecs(3), Trace);
    verdict.message.insert(QStringLiteral("prix"), QJsonValue::Null);
    verdict.message.insert(QStringLiteral("exchange_name"), QString());
    model.apply({verdict});
    QCOMPARE(cell(model, 0, Model::Price), QStringLiteral("43500"));
    QCOMPARE(cell(model, 0, Model::Exchange), QStringLiteral("BINANCE"));
}

void TestWebhookHistoryModel::lateReceiptKeepsVerdict()
{
    // T6's and T3's events travel separately: the verdict may overtake the "forwarded".
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(Trace, QStringLiteral("received"), T0),
                 update(42, QStringLiteral("processed"), T0.addMSecs(5), Trace)});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    MonitorEvent late = received(Trace, QStringLiteral("forwarded"), T0);
    late.message.insert(QStringLiteral("listeners"), 3);
    model.apply({late});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 0, Model::Status), QStringLiteral("processed"));
    QCOMPARE(cell(model, 0, Model::Listeners), QStringLiteral("3"));

    // Nor does a repeated "received" undo "forwarded".
    model.apply({received(QStringLiteral("t2"), QStringLiteral("forwarded"), T0.addSecs(1)),
                 received(QStringLiteral("t2"), QStringLiteral("received"), T0.addSecs(1))});
    QCOMPARE(cell(model, model.rowOfTrace(QStringLiteral("t2")), Model::Status),
             QStringLiteral("forwarded"));
}

void TestWebhookHistoryModel::ignoredTypes()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QList<MonitorEvent> others;
    for (const MonitorEvent &e : websocketsEvents()) {
        if (!e.type.startsWith(QLatin1String("webhook_")))
            others << e;
    }
    QCOMPARE(others.size(), 8);
    // A position or a terminal with a trace_id is still no webhook.
    MonitorEvent impostor = others.first();
    impostor.message.insert(QStringLiteral("trace_id"), Trace);
    others << impostor;
    model.apply(others);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(reset.count(), 0);
}

void TestWebhookHistoryModel::garbage_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("rows");

    const QString receivedType = QStringLiteral("webhook_received");
    const QString updateType = QStringLiteral("webhook_update");
    QTest::newRow("received, empty") << receivedType << QByteArray("{}") << 0;
    QTest::newRow("received, trace_id number")
        << receivedType << QByteArray(R"({"trace_id":5})") << 0;
    QTest::newRow("received, trace_id blank")
        << receivedType << QByteArray(R"({"trace_id":"  ","symbol":"X"})") << 0;
    QTest::newRow("received, trace_id object")
        << receivedType << QByteArray(R"({"trace_id":{"a":1},"status":"received"})") << 0;
    QTest::newRow("received, trace only") << receivedType << QByteArray(R"({"trace_id":"t"})") << 1;
    QTest::newRow("received, wrong types")
        << receivedType
        << QByteArray(R"({"trace_id":"t","received_at":"yesterday","listeners":"many","prix":[1],)"
                      R"("pour_cent":{},"broker_id":"x","symbol":7,"status":false})")
        << 1;
    QTest::newRow("update, empty") << updateType << QByteArray("{}") << 0;
    QTest::newRow("update, no id nor trace")
        << updateType
        << QByteArray(R"({"broker_id":13,"symbol":"BTCUSDT","action":"BuyMarket",)"
                      R"("status":"processed","received_at":"2026-02-05T14:32:15Z"})")
        << 0;
    QTest::newRow("update, id text") << updateType << QByteArray(R"({"id":"abc"})") << 0;
    QTest::newRow("update, id fraction") << updateType << QByteArray(R"({"id":1.5})") << 0;
    QTest::newRow("update, id huge") << updateType << QByteArray(R"({"id":1e300})") << 0;
    QTest::newRow("update, id as text") << updateType << QByteArray(R"({"id":"42"})") << 1;
    QTest::newRow("update, id only") << updateType << QByteArray(R"({"id":42})") << 1;
    QTest::newRow("update, trace only") << updateType << QByteArray(R"({"trace_id":"t"})") << 1;
    QTest::newRow("update, wrong types")
        << updateType
        << QByteArray(R"({"id":42,"status":3,"order_id":[],"error_message":{},"prix":"n/a",)"
                      R"("received_at":true,"processed_at":"soon","broker_id":null})")
        << 1;
}

void TestWebhookHistoryModel::garbage()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, message);
    QFETCH(int, rows);

    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QJsonDocument document = QJsonDocument::fromJson(message);
    QVERIFY(document.isObject());
    const MonitorEvent e = monitorEvent(type, document.object());
    model.apply({e, e}); // twice: the second finds the first, or nothing again
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(inserted.count(), rows > 0 ? 1 : 0);
    // Every cell answers, whatever it holds.
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int col = 0; col < Model::ColumnCount; ++col) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Model::StatusRole),
                             int(Model::TraceRole), int(Model::ErrorRole), int(Model::SortRole)})
                model.data(model.index(row, col), role);
        }
    }
    // A garbage event after real ones leaves them alone.
    model.apply({received(Trace, QStringLiteral("forwarded"), T0), e});
    QCOMPARE(model.rowCount(), rows + 1);
    QCOMPARE(cell(model, model.rowOfTrace(Trace), Model::Status), QStringLiteral("forwarded"));
}

void TestWebhookHistoryModel::newestFirstOutOfOrder()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.apply({received(QStringLiteral("b"), QStringLiteral("forwarded"), T0.addSecs(2)),
                 received(QStringLiteral("d"), QStringLiteral("forwarded"), T0.addSecs(4)),
                 received(QStringLiteral("a"), QStringLiteral("forwarded"), T0.addSecs(1))});
    QCOMPARE(column(model, Model::Trace),
             (QStringList{QStringLiteral("d"), QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(inserted.count(), 1);

    // A late one lands between, with the rows around it in place.
    model.apply({received(QStringLiteral("c"), QStringLiteral("forwarded"), T0.addSecs(3))});
    QCOMPARE(column(model, Model::Trace), (QStringList{QStringLiteral("d"), QStringLiteral("c"),
                                                       QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(inserted.at(1).at(2).toInt(), 1);

    // A newer and an older one in one batch: one insertion each place.
    model.apply({received(QStringLiteral("e"), QStringLiteral("forwarded"), T0.addSecs(5)),
                 received(QStringLiteral("0"), QStringLiteral("forwarded"), T0)});
    QCOMPARE(column(model, Model::Trace),
             (QStringList{QStringLiteral("e"), QStringLiteral("d"), QStringLiteral("c"),
                          QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("0")}));
    QCOMPARE(inserted.count(), 4);
    QCOMPARE(inserted.at(2).at(1).toInt(), 0);
    QCOMPARE(inserted.at(3).at(1).toInt(), 5);

    // A later update does not move its row, even where its received_at differs.
    model.apply({update(9, QStringLiteral("processed"), T0.addSecs(60), QStringLiteral("a"))});
    QCOMPARE(model.rowOfTrace(QStringLiteral("a")), 4);
}

void TestWebhookHistoryModel::scatteredInsertsReset()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<MonitorEvent> even;
    QList<MonitorEvent> odd;
    for (int i = 0; i < 200; ++i) {
        (i % 2 ? odd : even) << received(QStringLiteral("t%1").arg(i, 3, 10, QLatin1Char('0')),
                                         QStringLiteral("forwarded"), T0.addSecs(i));
    }
    model.apply(even);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // 100 rows each between two shown ones: one reset, not 100 insertions.
    model.apply(odd);
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(reset.count(), 1);
    for (int row = 0; row < 200; ++row)
        QCOMPARE(cell(model, row, Model::Trace),
                 QStringLiteral("t%1").arg(199 - row, 3, 10, QLatin1Char('0')));
    // The indexes survived the reset.
    QCOMPARE(model.rowOfTrace(QStringLiteral("t000")), 199);
    model.apply({received(QStringLiteral("t000"), QStringLiteral("expired"), T0)});
    QCOMPARE(cell(model, 199, Model::Status), QStringLiteral("expired"));
}

void TestWebhookHistoryModel::burstOfTwentyThousand()
{
    constexpr int Burst = 20000;
    constexpr int Capacity = 10000;
    Model model(Capacity);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    const auto burst = [](int from) {
        QList<MonitorEvent> events;
        events.reserve(Burst);
        for (int i = from; i < from + Burst; ++i)
            events << received(QStringLiteral("t%1").arg(i), QStringLiteral("forwarded"),
                               T0.addMSecs(i));
        return events;
    };
    const QList<MonitorEvent> first = burst(0);
    QElapsedTimer timer;
    timer.start();
    model.apply(first);
    qInfo("20 000 new webhooks into an empty model: %lld ms", qlonglong(timer.elapsed()));

    QCOMPARE(model.rowCount(), Capacity);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(cell(model, 0, Model::Trace), QStringLiteral("t19999"));
    QCOMPARE(cell(model, Capacity - 1, Model::Trace), QStringLiteral("t10000"));
    QCOMPARE(model.rowOfTrace(QStringLiteral("t9999")), -1);
    QCOMPARE(model.rowOfTrace(QStringLiteral("t10000")), Capacity - 1);

    // A second burst, newer: the first leaves in one removal, the second comes in one insertion.
    const QList<MonitorEvent> second = burst(Burst);
    timer.restart();
    model.apply(second);
    qInfo("20 000 new webhooks into a full model: %lld ms", qlonglong(timer.elapsed()));
    QCOMPARE(model.rowCount(), Capacity);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), Capacity - 1);
    QCOMPARE(cell(model, 0, Model::Trace), QStringLiteral("t39999"));
    QCOMPARE(cell(model, Capacity - 1, Model::Trace), QStringLiteral("t30000"));

    // The same burst again only updates shown rows: one dataChanged for the whole table.
    timer.restart();
    model.apply(second);
    qInfo("20 000 updates of shown webhooks: %lld ms", qlonglong(timer.elapsed()));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(),
             model.index(Capacity - 1, Model::ColumnCount - 1));

    // Older than everything shown, with the table full: nothing to show, nothing signalled.
    model.apply(first);
    QCOMPARE(model.rowCount(), Capacity);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, Capacity - 1, Model::Trace), QStringLiteral("t30000"));
}

void TestWebhookHistoryModel::dataChangedCoalesced()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<MonitorEvent> receipts;
    for (int i = 0; i < 100; ++i)
        receipts << received(QStringLiteral("t%1").arg(i), QStringLiteral("received"),
                             T0.addSecs(i));
    model.apply(receipts); // row r holds t(99 - r)
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Two contiguous runs: rows 10-19 and 50-52.
    QList<MonitorEvent> forwards;
    for (int i : {89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 49, 48, 47})
        forwards << received(QStringLiteral("t%1").arg(i), QStringLiteral("forwarded"),
                             T0.addSecs(i));
    model.apply(forwards);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(10, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(19, Model::ColumnCount - 1));
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), model.index(50, 0));
    QCOMPARE(changed.at(1).at(1).value<QModelIndex>(), model.index(52, Model::ColumnCount - 1));

    // Every other row: one covering range rather than 50 signals.
    changed.clear();
    QList<MonitorEvent> scattered;
    for (int i = 0; i < 100; i += 2)
        scattered << received(QStringLiteral("t%1").arg(i), QStringLiteral("streamed"),
                              T0.addSecs(i));
    model.apply(scattered);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(1, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(99, Model::ColumnCount - 1));
    QCOMPARE(cell(model, 99, Model::Status), QStringLiteral("streamed"));
    QCOMPARE(cell(model, 98, Model::Status), QStringLiteral("received"));
}

void TestWebhookHistoryModel::evictionForgetsRows()
{
    Model model(2);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.apply({received(QStringLiteral("t1"), QStringLiteral("forwarded"), T0)});
    model.apply({received(QStringLiteral("t2"), QStringLiteral("forwarded"), T0.addSecs(1))});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.apply({received(QStringLiteral("t3"), QStringLiteral("forwarded"), T0.addSecs(2))});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowOfTrace(QStringLiteral("t1")), -1);

    // t1's verdict finds no waiting t1 (it left), nor t2 (received after it): its own row, which
    // is older than both shown ones, so the full table does not take it.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.apply({update(1, QStringLiteral("processed"), T0.addMSecs(500))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(column(model, Model::Status),
             (QStringList{QStringLiteral("forwarded"), QStringLiteral("forwarded")}));
}

void TestWebhookHistoryModel::microsecondsAreCutNotRounded()
{
    // T6 stamps receipts to the microsecond; rounding them to the millisecond could put a
    // receipt after the step that followed it within the same millisecond.
    QCOMPARE(EventParser::timestamp(QJsonValue(QStringLiteral("2026-02-05T14:32:15.123999"))), T0);
    QCOMPARE(EventParser::timestamp(QJsonValue(QStringLiteral("2026-02-05T14:32:15.123999Z"))), T0);
    QCOMPARE(EventParser::timestamp(QJsonValue(QStringLiteral("2026-02-05T16:32:15.1239+02:00"))),
             T0);
    QCOMPARE(EventParser::timestamp(QJsonValue(QStringLiteral("2026-02-05T14:32:15.123"))), T0);
}

void TestWebhookHistoryModel::ownEventsAreToldByTheirPrefix()
{
    // The monitor drops its own receiver's events from the channel by this prefix, unparsed.
    const QByteArray prefix =
        JsonText::eventPrefix(QStringLiteral("webhook_received"), QStringLiteral("T6")) + ',';
    QVERIFY(EventParser::serialize(received(Trace, QStringLiteral("forwarded"), T0))
                .startsWith(prefix));
    MonitorEvent verdict = received(Trace, QStringLiteral("processed"), T0);
    verdict.source = QStringLiteral("T3");
    QVERIFY(!EventParser::serialize(verdict).startsWith(prefix));
}

QTEST_GUILESS_MAIN(TestWebhookHistoryModel)
#include "tst_webhookhistorymodel.moc"
