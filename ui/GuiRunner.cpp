#include "GuiRunner.h"

#include "MainWindow.h"
#include "TrayIcon.h"
#include "monitor/MonitorService.h"
#include "receiver/ReceiverService.h"

#include <QApplication>
#include <QMessageBox>

int GuiRunner::run(int &argc, char **argv, const Settings &settings)
{
    QApplication app(argc, argv);
    ReceiverService receiver(settings);
    MonitorService monitor(settings);
    monitor.attach(&receiver);

    MainWindow window(&receiver, monitor.history());
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
    monitor.start();
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
