#include "monitor/MonitorService.h"

#include "journal/Journal.h"
#include "monitor/MissedSignalWatch.h"
#include "monitor/WebhookStats.h"
#include "monitor/models/PositionsModel.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "monitor/sources/DaphneSource.h"
#include "monitor/sources/HealthProbes.h"
#include "monitor/sources/RedisChannelSource.h"
#include "receiver/ReceiverService.h"
#include "webhook/WebhookEvents.h"

#include <QDir>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMonitor, "t6.monitor")

MonitorService::MonitorService(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_history(new WebhookHistoryModel(10000, this))
    , m_positions(new PositionsModel(this))
    , m_terminals(new TerminalHealthModel(this))
    , m_missed(new MissedSignalWatch(this))
    , m_probes(new HealthProbes(m_terminals, settings.redis,
                                HealthProbeOptions{settings.daphneHttp, settings.frontendUrl},
                                this))
    , m_channel(new RedisChannelSource(settings.redis, this))
{
    qRegisterMetaType<MonitorEvent>();
    if (!settings.daphneUrl.isEmpty()) {
        m_daphne = new DaphneSource(settings.daphneUrl, this);
        connect(m_daphne, &DaphneSource::eventReceived, this, &MonitorService::post);
    }
    connect(m_channel, &RedisChannelSource::eventReceived, this, [this](const MonitorEvent &event) {
        // Our own events arrive in-process already; the channel copy would be a second one.
        if (m_receiver && event.source == QLatin1String("T6"))
            return;
        post(event);
    });
    connect(m_missed, &MissedSignalWatch::missed, this, &MonitorService::post);
    connect(m_missed, &MissedSignalWatch::critical, this, [](const QString &key, int count) {
        qCWarning(lcMonitor).noquote()
            << "critical:" << count << "signals missed in a row for" << key;
    });
    connect(m_terminals, &TerminalHealthModel::terminalStateChanged, this,
            &MonitorService::terminalStateChanged);

    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(batchInterval);
    connect(&m_batchTimer, &QTimer::timeout, this, &MonitorService::applyBatch);
    m_statsTimer.setInterval(std::chrono::minutes(1));
    connect(&m_statsTimer, &QTimer::timeout, this, &MonitorService::publishStats);
    m_tick.setInterval(std::chrono::seconds(1));
    connect(&m_tick, &QTimer::timeout, this, [this] {
        m_terminals->refresh();
        m_missed->check();
        reportReceiver();
    });
}

MonitorService::~MonitorService() = default;

void MonitorService::attach(ReceiverService *receiver)
{
    m_receiver = receiver;
    connect(receiver, &ReceiverService::webhookAccepted, this, &MonitorService::onAccepted);
    connect(receiver, &ReceiverService::webhookRejected, this,
            [this](const WebhookSummary &summary) { post(WebhookEvents::received(summary)); });
    connect(receiver, &ReceiverService::webhookFateChanged, this, &MonitorService::onFateChanged);
    connect(receiver, &ReceiverService::redisStateChanged, this, &MonitorService::reportReceiver);
    connect(m_terminals, &TerminalHealthModel::terminalStateChanged, receiver, [this] {
        m_receiver->setMonitorSection(QStringLiteral("terminals"), m_terminals->toJson());
    });
}

void MonitorService::start()
{
    // The history starts where the journal is, not empty.
    Journal journal({QDir(m_settings.dataDir).filePath(QStringLiteral("journal.sqlite"))});
    if (journal.open().isEmpty()) {
        QList<MonitorEvent> past;
        for (const JournalRecord &record : journal.recent(m_history->capacity()))
            past.append(WebhookEvents::fromJournal(record));
        m_history->apply(past);
    }
    m_channel->start();
    m_probes->start();
    if (m_daphne)
        m_daphne->start();
    m_tick.start();
    m_statsTimer.start();
    reportReceiver();
    publishStats();
}

void MonitorService::stop()
{
    m_tick.stop();
    m_channel->stop();
    m_probes->stop();
    if (m_daphne)
        m_daphne->stop();
}

void MonitorService::post(const MonitorEvent &event)
{
    m_pending.append(event);
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void MonitorService::applyBatch()
{
    const QList<MonitorEvent> batch = std::exchange(m_pending, {});
    for (const MonitorEvent &event : batch) {
        if (event.type == QLatin1String("heartbeat_message"))
            m_probes->noteHeartbeat(event);
    }
    m_history->apply(batch);
    m_positions->apply(batch);
    m_terminals->apply(batch);
    Q_EMIT batchApplied(int(batch.size()));
}

void MonitorService::onAccepted(const WebhookSummary &summary)
{
    post(WebhookEvents::received(summary));
    if (summary.status == QLatin1String("received")) {
        const auto text = [&summary](const char *field) {
            const QJsonValue value = summary.fields.value(QLatin1String(field));
            return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
        };
        m_missed->observe(text("broker_id"), text("symbol"), text("interval"),
                          QDateTime::currentDateTimeUtc());
    }
}

void MonitorService::onFateChanged(const QString &traceId, Fate fate, qint64 listeners)
{
    post(WebhookEvents::fateChanged(traceId, fate, listeners));
    if (listeners >= 0)
        m_probes->notePublishListeners(listeners);
}

QJsonObject MonitorService::statsJson() const
{
    const QString journal = QDir(m_settings.dataDir).filePath(QStringLiteral("journal.sqlite"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonObject windows;
    for (const auto &[name, days] :
         {std::pair{"24h", 1}, std::pair{"7d", 7}, std::pair{"30d", 30}}) {
        const qint64 since = now - qint64(days) * 24 * 3600 * 1000;
        windows.insert(QLatin1String(name),
                       WebhookStats::fromJournal(journal, since, now).toJson());
    }
    // The engine's verdicts are known to the history (T3 tells them), not to our journal.
    int processed = 0;
    int errors = 0;
    for (int row = 0; row < m_history->rowCount(); ++row) {
        const QString status = m_history->index(row, WebhookHistoryModel::Status)
                                   .data(WebhookHistoryModel::StatusRole)
                                   .toString();
        processed += status == QLatin1String("processed");
        errors += status == QLatin1String("error");
    }
    const QJsonObject live{
        {QLatin1String("processed"), processed},
        {QLatin1String("errors"), errors},
        {QLatin1String("success_rate"), processed + errors > 0
                                            ? QJsonValue(double(processed) / (processed + errors))
                                            : QJsonValue()},
        {QLatin1String("open_positions"), m_positions->openCount()},
        {QLatin1String("unrealized_pnl"), m_positions->totalUnrealizedPnl()}};
    return {{QLatin1String("windows"), windows}, {QLatin1String("live"), live}};
}

void MonitorService::publishStats()
{
    if (m_receiver)
        m_receiver->setMonitorSection(QStringLiteral("stats"), statsJson());
}

void MonitorService::reportReceiver()
{
    if (!m_receiver)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_receiver->isRunning()) {
        m_terminals->report(QStringLiteral("T6"), TerminalState::Down, tr("not listening"),
                            QStringLiteral("self"), now);
    } else if (m_receiver->redisState() != ConnectionState::Connected) {
        m_terminals->report(
            QStringLiteral("T6"), TerminalState::Degraded,
            tr("Redis unreachable: %1 webhooks wait in the journal").arg(m_receiver->queued()),
            QStringLiteral("self"), now);
    } else {
        m_terminals->report(QStringLiteral("T6"), TerminalState::Up,
                            tr("listening on %1").arg(m_receiver->listenUrl()),
                            QStringLiteral("self"), now);
    }
}
