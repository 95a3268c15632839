#include "monitor/sources/RedisChannelSource.h"

#include "monitor/EventParser.h"
#include "redis/RedisConnection.h"

#include <QLoggingCategory>
#include <QUuid>

using namespace std::chrono_literals;

namespace {

Q_LOGGING_CATEGORY(lcChannelSource, "t6.monitor.redis")

const QLatin1String kProbeType("t6_keepalive");
constexpr qint64 kGarbageReportMs = 60 * 1000;

// A payload excerpt for the log: enough to recognise the sender, never a flood.
QString excerpt(const QByteArray &payload)
{
    constexpr qsizetype kMax = 160;
    const QString text = QString::fromUtf8(payload.left(kMax)).simplified();
    return payload.size() > kMax ? text + QStringLiteral("...") : text;
}

} // namespace

RedisChannelSource::RedisChannelSource(RedisEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_subscriber(new RedisConnection(endpoint, this))
    , m_prober(new RedisConnection(endpoint, this))
    // Unique across monitors on the same channel, which swallow each other's probes.
    , m_probePrefix(QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + '-')
{
    m_subscriber->setName(QStringLiteral("T6 monitor"));
    m_prober->setName(QStringLiteral("T6 keepalive"));
    m_prober->setCommandTimeout(m_keepaliveDeadline);

    m_keepaliveTimer.setInterval(kDefaultKeepaliveInterval);
    m_deadlineTimer.setSingleShot(true);
    connect(&m_keepaliveTimer, &QTimer::timeout, this, &RedisChannelSource::sendProbe);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &RedisChannelSource::onProbeDeadline);
    connect(m_subscriber, &RedisConnection::connected, this, &RedisChannelSource::subscribe);
    connect(m_subscriber, &RedisConnection::stateChanged, this, &RedisChannelSource::updateState);
}

// The connections are children: their destructors free the links without calling our handlers.
RedisChannelSource::~RedisChannelSource() = default;

void RedisChannelSource::setChannel(const QByteArray &channel)
{
    m_channel = channel;
}

void RedisChannelSource::setKeepaliveInterval(std::chrono::milliseconds interval)
{
    m_keepaliveTimer.setInterval(interval);
}

void RedisChannelSource::setKeepaliveDeadline(std::chrono::milliseconds deadline)
{
    m_keepaliveDeadline = deadline;
    // A probe link that cannot PUBLISH within the deadline is as stuck as the subscriber.
    m_prober->setCommandTimeout(deadline);
}

void RedisChannelSource::start()
{
    if (m_running)
        return;
    m_running = true;
    m_subscriber->open();
    m_prober->open();
    updateState();
}

void RedisChannelSource::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_keepaliveTimer.stop();
    m_deadlineTimer.stop();
    m_probeId.clear();
    m_prober->close();
    m_subscriber->close(); // answers the subscription handler with Disconnected
    m_subscribed = false;
    updateState();
}

void RedisChannelSource::subscribe()
{
    if (!m_running)
        return;
    const bool sent =
        m_subscriber->subscribe({QByteArrayLiteral("SUBSCRIBE"), m_channel},
                                [this](const RedisReply &reply) { onSubscriptionReply(reply); });
    if (!sent) {
        // Only when the link dropped between connected() and here; its reconnect retries.
        qCWarning(lcChannelSource).noquote()
            << QStringLiteral("SUBSCRIBE %1 could not be sent").arg(QString::fromUtf8(m_channel));
    }
}

void RedisChannelSource::onSubscriptionReply(const RedisReply &reply)
{
    if (reply.type == RedisReply::Type::Disconnected) {
        // The connection reconnects by itself and connected() subscribes again.
        m_subscribed = false;
        m_keepaliveTimer.stop();
        m_deadlineTimer.stop();
        m_probeId.clear();
        updateState();
        return;
    }
    if (reply.type == RedisReply::Type::Error) {
        qCWarning(lcChannelSource).noquote()
            << QStringLiteral("SUBSCRIBE %1 refused: %2")
                   .arg(QString::fromUtf8(m_channel), QString::fromUtf8(reply.string));
        return;
    }
    if (reply.type != RedisReply::Type::Array || reply.elements.size() < 3)
        return;
    const QByteArray kind = reply.elements.at(0).string;
    if (kind == "message") {
        onMessage(reply.elements.at(2).string);
    } else if (kind == "subscribe") {
        m_subscribed = true;
        qCInfo(lcChannelSource).noquote()
            << QStringLiteral("subscribed to %1").arg(QString::fromUtf8(m_channel));
        m_probeId.clear();
        m_keepaliveTimer.start();
        updateState();
    }
}

void RedisChannelSource::onMessage(const QByteArray &payload)
{
    if (!m_skippedPrefix.isEmpty() && payload.startsWith(m_skippedPrefix))
        return;
    QString error;
    std::optional<MonitorEvent> event = EventParser::parse(payload, &error);
    if (!event) {
        onGarbage(payload, error);
        return;
    }
    if (event->type == kProbeType) {
        // Ours or another monitor's probe: never an event. Only our current one proves the link.
        if (!m_probeId.isEmpty() &&
            event->message.value(QLatin1String("id")).toString().toUtf8() == m_probeId) {
            m_probeId.clear();
            m_deadlineTimer.stop();
        }
        return;
    }
    Q_EMIT eventReceived(*event);
}

void RedisChannelSource::onGarbage(const QByteArray &payload, const QString &error)
{
    ++m_garbageCount;
    // Once, then a count at most every minute: a misbehaving publisher must not flood the log.
    if (m_garbageCount == 1) {
        qCWarning(lcChannelSource).noquote()
            << QStringLiteral("ignoring an unparseable message on %1 (%2): %3")
                   .arg(QString::fromUtf8(m_channel), error, excerpt(payload));
        m_garbageReportClock.start();
        return;
    }
    ++m_garbageSinceReport;
    if (m_garbageReportClock.elapsed() >= kGarbageReportMs) {
        qCWarning(lcChannelSource).noquote()
            << QStringLiteral("%1 more unparseable messages on %2 (%3 in all)")
                   .arg(QString::number(m_garbageSinceReport), QString::fromUtf8(m_channel),
                        QString::number(m_garbageCount));
        m_garbageSinceReport = 0;
        m_garbageReportClock.restart();
    }
}

void RedisChannelSource::sendProbe()
{
    // One probe at a time: the deadline of the one out decides. Without a probe link (Redis is
    // restarting) the subscriber's own reconnect is in charge, so this round is skipped.
    if (!m_subscribed || !m_probeId.isEmpty() || m_prober->state() != ConnectionState::Connected)
        return;
    const QByteArray id = m_probePrefix + QByteArray::number(++m_probeSerial);
    MonitorEvent probe;
    probe.type = kProbeType;
    probe.source = QStringLiteral("T6");
    probe.ts = QDateTime::currentDateTimeUtc();
    probe.message.insert(QLatin1String("id"), QString::fromLatin1(id));
    if (!m_prober->command(
            {QByteArrayLiteral("PUBLISH"), m_channel, EventParser::serialize(probe)}))
        return;
    m_probeId = id;
    m_deadlineTimer.start(m_keepaliveDeadline);
}

void RedisChannelSource::onProbeDeadline()
{
    if (!m_running || m_probeId.isEmpty())
        return;
    ++m_keepaliveFailures;
    m_probeId.clear();
    qCWarning(lcChannelSource).noquote()
        << QStringLiteral("no keepalive echo on %1 within %2 ms; reconnecting the subscriber")
               .arg(QString::fromUtf8(m_channel), QString::number(m_keepaliveDeadline.count()));
    // close() answers the subscription with Disconnected; open() starts over without backoff.
    m_subscriber->close();
    if (m_running)
        m_subscriber->open();
}

void RedisChannelSource::updateState()
{
    ConnectionState next = ConnectionState::Disconnected;
    if (m_running && m_subscribed)
        next = ConnectionState::Connected;
    else if (m_running && m_subscriber->state() != ConnectionState::Disconnected)
        next = ConnectionState::Connecting;
    if (next == m_state)
        return;
    m_state = next;
    Q_EMIT stateChanged(next);
}

void RedisChannelSource::setEndpoint(const RedisEndpoint &endpoint)
{
    m_subscriber->setEndpoint(endpoint);
    m_prober->setEndpoint(endpoint);
}
