#pragma once

#include <QTimer>
#include <QWidget>

class QTableView;
class QTreeWidget;
class ReceiversModel;
class TerminalHealthModel;
class TerminalTile;
class WebhookFilter;
class WebhookHistoryModel;

// The Terminals tab: T1–T7 as tiles, every receiver sharing the Redis (their states and rates),
// the history of the terminals' state changes, and the missed signals (MISS rows) per strategy.
class TerminalsTab : public QWidget
{
    Q_OBJECT
public:
    TerminalsTab(TerminalHealthModel *terminals, ReceiversModel *receivers,
                 WebhookHistoryModel *history, QWidget *parent = nullptr);

    TerminalTile *tile(const QString &terminal) const;
    QTreeWidget *changes() const { return m_changes; }
    QTableView *misses() const { return m_misses; }
    QTableView *receivers() const { return m_receivers; }

private:
    void readTile(int row);
    void readChanges();

    TerminalHealthModel *m_terminals;
    QList<TerminalTile *> m_tiles;
    QTreeWidget *m_changes;
    WebhookFilter *m_missed;
    QTableView *m_misses;
    QTableView *m_receivers;
    QTimer m_tick;
};
