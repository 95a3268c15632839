#pragma once

#include "MonitorEvent.h"
#include "Status.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <functional>
#include <vector>

// Every Terminal 6 receiver heard on the channel, one row each, from their own terminal_status
// (every 5 s: state, detail, webhooks received, queued): several receivers may share a Redis
// behind a load balancer. The rate is worked out here from two reports in a row; a receiver not
// heard for three intervals is shown down. Raw values only: colours belong to ui/.
class ReceiversModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Receiver, State, Rate, Received, Queued, Host, LastSeen, Detail, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1 }; // TerminalState as int, on every column
    static constexpr int FreshIntervals = 3;

    explicit ReceiversModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Takes the terminal_status events of T6 that name a receiver; ignores the rest.
    void apply(const QList<MonitorEvent> &events);
    // Re-evaluates freshness; call it from a timer.
    void refresh();
    // For /health: [{"receiver","state","detail","host","webhooks_received","queued",
    // "per_minute","last_seen"}], in the order first heard.
    QJsonArray toJson() const;
    void setClock(std::function<QDateTime()> clock); // for tests

private:
    struct Row {
        QString name;
        QString host;
        TerminalState reported = TerminalState::Unknown;
        TerminalState shown = TerminalState::Unknown;
        QString detail;
        qint64 received = -1;
        qint64 queued = -1;
        double perMinute = -1; // -1: not known yet (one report only)
        QDateTime lastSeen;
        int intervalS = 5;
    };
    void judge(int row, const QDateTime &now);

    std::vector<Row> m_rows;
    std::function<QDateTime()> m_clock;
};
