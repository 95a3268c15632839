#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// What became of an accepted webhook on its way to Redis.
enum class Fate {
    None,      // not forwardable (rejected, duplicate)
    Pending,   // not yet published
    Forwarded, // published with at least one listener (or none required)
    Held,      // published to nobody: published again, in order, once someone listens
    Expired,   // older than the replay limit before it could be published: not sent by itself
    Replayed,  // re-sent by hand
    Duplicate, // another receiver sharing the Redis had it first (decided at forward time)
};

enum class Outcome { Accepted, Duplicate, Rejected };

QString fateName(Fate fate);
Fate fateFromName(QStringView name);
QString outcomeName(Outcome outcome);
Outcome outcomeFromName(QStringView name);

// One webhook as the journal keeps it (accepted or duplicate; refusals are aggregated elsewhere).
// Never holds a token: payloads are token-free.
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
    bool streamed = false; // in the stream (XADD confirmed)
    qint64 streamedAtMs = 0;
    bool replayed = false; // re-sent by hand
};

Q_DECLARE_METATYPE(Fate)
