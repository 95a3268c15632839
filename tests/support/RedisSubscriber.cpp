#include "support/RedisSubscriber.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "support/RedisServer.h"

#include <QTest>

#include <hiredis/hiredis.h>

#include <sys/socket.h>

#include <thread>

struct RedisSubscriber::Listener {
    redisContext *context = nullptr;
    std::thread thread;
};

namespace {

bool isArrayOf(const redisReply *reply, size_t size, const char *kind)
{
    return reply && reply->type == REDIS_REPLY_ARRAY && reply->elements == size &&
           reply->element[0]->type == REDIS_REPLY_STRING &&
           qstrcmp(reply->element[0]->str, kind) == 0;
}

} // namespace

RedisSubscriber::RedisSubscriber(const RedisServer &server)
    : m_port(server.port())
    , m_password(server.password())
{}

RedisSubscriber::~RedisSubscriber()
{
    for (const auto &listener : m_listeners) {
        // Wakes the reader blocked in recv(): it sees end of stream and returns.
        ::shutdown(listener->context->fd, SHUT_RDWR);
        listener->thread.join();
        redisFree(listener->context);
    }
}

bool RedisSubscriber::subscribe(const QByteArray &channel)
{
    const timeval connectTimeout{1, 0};
    redisContext *context = redisConnectWithTimeout("127.0.0.1", m_port, connectTimeout);
    const auto fail = [&](const QString &why) {
        m_error =
            QStringLiteral("subscribing to %1 failed: %2").arg(QString::fromUtf8(channel), why);
        if (context)
            redisFree(context);
        return false;
    };
    if (!context || context->err)
        return fail(context ? QString::fromLocal8Bit(context->errstr)
                            : QStringLiteral("no memory"));

    const timeval replyTimeout{5, 0};
    redisSetTimeout(context, replyTimeout);
    if (!m_password.isEmpty()) {
        auto *auth = static_cast<redisReply *>(
            redisCommand(context, "AUTH %b", m_password.constData(), size_t(m_password.size())));
        const bool ok = auth && auth->type == REDIS_REPLY_STATUS;
        if (auth)
            freeReplyObject(auth);
        if (!ok)
            return fail(QStringLiteral("AUTH refused"));
    }
    auto *confirmation = static_cast<redisReply *>(
        redisCommand(context, "SUBSCRIBE %b", channel.constData(), size_t(channel.size())));
    const bool confirmed = isArrayOf(confirmation, 3, "subscribe");
    if (confirmation)
        freeReplyObject(confirmation);
    if (!confirmed)
        return fail(QStringLiteral("no subscribe confirmation"));

    // From now on the reader waits as long as it takes; the destructor wakes it with shutdown().
    const timeval noTimeout{0, 0};
    redisSetTimeout(context, noTimeout);
    auto listener = std::make_unique<Listener>();
    listener->context = context;
    Listener *raw = listener.get();
    m_listeners.push_back(std::move(listener));
    raw->thread = std::thread([this, raw] { listen(raw); });
    return true;
}

void RedisSubscriber::listen(Listener *listener)
{
    void *raw = nullptr;
    while (redisGetReply(listener->context, &raw) == REDIS_OK) {
        auto *reply = static_cast<redisReply *>(raw);
        if (isArrayOf(reply, 3, "message")) {
            const redisReply *payload = reply->element[2];
            const std::lock_guard lock(m_mutex);
            m_messages.append(QByteArray(payload->str, qsizetype(payload->len)));
        }
        freeReplyObject(reply);
    }
}

QList<QByteArray> RedisSubscriber::messages() const
{
    const std::lock_guard lock(m_mutex);
    return m_messages;
}

bool RedisSubscriber::waitForMessages(int count, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return messages().size() >= count; }, timeoutMs);
}

QList<QByteArray> RedisSubscriber::traceIds() const
{
    QList<QByteArray> ids;
    for (const QByteArray &message : messages())
        ids.append(QJsonDocument::fromJson(message)
                       .object()
                       .value(QLatin1String("trace_id"))
                       .toString()
                       .toLatin1());
    return ids;
}
