#include "receiver/WebhookReceiver.h"

#include "http/DescriptorLimit.h"
#include "http/EdgeGuard.h"
#include "http/WebhookServer.h"
#include "journal/Journal.h"
#include "receiver/EventPublisher.h"
#include "redis/Forwarder.h"
#include "redis/RedisConnection.h"
#include "systemd/ServiceNotifier.h"
#include "webhook/WebhookEvents.h"

#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReceiver, "t6.receiver")

namespace {

Journal::Options journalOptions(const Settings &settings)
{
    Journal::Options options;
    options.path = Journal::pathIn(settings.dataDir);
    options.durability = settings.durability;
    options.maxBytes = settings.journalMaxMb * 1024 * 1024;
    return options;
}

Forwarder::Options forwarderOptions(const Settings &settings)
{
    Forwarder::Options options;
    options.streamKey = settings.streamKey;
    options.streamMaxLen = settings.streamMaxLen;
    options.requireListener = settings.requireListener;
    options.replayMaxAge = std::chrono::seconds(settings.replayMaxAgeS);
    options.receiver = settings.effectiveReceiverName().toLatin1();
    options.dedupeWindow = std::chrono::seconds(settings.dedupeWindowS);
    options.replicaWait = std::chrono::milliseconds(settings.replicaWaitMs);
    return options;
}

EdgeGuard::Options edgeOptions(const Settings &settings)
{
    EdgeGuard::Options options;
    options.limits.maxBody = settings.maxBody;
    const long openFiles = DescriptorLimit::raise();
    options.maxConnections =
        DescriptorLimit::connectionsThatFit(settings.maxConnections, openFiles);
    if (options.maxConnections < settings.maxConnections)
        qCWarning(lcReceiver).noquote()
            << QStringLiteral("--max-connections %1 lowered to %2: the process may open %3 files")
                   .arg(settings.maxConnections)
                   .arg(options.maxConnections)
                   .arg(openFiles);
    options.maxConnectionsPerAddress =
        std::min(settings.maxConnectionsPerIp, options.maxConnections);
    options.requestTimeout = std::chrono::seconds(settings.requestTimeoutS);
    options.idleTimeout = std::chrono::seconds(settings.idleTimeoutS);
    // checkSettings() refuses what does not parse before anything listens.
    options.allowed = IpAllowlist::parse(settings.allowIps).value_or(IpAllowlist());
    options.trustedProxies = IpAllowlist::parse(settings.trustedProxies).value_or(IpAllowlist());
    return options;
}

} // namespace

WebhookReceiver::WebhookReceiver(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_receiverName(settings.effectiveReceiverName())
    , m_journal(new Journal(journalOptions(settings), this))
    , m_redis(new RedisConnection(settings.redis, this))
    , m_forwarder(new Forwarder(m_journal, m_redis, forwarderOptions(settings), this))
    , m_guard(new EdgeGuard(edgeOptions(settings), this))
    , m_eventsLink(new RedisConnection(settings.redis, this))
    , m_events(new EventPublisher(m_eventsLink, this))
{
    // Every request and every step of its delivery is also told on `websockets`, for monitors
    // elsewhere (WIRE.md §4), with T6's own terminal_status every 5 s and on change.
    m_eventsLink->setName(QStringLiteral("terminal6-events"));
    m_events->setReceiver(m_receiverName);
    connect(this, &WebhookReceiver::webhookAccepted, m_events, [this](const WebhookSummary &s) {
        m_events->publish(WebhookEvents::receivedJson(s, QDateTime::currentMSecsSinceEpoch()));
    });
    connect(this, &WebhookReceiver::webhookRejected, m_events, [this](const WebhookSummary &s) {
        m_events->publish(WebhookEvents::receivedJson(s, QDateTime::currentMSecsSinceEpoch()));
    });
    connect(this, &WebhookReceiver::webhookFateChanged, m_events,
            [this](const QString &traceId, Fate fate, qint64 listeners) {
                m_events->publish(WebhookEvents::fateChangedJson(
                    traceId, fate, listeners, m_receiverName, QDateTime::currentMSecsSinceEpoch()));
            });
    connect(m_forwarder, &Forwarder::streamed, m_events, [this](const QString &traceId) {
        m_events->publish(WebhookEvents::streamedJson(traceId, m_receiverName,
                                                      QDateTime::currentMSecsSinceEpoch()));
    });
    connect(m_forwarder, &Forwarder::streamed, this, &WebhookReceiver::webhookStreamed);
    m_statusTimer.setInterval(std::chrono::seconds(5));
    connect(&m_statusTimer, &QTimer::timeout, this, &WebhookReceiver::publishStatus);
    connect(m_eventsLink, &RedisConnection::connected, this, &WebhookReceiver::publishStatus);
    connect(m_redis, &RedisConnection::stateChanged, this, &WebhookReceiver::publishStatus);

    m_redis->setName(QStringLiteral("terminal6-forwarder"));
    connect(m_forwarder, &Forwarder::fateChanged, this, &WebhookReceiver::webhookFateChanged);
    // Whoever shows the status reads one value, at most ten times a second and at least once.
    m_statusCoalesce.setSingleShot(true);
    m_statusCoalesce.setInterval(std::chrono::milliseconds(100));
    connect(&m_statusCoalesce, &QTimer::timeout, this, [this] { Q_EMIT statusChanged(status()); });
    m_statusTick.setInterval(std::chrono::seconds(1));
    connect(&m_statusTick, &QTimer::timeout, this, &WebhookReceiver::statusMayHaveChanged);
    connect(m_redis, &RedisConnection::stateChanged, this, &WebhookReceiver::statusMayHaveChanged);
    connect(m_forwarder, &Forwarder::queueChanged, this, &WebhookReceiver::statusMayHaveChanged);
    m_retention.setInterval(std::chrono::hours(1));
    connect(&m_retention, &QTimer::timeout, this, &WebhookReceiver::pruneJournal);
}

WebhookReceiver::~WebhookReceiver() = default;

QString WebhookReceiver::setTls(EdgeGuard *guard, const Settings &settings)
{
    TlsConfig tls;
    if (!settings.tlsCert.isEmpty() || !settings.tlsKey.isEmpty()) {
        tls.requireTradingViewCert = settings.requireTradingViewCert;
        if (const QString error = tls.load(settings.tlsCert, settings.tlsKey); !error.isEmpty())
            return error;
    } else if (settings.requireTradingViewCert) {
        // Fail closed: without our own TLS there is no client certificate to check.
        return QStringLiteral("--require-tradingview-cert: needs --tls-cert and --tls-key");
    }
    guard->setTls(tls);
    return {};
}

QString WebhookReceiver::listen(EdgeGuard *guard, const Settings &settings)
{
    if (const QString error = setTls(guard, settings); !error.isEmpty())
        return error;
    if (const InheritedSocket &given = settings.listenSocket; given.given()) {
        // No public bind without a token, whoever bound the socket.
        if (!settings.hasToken() && !given.address.isLoopback())
            return QStringLiteral("the socket handed over listens on %1 port %2, beyond this "
                                  "machine, and no token is set (WEBHOOK_TOKEN)")
                .arg(given.address.toString())
                .arg(given.port);
        if (!guard->setSocketDescriptor(given.descriptor))
            return QStringLiteral("cannot take the socket handed over: %1")
                .arg(guard->errorString());
        return {};
    }
    const QString host = settings.effectiveHost();
    const QHostAddress address = host == QLatin1String("localhost")
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    if (address.isNull())
        return QStringLiteral("--host: %1 is not an IP address").arg(host);
    // A burst of connections (a flood, or many alerts at one bar close) waits in the kernel
    // rather than being dropped (Qt's default backlog is 50).
    guard->setListenBacklogSize(1024);
    if (!guard->listen(address, settings.port))
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(host)
            .arg(settings.port)
            .arg(guard->errorString());
    return {};
}

QString WebhookReceiver::start()
{
    // A mistyped CIDR must stop the start, not silently let everyone in (or no one).
    if (const QString settingsError = WebhookServer::checkSettings(m_settings);
        !settingsError.isEmpty())
        return settingsError;
    const QString journalError = m_journal->open();
    if (!journalError.isEmpty())
        return journalError;
    m_server = new WebhookServer(m_settings, m_journal, m_forwarder, m_redis, this);
    connect(m_server, &WebhookServer::webhookAccepted, this, &WebhookReceiver::webhookAccepted);
    connect(m_server, &WebhookServer::webhookRejected, this, &WebhookReceiver::webhookRejected);
    connect(m_server, &WebhookServer::webhookAccepted, this,
            &WebhookReceiver::statusMayHaveChanged);
    connect(m_server, &WebhookServer::webhookRejected, this,
            &WebhookReceiver::statusMayHaveChanged);
    connect(m_server, &WebhookServer::pausedChanged, this, &WebhookReceiver::statusMayHaveChanged);

    if (const QString error = listen(m_guard, m_settings); !error.isEmpty())
        return error;
    m_server->serve(m_guard);
    m_forwarder->start();
    m_redis->open();
    m_eventsLink->open();
    m_statusTimer.start();
    m_statusTick.start();
    statusMayHaveChanged();
    QTimer::singleShot(std::chrono::seconds(30), this, &WebhookReceiver::pruneJournal);
    m_retention.start();
    if (const auto interval = ServiceNotifier::watchdogInterval(); interval.count() > 0) {
        connect(&m_watchdog, &QTimer::timeout, this,
                [] { ServiceNotifier::notify(QByteArrayLiteral("WATCHDOG=1")); });
        m_watchdog.start(interval);
    }
    return {};
}

QString WebhookReceiver::rebind(const Settings &next)
{
    if (!m_server)
        return QStringLiteral("not started");
    // Against where the guard listens: a first token moves it off loopback at the same port.
    const QString host = next.effectiveHost();
    const QHostAddress address = host == QLatin1String("localhost")
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    const bool sameAddress =
        address == m_guard->serverAddress() && next.port != 0 && next.port == m_guard->serverPort();
    if (!sameAddress && m_settings.listenSocket.given())
        return QStringLiteral("the listening socket is the service manager's "
                              "(terminal6.socket): change its ListenStream= instead");
    if (sameAddress) {
        // TLS only: the listener stays, connections accepted from now on use the new setup.
        if (const QString error = setTls(m_guard, next); !error.isEmpty())
            return error;
    } else {
        auto *guard = new EdgeGuard(m_guard->options(), this);
        QString error = listen(guard, next);
        if (!error.isEmpty() && next.port == m_guard->serverPort()) {
            // Another address on the same port (0.0.0.0 ↔ 127.0.0.1) cannot be bound beside the
            // old one: the old listener closes first, and listens again if the new one fails.
            // Where it listened, not m_settings: a first token already changed its effective host.
            Settings previous = m_settings;
            previous.host = m_guard->serverAddress().toString();
            previous.port = m_guard->serverPort();
            m_guard->close();
            error = listen(guard, next);
            if (!error.isEmpty())
                listen(m_guard, previous);
        }
        if (!error.isEmpty()) {
            delete guard;
            return error;
        }
        // From here new connections land on the new listener; the old one stops accepting and
        // its connections finish what they carry.
        m_server->serve(guard);
        EdgeGuard *old = std::exchange(m_guard, guard);
        old->close();
        retire(old);
    }
    m_settings.host = next.host;
    m_settings.port = next.port;
    m_settings.tlsCert = next.tlsCert;
    m_settings.tlsKey = next.tlsKey;
    m_settings.requireTradingViewCert = next.requireTradingViewCert;
    qCInfo(lcReceiver).noquote() << "now listening on" << next.effectiveHost() << "port"
                                 << m_guard->serverPort();
    statusMayHaveChanged();
    return {};
}

void WebhookReceiver::retire(EdgeGuard *guard)
{
    // Deleted once its last connection is gone (they live at most maxConnectionAge).
    auto *check = new QTimer(guard);
    check->setInterval(std::chrono::milliseconds(500));
    const qint64 until = QDateTime::currentMSecsSinceEpoch() +
                         std::chrono::milliseconds(guard->options().maxConnectionAge).count() +
                         1000;
    connect(check, &QTimer::timeout, guard, [guard, until] {
        if (guard->connectionCount() == 0 || QDateTime::currentMSecsSinceEpoch() > until)
            guard->deleteLater();
    });
    check->start();
}

void WebhookReceiver::setRedis(const RedisEndpoint &endpoint)
{
    m_settings.redis = endpoint;
    if (m_server)
        m_server->setRedisEndpoint(endpoint);
    m_redis->setEndpoint(endpoint);
    m_eventsLink->setEndpoint(endpoint);
    statusMayHaveChanged();
}

void WebhookReceiver::setTokens(const QByteArrayList &tokens)
{
    m_settings.tokens = tokens;
    if (m_server)
        m_server->setTokens(tokens);
}

void WebhookReceiver::setMonitorSection(const QString &name, const QJsonObject &value)
{
    if (m_server)
        m_server->setMonitorSection(name, value);
}

quint16 WebhookReceiver::port() const
{
    return m_guard->serverPort();
}

ReceiverStatus WebhookReceiver::status() const
{
    ReceiverStatus s = m_server ? m_server->status() : ReceiverStatus();
    s.listening = m_guard->isListening();
    return s;
}

void WebhookReceiver::statusMayHaveChanged()
{
    if (!m_statusCoalesce.isActive())
        m_statusCoalesce.start();
}

void WebhookReceiver::setPaused(bool paused, bool publishWaiting)
{
    if (paused)
        m_forwarder->pause();
    else
        m_forwarder->resume(publishWaiting);
    statusMayHaveChanged();
}

int WebhookReceiver::resend(const QString &traceId)
{
    m_journal->flush(); // fates decided a moment ago are what the request is about
    return m_forwarder->resend(traceId);
}

void WebhookReceiver::publishStatus()
{
    const ReceiverStatus s = status();
    const QJsonObject figures{{QLatin1String("webhooks_received"), s.received},
                              {QLatin1String("queued"), s.open}};
    if (m_redis->state() == ConnectionState::Connected)
        m_events->publishTerminalStatus(TerminalState::Up, QStringLiteral("receiving"), figures);
    else
        m_events->publishTerminalStatus(TerminalState::Degraded,
                                        QStringLiteral("forwarder link to Redis down"), figures);
}

void WebhookReceiver::pruneJournal()
{
    const qint64 cut =
        QDateTime::currentMSecsSinceEpoch() - qint64(m_settings.retentionDays) * 24 * 3600 * 1000;
    const int pruned = m_journal->prune(cut);
    if (pruned > 0)
        qCInfo(lcReceiver) << "pruned" << pruned << "journal rows older than"
                           << m_settings.retentionDays << "days";
}

void WebhookReceiver::drain(std::chrono::milliseconds timeout, std::function<void(int)> done)
{
    m_guard->close(); // no new connections; requests already inside still finish
    m_statusTick.stop();
    m_statusCoalesce.stop();
    if (m_server)
        m_server->flushRefusals(true);
    m_journal->flush();
    if (m_forwarder->undelivered() == 0) {
        done(0);
        return;
    }
    auto finish = std::make_shared<std::function<void(int)>>(std::move(done));
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    auto once = [this, finish, deadline] {
        if (*finish) {
            m_journal->flush();
            (*finish)(m_forwarder->undelivered());
            *finish = nullptr;
        }
        deadline->deleteLater();
    };
    connect(deadline, &QTimer::timeout, this, once);
    connect(m_forwarder, &Forwarder::queueChanged, deadline, [once](int undelivered) {
        if (undelivered == 0)
            once();
    });
    deadline->start(timeout);
}
