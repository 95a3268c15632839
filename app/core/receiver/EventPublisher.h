#pragma once

#include "MonitorEvent.h"
#include "Status.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>

class RedisConnection;

// Publishes this terminal's events on the `websockets` channel (WIRE.md §4) so that other
// monitors, and a GUI watching a headless receiver, see them. Best effort and bounded: while the
// link is down or too many PUBLISHes are in flight, events are dropped and counted, never queued,
// because the UI bus must never hold back or slow down the webhook path.
class EventPublisher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultMaxInFlight = 1000;

    // connection is not owned and must not be a subscribed one (those refuse PUBLISH).
    explicit EventPublisher(RedisConnection *connection, QObject *parent = nullptr);
    ~EventPublisher() override;

    void setChannel(const QByteArray &channel); // default "websockets"
    QByteArray channel() const { return m_channel; }
    void setMaxInFlight(int max);
    void setStartedAt(const QDateTime &startedAt); // default: construction time

    // True when the PUBLISH was sent; false when the event was dropped (and counted).
    bool publish(const MonitorEvent &event);
    bool publish(const QByteArray &serialized); // an event already written (WebhookEvents)
    // T6's own terminal_status (WIRE.md §4), e.g. every 5 s and on change.
    // `figures` (webhooks_received, queued) join the message.
    bool publishTerminalStatus(TerminalState state, const QString &detail,
                               const QJsonObject &figures = {});
    // The terminal_status event publishTerminalStatus() sends; Unknown is reported as "down".
    MonitorEvent terminalStatusEvent(TerminalState state, const QString &detail,
                                     const QJsonObject &figures = {}) const;
    // Names this receiver in its terminal_status (several may share a Redis).
    void setReceiver(const QString &receiver) { m_receiver = receiver; }

    int droppedCount() const { return m_droppedCount; } // not sent, refused or lost with the link
    int publishedCount() const { return m_publishedCount; } // confirmed by Redis
    int inFlight() const { return m_inFlight; }

private:
    bool canPublish(); // false, counted as dropped, when Redis is away or too much is in flight
    void drop(const QString &why);
    void onReply(bool delivered);

    QPointer<RedisConnection> m_connection;
    QByteArray m_channel = QByteArrayLiteral("websockets");
    int m_maxInFlight = kDefaultMaxInFlight;
    QDateTime m_startedAt;
    int m_inFlight = 0;
    int m_droppedCount = 0;
    int m_publishedCount = 0;
    int m_droppedSinceReport = 0; // reported once publishing works again
    QString m_receiver;
};
