#include "HeadlessRunner.h"

#include "UnixSignalWatcher.h"
#include "monitor/MonitorService.h"
#include "receiver/ReceiverService.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>

Q_LOGGING_CATEGORY(lcHeadless, "t6.headless")

int HeadlessRunner::run(int &argc, char **argv, const Settings &settings)
{
    QCoreApplication app(argc, argv);
    ReceiverService receiver(settings);

    QObject::connect(&receiver, &ReceiverService::redisStateChanged, &app, [&](ConnectionState s) {
        qCInfo(lcHeadless).noquote()
            << "redis"
            << settings.redis.host + QLatin1Char(':') + QString::number(settings.redis.port)
            << stateName(s);
    });
    QObject::connect(
        &receiver, &ReceiverService::webhookAccepted, &app, [](const WebhookSummary &w) {
            qCInfo(lcHeadless).noquote() << "accepted" << w.traceId << w.exchange << w.symbol
                                         << w.action << "from" << w.sourceIp;
        });

    MonitorService monitor(settings);
    monitor.attach(&receiver);
    QObject::connect(&monitor, &MonitorService::terminalStateChanged, &app,
                     [](const QString &terminal, TerminalState state, const QString &detail) {
                         qCInfo(lcHeadless).noquote() << terminal << stateName(state)
                                                      << (detail.isEmpty() ? QString() : detail);
                     });

    const QString error = receiver.start();
    if (!error.isEmpty()) {
        qCCritical(lcHeadless).noquote() << error;
        return 1;
    }
    monitor.start();
    if (settings.hostWasRestricted())
        qCWarning(lcHeadless).noquote()
            << "no token set (WEBHOOK_TOKEN): listening on loopback only, not on" << settings.host;
    qCInfo(lcHeadless).noquote() << "listening on" << receiver.listenUrl()
                                 << (settings.hasToken() ? "(token required)" : "(no token)");

    UnixSignalWatcher signals_;
    signals_.watch(SIGTERM);
    signals_.watch(SIGINT);
    QObject::connect(&signals_, &UnixSignalWatcher::signalReceived, &app, [&](int number) {
        qCInfo(lcHeadless).noquote() << "signal" << number << "- draining the queue (5 s at most)";
        monitor.stop();
        const int left = receiver.stop(std::chrono::seconds(5));
        if (left > 0)
            qCWarning(lcHeadless).noquote() << left << "webhooks could not be published";
        qCInfo(lcHeadless).noquote() << "stopped";
        app.exit(0);
    });
    return app.exec();
}
