#include "redis/RedisConnection.h"

#include "redis/HiredisQtAdapter.h"
#include "redis/RedisLog.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QPointer>
#include <QVarLengthArray>

#include <hiredis/async.h>

#include <algorithm>
#include <utility>

using namespace std::chrono_literals;

namespace {

constexpr std::chrono::milliseconds kInitialBackoff = 100ms;
constexpr std::chrono::milliseconds kMaxBackoff = 5000ms;

// Commands that switch hiredis 0.14 into a reply mode command() cannot follow: subscriptions
// (subscribe() handles the two it knows), sharded pub/sub and MONITOR, which it does not.
bool isModeSwitchingCommand(const QByteArray &name)
{
    const QByteArray upper = name.toUpper();
    return upper == "SUBSCRIBE" || upper == "PSUBSCRIBE" || upper == "SSUBSCRIBE" ||
           upper == "UNSUBSCRIBE" || upper == "PUNSUBSCRIBE" || upper == "SUNSUBSCRIBE" ||
           upper == "MONITOR";
}

QString describe(const RedisEndpoint::Address &address, const QString &name)
{
    QString label = RedisEndpoint::label(address);
    if (!name.isEmpty())
        label += QStringLiteral(" (") + name + u')';
    return label;
}

QString hiredisError(const char *error)
{
    const QString text = QString::fromLocal8Bit(error).trimmed();
    return text.isEmpty() ? QStringLiteral("connection closed") : text;
}

} // namespace

RedisConnection::RedisConnection(RedisEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_target{m_endpoint.host, m_endpoint.port}
    , m_label(describe(m_target, {}))
    , m_backoff(kInitialBackoff)
{
    m_connectTimer.setSingleShot(true);
    m_commandTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_stableTimer.setSingleShot(true);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] {
        m_backoff = kInitialBackoff;
        m_lastError.clear();
    });
    connect(&m_connectTimer, &QTimer::timeout, this, &RedisConnection::onConnectTimeout);
    connect(&m_commandTimer, &QTimer::timeout, this, &RedisConnection::onCommandTimer);
    connect(&m_retryTimer, &QTimer::timeout, this, &RedisConnection::startAttempt);
    m_clock.start();
}

RedisConnection::~RedisConnection()
{
    abortLookup();
    // With ac->data cleared first, the callbacks hiredis runs while freeing find nobody.
    releaseContext(ContextFate::WeFreeIt);
}

void RedisConnection::setConnectTimeout(std::chrono::milliseconds timeout)
{
    m_connectTimeout = timeout;
}

void RedisConnection::setCommandTimeout(std::chrono::milliseconds timeout)
{
    m_commandTimeout = timeout;
}

void RedisConnection::setName(const QString &name)
{
    m_name = name;
    m_label = describe(m_target, m_name);
    if (m_state == ConnectionState::Connected && m_subscriptions.empty() && !name.isEmpty()) {
        QByteArray clientName = name.toUtf8();
        clientName.replace(' ', '_'); // Redis rejects names with spaces
        send({QByteArrayLiteral("CLIENT"), QByteArrayLiteral("SETNAME"), clientName}, {},
             Kind::Command);
    }
}

void RedisConnection::open()
{
    if (m_open)
        return;
    m_open = true;
    m_backoff = kInitialBackoff;
    if (m_endpoint.usesSentinel())
        watchSentinels(m_sentinel);
    startAttempt();
}

void RedisConnection::setEndpoint(const RedisEndpoint &endpoint)
{
    const bool wasOpen = m_open;
    close();
    m_endpoint = endpoint;
    m_target = {m_endpoint.host, m_endpoint.port};
    m_sentinel = 0;
    m_label = describe(m_target, m_name);
    if (wasOpen)
        open();
}

void RedisConnection::close()
{
    m_open = false;
    m_retryTimer.stop();
    if (m_sentinelWatch) {
        m_sentinelWatch->disconnect(this);
        m_sentinelWatch->close();
        m_sentinelWatch->deleteLater();
        m_sentinelWatch = nullptr;
    }
    resetLink(ContextFate::WeFreeIt, {});
}

bool RedisConnection::command(const QList<QByteArray> &argv, ReplyHandler handler)
{
    if (m_state != ConnectionState::Connected || argv.isEmpty())
        return false;
    if (!m_subscriptions.empty()) {
        qCWarning(lcRedis).noquote()
            << QStringLiteral("Redis %1: %2 refused on a pub/sub connection; use another one")
                   .arg(m_label, QString::fromUtf8(argv.first()));
        return false;
    }
    if (isModeSwitchingCommand(argv.first())) {
        qCWarning(lcRedis).noquote()
            << QStringLiteral("Redis %1: %2 is not a plain command; use subscribe()")
                   .arg(m_label, QString::fromUtf8(argv.first()));
        return false;
    }
    return send(argv, std::move(handler), Kind::Command);
}

bool RedisConnection::subscribe(const QList<QByteArray> &argv, ReplyHandler handler)
{
    if (m_state != ConnectionState::Connected || argv.size() < 2 || !handler)
        return false;
    const QByteArray name = argv.first().toUpper();
    if (name != "SUBSCRIBE" && name != "PSUBSCRIBE") {
        qCWarning(lcRedis).noquote()
            << QStringLiteral("Redis %1: subscribe() takes SUBSCRIBE or PSUBSCRIBE, not %2")
                   .arg(m_label, QString::fromUtf8(argv.first()));
        return false;
    }
    return send(argv, std::move(handler), Kind::Subscription);
}

void RedisConnection::startAttempt()
{
    if (!m_open || m_context || m_lookupId >= 0 || m_sentinelAsk)
        return;
    m_retryTimer.stop();

    QPointer<RedisConnection> alive(this);
    setState(ConnectionState::Connecting);
    // A slot may have closed (and maybe reopened) or deleted us meanwhile.
    if (!alive || !m_open || m_context || m_lookupId >= 0 || m_sentinelAsk ||
        m_state != ConnectionState::Connecting)
        return;
    if (m_endpoint.usesSentinel()) {
        m_sentinelError.clear();
        askSentinel(0);
        return;
    }
    reach(m_target);
}

void RedisConnection::reach(const RedisEndpoint::Address &target)
{
    m_target = target;
    m_label = describe(m_target, m_name);
    m_connectTimer.start(m_connectTimeout);
    const QHostAddress address(m_target.host);
    if (!address.isNull()) {
        connectTo(address.toString().toLatin1());
        return;
    }
    // hiredis resolves names with a blocking getaddrinfo(): resolve on Qt's lookup thread instead.
    m_lookupId = QHostInfo::lookupHost(m_target.host, this, &RedisConnection::onHostResolved);
}

RedisConnection *RedisConnection::sentinelLink(int index)
{
    const RedisEndpoint::Address &sentinel =
        m_endpoint.sentinels.at(index % int(m_endpoint.sentinels.size()));
    RedisEndpoint plain; // sentinels are asked without a password
    plain.host = sentinel.host;
    plain.port = sentinel.port;
    auto *link = new RedisConnection(plain, this);
    link->setQuiet(true); // what they say is said by this connection
    return link;
}

void RedisConnection::askSentinel(int tried)
{
    auto *ask = sentinelLink(m_sentinel + tried);
    m_sentinelAsk = ask;
    ask->setConnectTimeout(std::min<std::chrono::milliseconds>(m_connectTimeout, 1000ms));
    ask->setCommandTimeout(1000ms);
    // Each answer once, from the ask in progress: a link that drops both errs and fails its
    // command.
    const auto answer = [this, ask, tried](const RedisReply &reply) {
        if (m_sentinelAsk == ask)
            onSentinelAnswer(tried, reply);
    };
    connect(ask, &RedisConnection::connected, this, [ask, answer, this] {
        if (!ask->command({QByteArrayLiteral("SENTINEL"),
                           QByteArrayLiteral("get-master-addr-by-name"), m_endpoint.masterName},
                          answer))
            answer(RedisReply::fromHiredis(nullptr));
    });
    connect(ask, &RedisConnection::errorOccurred, this, [this, answer](const QString &error) {
        m_sentinelError = error;
        answer(RedisReply::fromHiredis(nullptr));
    });
    ask->open();
}

void RedisConnection::onSentinelAnswer(int tried, const RedisReply &reply)
{
    const int count = int(m_endpoint.sentinels.size());
    const RedisEndpoint::Address sentinel = m_endpoint.sentinels.at((m_sentinel + tried) % count);
    dropSentinelAsk();
    const auto &e = reply.elements;
    if (reply.type == RedisReply::Type::Array && e.size() == 2 && e.at(1).string.toUInt() > 0) {
        m_sentinel = (m_sentinel + tried) % count;
        reach({QString::fromUtf8(e.at(0).string), quint16(e.at(1).string.toUInt())});
        return;
    }
    if (reply.isError())
        m_sentinelError = QString::fromUtf8(reply.string);
    else if (reply.type == RedisReply::Type::Nil)
        m_sentinelError = QStringLiteral("%1:%2 does not know master %3")
                              .arg(sentinel.host, QString::number(sentinel.port),
                                   QString::fromUtf8(m_endpoint.masterName));
    if (tried + 1 < count) {
        askSentinel(tried + 1);
        return;
    }
    resetLink(ContextFate::WeFreeIt,
              QStringLiteral("Redis master %1: no sentinel said where it is (%2); retrying")
                  .arg(QString::fromUtf8(m_endpoint.masterName), m_sentinelError));
}

void RedisConnection::dropSentinelAsk()
{
    RedisConnection *ask = std::exchange(m_sentinelAsk, nullptr);
    if (!ask)
        return;
    ask->disconnect(this);
    ask->close();
    ask->deleteLater(); // we may be inside one of its callbacks
}

void RedisConnection::watchSentinels(int index)
{
    auto *watch = sentinelLink(index);
    m_sentinelWatch = watch;
    connect(m_sentinelWatch, &RedisConnection::connected, this, [this] {
        m_sentinelWatch->subscribe(
            {QByteArrayLiteral("SUBSCRIBE"), QByteArrayLiteral("+switch-master")},
            [this](const RedisReply &message) { onSwitchMaster(message); });
    });
    // That sentinel is away: the next one is watched, a second later (not inside this signal).
    connect(m_sentinelWatch, &RedisConnection::errorOccurred, this, [this, watch, index] {
        QTimer::singleShot(1000ms, this, [this, watch, index] {
            if (m_sentinelWatch != watch || !m_open)
                return;
            m_sentinelWatch->disconnect(this);
            m_sentinelWatch->close();
            m_sentinelWatch->deleteLater();
            watchSentinels(index + 1);
        });
    });
    m_sentinelWatch->open();
}

void RedisConnection::onSwitchMaster(const RedisReply &message)
{
    // ["message", "+switch-master", "<name> <old ip> <old port> <new ip> <new port>"]
    const auto &e = message.elements;
    if (e.size() != 3 || e.at(0).string != "message")
        return;
    const QList<QByteArray> words = e.at(2).string.split(' ');
    if (words.size() != 5 || words.at(0) != m_endpoint.masterName)
        return;
    const RedisEndpoint::Address next{QString::fromUtf8(words.at(3)),
                                      quint16(words.at(4).toUInt())};
    qCInfo(lcRedis).noquote() << QStringLiteral("Redis master %1 moved to %2 (+switch-master)")
                                     .arg(QString::fromUtf8(m_endpoint.masterName),
                                          describe(next, {}));
    if (next == m_target && m_state == ConnectionState::Connected)
        return;
    m_backoff = kInitialBackoff;
    resetLink(ContextFate::WeFreeIt,
              QStringLiteral("Redis %1 is no longer the master; reconnecting").arg(m_label));
}

void RedisConnection::onHostResolved(const QHostInfo &info)
{
    if (info.lookupId() != m_lookupId)
        return;
    m_lookupId = -1;
    const QList<QHostAddress> addresses = info.addresses();
    if (info.error() != QHostInfo::NoError || addresses.isEmpty()) {
        resetLink(
            ContextFate::WeFreeIt,
            QStringLiteral("Redis %1 unreachable (%2); retrying").arg(m_label, info.errorString()));
        return;
    }
    // Redis binds IPv4 loopback by default while "localhost" often resolves to ::1 first.
    const auto ipv4 = std::find_if(addresses.begin(), addresses.end(), [](const QHostAddress &a) {
        return a.protocol() == QAbstractSocket::IPv4Protocol;
    });
    const QHostAddress chosen = ipv4 != addresses.end() ? *ipv4 : addresses.first();
    connectTo(chosen.toString().toLatin1());
}

void RedisConnection::connectTo(const QByteArray &address)
{
    redisAsyncContext *context = redisAsyncConnect(address.constData(), int(m_target.port));
    if (!context || context->err) {
        // Failed before any event was hooked: hiredis leaves freeing this one to us.
        const QString reason =
            context ? hiredisError(context->errstr) : QStringLiteral("no memory");
        if (context)
            redisAsyncFree(context);
        resetLink(ContextFate::WeFreeIt,
                  QStringLiteral("Redis %1 unreachable (%2); retrying").arg(m_label, reason));
        return;
    }
    m_context = context;
    context->data = this;
    // The adapter must be in place first: setting the connect callback asks for write interest.
    HiredisQtAdapter::attach(context, this);
    redisAsyncSetConnectCallback(context, &RedisConnection::onConnectCallback);
    redisAsyncSetDisconnectCallback(context, &RedisConnection::onDisconnectCallback);
}

void RedisConnection::onConnectCallback(const redisAsyncContext *context, int status)
{
    if (auto *self = static_cast<RedisConnection *>(context->data))
        self->onHiredisConnected(status, context->c.errstr);
}

void RedisConnection::onDisconnectCallback(const redisAsyncContext *context, int /*status*/)
{
    // Only unexpected drops get here: before freeing a context ourselves we clear ac->data.
    if (auto *self = static_cast<RedisConnection *>(context->data)) {
        self->resetLink(ContextFate::HiredisFreesIt,
                        QStringLiteral("Redis %1 connection lost (%2); reconnecting")
                            .arg(self->m_label, hiredisError(context->c.errstr)));
    }
}

void RedisConnection::onReplyCallback(redisAsyncContext *context, void *reply, void *privdata)
{
    if (auto *self = static_cast<RedisConnection *>(context->data)) {
        self->onReply(reinterpret_cast<quintptr>(privdata), static_cast<redisReply *>(reply),
                      context->c.errstr);
    }
}

void RedisConnection::onHiredisConnected(int status, const char *error)
{
    if (status != REDIS_OK) {
        // hiredis frees the context after this callback, and without a disconnect callback.
        resetLink(ContextFate::HiredisFreesIt, QStringLiteral("Redis %1 unreachable (%2); retrying")
                                                   .arg(m_label, hiredisError(error)));
        return;
    }
    redisEnableKeepAlive(&m_context->c);
    // hiredis still uses the context after this callback returns: nothing here may free it, so
    // even with nothing to configure a PING answers first and Connected is set from its reply.
    startHandshake();
}

void RedisConnection::startHandshake()
{
    m_handshakeLeft = 0;
    const auto step = [this](const QList<QByteArray> &argv, const QByteArray &name) {
        if (send(
                argv, [this, name](const RedisReply &reply) { onHandshakeReply(name, reply); },
                Kind::Handshake))
            ++m_handshakeLeft;
    };
    if (!m_endpoint.password.isEmpty() && !m_endpoint.user.isEmpty())
        step({QByteArrayLiteral("AUTH"), m_endpoint.user, m_endpoint.password},
             QByteArrayLiteral("AUTH"));
    else if (!m_endpoint.password.isEmpty())
        step({QByteArrayLiteral("AUTH"), m_endpoint.password}, QByteArrayLiteral("AUTH"));
    if (m_endpoint.db != 0)
        step({QByteArrayLiteral("SELECT"), QByteArray::number(m_endpoint.db)},
             QByteArrayLiteral("SELECT"));
    if (!m_name.isEmpty()) {
        QByteArray clientName = m_name.toUtf8();
        clientName.replace(' ', '_'); // Redis rejects names with spaces
        step({QByteArrayLiteral("CLIENT"), QByteArrayLiteral("SETNAME"), clientName},
             QByteArrayLiteral("CLIENT SETNAME"));
    }
    if (m_endpoint.usesSentinel())
        step({QByteArrayLiteral("ROLE")}, QByteArrayLiteral("ROLE")); // the sentinels may be behind
    if (m_handshakeLeft == 0)
        step({QByteArrayLiteral("PING")}, QByteArrayLiteral("PING"));
}

void RedisConnection::onHandshakeReply(const QByteArray &step, const RedisReply &reply)
{
    if (reply.isError()) {
        const QString detail = QString::fromUtf8(reply.string);
        // Whatever the step, NOAUTH/WRONGPASS mean the link is not usable: not a connection.
        const bool authentication =
            reply.string.startsWith("NOAUTH") || reply.string.startsWith("WRONGPASS");
        if (step == "CLIENT SETNAME" && !authentication) {
            // A name is a convenience for CLIENT LIST, not a reason to stay offline.
            qCWarning(lcRedis).noquote()
                << QStringLiteral("Redis %1: CLIENT SETNAME failed (%2)").arg(m_label, detail);
        } else {
            // One arg() call each: server text with a '%' must not be taken for a placeholder.
            QString message;
            if (authentication && m_endpoint.password.isEmpty())
                message =
                    QStringLiteral("Redis %1 needs a password (%2); retrying").arg(m_label, detail);
            else if (step == "AUTH" || authentication)
                message =
                    QStringLiteral("Redis AUTH failed on %1 (%2); retrying").arg(m_label, detail);
            else if (step == "SELECT")
                message = QStringLiteral("Redis %1 SELECT %2 failed (%3); retrying")
                              .arg(m_label, QString::number(m_endpoint.db), detail);
            else
                message = QStringLiteral("Redis %1 refused the connection (%2); retrying")
                              .arg(m_label, detail);
            resetLink(ContextFate::WeFreeIt, message);
            return;
        }
    }
    if (step == "ROLE" && !reply.isError() &&
        (reply.elements.isEmpty() || reply.elements.first().string != "master")) {
        resetLink(ContextFate::WeFreeIt,
                  QStringLiteral("Redis %1 is not the master %2 (role %3); asking the sentinels "
                                 "again")
                      .arg(m_label, QString::fromUtf8(m_endpoint.masterName),
                           reply.elements.isEmpty()
                               ? QStringLiteral("?")
                               : QString::fromUtf8(reply.elements.first().string)));
        return;
    }
    if (--m_handshakeLeft == 0)
        becomeConnected();
}

void RedisConnection::becomeConnected()
{
    m_connectTimer.stop();
    // A link that drops at once (a SUBSCRIBE refused, say) must not reset the backoff.
    m_stableTimer.start(stableAfter);
    if (m_quiet)
        qCDebug(lcRedis).noquote() << QStringLiteral("Redis %1 connected").arg(m_label);
    else
        qCInfo(lcRedis).noquote() << QStringLiteral("Redis %1 connected").arg(m_label);
    QPointer<RedisConnection> alive(this);
    setState(ConnectionState::Connected);
    if (alive && m_state == ConnectionState::Connected)
        Q_EMIT connected();
}

void RedisConnection::onReply(quintptr id, const redisReply *reply, const char *error)
{
    if (!reply) {
        // hiredis is freeing the context after an error and flushes its callbacks with NULL.
        resetLink(ContextFate::HiredisFreesIt,
                  QStringLiteral("Redis %1 connection lost (%2); reconnecting")
                      .arg(m_label, hiredisError(error)));
        return;
    }
    if (const auto it = m_pending.find(id); it != m_pending.end()) {
        const ReplyHandler handler = std::move(it->second.handler);
        m_pending.erase(it);
        if (handler)
            handler(RedisReply::fromHiredis(reply));
        return;
    }
    if (const auto it = m_subscriptions.find(id); it != m_subscriptions.end()) {
        const ReplyHandler handler =
            it->second; // a copy: the handler may close() and clear the map
        handler(RedisReply::fromHiredis(reply));
    }
}

void RedisConnection::onCommandTimer()
{
    if (m_state != ConnectionState::Connected || m_pending.empty())
        return;
    // Replies come in order, so the oldest pending command is the one to judge the link by.
    const qint64 age = m_clock.elapsed() - m_pending.begin()->second.sentAtMs;
    const qint64 limit = m_commandTimeout.count();
    if (age < limit) {
        m_commandTimer.start(std::chrono::milliseconds(limit - age));
        return;
    }
    resetLink(ContextFate::WeFreeIt,
              QStringLiteral("Redis %1 command timed out after %2 ms; reconnecting")
                  .arg(m_label, QString::number(limit)));
}

void RedisConnection::onConnectTimeout()
{
    if (m_state != ConnectionState::Connecting)
        return;
    resetLink(ContextFate::WeFreeIt,
              QStringLiteral("Redis %1 did not answer within %2 ms; retrying")
                  .arg(m_label, QString::number(m_connectTimeout.count())));
}

bool RedisConnection::send(const QList<QByteArray> &argv, ReplyHandler handler, Kind kind)
{
    if (!m_context || argv.isEmpty())
        return false;
    QVarLengthArray<const char *, 16> args;
    QVarLengthArray<size_t, 16> lengths;
    for (const QByteArray &arg : argv) {
        args.append(arg.constData());
        lengths.append(size_t(arg.size()));
    }
    // hiredis gets an id, not a pointer: a late callback finds nothing instead of freed memory.
    const quintptr id = m_nextId++;
    if (redisAsyncCommandArgv(m_context, &RedisConnection::onReplyCallback,
                              reinterpret_cast<void *>(id), int(args.size()), args.data(),
                              lengths.data()) != REDIS_OK)
        return false;
    if (kind == Kind::Subscription) {
        m_subscriptions.emplace(id, std::move(handler));
        return true;
    }
    m_pending.emplace(id, Pending{std::move(handler), m_clock.elapsed(), kind == Kind::Handshake});
    if (!m_commandTimer.isActive())
        m_commandTimer.start(m_commandTimeout);
    return true;
}

void RedisConnection::resetLink(ContextFate fate, const QString &error)
{
    abortLookup();
    dropSentinelAsk();
    releaseContext(fate);
    m_connectTimer.stop();
    m_commandTimer.stop();
    m_stableTimer.stop();
    m_handshakeLeft = 0;
    const bool wasConnected = m_state == ConnectionState::Connected;
    PendingMap pending = std::exchange(m_pending, {});
    SubscriptionMap subscriptions = std::exchange(m_subscriptions, {});
    if (m_open)
        scheduleRetry();
    if (wasConnected && error.isEmpty() && !m_quiet)
        qCInfo(lcRedis).noquote() << QStringLiteral("Redis %1 closed").arg(m_label);

    // Signals and handlers last, state already consistent: any of them may close, reopen or
    // delete this connection.
    QPointer<RedisConnection> alive(this);
    setState(ConnectionState::Disconnected);
    if (alive && !error.isEmpty())
        reportError(error);
    if (alive && m_retryTimer.isActive()) {
        qCDebug(lcRedis).noquote() << QStringLiteral("Redis %1: next attempt in %2 ms")
                                          .arg(m_label, QString::number(m_retryTimer.interval()));
    }
    if (alive && wasConnected)
        Q_EMIT disconnected();
    failAll(pending, subscriptions);
}

void RedisConnection::releaseContext(ContextFate fate)
{
    redisAsyncContext *context = std::exchange(m_context, nullptr);
    if (!context)
        return;
    context->data = nullptr;
    // Inside a hiredis callback this only marks the context: hiredis frees it on return.
    if (fate == ContextFate::WeFreeIt)
        redisAsyncFree(context);
}

void RedisConnection::abortLookup()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(std::exchange(m_lookupId, -1));
}

void RedisConnection::scheduleRetry()
{
    m_retryTimer.start(m_backoff);
    Q_EMIT retryScheduled(m_backoff);
    m_backoff = std::min(m_backoff * 2, kMaxBackoff);
}

void RedisConnection::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RedisConnection::reportError(const QString &message)
{
    // Once per kind of failure: a server down for an hour must not log 720 identical lines.
    if (message == m_lastError) {
        qCDebug(lcRedis).noquote() << message;
        return;
    }
    m_lastError = message;
    if (m_quiet)
        qCDebug(lcRedis).noquote() << message;
    else
        qCWarning(lcRedis).noquote() << message;
    Q_EMIT errorOccurred(message);
}

void RedisConnection::failAll(PendingMap &pending, SubscriptionMap &subscriptions)
{
    const RedisReply lost = RedisReply::fromHiredis(nullptr);
    for (auto &entry : pending) {
        // Handshake handlers belong to the link being reset, which handles its own failure.
        if (!entry.second.handshake && entry.second.handler)
            entry.second.handler(lost);
    }
    for (auto &entry : subscriptions) {
        if (entry.second)
            entry.second(lost);
    }
}
