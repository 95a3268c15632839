#pragma once

#include "MonitorEvent.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>
#include <vector>

// The open positions of every broker as position_update events tell them (WIRE.md §4), in order
// of opening; a closed position leaves the table. Raw values in SortRole: colours belong to ui/.
class PositionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Symbol,
        Side,
        Quantity,
        Entry,
        Current,
        StopLoss,
        TakeProfit,
        Pnl, // unrealized
        Broker,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw double of the numeric columns, text of the others
        BrokerRole                   // broker_name, to tell one broker's BTCUSDT from another's
    };

    explicit PositionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Applies position_update events (others are ignored) as one change.
    void apply(const QList<MonitorEvent> &events);
    double totalUnrealizedPnl() const;
    int openCount() const { return int(m_rows.size()); }

private:
    struct Position {
        std::optional<qint64> id;
        std::optional<qint64> brokerId;
        QString brokerName;
        QString symbol;
        QString side;
        std::optional<double> quantity;
        std::optional<double> entry;
        std::optional<double> current;
        std::optional<double> stopLoss;
        std::optional<double> takeProfit;
        std::optional<double> unrealizedPnl;
        std::optional<double> realizedPnl;
    };

    std::vector<Position> m_rows;
};
