#include "receiver/EventPublisher.h"

#include "monitor/EventParser.h"
#include "redis/RedisConnection.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSysInfo>

#include <algorithm>

namespace {

Q_LOGGING_CATEGORY(lcPublisher, "t6.monitor.publish")

} // namespace

EventPublisher::EventPublisher(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_startedAt(QDateTime::currentDateTimeUtc())
{}

EventPublisher::~EventPublisher() = default;

void EventPublisher::setChannel(const QByteArray &channel)
{
    m_channel = channel;
}

void EventPublisher::setMaxInFlight(int max)
{
    m_maxInFlight = std::max(1, max);
}

void EventPublisher::setStartedAt(const QDateTime &startedAt)
{
    m_startedAt = startedAt.toUTC();
}

bool EventPublisher::publish(const MonitorEvent &event)
{
    // Not written at all when it would be dropped.
    return canPublish() && publish(EventParser::serialize(event));
}

bool EventPublisher::canPublish()
{
    if (!m_connection || m_connection->state() != ConnectionState::Connected) {
        drop(QStringLiteral("Redis is not connected"));
        return false;
    }
    if (m_inFlight >= m_maxInFlight) {
        drop(QStringLiteral("%1 publishes already in flight").arg(m_inFlight));
        return false;
    }
    return true;
}

bool EventPublisher::publish(const QByteArray &serialized)
{
    if (!canPublish())
        return false;
    // The handler may run after we are gone (the connection outlives us): guard it.
    QPointer<EventPublisher> self(this);
    const bool sent = m_connection->command(
        {QByteArrayLiteral("PUBLISH"), m_channel, serialized}, [self](const RedisReply &reply) {
            if (self)
                self->onReply(reply.type == RedisReply::Type::Integer);
        });
    if (!sent) {
        drop(QStringLiteral("the connection refused PUBLISH"));
        return false;
    }
    ++m_inFlight;
    return true;
}

bool EventPublisher::publishTerminalStatus(TerminalState state, const QString &detail,
                                           const QJsonObject &figures)
{
    return publish(terminalStatusEvent(state, detail, figures));
}

MonitorEvent EventPublisher::terminalStatusEvent(TerminalState state, const QString &detail,
                                                 const QJsonObject &figures) const
{
    MonitorEvent event;
    event.type = QStringLiteral("terminal_status");
    event.source = QStringLiteral("T6");
    event.receiver = m_receiver;
    event.ts = QDateTime::currentDateTimeUtc();
    // WIRE.md knows up/degraded/down only; a terminal that cannot tell its own state is not up.
    const QString stateText =
        state == TerminalState::Unknown ? QStringLiteral("down") : stateName(state);
    event.message = QJsonObject{
        {QLatin1String("terminal"), QStringLiteral("T6")},
        {QLatin1String("name"), QStringLiteral("Webhook Receiver")},
        {QLatin1String("state"), stateText},
        {QLatin1String("detail"), detail},
        {QLatin1String("pid"), QCoreApplication::applicationPid()},
        {QLatin1String("host"), QSysInfo::machineHostName()},
        {QLatin1String("started_at"), m_startedAt.toString(Qt::ISODateWithMs)},
        {QLatin1String("interval_s"), 5},
    };
    if (!m_receiver.isEmpty())
        event.message.insert(QLatin1String("receiver"), m_receiver);
    for (auto it = figures.begin(); it != figures.end(); ++it)
        event.message.insert(it.key(), it.value());
    return event;
}

void EventPublisher::drop(const QString &why)
{
    ++m_droppedCount;
    // One line when dropping starts, one when publishing works again: not one per event.
    if (m_droppedSinceReport++ == 0) {
        qCWarning(lcPublisher).noquote()
            << QStringLiteral("dropping events for %1: %2").arg(QString::fromUtf8(m_channel), why);
    }
}

void EventPublisher::onReply(bool delivered)
{
    --m_inFlight;
    if (!delivered) {
        // Lost with the link or refused (ACL, OOM): counted as dropped, reported like one.
        drop(QStringLiteral("PUBLISH was not confirmed"));
        return;
    }
    ++m_publishedCount;
    if (m_droppedSinceReport > 0) {
        qCInfo(lcPublisher).noquote()
            << QStringLiteral("publishing on %1 again; %2 events dropped meanwhile")
                   .arg(QString::fromUtf8(m_channel), QString::number(m_droppedSinceReport));
        m_droppedSinceReport = 0;
    }
}
