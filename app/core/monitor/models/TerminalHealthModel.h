#pragma once

#include "Status.h"
#include "monitor/MonitorEvent.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <functional>

// The health of the seven terminals of Aristobot3 (WIRE.md §5), one row each, always T1..T7.
// Each row merges two kinds of evidence: states inferred by probes (report()) and the terminal's
// own terminal_status messages (apply()), which win while fresh. Raw values only: colours and
// icons belong to ui/.
class TerminalHealthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Terminal, Name, State, LastSeen, Detail, SignalSource, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1 }; // TerminalState as int, on every column

    static constexpr int TerminalCount = 7;
    static constexpr int DefaultStatusIntervalS = 5; // when a terminal_status has no interval_s
    static constexpr int StatusFreshIntervals = 3;   // a terminal_status counts for 3 intervals

    explicit TerminalHealthModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // An inferred state (probe, PUBLISH count, heartbeat...); unknown terminals are ignored.
    void report(const QString &terminal, TerminalState state, const QString &detail,
                const QString &signalSource, const QDateTime &at);
    // Takes the terminal_status events of a batch; other types are ignored.
    void apply(const QList<MonitorEvent> &events);
    // Re-evaluates which terminal_status messages are still fresh; call it from a timer.
    void refresh();

    TerminalState state(const QString &terminal) const; // Unknown for an unknown terminal
    QString detail(const QString &terminal) const;
    // {"T1": {"state", "last_seen", "detail"}, ... "T7": {...}} for /health.
    QJsonObject toJson() const;

    void setClock(std::function<QDateTime()> clock); // default: current UTC time

    static QString terminalId(int row);        // "T1".."T7"
    static QString terminalName(int row);      // "Daphne (Django API)", ...
    static int rowOf(const QString &terminal); // -1 when not T1..T7

Q_SIGNALS:
    // Emitted only when a terminal's shown state changes, not when only its detail does.
    void terminalStateChanged(const QString &terminal, TerminalState state, const QString &detail);

private:
    struct Evidence {
        TerminalState state = TerminalState::Unknown;
        QString detail;
        QString source;
        QDateTime at;
        bool operator==(const Evidence &) const = default;
    };
    struct Row {
        Evidence inferred;
        Evidence reported;       // the last terminal_status
        QDateTime reportedUntil; // invalid: no terminal_status yet
        Evidence shown;
    };

    Evidence current(const Row &row, const QDateTime &now) const;
    void update(int row, const QDateTime &now);

    std::array<Row, TerminalCount> m_rows;
    std::function<QDateTime()> m_clock;
};
