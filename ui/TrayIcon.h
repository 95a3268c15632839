#pragma once

#include "monitor/AlertWatch.h"

#include <QObject>

class Application;
class QAction;
class QSystemTrayIcon;

// The tray entry, when the desktop has a tray: its colour is the whole system's state (the same
// vocabulary as the Terminals tab), a left click shows or hides the window, its menu shows/hides,
// pauses/resumes forwarding, copies the webhook URL and quits, and alerts (rate-limited by
// AlertWatch) become notifications. Without a tray it does nothing and the window stays a window.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    TrayIcon(Application *app, QAction *pauseForwarding, QObject *parent = nullptr);

    bool isAvailable() const { return m_tray != nullptr; }
    QString toolTip() const;

Q_SIGNALS:
    void toggleWindowRequested();
    void quitRequested();

private:
    void showState();
    void notify(const AlertWatch::Alert &alert);

    Application *m_app;
    QSystemTrayIcon *m_tray = nullptr;
    int m_shownState = -1;
};
