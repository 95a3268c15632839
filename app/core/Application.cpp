#include "Application.h"

#include "config/SettingsFile.h"

#include "EventLoopWatch.h"
#include "LogRedaction.h"

#include "config/SettingsLoader.h"
#include "journal/JournalReader.h"
#include "monitor/AlertWatch.h"
#include "monitor/MonitorService.h"
#include "monitor/models/ReceiversModel.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"
#include "redis/EmbeddedRedis.h"
#include "systemd/ServiceNotifier.h"
#include "webhook/WebhookEvents.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApp, "t6.app")

namespace {

// Starts the embedded Redis when the settings want one, and points the settings at it.
Settings withEmbeddedRedis(Settings settings, std::unique_ptr<EmbeddedRedis> &embedded)
{
    if (settings.monitorOnly || settings.embeddedRedis == Settings::EmbeddedRedis::Never)
        return settings;
    QString why;
    if (!EmbeddedRedis::wanted(settings.redis, &why)) {
        qCDebug(lcApp).noquote() << "no embedded Redis:" << why;
        return settings;
    }
    auto redis = std::make_unique<EmbeddedRedis>();
    if (const QString error = redis->start(settings.dataDir); !error.isEmpty()) {
        qCWarning(lcApp).noquote() << error;
        return settings;
    }
    qCInfo(lcApp).noquote() << QStringLiteral("%1: embedded Redis started on 127.0.0.1:%2 (pid %3, "
                                              "data in %4); it stops when Terminal 6 does")
                                   .arg(why)
                                   .arg(redis->endpoint().port)
                                   .arg(redis->pid())
                                   .arg(redis->folder());
    settings.redis = redis->endpoint();
    embedded = std::move(redis);
    return settings;
}

bool sameRedis(const RedisEndpoint &a, const RedisEndpoint &b)
{
    return a.host == b.host && a.port == b.port && a.user == b.user && a.password == b.password &&
           a.db == b.db;
}

} // namespace

Application::Application(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_configured(settings)
    , m_settings(withEmbeddedRedis(settings, m_embedded))
    , m_receiverName(m_settings.effectiveReceiverName())
    , m_receiver(new ReceiverService(m_settings, this))
    , m_monitor(new MonitorService(m_settings, this))
{
    // This process's own webhooks reach its monitor in-process, with their payload; their copy on
    // the `websockets` channel is dropped there. A --monitor-only window has only the channel.
    m_monitor->setOwnEventsInProcess(!m_settings.monitorOnly);
    connect(m_receiver, &ReceiverService::webhookAccepted, this, [this](const WebhookSummary &s) {
        m_monitor->post(WebhookEvents::receivedHere(s));
        if (m_acceptedLines.allow())
            qCInfo(lcApp).noquote() << "accepted" << s.traceId << s.exchange << s.symbol << s.action
                                    << "from" << s.sourceIp;
    });
    m_acceptedSummary.setInterval(std::chrono::seconds(1));
    connect(&m_acceptedSummary, &QTimer::timeout, this, [this] {
        if (const qint64 skipped = m_acceptedLines.takeSkipped())
            qCInfo(lcApp).noquote() << "accepted" << skipped
                                    << "more webhook(s) not logged one by one (see the journal)";
    });
    m_acceptedSummary.start();
    connect(m_receiver, &ReceiverService::webhookRejected, this,
            [this](const WebhookSummary &s) { m_monitor->post(WebhookEvents::receivedHere(s)); });
    connect(m_receiver, &ReceiverService::webhookFateChanged, this,
            [this](const QString &traceId, Fate fate, qint64 listeners) {
                m_monitor->post(
                    WebhookEvents::fateChanged(traceId, fate, listeners, m_receiverName));
            });
    connect(m_receiver, &ReceiverService::webhookStreamed, this, [this](const QString &traceId) {
        m_monitor->post(WebhookEvents::streamed(traceId, m_receiverName));
    });
    connect(m_receiver, &ReceiverService::statusChanged, this, &Application::onStatus);

    connect(m_monitor, &MonitorService::terminalStateChanged, this,
            [this](const QString &terminal, TerminalState state, const QString &detail) {
                qCInfo(lcApp).noquote()
                    << terminal << stateName(state) << (detail.isEmpty() ? QString() : detail);
                pushSections();
            });
    // The alerts the tray shows are in the log too, so --headless tells them as well.
    connect(m_monitor->alerts(), &AlertWatch::raised, this, [](const AlertWatch::Alert &alert) {
        qCWarning(lcApp).noquote() << "alert:" << alert.title + QLatin1String(": ") + alert.text;
    });
    m_figures.setInterval(FiguresInterval);
    connect(&m_figures, &QTimer::timeout, this, &Application::readFigures);
    m_sections.setInterval(SectionsInterval);
    connect(&m_sections, &QTimer::timeout, this, [this] {
        // T6 is seen alive as often as the others say so ("last seen 3 s ago", not at start).
        m_selfShown.clear();
        reportSelf(m_receiver->status());
        pushSections();
    });
}

Application::~Application()
{
    stop(std::chrono::milliseconds(0));
}

QString Application::start()
{
    if (m_running)
        return {};
    if (const QString error = m_receiver->start(); !error.isEmpty())
        return error;
    m_running = true;
    if (m_receiver->isRemote()) {
        m_monitor->start();
        qCInfo(lcApp).noquote() << "monitor only: watching the receiver at"
                                << m_settings.receiverUrl.toString() << "through Redis"
                                << m_settings.redis.label();
        return {};
    }
    // The history starts where the journal is, not empty: rows take their place by receipt
    // time, so live webhooks arriving meanwhile stay on top.
    m_receiver->reader()->recent(
        m_monitor->history()->capacity(), this, [this](const QList<JournalRecord> &records) {
            QList<MonitorEvent> past;
            past.reserve(records.size());
            for (const JournalRecord &record : records)
                past.append(WebhookEvents::fromJournal(record, m_receiverName));
            m_monitor->post(past);
        });
    m_monitor->start();
    readFigures();
    m_figures.start();
    m_sections.start();
    if (EventLoopWatch::wanted())
        m_loopWatch = std::make_unique<EventLoopWatch>();
    if (m_settings.hostWasRestricted())
        qCWarning(lcApp).noquote()
            << "no token set (WEBHOOK_TOKEN): listening on loopback only, not on"
            << m_settings.host;
    qCInfo(lcApp).noquote() << "listening on" << m_receiver->listenUrl()
                            << (m_settings.hasToken() ? "(token required)" : "(no token)");
    // Listening, with the journal open: systemd may send traffic (Type=notify).
    ServiceNotifier::notify("READY=1\nSTATUS=listening on " + m_receiver->listenUrl().toUtf8());
    return {};
}

int Application::stop(std::chrono::milliseconds drain)
{
    if (!m_running)
        return 0;
    m_running = false;
    ServiceNotifier::notify(QByteArrayLiteral("STOPPING=1"));
    m_figures.stop();
    m_sections.stop();
    m_loopWatch.reset();
    m_monitor->stop();
    const int left = m_receiver->stop(drain);
    if (left > 0)
        qCWarning(lcApp).noquote()
            << left << "webhook(s) not delivered yet: they wait in the journal for the next start";
    if (m_embedded) {
        m_embedded.reset(); // after the drain: the last deliveries went to it
        qCInfo(lcApp).noquote() << "embedded Redis stopped";
    }
    qCInfo(lcApp).noquote() << "stopped";
    Q_EMIT stopped();
    return left;
}

void Application::onStatus(const ReceiverStatus &status)
{
    if (status.redis != m_last.redis || status.redisError != m_last.redisError)
        qCInfo(lcApp).noquote() << "redis" << m_settings.redis.label()
                                << ReceiverStatus::redisName(status.redis)
                                << (status.redisError.isEmpty() ? QString() : status.redisError);
    m_last = status;
    reportSelf(status);
    if (ServiceNotifier::enabled() && status.listening) {
        // `systemctl status terminal6` shows it.
        const QByteArray line =
            QStringLiteral("STATUS=%1 received, %2 refused, %3 queued, Redis %4")
                .arg(status.received)
                .arg(status.rejected)
                .arg(status.open)
                .arg(ReceiverStatus::redisName(status.redis))
                .toUtf8();
        if (line != m_lastServiceStatus)
            ServiceNotifier::notify(m_lastServiceStatus = line);
    }
}

void Application::reportSelf(const ReceiverStatus &status)
{
    if (m_receiver->isRemote())
        return; // the receiver elsewhere tells its own state on the channel
    // T6's tile says what the receiver is doing, through the same events as every terminal.
    TerminalState state = TerminalState::Up;
    QString detail = tr("listening on %1").arg(m_receiver->listenUrl());
    if (!status.listening) {
        state = TerminalState::Down;
        detail = tr("not listening");
    } else if (!status.journalHealthy) {
        state = TerminalState::Down;
        detail = tr("the journal cannot write: webhooks are answered 503");
    } else if (status.paused) {
        state = TerminalState::Degraded;
        detail = tr("forwarding paused: webhooks are journaled, not forwarded");
    } else if (status.redis != ReceiverStatus::Redis::Ok) {
        state = TerminalState::Degraded;
        detail = status.redis == ReceiverStatus::Redis::Refusing
                     ? tr("Redis refuses deliveries: webhooks wait in the journal")
                     : tr("Redis unreachable: webhooks wait in the journal");
    }
    const QString shown = stateName(state) + QLatin1Char('\n') + detail;
    if (shown == m_selfShown)
        return;
    m_selfShown = shown;
    m_monitor->post(TerminalHealthModel::probeEvent(QStringLiteral("T6"), state, detail,
                                                    QStringLiteral("self"),
                                                    QDateTime::currentDateTimeUtc()));
}

Application::Applied Application::apply(const Settings &next)
{
    Applied applied;
    const bool remote = m_receiver->isRemote();
    for (const SettingSpec &spec : SettingsLoader::table()) {
        if (spec.show(next) != spec.show(m_configured))
            (spec.live && !remote ? applied.now : applied.atRestart).append(spec.name);
    }
    const bool redisChanged = !sameRedis(next.redis, m_configured.redis);
    if (redisChanged && !applied.now.contains(QLatin1String("redis-url")) && !remote)
        applied.now.append(QStringLiteral("redis-url")); // the password, which is not shown
    if (remote) {
        m_configured = next;
        return applied;
    }

    // A first token also moves the listener: from loopback to the configured host.
    const bool listenerChanged =
        next.effectiveHost() != m_settings.effectiveHost() || next.port != m_configured.port ||
        next.tlsCert != m_configured.tlsCert || next.tlsKey != m_configured.tlsKey ||
        next.requireTradingViewCert != m_configured.requireTradingViewCert;
    if (next.tokens != m_configured.tokens) {
        LogRedaction::addTokens(next.tokens); // before anything could log one
        m_receiver->setTokens(next.tokens);
        m_settings.tokens = next.tokens;
    }
    if (listenerChanged) {
        applied.error = m_receiver->rebind(next);
        if (applied.error.isEmpty()) {
            m_settings.host = next.host;
            m_settings.port = next.port;
            m_settings.tlsCert = next.tlsCert;
            m_settings.tlsKey = next.tlsKey;
            m_settings.requireTradingViewCert = next.requireTradingViewCert;
            qCInfo(lcApp).noquote() << "listening on" << m_receiver->listenUrl();
        } else {
            for (const char *name :
                 {"host", "port", "tls-cert", "tls-key", "require-tradingview-cert"})
                applied.now.removeAll(QLatin1String(name));
            qCWarning(lcApp).noquote()
                << "still listening on" << m_receiver->listenUrl() << "-" << applied.error;
        }
    }
    // What the dialog shows from now on; the listener stays where it is when it could not move.
    const Settings before = std::exchange(m_configured, next);
    if (!applied.error.isEmpty()) {
        m_configured.host = before.host;
        m_configured.port = before.port;
        m_configured.tlsCert = before.tlsCert;
        m_configured.tlsKey = before.tlsKey;
        m_configured.requireTradingViewCert = before.requireTradingViewCert;
    }
    if (redisChanged) {
        m_settings.redis = next.redis;
        m_receiver->setRedis(next.redis);
        m_monitor->setRedis(next.redis);
        qCInfo(lcApp).noquote() << "redis now" << next.redis.label();
    }
    return applied;
}

Application::Applied Application::applyAndSave(const Settings &next)
{
    Applied applied = apply(next);
    Settings saved = m_configured;
    saved.configFile = applied.savedTo = SettingsFile::pathFor(next);
    applied.saveError = SettingsFile::save(applied.savedTo, saved);
    return applied;
}

void Application::readFigures()
{
    if (!m_receiver->reader())
        return;
    m_receiver->reader()->figures(QDateTime::currentMSecsSinceEpoch(), this,
                                  [this](const QJsonObject &windows) {
                                      m_monitor->setJournalFigures(windows);
                                      pushSections();
                                  });
}

void Application::pushSections()
{
    m_receiver->setMonitorSection(QStringLiteral("terminals"), m_monitor->terminals()->toJson());
    m_receiver->setMonitorSection(QStringLiteral("stats"), m_monitor->figures());
    m_receiver->setMonitorSection(
        QStringLiteral("receivers"),
        QJsonObject{{QLatin1String("list"), m_monitor->receivers()->toJson()}});
}
