#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Measures how late the thread's event loop runs a 10 ms timer: the longest stall, logged every
// second and at the end. A diagnostic for the responsiveness benchmark (bench/responsiveness.sh),
// switched on with T6_EVENT_LOOP_WATCH=1; costs nothing when off.
class EventLoopWatch : public QObject
{
    Q_OBJECT
public:
    explicit EventLoopWatch(QObject *parent = nullptr);
    ~EventLoopWatch() override;

    static bool wanted(); // T6_EVENT_LOOP_WATCH is set

    qint64 longestStallMs() const { return m_longestMs; }

private:
    void beat();
    void report();

    QTimer m_beat;
    QTimer m_report;
    QElapsedTimer m_since;
    qint64 m_periodLongestMs = 0;
    qint64 m_longestMs = 0;
};
