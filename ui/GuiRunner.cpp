#include "GuiRunner.h"

#include "Application.h"
#include "ForwardingSwitch.h"
#include "Language.h"
#include "LogModel.h"
#include "MainWindow.h"
#include "TrayIcon.h"
#include "UnixSignalWatcher.h"
#include "receiver/ReceiverService.h"

#include "config/SettingsLoader.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <csignal>

int GuiRunner::run(int &argc, char **argv, const Settings &settings)
{
    QApplication app(argc, argv);
    Language::install(&app, settings.language);
    LogModel log;
    log.capture(); // before anything logs: the Log tab starts at the first line
    Application terminal6(settings);
    if (const QString error = terminal6.start(); !error.isEmpty()) {
        QMessageBox::critical(nullptr, QObject::tr("Terminal 6"), error);
        return 1;
    }
    ForwardingSwitch forwarding(terminal6.receiver());
    MainWindow window(&terminal6, &forwarding, &log);
    TrayIcon tray(&terminal6, forwarding.action());
    // With a tray the window hides on close and the tray quits; without one, closing quits.
    window.setCloseHidesWindow(tray.isAvailable());
    app.setQuitOnLastWindowClosed(!tray.isAvailable());
    QObject::connect(&tray, &TrayIcon::toggleWindowRequested, &window, [&window] {
        window.setVisible(!window.isVisible());
        if (window.isVisible())
            window.activateWindow();
    });
    QObject::connect(&tray, &TrayIcon::quitRequested, &app, &QApplication::quit);
    window.show();
    // First run (no settings saved yet, no token given): the assistant leads to a working URL.
    const bool firstRun = !settings.monitorOnly && !settings.hasToken() &&
                          settings.configFile.isEmpty() &&
                          !QFileInfo::exists(SettingsLoader::defaultConfigFile());
    if (firstRun)
        QTimer::singleShot(0, &window, &MainWindow::openSetup);

    UnixSignalWatcher signals_;
    signals_.watch(SIGTERM);
    signals_.watch(SIGINT);
    QObject::connect(&signals_, &UnixSignalWatcher::signalReceived, &app, &QApplication::quit);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &terminal6,
                     [&terminal6] { terminal6.stop(std::chrono::seconds(5)); });
    return app.exec();
}
