#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

// Why Redis refuses something, named by the first word of its error (NOAUTH, WRONGPASS, NOPERM,
// OOM, READONLY, WRONGTYPE, LOADING, BUSY, MISCONF, NOSCRIPT, ERR...). Logged once per change of
// cause, then as a count once a minute while it lasts, and once when it ends: a Redis out of
// memory for an hour is a handful of lines that say so, not a line a second that does not.
class RedisRefusal
{
public:
    // `what`: what is being refused, for the log ("deliveries", "the stream").
    explicit RedisRefusal(QString what);

    void refused(const QByteArray &error);
    void accepted();

    bool isRefusing() const { return !m_cause.isEmpty(); }
    QByteArray cause() const { return m_cause; }
    QString message() const { return m_message; }
    qint64 total() const { return m_total; } // refusals since start, all causes

    // "OOM command not allowed ..." -> "OOM"; "" for an empty error.
    static QByteArray causeOf(const QByteArray &error);

private:
    QString m_what;
    QByteArray m_cause;
    QString m_message;
    qint64 m_count = 0;         // refusals of the current cause
    qint64 m_countReported = 0; // of them, already told in the log
    qint64 m_total = 0;
    QElapsedTimer m_since; // the current cause started
    QElapsedTimer m_lastReport;
};
