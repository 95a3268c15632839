#include "GuiRunner.h"

#include "MainWindow.h"
#include "TrayIcon.h"
#include "app/core/ReceiverService.h"
#include "app/core/monitor/RecentWebhooksModel.h"

#include <QApplication>
#include <QMessageBox>

int GuiRunner::run(int &argc, char **argv, const Settings &settings)
{
    QApplication app(argc, argv);
    ReceiverService receiver(settings);
    RecentWebhooksModel webhooks;
    QObject::connect(&receiver, &ReceiverService::webhookAccepted, &webhooks,
                     &RecentWebhooksModel::add);
    QObject::connect(&receiver, &ReceiverService::webhookRejected, &webhooks,
                     &RecentWebhooksModel::add);
    QObject::connect(&receiver, &ReceiverService::webhookFateChanged, &webhooks,
                     &RecentWebhooksModel::setFate);

    MainWindow window(&receiver, &webhooks);
    TrayIcon tray;
    window.setCloseHidesWindow(tray.isAvailable());
    app.setQuitOnLastWindowClosed(!tray.isAvailable());
    QObject::connect(&tray, &TrayIcon::toggleWindowRequested, &window,
                     [&window] { window.setVisible(!window.isVisible()); });
    QObject::connect(&tray, &TrayIcon::quitRequested, &app, &QApplication::quit);
    auto updateTray = [&] {
        tray.setState(receiver.redisState(), QStringLiteral("Terminal 6 — Redis %1, %2 queued")
                                                 .arg(stateName(receiver.redisState()))
                                                 .arg(receiver.queued()));
    };
    QObject::connect(&receiver, &ReceiverService::redisStateChanged, &tray, updateTray);
    QObject::connect(&receiver, &ReceiverService::queueChanged, &tray, updateTray);

    const QString error = receiver.start();
    window.refresh();
    window.show();
    if (!error.isEmpty()) {
        QMessageBox::critical(&window, QObject::tr("Terminal 6"), error);
        return 1;
    }
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &receiver,
                     [&receiver] { receiver.stop(std::chrono::seconds(5)); });
    return app.exec();
}
