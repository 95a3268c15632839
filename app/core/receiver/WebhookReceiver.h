#pragma once

#include "ReceiverStatus.h"
#include "Status.h"
#include "config/Settings.h"
#include "journal/JournalRecord.h"
#include "webhook/WebhookSummary.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

class EdgeGuard;
class EventPublisher;
class Forwarder;
class Journal;
class RedisConnection;
class WebhookServer;

// The receiver's objects, all living in the net thread: guard, routes, journal, Redis link,
// forwarder.
class WebhookReceiver : public QObject
{
    Q_OBJECT
public:
    explicit WebhookReceiver(const Settings &settings, QObject *parent = nullptr);
    ~WebhookReceiver() override;

    // Opens the journal, listens, connects to Redis; returns an error line, or empty.
    QString start();
    quint16 port() const;
    void setMonitorSection(const QString &name, const QJsonObject &value);
    // Stops accepting; calls `done` once everything is delivered or `timeout` has passed (what is
    // left stays in the journal for the next start).
    void drain(std::chrono::milliseconds timeout, std::function<void(int left)> done);

    // Listens where `next` says (host, port, TLS) and only then closes the old listener, whose
    // connections finish their requests; on failure the old one stays. Returns the error line.
    QString rebind(const Settings &next);
    // Delivers to and publishes on another Redis from now on.
    void setRedis(const RedisEndpoint &endpoint);
    void setTokens(const QByteArrayList &tokens);

    // The kill switch (Forwarder::pause, resume).
    void setPaused(bool paused, bool publishWaiting);
    // Expired webhooks (or the one with `traceId`) published again; returns how many.
    int resend(const QString &traceId);
    ReceiverStatus status() const;

Q_SIGNALS:
    void webhookAccepted(const WebhookSummary &summary);
    void webhookRejected(const WebhookSummary &summary);
    void webhookFateChanged(const QString &traceId, Fate fate, qint64 listeners);
    void webhookStreamed(const QString &traceId);
    // On every change worth showing (coalesced), and every second.
    void statusChanged(const ReceiverStatus &status);

private:
    static QString setTls(EdgeGuard *guard, const Settings &settings);
    static QString listen(EdgeGuard *guard, const Settings &settings);
    void retire(EdgeGuard *guard);
    void pruneJournal();
    void publishStatus();
    void statusMayHaveChanged();

    Settings m_settings;
    QString m_receiverName; // the settings', worked out once
    Journal *m_journal;
    RedisConnection *m_redis;
    Forwarder *m_forwarder;
    WebhookServer *m_server = nullptr; // made in start(), once the journal is open
    EdgeGuard *m_guard;
    QTimer m_retention;
    RedisConnection *m_eventsLink; // its own link: events never wait behind deliveries
    EventPublisher *m_events;
    QTimer m_statusTimer;    // T6's terminal_status on `websockets`
    QTimer m_statusTick;     // statusChanged every second
    QTimer m_statusCoalesce; // statusChanged soon after a change
    QTimer m_watchdog;       // WATCHDOG=1 to systemd: stops when this thread's loop is stuck
};
