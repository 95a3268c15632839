#pragma once

#include <QElapsedTimer>

#include <utility>

// At most `perSecond` log lines of one kind a second; the rest are counted, to be told in one
// summary line. A burst of 2 000 webhooks a second then costs a few lines, not 2 000 (each of
// them is in the journal anyway).
class LineBudget
{
public:
    explicit LineBudget(int perSecond)
        : m_perSecond(perSecond)
    {
        m_second.start();
    }

    // True when this line may be written. Otherwise it is counted.
    bool allow()
    {
        roll();
        if (m_written < m_perSecond) {
            ++m_written;
            return true;
        }
        ++m_skipped;
        return false;
    }

    // The lines counted, not written, in seconds that are over; then zero.
    qint64 takeSkipped()
    {
        roll();
        return std::exchange(m_skippedBefore, 0);
    }

private:
    void roll()
    {
        if (m_second.elapsed() < 1000)
            return;
        m_second.restart();
        m_written = 0;
        m_skippedBefore += std::exchange(m_skipped, 0);
    }

    int m_perSecond;
    int m_written = 0;
    qint64 m_skipped = 0;
    qint64 m_skippedBefore = 0;
    QElapsedTimer m_second;
};
