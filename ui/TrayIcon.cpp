#include "TrayIcon.h"

#include "StatusIcon.h"

#include <QMenu>
#include <QSystemTrayIcon>

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(StatusIcon::forState(ConnectionState::Connecting), this);
    auto *menu = new QMenu;
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    menu->addAction(tr("Show/Hide Terminal 6"), this, &TrayIcon::toggleWindowRequested);
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger)
                    Q_EMIT toggleWindowRequested();
            });
    m_tray->show();
}

void TrayIcon::setState(ConnectionState redis, const QString &tooltip)
{
    if (!m_tray)
        return;
    m_tray->setIcon(StatusIcon::forState(redis));
    m_tray->setToolTip(tooltip);
}
