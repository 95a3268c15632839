#include "monitor/sources/HealthProbes.h"

#include "monitor/EventParser.h"
#include "monitor/models/TerminalHealthModel.h"
#include "redis/RedisConnection.h"
#include "redis/RedisReply.h"

#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {

const QString T1 = QStringLiteral("T1");
const QString T3 = QStringLiteral("T3");
const QString T4 = QStringLiteral("T4");
const QString T5 = QStringLiteral("T5");

QDateTime currentUtc()
{
    return QDateTime::currentDateTimeUtc();
}

// <base>/<path>, keeping a path prefix the base may have (Daphne behind /aristobot/, say).
QUrl underBase(const QUrl &base, QLatin1String path)
{
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

// The blocking list pops a gateway may wait on its queue with.
bool isListPop(QByteArrayView command)
{
    for (const char *pop : {"blpop", "brpop", "blmove", "brpoplpush", "blmpop"}) {
        if (command == pop)
            return true;
    }
    return false;
}

} // namespace

HealthProbes::HealthProbes(RedisEndpoint endpoint, HealthProbeOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_redis(new RedisConnection(std::move(endpoint), this))
    , m_clock(currentUtc)
{
    m_redis->setName(QStringLiteral("t6-health"));
    // A probe that hangs longer than a few intervals says nothing useful any more.
    m_redis->setCommandTimeout(std::max(std::chrono::milliseconds(1000), 3 * m_options.interval));
    // The probes must reach the terminals themselves, never a proxy answering in their place.
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_timer.setInterval(m_options.interval);
    connect(&m_timer, &QTimer::timeout, this, &HealthProbes::probe);
    connect(m_redis, &RedisConnection::disconnected, this, &HealthProbes::reportRedisUnreachable);
    connect(m_redis, &RedisConnection::connected, this, &HealthProbes::probeRedis);
}

HealthProbes::~HealthProbes()
{
    stop();
}

void HealthProbes::start()
{
    if (m_timer.isActive())
        return;
    m_redis->open();
    m_timer.start();
    probe();
}

void HealthProbes::stop()
{
    m_timer.stop();
    m_redis->close();
    for (QPointer<QNetworkReply> *reply : {&m_daphneReply, &m_frontendReply}) {
        if (*reply) {
            // Abandoned, not failed: abort() would report the terminal down for our own doing.
            QNetworkReply *abandoned = *reply;
            *reply = nullptr;
            abandoned->disconnect(this);
            abandoned->abort();
            abandoned->deleteLater();
        }
    }
}

void HealthProbes::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : std::function<QDateTime()>(currentUtc);
}

std::optional<HealthProbes::ListPopper> HealthProbes::findListPopper(const QByteArray &clientList)
{
    std::optional<ListPopper> recent;
    for (const QByteArray &line : clientList.split('\n')) {
        ListPopper popper;
        bool blocked = false;
        qint64 idleS = -1;
        for (const QByteArray &field : line.trimmed().split(' ')) {
            const qsizetype equals = field.indexOf('=');
            if (equals <= 0)
                continue;
            const QByteArrayView key = QByteArrayView(field).first(equals);
            const QByteArray value = field.mid(equals + 1);
            bool ok = false;
            if (key == "id") {
                const qint64 id = value.toLongLong(&ok);
                popper.clientId = ok ? id : -1;
            } else if (key == "cmd") {
                popper.command = value;
            } else if (key == "flags") {
                blocked = value.contains('b');
            } else if (key == "idle") {
                const qint64 idle = value.toLongLong(&ok);
                idleS = ok ? idle : -1;
            }
        }
        if (popper.clientId < 0 || !isListPop(popper.command))
            continue;
        if (blocked)
            return popper;
        if (!recent && idleS >= 0 && idleS <= PopperMaxIdle.count())
            recent = popper;
    }
    return recent;
}

void HealthProbes::probe()
{
    m_clientListDue = true;
    probeHttp(T1, m_options.daphneHttp, m_daphneReply, [](int status) { return status == 200; });
    probeRedis();
    probeHttp(T4, m_options.frontend, m_frontendReply,
              [](int status) { return status > 0 && status < 500; });
}

void HealthProbes::probeRedis()
{
    if (m_redis->state() != ConnectionState::Connected) {
        reportRedisUnreachable();
        return;
    }
    // One probe of each kind in flight: a slow Redis must not pile up commands.
    if (!m_numsubPending) {
        m_numsubPending = m_redis->command(
            {QByteArrayLiteral("PUBSUB"), QByteArrayLiteral("NUMSUB"), m_options.webhookChannel},
            [this](const RedisReply &reply) { onNumsub(reply); });
    }
    if (!m_llenPending) {
        m_llenPending = m_redis->command({QByteArrayLiteral("LLEN"), m_options.exchangeQueue},
                                         [this](const RedisReply &reply) { onLlen(reply); });
    }
    // CLIENT LIST makes Redis walk every client: once per probe interval, not again on reconnect.
    // Sent after LLEN, so its answer finds the queue length of the same probe.
    if (m_clientListDue && !m_clientListPending) {
        m_clientListPending =
            m_redis->command({QByteArrayLiteral("CLIENT"), QByteArrayLiteral("LIST")},
                             [this](const RedisReply &reply) { onClientList(reply); });
        m_clientListDue = !m_clientListPending;
    }
}

void HealthProbes::onNumsub(const RedisReply &reply)
{
    m_numsubPending = false;
    const QString source =
        QStringLiteral("PUBSUB NUMSUB %1").arg(QString::fromUtf8(m_options.webhookChannel));
    if (reply.type == RedisReply::Type::Disconnected) {
        reportRedisUnreachable();
        return;
    }
    // [channel, count]
    if (reply.type != RedisReply::Type::Array || reply.elements.size() != 2 ||
        reply.elements.at(1).type != RedisReply::Type::Integer) {
        report(T3, TerminalState::Unknown,
               tr("unexpected reply: %1").arg(QString::fromUtf8(reply.string)), source);
        return;
    }
    const qint64 listeners = reply.elements.at(1).integer;
    report(
        T3, listeners >= 1 ? TerminalState::Up : TerminalState::Down,
        tr("%1 listener(s) on %2").arg(listeners).arg(QString::fromUtf8(m_options.webhookChannel)),
        source);
}

void HealthProbes::onLlen(const RedisReply &reply)
{
    m_llenPending = false;
    if (reply.type == RedisReply::Type::Disconnected) {
        reportRedisUnreachable();
        return;
    }
    if (reply.type != RedisReply::Type::Integer) {
        // WRONGTYPE and the like: the key is not the gateway's queue as we know it.
        m_lastQueueLength = -1;
        m_growingProbes = 0;
        m_queueUnreadable = tr("unexpected reply: %1").arg(QString::fromUtf8(reply.string));
        return;
    }
    m_queueUnreadable.clear();
    const qint64 length = reply.integer;
    if (length <= m_options.queueNearZero) {
        m_growingProbes = 0;
    } else if (m_lastQueueLength >= 0 && length > m_lastQueueLength) {
        ++m_growingProbes;
    } else {
        m_growingProbes = 0;
    }
    m_lastQueueLength = length;
}

void HealthProbes::onClientList(const RedisReply &reply)
{
    m_clientListPending = false;
    if (reply.type == RedisReply::Type::Disconnected) {
        reportRedisUnreachable();
        return;
    }
    const QString queue = QString::fromUtf8(m_options.exchangeQueue);
    const QString llenSource = QStringLiteral("LLEN %1").arg(queue);
    const QString clientListSource = QStringLiteral("CLIENT LIST");
    // A queue that keeps growing means nobody drains it, whoever waits on it or can be seen to.
    if (m_growingProbes >= GrowingProbes) {
        report(T5, TerminalState::Down, queueDetail(), llenSource);
        return;
    }
    if (!m_queueUnreadable.isEmpty()) {
        report(T5, TerminalState::Unknown, m_queueUnreadable, llenSource);
        return;
    }
    if (reply.type != RedisReply::Type::String) {
        const QString why = QString::fromUtf8(reply.string);
        report(T5, TerminalState::Unknown,
               reply.type == RedisReply::Type::Error ? tr("CLIENT LIST refused: %1").arg(why)
                                                     : tr("unexpected reply: %1").arg(why),
               clientListSource);
        return;
    }
    const std::optional<ListPopper> popper = findListPopper(reply.string);
    if (!popper) {
        report(T5, TerminalState::Unknown, tr("no client waiting on %1").arg(queue),
               clientListSource);
        return;
    }
    if (m_lastQueueLength > m_options.queueNearZero) {
        // Popped, but more slowly than requests come.
        report(T5, TerminalState::Degraded, queueDetail(), llenSource);
        return;
    }
    report(T5, TerminalState::Up,
           tr("Terminal 5 waiting on %1 (%2, client id %3)")
               .arg(queue, QString::fromUtf8(popper->command.toUpper()))
               .arg(popper->clientId),
           clientListSource);
}

QString HealthProbes::queueDetail() const
{
    QString detail = tr("%1 request(s) waiting in %2")
                         .arg(m_lastQueueLength)
                         .arg(QString::fromUtf8(m_options.exchangeQueue));
    if (m_growingProbes > 0)
        detail += tr(", growing for %n probe(s)", nullptr, m_growingProbes);
    return detail;
}

void HealthProbes::reportRedisUnreachable()
{
    m_lastQueueLength = -1;
    m_growingProbes = 0;
    m_queueUnreadable.clear();
    const QString detail = tr("Redis unreachable");
    report(T3, TerminalState::Unknown, detail,
           QStringLiteral("PUBSUB NUMSUB %1").arg(QString::fromUtf8(m_options.webhookChannel)));
    report(T5, TerminalState::Unknown, detail,
           QStringLiteral("LLEN %1").arg(QString::fromUtf8(m_options.exchangeQueue)));
}

void HealthProbes::probeHttp(const QString &terminal, const QUrl &url,
                             QPointer<QNetworkReply> &inFlight,
                             std::function<bool(int status)> isUp)
{
    if (url.isEmpty() || !url.isValid()) {
        report(terminal, TerminalState::Unknown,
               url.isEmpty() ? tr("not configured") : tr("invalid URL"), QString());
        return;
    }
    if (inFlight)
        return; // the previous probe is still waiting, at most HttpTimeout
    const QUrl target = terminal == T1 ? underBase(url, QLatin1String("/api/heartbeat/status/"))
                                       : underBase(url, QLatin1String("/"));
    QNetworkRequest request(target);
    request.setTransferTimeout(int(HttpTimeout.count()));
    QNetworkReply *reply = m_network.get(request);
    inFlight = reply;
    const QString source = QStringLiteral("GET %1").arg(target.toDisplayString());
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, &inFlight, terminal, source, isUp] {
                reply->deleteLater();
                inFlight = nullptr;
                const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                if (status.isValid()) {
                    const int code = status.toInt();
                    report(terminal, isUp(code) ? TerminalState::Up : TerminalState::Down,
                           tr("HTTP %1").arg(code), source);
                } else {
                    report(terminal, TerminalState::Down,
                           tr("no answer: %1").arg(reply->errorString()), source);
                }
            });
}

void HealthProbes::report(const QString &terminal, TerminalState state, const QString &detail,
                          const QString &source)
{
    Q_EMIT evidence(TerminalHealthModel::probeEvent(terminal, state, detail, source, m_clock()));
}

void HealthProbes::setRedisEndpoint(const RedisEndpoint &endpoint)
{
    m_redis->setEndpoint(endpoint);
}
