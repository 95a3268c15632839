#pragma once

#include <QWidget>

class PositionsModel;
class QLabel;
class QTableView;

// The Positions tab: the open positions of every broker as the engine reports them, the
// unrealised P&L coloured by its sign, and their total.
class PositionsTab : public QWidget
{
    Q_OBJECT
public:
    explicit PositionsTab(PositionsModel *positions, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QString totalText() const;

private:
    void updateTotal();

    PositionsModel *m_positions;
    QTableView *m_table;
    QLabel *m_total;
};
