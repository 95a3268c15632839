#pragma once

#include "Status.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

// Where the receiver stands, as one value: what /health says, and what the window, the tray and
// the headless log show (they read this, they keep no counters of their own).
struct ReceiverStatus {
    enum class Redis { Ok, Error, Refusing };

    bool listening = false;
    Redis redis = Redis::Error;
    QString redisError;  // why, when not Ok
    bool paused = false; // forwarding stopped by hand (the kill switch)
    bool journalHealthy = true;
    qint64 journalBytes = 0;
    qint64 received = 0; // answered 200 since start
    qint64 rejected = 0; // refused since start
    qint64 unstreamed = 0;
    qint64 unpublished = 0;
    qint64 held = 0; // of them, waiting because nobody listens
    qint64 open = 0;
    qint64 expired = 0;
    qint64 oldestOpenAgeS = 0;
    qint64 listeners = -1; // receivers of the last PUBLISH webhook_raw
    qint64 lostByRedis = 0;
    qint64 duplicatesInRedis = 0; // another receiver sharing the Redis had them first
    QString receiver;             // this receiver's name (several may share a Redis)
    qint64 uptimeS = 0;

    static QString redisName(Redis redis); // "ok", "error", "refusing"
    // As /health says it (WIRE.md §1.2), and back (a --monitor-only window reads another's).
    QJsonObject toHealth() const;
    static ReceiverStatus fromHealth(const QJsonObject &health);
    static QString redisText(Redis redis); // on screen, in the user's language
};

Q_DECLARE_METATYPE(ReceiverStatus)
