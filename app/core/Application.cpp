#include "Application.h"

#include "EventLoopWatch.h"

#include "journal/JournalReader.h"
#include "monitor/AlertWatch.h"
#include "monitor/MonitorService.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"
#include "webhook/WebhookEvents.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApp, "t6.app")

Application::Application(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_receiver(new ReceiverService(settings, this))
    , m_monitor(new MonitorService(settings, this))
{
    // This process's own webhooks reach its monitor in-process, with their payload; their copy on
    // the `websockets` channel is dropped there.
    m_monitor->setOwnEventsInProcess(true);
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
                m_monitor->post(WebhookEvents::fateChanged(traceId, fate, listeners));
            });
    connect(m_receiver, &ReceiverService::webhookStreamed, this,
            [this](const QString &traceId) { m_monitor->post(WebhookEvents::streamed(traceId)); });
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
    // The history starts where the journal is, not empty: rows take their place by receipt
    // time, so live webhooks arriving meanwhile stay on top.
    m_receiver->reader()->recent(m_monitor->history()->capacity(), this,
                                 [this](const QList<JournalRecord> &records) {
                                     QList<MonitorEvent> past;
                                     past.reserve(records.size());
                                     for (const JournalRecord &record : records)
                                         past.append(WebhookEvents::fromJournal(record));
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
    return {};
}

int Application::stop(std::chrono::milliseconds drain)
{
    if (!m_running)
        return 0;
    m_running = false;
    m_figures.stop();
    m_sections.stop();
    m_loopWatch.reset();
    m_monitor->stop();
    const int left = m_receiver->stop(drain);
    if (left > 0)
        qCWarning(lcApp).noquote()
            << left << "webhook(s) not delivered yet: they wait in the journal for the next start";
    qCInfo(lcApp).noquote() << "stopped";
    Q_EMIT stopped();
    return left;
}

void Application::onStatus(const ReceiverStatus &status)
{
    if (status.redis != m_last.redis || status.redisError != m_last.redisError)
        qCInfo(lcApp).noquote() << "redis"
                                << m_settings.redis.host + QLatin1Char(':') +
                                       QString::number(m_settings.redis.port)
                                << ReceiverStatus::redisName(status.redis)
                                << (status.redisError.isEmpty() ? QString() : status.redisError);
    m_last = status;
    reportSelf(status);
}

void Application::reportSelf(const ReceiverStatus &status)
{
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

void Application::readFigures()
{
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
}
