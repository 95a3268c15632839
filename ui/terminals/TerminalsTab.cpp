#include "terminals/TerminalsTab.h"

#include "Language.h"
#include "StatusColors.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "terminals/TerminalTile.h"
#include "webhooks/WebhookFilter.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

TerminalsTab::TerminalsTab(TerminalHealthModel *terminals, WebhookHistoryModel *history,
                           QWidget *parent)
    : QWidget(parent)
    , m_terminals(terminals)
    , m_changes(new QTreeWidget(this))
    , m_missed(new WebhookFilter(this))
    , m_misses(new QTableView(this))
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
          WebhookHistoryModel::SourceIp, WebhookHistoryModel::Listeners,
          WebhookHistoryModel::Latency, WebhookHistoryModel::Trace, WebhookHistoryModel::Action,
          WebhookHistoryModel::Status})
        m_misses->setColumnHidden(column, true);
    m_misses->horizontalHeader()->setStretchLastSection(true);

    auto *changesBox = new QGroupBox(tr("State changes"), this);
    (new QVBoxLayout(changesBox))->addWidget(m_changes);
    auto *missesBox = new QGroupBox(tr("Missed signals (a bar closed without its webhook)"), this);
    (new QVBoxLayout(missesBox))->addWidget(m_misses);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(changesBox);
    split->addWidget(missesBox);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tiles);
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
