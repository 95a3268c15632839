#pragma once

#include "MonitorEvent.h"
#include "Status.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <chrono>
#include <functional>

// The health of the seven terminals of Aristobot3 (WIRE.md §5), one row each, always T1..T7,
// from events only: states inferred elsewhere (`terminal_probe`: HealthProbes, the receiver
// itself), inferred here (T2 from 1m `heartbeat_message` candles, T3 from the receiver's PUBLISH
// counts in `webhook_received`), and the terminal's own `terminal_status` messages, which win while
// fresh. Each state change is kept (changes()). Raw values only: colours belong to ui/.
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

    static constexpr std::chrono::seconds HeartbeatMaxAge{70}; // T2: a 1m candle this recent
    static constexpr int ChangesKept = 200;

    // A state inferred by a probe, as the event the monitor applies with the others.
    static MonitorEvent probeEvent(const QString &terminal, TerminalState state,
                                   const QString &detail, const QString &signalSource,
                                   const QDateTime &at);
    // Takes terminal_probe, terminal_status, heartbeat_message and webhook_received events.
    void apply(const QList<MonitorEvent> &events);
    // Re-evaluates freshness (terminal_status, T2's last candle); call it from a timer.
    void refresh();
    // T6's terminal_status from other receivers (several may share a Redis) then leave the T6
    // row alone: it is this process's receiver. Empty: whichever T6 speaks.
    void setOwnReceiver(const QString &receiver) { m_ownReceiver = receiver; }

    struct Change {
        QDateTime at;
        QString terminal;
        TerminalState state;
        QString detail;
    };
    // The latest state changes, oldest first, at most ChangesKept.
    const QList<Change> &changes() const { return m_changes; }

    TerminalState state(const QString &terminal) const; // Unknown for an unknown terminal
    // The system at a glance (the tray's colour): the worst state among the terminals whose
    // state is known; Unknown when none is.
    TerminalState overallState() const;
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
    void infer(const QString &terminal, TerminalState state, const QString &detail,
               const QString &signalSource, const QDateTime &at);
    void noteCandle(const MonitorEvent &heartbeat, const QDateTime &now);
    void judgeHeartbeat(const QDateTime &now);

    std::array<Row, TerminalCount> m_rows;
    std::function<QDateTime()> m_clock;
    QDateTime m_lastCandle; // close time of the latest 1m candle; invalid: none seen
    QString m_lastCandleSymbol;
    QList<Change> m_changes;
    QString m_ownReceiver;
};
