// Unit tests of RecentWebhooksModel: newest first, bounded, rows follow their webhook.
#include "monitor/RecentWebhooksModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

using Model = RecentWebhooksModel;

WebhookSummary summary(const QString &traceId, const QString &symbol = QStringLiteral("BTCUSDT"))
{
    WebhookSummary s;
    s.traceId = traceId;
    s.receivedAt = QStringLiteral("2026-02-05T14:32:15.123456");
    s.sourceIp = QStringLiteral("52.89.214.238");
    s.status = QStringLiteral("received");
    s.httpStatus = 200;
    s.symbol = symbol;
    s.exchange = QStringLiteral("BINANCE");
    s.interval = QStringLiteral("15m");
    s.action = QStringLiteral("BuyMarket");
    s.prix = QStringLiteral("43500");
    return s;
}

QStringList traces(const Model &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.data(model.index(row, Model::Trace)).toString();
    return ids;
}

} // namespace

class TestRecentWebhooksModel : public QObject
{
    Q_OBJECT

private slots:
    void empty();
    void headers();
    void addInsertsAtTop();
    void displayAndRoles();
    void rejectedRowShowsReason();
    void capacityBound();
    void capacityAtLeastOne();
    void setFateForwarded();
    void setFateForwardedZeroListeners();
    void setFateForwardedUnknownTrace();
    void setFateForwardedAfterEviction();
};

void TestRecentWebhooksModel::empty()
{
    Model model(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    QCOMPARE(model.columnCount(), 9);
    QVERIFY(!model.index(0, 0).isValid());
}

void TestRecentWebhooksModel::headers()
{
    Model model;
    const QStringList expected{
        QStringLiteral("Received (UTC)"), QStringLiteral("Source IP"), QStringLiteral("Exchange"),
        QStringLiteral("Symbol"),         QStringLiteral("Action"),    QStringLiteral("Price"),
        QStringLiteral("Status"),         QStringLiteral("Listeners"), QStringLiteral("Trace")};
    for (int column = 0; column < Model::ColumnCount; ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
                 expected.at(column));
    QVERIFY(!model.headerData(0, Qt::Vertical, Qt::DisplayRole).isValid());
    QVERIFY(!model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
}

void TestRecentWebhooksModel::addInsertsAtTop()
{
    Model model(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy aboutToInsert(&model, &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.add(summary(QStringLiteral("t1")));
    model.add(summary(QStringLiteral("t2")));
    model.add(summary(QStringLiteral("t3")));

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(traces(model),
             (QStringList{QStringLiteral("t3"), QStringLiteral("t2"), QStringLiteral("t1")}));
    QCOMPARE(model.at(0).traceId, QStringLiteral("t3"));
    QCOMPARE(model.at(2).traceId, QStringLiteral("t1"));
    QCOMPARE(aboutToInsert.count(), 3);
    QCOMPARE(inserted.count(), 3);
    for (const QList<QVariant> &args : std::as_const(inserted)) {
        QVERIFY(!args.at(0).value<QModelIndex>().isValid());
        QCOMPARE(args.at(1).toInt(), 0);
        QCOMPARE(args.at(2).toInt(), 0);
    }
    QCOMPARE(removed.count(), 0);
}

void TestRecentWebhooksModel::displayAndRoles()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(summary(QStringLiteral("6f1c2d4e-8a9b-4c3d-9e7f-0a1b2c3d4e5f")));

    const auto cell = [&model](int column, int role = Qt::DisplayRole) {
        return model.data(model.index(0, column), role);
    };
    QCOMPARE(cell(Model::Time).toString(), QStringLiteral("2026-02-05T14:32:15.123456"));
    QCOMPARE(cell(Model::SourceIp).toString(), QStringLiteral("52.89.214.238"));
    QCOMPARE(cell(Model::Exchange).toString(), QStringLiteral("BINANCE"));
    QCOMPARE(cell(Model::Symbol).toString(), QStringLiteral("BTCUSDT"));
    QCOMPARE(cell(Model::Action).toString(), QStringLiteral("BuyMarket"));
    QCOMPARE(cell(Model::Price).toString(), QStringLiteral("43500"));
    QCOMPARE(cell(Model::Status).toString(), QStringLiteral("received"));
    QVERIFY(!cell(Model::Listeners).isValid()); // not forwarded yet: no count to show
    QCOMPARE(cell(Model::Trace).toString(), QStringLiteral("6f1c2d4e-8a9b-4c3d-9e7f-0a1b2c3d4e5f"));
    QCOMPARE(cell(Model::Symbol, Qt::ToolTipRole).toString(), QStringLiteral("BTCUSDT"));

    // Raw values in the data roles, whatever the column.
    for (int column = 0; column < Model::ColumnCount; ++column) {
        QCOMPARE(cell(column, Model::StatusRole).toString(), QStringLiteral("received"));
        QCOMPARE(cell(column, Model::HttpStatusRole).toInt(), 200);
        QVERIFY(!cell(column, Qt::DecorationRole).isValid());
        QVERIFY(!cell(column, Qt::ForegroundRole).isValid());
    }
}

void TestRecentWebhooksModel::rejectedRowShowsReason()
{
    Model model;
    WebhookSummary rejected = summary(QStringLiteral("t1"));
    rejected.status = QStringLiteral("rejected");
    rejected.httpStatus = 401;
    rejected.reason = QStringLiteral("Invalid token");
    model.add(rejected);

    QCOMPARE(model.data(model.index(0, Model::Status)).toString(), QStringLiteral("rejected 401"));
    QCOMPARE(model.data(model.index(0, Model::Status), Qt::ToolTipRole).toString(),
             QStringLiteral("Invalid token"));
    QCOMPARE(model.data(model.index(0, Model::Status), Model::StatusRole).toString(),
             QStringLiteral("rejected"));
    QCOMPARE(model.data(model.index(0, Model::Status), Model::HttpStatusRole).toInt(), 401);
}

void TestRecentWebhooksModel::capacityBound()
{
    Model model(3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    for (int i = 1; i <= 3; ++i)
        model.add(summary(QStringLiteral("t%1").arg(i)));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(removed.count(), 0);

    model.add(summary(QStringLiteral("t4")));
    model.add(summary(QStringLiteral("t5")));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(traces(model),
             (QStringList{QStringLiteral("t5"), QStringLiteral("t4"), QStringLiteral("t3")}));
    // Each add drops the oldest row, the one at the bottom.
    QCOMPARE(removed.count(), 2);
    for (const QList<QVariant> &args : std::as_const(removed)) {
        QVERIFY(!args.at(0).value<QModelIndex>().isValid());
        QCOMPARE(args.at(1).toInt(), 3);
        QCOMPARE(args.at(2).toInt(), 3);
    }

    for (int i = 6; i <= 100; ++i)
        model.add(summary(QStringLiteral("t%1").arg(i)));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(traces(model),
             (QStringList{QStringLiteral("t100"), QStringLiteral("t99"), QStringLiteral("t98")}));
}

void TestRecentWebhooksModel::capacityAtLeastOne()
{
    Model model(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(summary(QStringLiteral("t1")));
    model.add(summary(QStringLiteral("t2")));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(traces(model), QStringList{QStringLiteral("t2")});
}

void TestRecentWebhooksModel::setFateForwarded()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(summary(QStringLiteral("t1"), QStringLiteral("ETHUSDT")));
    model.add(summary(QStringLiteral("t2"), QStringLiteral("BTCUSDT")));
    model.add(summary(QStringLiteral("t3"), QStringLiteral("SOLUSDT")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.setFate(QStringLiteral("t2"), Fate::Forwarded, 2); // row 1

    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft, model.index(1, 0));
    QCOMPARE(bottomRight, model.index(1, Model::ColumnCount - 1));

    QCOMPARE(model.at(1).traceId, QStringLiteral("t2"));
    QCOMPARE(model.at(1).status, QStringLiteral("forwarded"));
    QCOMPARE(model.at(1).listeners, qint64(2));
    QCOMPARE(model.data(model.index(1, Model::Status)).toString(), QStringLiteral("forwarded"));
    QCOMPARE(model.data(model.index(1, Model::Status), Model::StatusRole).toString(),
             QStringLiteral("forwarded"));
    QCOMPARE(model.data(model.index(1, Model::Listeners)).toLongLong(), qint64(2));
    QCOMPARE(model.data(model.index(1, Model::Symbol)).toString(), QStringLiteral("BTCUSDT"));

    // The other rows are untouched.
    for (const int row : {0, 2}) {
        QCOMPARE(model.at(row).status, QStringLiteral("received"));
        QCOMPARE(model.at(row).listeners, qint64(-1));
        QVERIFY(!model.data(model.index(row, Model::Listeners)).isValid());
    }
}

void TestRecentWebhooksModel::setFateForwardedZeroListeners()
{
    // 0 means the trading engine was not listening: shown as 0, not as blank.
    Model model;
    model.add(summary(QStringLiteral("t1")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setFate(QStringLiteral("t1"), Fate::Forwarded, 0);
    QCOMPARE(changed.count(), 1);
    const QVariant listeners = model.data(model.index(0, Model::Listeners));
    QVERIFY(listeners.isValid());
    QCOMPARE(listeners.toLongLong(), qint64(0));
}

void TestRecentWebhooksModel::setFateForwardedUnknownTrace()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(summary(QStringLiteral("t1")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setFate(QStringLiteral("nope"), Fate::Forwarded, 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model.at(0).status, QStringLiteral("received"));
    QCOMPARE(model.at(0).listeners, qint64(-1));
}

void TestRecentWebhooksModel::setFateForwardedAfterEviction()
{
    Model model(2);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(summary(QStringLiteral("t1")));
    model.add(summary(QStringLiteral("t2")));
    model.add(summary(QStringLiteral("t3"))); // t1 dropped
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setFate(QStringLiteral("t1"), Fate::Forwarded, 1);
    QCOMPARE(changed.count(), 0);
    model.setFate(QStringLiteral("t2"), Fate::Forwarded, 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(1, 0));
    QCOMPARE(model.at(1).status, QStringLiteral("forwarded"));
}

QTEST_GUILESS_MAIN(TestRecentWebhooksModel)
#include "tst_recentwebhooksmodel.moc"
