#include "terminals/TerminalsTab.h"

#include "Language.h"
#include "StatusColors.h"
#include "monitor/models/ReceiversModel.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "terminals/TerminalTile.h"
#include "webhooks/WebhookFilter.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

// A receiver's state in its colour, as on the tiles.
class StateDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->palette.setColor(
            QPalette::Text,
            StatusColors::of(TerminalState(index.data(ReceiversModel::StateRole).toInt())));
    }
};

} // namespace

TerminalsTab::TerminalsTab(TerminalHealthModel *terminals, ReceiversModel *receivers,
                           WebhookHistoryModel *history, QWidget *parent)
    : QWidget(parent)
    , m_terminals(terminals)
    , m_changes(new QTreeWidget(this))
    , m_missed(new WebhookFilter(this))
    , m_misses(new QTableView(this))
    , m_receivers(new QTableView(this))
{
    auto *tiles = new QWidget(this);
    auto *grid = new QGridLayout(tiles);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int row = 0; row < TerminalHealthModel::TerminalCount; ++row) {
        auto *tile = new TerminalTile(TerminalHealthModel::terminalId(row),
                                      TerminalHealthModel::terminalName(row), tiles);
        grid->addWidget(tile, row / 4, row % 4);
        m_tiles.append(tile);
        readTile(row);
    }

    m_changes->setColumnCount(4);
    m_changes->setHeaderLabels({tr("Time (UTC)"), tr("Terminal"), tr("State"), tr("Detail")});
    m_changes->setRootIsDecorated(false);
    m_changes->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_changes->header()->setStretchLastSection(true);

    m_missed->setSourceModel(history);
    m_missed->setStatus(WebhookStatus::Missed);
    m_misses->setModel(m_missed);
    m_misses->verticalHeader()->hide();
    m_misses->setAlternatingRowColors(true);
    for (int column :
         {WebhookHistoryModel::Price, WebhookHistoryModel::Percent, WebhookHistoryModel::OrderId,
          WebhookHistoryModel::SourceIp, WebhookHistoryModel::Receiver,
          WebhookHistoryModel::Listeners, WebhookHistoryModel::Latency, WebhookHistoryModel::Trace,
          WebhookHistoryModel::Action, WebhookHistoryModel::Status})
        m_misses->setColumnHidden(column, true);
    m_misses->horizontalHeader()->setStretchLastSection(true);

    auto *changesBox = new QGroupBox(tr("State changes"), this);
    (new QVBoxLayout(changesBox))->addWidget(m_changes);
    auto *missesBox = new QGroupBox(tr("Missed signals (a bar closed without its webhook)"), this);
    (new QVBoxLayout(missesBox))->addWidget(m_misses);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(changesBox);
    split->addWidget(missesBox);

    m_receivers->setModel(receivers);
    m_receivers->setItemDelegateForColumn(ReceiversModel::State, new StateDelegate(m_receivers));
    m_receivers->verticalHeader()->hide();
    m_receivers->setAlternatingRowColors(true);
    m_receivers->setSelectionMode(QAbstractItemView::NoSelection);
    m_receivers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_receivers->horizontalHeader()->setStretchLastSection(true);
    m_receivers->setMaximumHeight(m_receivers->horizontalHeader()->sizeHint().height() +
                                  5 * m_receivers->verticalHeader()->defaultSectionSize() + 4);
    auto *receiversBox = new QGroupBox(tr("Receivers sharing this Redis"), this);
    (new QVBoxLayout(receiversBox))->addWidget(m_receivers);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tiles);
    layout->addWidget(receiversBox);
    layout->addWidget(split, 1);

    connect(terminals, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                for (int row = first.row(); row <= last.row(); ++row)
                    readTile(row);
            });
    connect(terminals, &TerminalHealthModel::terminalStateChanged, this,
            &TerminalsTab::readChanges);
    readChanges();
    m_tick.setInterval(std::chrono::seconds(1));
    connect(&m_tick, &QTimer::timeout, this, [this] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (TerminalTile *tile : std::as_const(m_tiles))
            tile->tick(now);
    });
    m_tick.start();
}

TerminalTile *TerminalsTab::tile(const QString &terminal) const
{
    const int row = TerminalHealthModel::rowOf(terminal);
    return row < 0 ? nullptr : m_tiles.value(row);
}

void TerminalsTab::readTile(int row)
{
    const auto cell = [this, row](int column, int role = Qt::DisplayRole) {
        return m_terminals->index(row, column).data(role);
    };
    m_tiles.at(row)->setState(TerminalState(cell(0, TerminalHealthModel::StateRole).toInt()),
                              cell(TerminalHealthModel::LastSeen).toDateTime(),
                              cell(TerminalHealthModel::Detail).toString(),
                              cell(TerminalHealthModel::SignalSource).toString());
}

void TerminalsTab::readChanges()
{
    m_changes->clear();
    const QList<TerminalHealthModel::Change> &changes = m_terminals->changes();
    for (auto it = changes.crbegin(); it != changes.crend(); ++it) { // newest first
        auto *item = new QTreeWidgetItem(m_changes);
        item->setText(0, Language::dateTime(it->at.toUTC()));
        item->setText(1, it->terminal);
        item->setText(2, stateText(it->state));
        item->setForeground(2, StatusColors::of(it->state));
        item->setText(3, it->detail);
    }
}
