#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// What became of an accepted webhook on its way to Redis.
enum class Fate {
    None,      // not forwardable (rejected, duplicate)
    Pending,   // waiting for Redis
    Forwarded, // published with at least one listener (or none required)
    Held,      // in the stream, but nobody listened: re-published once someone does
    Expired,   // older than the replay limit: not sent automatically
    Replayed,  // re-sent by hand
};

enum class Outcome { Accepted, Duplicate, Rejected };

QString fateName(Fate fate);
Fate fateFromName(QStringView name);
QString outcomeName(Outcome outcome);
Outcome outcomeFromName(QStringView name);

// One request as the journal keeps it. Never holds a token: payloads are token-free, rejected
// bodies are redacted before they get here.
struct JournalRecord {
    qint64 seq = 0; // journal order, assigned at commit
    QString traceId;
    QString receivedAt; // as in the envelope
    qint64 receivedMs = 0;
    QString sourceIp;
    Outcome outcome = Outcome::Accepted;
    int httpStatus = 200;
    QString reason;      // rejected: why
    QByteArray payload;  // accepted: the payload JSON; rejected: the body, capped
    QByteArray envelope; // accepted: the exact webhook_raw message
    QByteArray dedupeKey;
    Fate fate = Fate::None;
    qint64 fateAtMs = 0;
    qint64 listeners = -1; // PUBLISH receiver count
    bool streamed = false; // XADD done: a re-publish must not add it twice
    bool replayed = false; // re-sent by hand
};

Q_DECLARE_METATYPE(Fate)
