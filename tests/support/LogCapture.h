#pragma once

#include <QString>

// Keeps every message the process logs (from any thread) while it lives, for a test to count;
// messages still go to the previous handler too. Make it in initTestCase(): QTest installs its
// own handler when it starts running the test functions.
class LogCapture
{
public:
    LogCapture();
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    void clear();
    // Lines ("category: message") that contain `needle`.
    int count(const QString &needle) const;
};
