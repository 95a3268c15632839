#include "HeadlessRunner.h"

#include "Application.h"
#include "UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>

Q_LOGGING_CATEGORY(lcHeadless, "t6.headless")

int HeadlessRunner::run(int &argc, char **argv, const Settings &settings)
{
    QCoreApplication app(argc, argv);
    Application terminal6(settings);
    if (const QString error = terminal6.start(); !error.isEmpty()) {
        qCCritical(lcHeadless).noquote() << error;
        return 1;
    }
    UnixSignalWatcher signals_;
    signals_.watch(SIGTERM);
    signals_.watch(SIGINT);
    QObject::connect(&signals_, &UnixSignalWatcher::signalReceived, &app, [&](int number) {
        qCInfo(lcHeadless).noquote() << "signal" << number << "- draining the queue (5 s at most)";
        terminal6.stop(std::chrono::seconds(5));
        app.exit(0);
    });
    return app.exec();
}
