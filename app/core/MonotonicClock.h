#pragma once

#include <QElapsedTimer>

// Milliseconds on a clock that never jumps (unlike wall time after a sleep or an NTP step): the
// default clock of the rate limiter and the lockout, which tests replace.
inline qint64 monotonicMs()
{
    static const QElapsedTimer start = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return start.elapsed();
}
