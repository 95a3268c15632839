#pragma once

#include "Status.h"

#include <QDateTime>
#include <QFrame>

class QLabel;

// One terminal at a glance: its name, its state in its colour, how long ago it was last heard
// of (ticking), and what that was.
class TerminalTile : public QFrame
{
    Q_OBJECT
public:
    TerminalTile(const QString &id, const QString &name, QWidget *parent = nullptr);

    void setState(TerminalState state, const QDateTime &lastSeen, const QString &detail,
                  const QString &source);
    // Re-reads the clock: "last seen 12 s ago".
    void tick(const QDateTime &now);

    TerminalState state() const { return m_state; }
    QString lastSeenText() const;
    QString detailText() const;

    static QString ago(qint64 seconds); // "12 s ago", "3 min ago", "2 h ago", "4 d ago"

private:
    TerminalState m_state = TerminalState::Unknown;
    QDateTime m_lastSeen;
    QLabel *m_stateLabel;
    QLabel *m_lastSeenLabel;
    QLabel *m_detail;
    QLabel *m_source;
};
