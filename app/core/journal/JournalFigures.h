#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

// Figures over a time window, read from the journal (which keeps every request, unlike the
// bounded models): totals by outcome and action, delivery fates, rate per minute, and the
// receipt-to-Redis latency percentiles. Opens its own read-only connection (WAL allows it).
struct JournalFigures {
    qint64 requests = 0;
    qint64 accepted = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    qint64 forwarded = 0; // forwarded or replayed
    qint64 held = 0;
    qint64 expired = 0;
    qint64 pending = 0;
    QMap<QString, qint64> byAction; // accepted webhooks by payload Action
    double perMinute = 0;           // accepted webhooks per minute over the window
    double latencyP50Ms = 0;        // receipt to Redis confirmation
    double latencyP95Ms = 0;
    double latencyP99Ms = 0;

    // nullopt-like: requests == 0 and an error message when the journal cannot be read.
    static JournalFigures fromJournal(const QString &journalPath, qint64 sinceMs, qint64 untilMs,
                                      QString *error = nullptr);
    QJsonObject toJson() const;
};
