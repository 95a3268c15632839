#pragma once

#include <QTimer>
#include <QWidget>

class QTableView;
class QTreeWidget;
class TerminalHealthModel;
class TerminalTile;
class WebhookFilter;
class WebhookHistoryModel;

// The Terminals tab: T1–T7 as tiles, the history of their state changes, and the missed signals
// (MISS rows) per strategy.
class TerminalsTab : public QWidget
{
    Q_OBJECT
public:
    TerminalsTab(TerminalHealthModel *terminals, WebhookHistoryModel *history,
                 QWidget *parent = nullptr);

    TerminalTile *tile(const QString &terminal) const;
    QTreeWidget *changes() const { return m_changes; }
    QTableView *misses() const { return m_misses; }

private:
    void readTile(int row);
    void readChanges();

    TerminalHealthModel *m_terminals;
    QList<TerminalTile *> m_tiles;
    QTreeWidget *m_changes;
    WebhookFilter *m_missed;
    QTableView *m_misses;
    QTimer m_tick;
};
