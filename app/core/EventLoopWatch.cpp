#include "EventLoopWatch.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLoop, "t6.loop")

namespace {
constexpr int BeatMs = 10;
}

EventLoopWatch::EventLoopWatch(QObject *parent)
    : QObject(parent)
{
    m_beat.setTimerType(Qt::PreciseTimer);
    m_beat.setInterval(BeatMs);
    connect(&m_beat, &QTimer::timeout, this, &EventLoopWatch::beat);
    m_report.setInterval(std::chrono::seconds(1));
    connect(&m_report, &QTimer::timeout, this, &EventLoopWatch::report);
    m_since.start();
    m_beat.start();
    m_report.start();
}

EventLoopWatch::~EventLoopWatch()
{
    qCInfo(lcLoop).noquote() << "event loop: longest stall" << m_longestMs << "ms since start";
}

bool EventLoopWatch::wanted()
{
    return qEnvironmentVariableIsSet("T6_EVENT_LOOP_WATCH");
}

void EventLoopWatch::beat()
{
    const qint64 stall = m_since.restart() - BeatMs;
    m_periodLongestMs = std::max(m_periodLongestMs, stall);
    m_longestMs = std::max(m_longestMs, stall);
}

void EventLoopWatch::report()
{
    qCInfo(lcLoop).noquote() << "event loop: longest stall" << m_periodLongestMs
                             << "ms in the last second," << m_longestMs << "ms since start";
    m_periodLongestMs = 0;
}
