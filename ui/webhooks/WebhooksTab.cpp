#include "webhooks/WebhooksTab.h"

#include "Language.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"
#include "receiver/WebhookUrl.h"
#include "webhooks/CurlCommand.h"
#include "webhooks/WebhookExport.h"
#include "webhooks/WebhookFilter.h"
#include "webhooks/WebhookInspector.h"
#include "webhooks/WebhookTableDelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace {

QComboBox *choiceBox(const QString &all, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->addItem(all, QString());
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setMinimumContentsLength(8);
    return box;
}

// Replaces the choices past "all", keeping the current one (even when gone from the history).
void setChoices(QComboBox *box, const std::set<QString> &values)
{
    const QString current = box->currentData().toString();
    QStringList wanted(values.begin(), values.end());
    if (!current.isEmpty() && !values.count(current))
        wanted.append(current);
    QStringList have;
    for (int i = 1; i < box->count(); ++i)
        have.append(box->itemData(i).toString());
    if (have == wanted)
        return;
    const QSignalBlocker blocker(box);
    while (box->count() > 1)
        box->removeItem(1);
    for (const QString &value : std::as_const(wanted))
        box->addItem(value, value);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

} // namespace

WebhooksTab::WebhooksTab(WebhookHistoryModel *history, ReceiverService *receiver, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_receiver(receiver)
    , m_filter(new WebhookFilter(this))
    , m_symbol(choiceBox(tr("All symbols"), this))
    , m_action(choiceBox(tr("All actions"), this))
    , m_status(choiceBox(tr("All statuses"), this))
    , m_broker(choiceBox(tr("All brokers"), this))
    , m_search(new QLineEdit(this))
    , m_pause(new QToolButton(this))
    , m_clear(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_inspector(new WebhookInspector(this))
{
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Terminal 6"), question) == QMessageBox::Yes;
    };
    m_filter->setSourceModel(history);
    for (WebhookStatus status :
         {WebhookStatus::Received, WebhookStatus::Streamed, WebhookStatus::Forwarded,
          WebhookStatus::Held, WebhookStatus::Processed, WebhookStatus::Error,
          WebhookStatus::Rejected, WebhookStatus::Duplicate, WebhookStatus::Expired,
          WebhookStatus::Replayed, WebhookStatus::Missed})
        m_status->addItem(statusText(status), QVariant::fromValue(status));

    m_search->setPlaceholderText(tr("Search symbol, trace, IP, reason…"));
    m_search->setClearButtonEnabled(true);
    m_pause->setText(tr("Pause list"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop adding new webhooks to this list (they are still received, "
                           "journaled and forwarded)"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Hide the webhooks listed so far (the journal keeps them)"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("Shown rows as CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export as CSV"), QStringLiteral("webhooks.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            Q_EMIT message(exportTo(path, Format::Csv));
    });
    exportMenu->addAction(tr("Shown rows as JSON Lines…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export as JSON Lines"),
                                                          QStringLiteral("webhooks.jsonl"),
                                                          tr("JSON Lines (*.jsonl)"));
        if (!path.isEmpty())
            Q_EMIT message(exportTo(path, Format::JsonLines));
    });
    m_export->setMenu(exportMenu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 2);
    for (QComboBox *box : {m_symbol, m_action, m_status, m_broker})
        bar->addWidget(box);
    bar->addStretch(1);
    bar->addWidget(m_count);
    bar->addWidget(m_pause);
    bar->addWidget(m_clear);
    bar->addWidget(m_export);

    m_table->setModel(m_filter);
    m_table->setItemDelegate(new WebhookTableDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the model's order: newest first
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSortIndicatorShown(false);
    m_table->setColumnHidden(WebhookHistoryModel::Trace, true);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_inspector);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter, &WebhookFilter::setSearch);
    connect(m_symbol, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setSymbol(m_symbol->currentData().toString()); });
    connect(m_action, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setAction(m_action->currentData().toString()); });
    connect(m_broker, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setBroker(m_broker->currentData().toString()); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant status = m_status->currentData();
        m_filter->setStatus(status.canConvert<WebhookStatus>() && m_status->currentIndex() > 0
                                ? std::optional(status.value<WebhookStatus>())
                                : std::nullopt);
    });
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_filter->setFrozenAt(paused ? QDateTime::currentDateTimeUtc() : QDateTime());
        m_pause->setText(paused ? tr("Resume list") : tr("Pause list"));
    });
    connect(m_clear, &QToolButton::clicked, this,
            [this] { m_filter->clearBefore(QDateTime::currentDateTimeUtc()); });
    connect(m_inspector, &WebhookInspector::resendRequested, this, &WebhooksTab::resend);
    if (m_receiver) {
        connect(m_receiver, &ReceiverService::statusChanged, m_inspector,
                [this] { m_inspector->setResendUnavailable(m_receiver->actionsUnavailable()); });
        m_inspector->setResendUnavailable(m_receiver->actionsUnavailable());
    }
    connect(m_inspector, &WebhookInspector::copyCurlRequested, this, &WebhooksTab::copyCurl);

    // The inspector follows the selection, and the selected webhook as it moves on.
    m_selected.setSingleShot(true);
    m_selected.setInterval(200);
    connect(&m_selected, &QTimer::timeout, this, &WebhooksTab::showSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WebhooksTab::showSelected);
    connect(m_history, &QAbstractItemModel::dataChanged, &m_selected, qOverload<>(&QTimer::start));
    connect(m_history, &QAbstractItemModel::modelReset, &m_selected, qOverload<>(&QTimer::start));

    const auto updateCount = [this] {
        m_count->setText(tr("%L1 of %L2").arg(m_filter->rowCount()).arg(m_history->rowCount()));
    };
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, updateCount);
    updateCount();

    m_choices.setInterval(std::chrono::seconds(3));
    connect(&m_choices, &QTimer::timeout, this, &WebhooksTab::refreshChoices);
    m_choices.start();
    refreshChoices();

    // Columns fit their contents while the list is short, then stay put.
    m_fit.setSingleShot(true);
    m_fit.setInterval(500);
    connect(&m_fit, &QTimer::timeout, this, [this] {
        m_table->resizeColumnsToContents();
        if (m_history->rowCount() > 50)
            disconnect(m_history, &QAbstractItemModel::rowsInserted, &m_fit, nullptr);
    });
    connect(m_history, &QAbstractItemModel::rowsInserted, &m_fit, qOverload<>(&QTimer::start));
    m_fit.start();
}

void WebhooksTab::setConfirmation(std::function<bool(const QString &)> confirm)
{
    m_confirm = std::move(confirm);
}

void WebhooksTab::refreshChoices()
{
    std::set<QString> symbols, actions, brokers;
    for (int row = 0; row < m_history->rowCount(); ++row) {
        const QModelIndex first = m_history->index(row, 0);
        if (const QString s = m_history->index(row, WebhookHistoryModel::Symbol).data().toString();
            !s.isEmpty())
            symbols.insert(s);
        if (const QString a = m_history->index(row, WebhookHistoryModel::Action).data().toString();
            !a.isEmpty())
            actions.insert(a);
        if (const QString b = first.data(WebhookHistoryModel::BrokerRole).toString(); !b.isEmpty())
            brokers.insert(b);
    }
    setChoices(m_symbol, symbols);
    setChoices(m_action, actions);
    setChoices(m_broker, brokers);
}

void WebhooksTab::showSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_inspector->show({});
        return;
    }
    m_inspector->show(m_history->details(m_filter->mapToSource(current).row()));
}

void WebhooksTab::resend(const QString &traceId)
{
    if (!m_receiver || traceId.isEmpty())
        return;
    const WebhookHistoryModel::Details &d = m_inspector->shown();
    if (!m_confirm(tr("Publish %1 %2 (received %3 UTC) again?\n\nThe trading engine will see it "
                      "as a replay and may place the order now, at today's price.")
                       .arg(d.symbol, d.action, Language::dateTime(d.receivedAt.toUTC()))))
        return;
    m_receiver->resend(traceId, [this](int count) {
        Q_EMIT message(count > 0 ? tr("Resent: the webhook goes to Redis again")
                                 : tr("Not resent: it is no longer expired"));
    });
}

void WebhooksTab::copyCurl(const QByteArray &payload)
{
    const QString url =
        m_receiver ? m_receiver->listenUrl() : QStringLiteral("http://127.0.0.1:8888/webhook");
    QApplication::clipboard()->setText(CurlCommand::forWebhook(url, payload));
    Q_EMIT message(tr("Copied a curl command (it reads the token from $WEBHOOK_TOKEN)"));
}

QString WebhooksTab::exportTo(const QString &path, Format format) const
{
    const QList<int> rows = m_filter->sourceRows();
    const QByteArray data = format == Format::Csv ? WebhookExport::toCsv(*m_history, rows)
                                                  : WebhookExport::toJsonLines(*m_history, rows);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return tr("%n webhook(s) written to %1", nullptr, int(rows.size())).arg(path);
}
