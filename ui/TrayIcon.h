#pragma once

#include "Status.h"

#include <QObject>

class QSystemTrayIcon;
class QAction;

// The tray entry, when the desktop has a tray: left click or "Show/Hide" toggles the window,
// the icon's colour follows Redis. Without a tray it does nothing and the window stays a window.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);

    bool isAvailable() const { return m_tray != nullptr; }
    void setState(ConnectionState redis, const QString &tooltip);

Q_SIGNALS:
    void toggleWindowRequested();
    void quitRequested();

private:
    QSystemTrayIcon *m_tray = nullptr;
};
