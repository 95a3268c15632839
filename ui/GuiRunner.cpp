#include "GuiRunner.h"

#include "Application.h"
#include "MainWindow.h"
#include "TrayIcon.h"
#include "UnixSignalWatcher.h"
#include "monitor/MonitorService.h"
#include "receiver/ReceiverService.h"

#include <QApplication>
#include <QMessageBox>

#include <csignal>

int GuiRunner::run(int &argc, char **argv, const Settings &settings)
{
    QApplication app(argc, argv);
    Application terminal6(settings);
    if (const QString error = terminal6.start(); !error.isEmpty()) {
        QMessageBox::critical(nullptr, QObject::tr("Terminal 6"), error);
        return 1;
    }
    MainWindow window(terminal6.receiver(), terminal6.monitor()->history());
    TrayIcon tray;
    window.setCloseHidesWindow(tray.isAvailable());
    app.setQuitOnLastWindowClosed(!tray.isAvailable());
    QObject::connect(&tray, &TrayIcon::toggleWindowRequested, &window,
                     [&window] { window.setVisible(!window.isVisible()); });
    QObject::connect(&tray, &TrayIcon::quitRequested, &app, &QApplication::quit);
    window.show();

    UnixSignalWatcher signals_;
    signals_.watch(SIGTERM);
    signals_.watch(SIGINT);
    QObject::connect(&signals_, &UnixSignalWatcher::signalReceived, &app, &QApplication::quit);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &terminal6,
                     [&terminal6] { terminal6.stop(std::chrono::seconds(5)); });
    return app.exec();
}
