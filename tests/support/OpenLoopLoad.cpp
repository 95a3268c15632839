#include "support/OpenLoopLoad.h"

#include "support/HttpClient.h"

#include <chrono>

OpenLoopLoad::OpenLoopLoad(Options options)
    : m_options(std::move(options))
{}

OpenLoopLoad::~OpenLoopLoad()
{
    stop();
}

void OpenLoopLoad::start()
{
    m_clock.start();
    for (int s = 0; s < m_options.senders; ++s)
        m_threads.emplace_back([this, s] { send(s); });
}

void OpenLoopLoad::stop()
{
    m_stop = true;
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

qsizetype OpenLoopLoad::acknowledged() const
{
    std::lock_guard lock(m_mutex);
    return m_result.acknowledged.size();
}

OpenLoopLoad::Result OpenLoopLoad::result() const
{
    std::lock_guard lock(m_mutex);
    return m_result;
}

void OpenLoopLoad::send(int sender)
{
    QElapsedTimer clock;
    clock.start();
    for (int n = 0; !m_stop; ++n) {
        const qint64 due = n * 1000 / m_options.perSenderPerSecond;
        if (const qint64 wait = due - clock.elapsed(); wait > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(wait));
        const QByteArray body = R"({"Symbol":"BTCUSDT","Sender":)" + QByteArray::number(sender) +
                                R"(,"Seq":)" + QByteArray::number(n) + "}";
        QElapsedTimer took;
        took.start();
        const HttpResponse r =
            HttpClient::request(m_options.port, "POST", "/webhook", body,
                                {{"X-Webhook-Token", m_options.token}}, m_options.timeoutMs);
        std::lock_guard lock(m_mutex);
        ++m_result.sent;
        m_result.longestMs = std::max(m_result.longestMs, took.elapsed());
        if (r.status == 200) {
            m_result.acknowledged.append(
                r.json().value(QLatin1String("trace_id")).toString().toLatin1());
            m_result.bodies.append(body);
        } else if (r.error.contains(QLatin1String("refused")))
            ++m_result.refused;
        else
            m_result.failures.append(
                QStringLiteral("%1 (sent at %2 ms, took %3 ms)")
                    .arg(r.error.isEmpty() ? QString::number(r.status) : r.error)
                    .arg(m_clock.elapsed() - took.elapsed())
                    .arg(took.elapsed()));
    }
}
