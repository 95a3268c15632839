#pragma once

#include "MonitorEvent.h"
#include "Status.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>

#include <chrono>
#include <deque>
#include <functional>

// What deserves the trader's attention at once (a desktop notification, a warning line): a burst
// of rejected webhooks, a signal held or expired, a missed signal, a terminal going down or coming
// back. Rate-limited per kind (and terminal): a storm is one alert, and the next one says how many
// it stood for.
class AlertWatch : public QObject
{
    Q_OBJECT
public:
    enum class Kind {
        RejectedBurst,
        HeldSignal,
        ExpiredSignal,
        MissedSignal,
        TerminalDown,
        TerminalUp
    };
    struct Alert {
        Kind kind;
        QString title;
        QString text;
    };

    static constexpr std::chrono::seconds MinInterval{60}; // per kind
    static constexpr std::chrono::seconds BurstWindow{60};
    static constexpr int BurstRejected = 10; // rejected webhooks within BurstWindow

    explicit AlertWatch(QObject *parent = nullptr);

    // Webhook events of a batch (this process's own and the engine's).
    void apply(const QList<MonitorEvent> &events);
    // A terminal's shown state changed (TerminalHealthModel::terminalStateChanged).
    void terminalChanged(const QString &terminal, TerminalState state, const QString &detail);

    void setClock(std::function<QDateTime()> clock); // default: current UTC time

Q_SIGNALS:
    void raised(const AlertWatch::Alert &alert);

private:
    // Rate-limited per kind and subject (a terminal's going down does not hide another's).
    void raise(Kind kind, const QString &title, const QString &text, const QString &subject = {});

    std::function<QDateTime()> m_clock;
    std::deque<QDateTime> m_rejected; // within BurstWindow
    QString m_lastReason;
    QHash<QString, QDateTime> m_lastRaised; // by kind and subject
    QHash<QString, int> m_suppressed;       // since the last one raised
    QHash<QString, TerminalState> m_terminals;
};
