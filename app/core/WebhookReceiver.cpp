#include "WebhookReceiver.h"

#include "http/EdgeGuard.h"
#include "http/WebhookServer.h"
#include "redis/Forwarder.h"
#include "redis/RedisConnection.h"

#include <QTimer>

WebhookReceiver::WebhookReceiver(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_redis(new RedisConnection(settings.redis, this))
    , m_forwarder(new Forwarder(m_redis, settings.queueLimit, this))
    , m_server(new WebhookServer(settings, m_forwarder, m_redis, this))
    , m_guard(new EdgeGuard({settings.maxBody, 16 * 1024}, this))
{
    m_redis->setName(QStringLiteral("terminal6-forwarder"));
    connect(m_redis, &RedisConnection::stateChanged, this, &WebhookReceiver::redisStateChanged);
    connect(m_forwarder, &Forwarder::queueChanged, this, &WebhookReceiver::queueChanged);
    connect(m_forwarder, &Forwarder::forwarded, this, &WebhookReceiver::webhookForwarded);
    connect(m_server, &WebhookServer::webhookAccepted, this, &WebhookReceiver::webhookAccepted);
    connect(m_server, &WebhookServer::webhookRejected, this, &WebhookReceiver::webhookRejected);
}

WebhookReceiver::~WebhookReceiver() = default;

QString WebhookReceiver::start()
{
    const QString host = m_settings.effectiveHost();
    const QHostAddress address = host == QLatin1String("localhost")
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    if (address.isNull())
        return QStringLiteral("--host: %1 is not an IP address").arg(host);
    if (!m_guard->listen(address, m_settings.port))
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(host)
            .arg(m_settings.port)
            .arg(m_guard->errorString());
    m_server->serve(m_guard);
    m_redis->open();
    return {};
}

quint16 WebhookReceiver::port() const
{
    return m_guard->serverPort();
}

void WebhookReceiver::drain(std::chrono::milliseconds timeout, std::function<void(int)> done)
{
    m_guard->close(); // no new connections; requests already inside still finish
    if (m_forwarder->queued() == 0) {
        done(0);
        return;
    }
    auto finish = std::make_shared<std::function<void(int)>>(std::move(done));
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    auto once = [this, finish, deadline] {
        if (*finish) {
            (*finish)(m_forwarder->queued());
            *finish = nullptr;
        }
        deadline->deleteLater();
    };
    connect(deadline, &QTimer::timeout, this, once);
    connect(m_forwarder, &Forwarder::queueChanged, deadline, [once](int queued) {
        if (queued == 0)
            once();
    });
    deadline->start(timeout);
}
