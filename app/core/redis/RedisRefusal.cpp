#include "redis/RedisRefusal.h"

#include "redis/RedisLog.h"

namespace {
constexpr qint64 reportEveryMs = 60 * 1000;
} // namespace

RedisRefusal::RedisRefusal(QString what)
    : m_what(std::move(what))
{}

QByteArray RedisRefusal::causeOf(const QByteArray &error)
{
    const QByteArray trimmed = error.trimmed();
    const qsizetype space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.first(space);
}

void RedisRefusal::refused(const QByteArray &error)
{
    ++m_total;
    const QByteArray cause = causeOf(error);
    if (cause != m_cause) {
        if (isRefusing())
            qCInfo(lcRedis).noquote()
                << QStringLiteral("Redis no longer refuses %1 with %2 (%3 times over %4 s)")
                       .arg(m_what, QString::fromUtf8(m_cause))
                       .arg(m_count)
                       .arg(m_since.elapsed() / 1000);
        m_cause = cause;
        m_message = QString::fromUtf8(error.trimmed());
        m_count = 0;
        m_countReported = 0;
        m_since.start();
        m_lastReport.start();
        qCWarning(lcRedis).noquote()
            << QStringLiteral("Redis refuses %1: %2; retrying").arg(m_what, m_message);
    }
    ++m_count;
    if (m_lastReport.elapsed() >= reportEveryMs) {
        qCWarning(lcRedis).noquote()
            << QStringLiteral("Redis still refuses %1 (%2): %3 times in the last minute, %4 since "
                              "it began %5 s ago")
                   .arg(m_what, QString::fromUtf8(m_cause))
                   .arg(m_count - m_countReported)
                   .arg(m_count)
                   .arg(m_since.elapsed() / 1000);
        m_countReported = m_count;
        m_lastReport.start();
    }
}

void RedisRefusal::accepted()
{
    if (!isRefusing())
        return;
    qCInfo(lcRedis).noquote() << QStringLiteral(
                                     "Redis accepts %1 again after %2 refusal(s) over %3 s (%4)")
                                     .arg(m_what)
                                     .arg(m_count)
                                     .arg(m_since.elapsed() / 1000)
                                     .arg(QString::fromUtf8(m_cause));
    m_cause.clear();
    m_message.clear();
    m_count = 0;
}
