// The Webhooks tab on a real history model fed with the fixtures and with webhooks of our own:
// the filters and the search show the right rows, the inspector the right fields, the export
// writes what is shown, "copy as curl" never holds the token, pause and clear act on the list.
#include "monitor/models/WebhookHistoryModel.h"
#include "support/Fixtures.h"
#include "webhook/WebhookEvents.h"
#include "webhooks/CurlCommand.h"
#include "webhooks/WebhookExport.h"
#include "webhooks/WebhookFilter.h"
#include "webhooks/WebhookInspector.h"
#include "webhooks/WebhooksTab.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

MonitorEvent ours(const QString &trace, const QString &symbol, const QString &action, qint64 broker,
                  WebhookStatus status, const QDateTime &at)
{
    WebhookSummary s;
    s.traceId = trace;
    s.receivedAt = at.toString(Qt::ISODateWithMs);
    s.sourceIp = QStringLiteral("52.89.214.238");
    s.status = status;
    s.reason = status == WebhookStatus::Rejected ? QStringLiteral("bad token") : QString();
    s.payload = QJsonDocument(QJsonObject{{QLatin1String("Symbol"), symbol},
                                          {QLatin1String("Action"), action},
                                          {QLatin1String("UserExchangeID"), broker}})
                    .toJson(QJsonDocument::Compact);
    s.fields = {{QLatin1String("symbol"), symbol},
                {QLatin1String("action"), action},
                {QLatin1String("broker_id"), broker}};
    MonitorEvent e = WebhookEvents::receivedHere(s);
    e.ts = at;
    return e;
}

} // namespace

class TestWebhooksTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void filtersShowTheirRows();
    void searchFindsTraceAndReason();
    void inspectorShowsTheSelectedWebhook();
    void exportWritesTheShownRows();
    void csvRunsNothingInASpreadsheet();
    void curlNeverHoldsTheToken();
    void pauseAndClearActOnTheList();

private:
    QStringList shownSymbols() const;

    std::unique_ptr<WebhookHistoryModel> m_history;
    std::unique_ptr<WebhooksTab> m_tab;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
};

void TestWebhooksTab::init()
{
    m_history = std::make_unique<WebhookHistoryModel>();
    m_history->apply(Fixtures::websocketsEvents());
    QList<MonitorEvent> events;
    for (int i = 0; i < 6; ++i)
        events.append(ours(QStringLiteral("trace-%1").arg(i),
                           i % 2 ? QStringLiteral("ETHUSDT") : QStringLiteral("SOLUSDT"),
                           i < 3 ? QStringLiteral("BUY") : QStringLiteral("SELL"), 20 + i % 3,
                           i == 5 ? WebhookStatus::Rejected : WebhookStatus::Received,
                           m_now.addSecs(-60 + i)));
    m_history->apply(events);
    m_tab = std::make_unique<WebhooksTab>(m_history.get(), nullptr);
    m_tab->resize(1200, 700);
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
}

void TestWebhooksTab::cleanup()
{
    m_tab.reset();
    m_history.reset();
}

QStringList TestWebhooksTab::shownSymbols() const
{
    QStringList symbols;
    const QAbstractItemModel *shown = m_tab->table()->model();
    for (int row = 0; row < shown->rowCount(); ++row)
        symbols.append(shown->index(row, WebhookHistoryModel::Symbol).data().toString());
    return symbols;
}

void TestWebhooksTab::filtersShowTheirRows()
{
    const int all = m_history->rowCount();
    QCOMPARE(m_tab->table()->model()->rowCount(), all);
    // The choices come from the history.
    QComboBox *symbol = m_tab->symbolBox();
    QVERIFY(symbol->findData(QStringLiteral("ETHUSDT")) > 0);
    QVERIFY(symbol->findData(QStringLiteral("BTCUSDT")) > 0); // from the fixtures
    symbol->setCurrentIndex(symbol->findData(QStringLiteral("ETHUSDT")));
    QStringList shown = shownSymbols();
    QVERIFY(!shown.isEmpty());
    QCOMPARE(shown.count(QStringLiteral("ETHUSDT")), shown.size());

    QComboBox *action = m_tab->actionBox();
    action->setCurrentIndex(action->findData(QStringLiteral("SELL")));
    QCOMPARE(m_tab->table()->model()->rowCount(), 2); // trace-3 and trace-5

    QComboBox *status = m_tab->statusBox();
    status->setCurrentIndex(status->findText(QStringLiteral("rejected")));
    QCOMPARE(m_tab->table()->model()->rowCount(), 1);
    QCOMPARE(m_tab->table()->model()->index(0, WebhookHistoryModel::Trace).data().toString(),
             QStringLiteral("trace-5"));

    symbol->setCurrentIndex(0);
    action->setCurrentIndex(0);
    status->setCurrentIndex(0);
    QComboBox *broker = m_tab->brokerBox();
    QVERIFY(broker->findData(QStringLiteral("13")) > 0); // the fixtures' broker
    broker->setCurrentIndex(broker->findData(QStringLiteral("21")));
    QCOMPARE(m_tab->table()->model()->rowCount(), 2); // trace-1 and trace-4
    broker->setCurrentIndex(0);
    QCOMPARE(m_tab->table()->model()->rowCount(), all);
}

void TestWebhooksTab::searchFindsTraceAndReason()
{
    QTest::keyClicks(m_tab->searchBox(), QStringLiteral("trace-4"));
    QCOMPARE(m_tab->table()->model()->rowCount(), 1);
    m_tab->searchBox()->clear();
    QTest::keyClicks(m_tab->searchBox(), QStringLiteral("BAD TOKEN")); // case-insensitive
    QCOMPARE(m_tab->table()->model()->rowCount(), 1);
    m_tab->searchBox()->clear();
    QTest::keyClicks(m_tab->searchBox(), QStringLiteral("nothing-like-this"));
    QCOMPARE(m_tab->table()->model()->rowCount(), 0);
}

void TestWebhooksTab::inspectorShowsTheSelectedWebhook()
{
    const QString fixtureTrace = QStringLiteral("6f1c2d4e-8a9b-4c3d-9e7f-0a1b2c3d4e5f");
    QTest::keyClicks(m_tab->searchBox(), fixtureTrace);
    QCOMPARE(m_tab->table()->model()->rowCount(), 1);
    m_tab->table()->selectRow(0);
    WebhookInspector *inspector = m_tab->inspector();
    QTRY_COMPARE(inspector->field(QStringLiteral("Trace")), fixtureTrace);
    QCOMPARE(inspector->field(QStringLiteral("Source IP")), QStringLiteral("52.89.214.238"));
    QCOMPARE(inspector->field(QStringLiteral("Order ID")), QStringLiteral("1234567890"));
    QCOMPARE(inspector->field(QStringLiteral("Engine")), QStringLiteral("processed"));
    const QStringList steps = inspector->lifecycle();
    QVERIFY2(steps.size() == 5, qPrintable(steps.join(u'\n')));
    QVERIFY2(steps.first().startsWith(QStringLiteral("Received")), qPrintable(steps.first()));
    QVERIFY2(steps.last().startsWith(QStringLiteral("Engine verdict")) &&
                 steps.last().contains(QStringLiteral("14:32:16")),
             qPrintable(steps.last()));

    // One of ours: the payload pretty-printed, and the refusal's reason.
    m_tab->searchBox()->clear();
    QTest::keyClicks(m_tab->searchBox(), QStringLiteral("trace-5"));
    m_tab->table()->selectRow(0);
    QTRY_COMPARE(inspector->field(QStringLiteral("Trace")), QStringLiteral("trace-5"));
    QVERIFY2(
        inspector->field(QStringLiteral("Authentication")).contains(QStringLiteral("bad token")),
        qPrintable(inspector->field(QStringLiteral("Authentication"))));
    QVERIFY(inspector->payloadText().contains(QStringLiteral("\"Symbol\": \"ETHUSDT\"")));
    QVERIFY(inspector->payloadText().contains(u'\n')); // indented, not one line
}

void TestWebhooksTab::exportWritesTheShownRows()
{
    m_tab->actionBox()->setCurrentIndex(m_tab->actionBox()->findData(QStringLiteral("BUY")));
    QCOMPARE(m_tab->table()->model()->rowCount(), 3);
    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("w.csv"));
    const QString jsonlPath = dir.filePath(QStringLiteral("w.jsonl"));
    QVERIFY(m_tab->exportTo(csvPath, WebhooksTab::Format::Csv).contains(QStringLiteral("3 ")));
    QVERIFY(
        m_tab->exportTo(jsonlPath, WebhooksTab::Format::JsonLines).contains(QStringLiteral("3 ")));

    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> csvLines = csv.readAll().split('\n');
    QCOMPARE(csvLines.size(), 1 + 3 + 1); // header, rows, the empty rest after the last CRLF
    QVERIFY(csvLines.at(0).startsWith("Date/Time,Exchange,Symbol,Action,Price"));
    for (int i = 1; i <= 3; ++i)
        QVERIFY2(csvLines.at(i).contains(",BUY,"), csvLines.at(i).constData());

    QFile jsonl(jsonlPath);
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    QStringList traces;
    for (const QByteArray &line : jsonl.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QLatin1String("action")).toString(), QStringLiteral("BUY"));
        QVERIFY(o.value(QLatin1String("payload")).isObject());
        traces.append(o.value(QLatin1String("trace_id")).toString());
    }
    // Newest first, as shown.
    QCOMPARE(traces, (QStringList{QStringLiteral("trace-2"), QStringLiteral("trace-1"),
                                  QStringLiteral("trace-0")}));
}

void TestWebhooksTab::csvRunsNothingInASpreadsheet()
{
    // A symbol is whatever the sender wrote: a formula must stay text, quotes must stay quoted.
    WebhookHistoryModel history;
    history.apply({ours(QStringLiteral("f"), QStringLiteral("=HYPERLINK(\"x\")"),
                        QStringLiteral("-2+3"), 20, WebhookStatus::Received, m_now)});
    const QByteArray csv = WebhookExport::toCsv(history, {0});
    QVERIFY2(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","), csv.constData());
    QVERIFY2(csv.contains(",'-2+3,"), csv.constData());
}

void TestWebhooksTab::curlNeverHoldsTheToken()
{
    const QString command = CurlCommand::forWebhook(QStringLiteral("https://example.org/webhook"),
                                                    R"({"Symbol":"it's"})");
    QCOMPARE(command, QStringLiteral("curl -X POST 'https://example.org/webhook' -H 'Content-Type: "
                                     "application/json' -H \"X-Webhook-Token: $WEBHOOK_TOKEN\" "
                                     "--data-binary '{\"Symbol\":\"it'\\''s\"}'"));
}

void TestWebhooksTab::pauseAndClearActOnTheList()
{
    const int before = m_tab->table()->model()->rowCount();
    m_tab->pauseButton()->click();
    QTest::qWait(5); // what arrives now is after the pause
    m_history->apply({ours(QStringLiteral("late"), QStringLiteral("XRPUSDT"), QStringLiteral("BUY"),
                           20, WebhookStatus::Received, QDateTime::currentDateTimeUtc())});
    QCOMPARE(m_history->rowOfTrace(QStringLiteral("late")) >= 0, true); // the model has it
    QCOMPARE(m_tab->table()->model()->rowCount(), before);              // the list does not
    m_tab->pauseButton()->click();
    QCOMPARE(m_tab->table()->model()->rowCount(), before + 1);

    m_tab->clearButton()->click();
    QCOMPARE(m_tab->table()->model()->rowCount(), 0);
    QTest::qWait(5);
    m_history->apply(
        {ours(QStringLiteral("later"), QStringLiteral("XRPUSDT"), QStringLiteral("BUY"), 20,
              WebhookStatus::Received, QDateTime::currentDateTimeUtc())});
    QCOMPARE(m_tab->table()->model()->rowCount(), 1);
}

QTEST_MAIN(TestWebhooksTab)
#include "tst_webhookstab.moc"
