#include "TrayIcon.h"

#include "Application.h"
#include "StatusIcon.h"
#include "monitor/MonitorService.h"
#include "monitor/models/TerminalHealthModel.h"
#include "receiver/ReceiverService.h"
#include "receiver/WebhookUrl.h"

#include <QApplication>
#include <QClipboard>
#include <QLoggingCategory>
#include <QMenu>
#include <QSystemTrayIcon>

Q_LOGGING_CATEGORY(lcUi, "t6.ui")

TrayIcon::TrayIcon(Application *app, QAction *pauseForwarding, QObject *parent)
    : QObject(parent)
    , m_app(app)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCInfo(lcUi) << "no system tray: closing the window quits";
        return;
    }
    qCInfo(lcUi) << "system tray available: closing the window hides it";
    m_tray = new QSystemTrayIcon(StatusIcon::forState(TerminalState::Unknown), this);
    auto *menu = new QMenu;
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    menu->addAction(tr("Show/Hide Terminal 6"), this, &TrayIcon::toggleWindowRequested);
    menu->addAction(pauseForwarding);
    menu->addAction(tr("Copy webhook URL"), this, [this] {
        const QList<WebhookUrl> urls =
            WebhookUrl::forReceiver(m_app->settings(), m_app->receiver()->port());
        if (!urls.isEmpty())
            QApplication::clipboard()->setText(urls.constFirst().full);
    });
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger)
                    Q_EMIT toggleWindowRequested();
            });
    connect(app->monitor()->terminals(), &TerminalHealthModel::terminalStateChanged, this,
            &TrayIcon::showState);
    connect(app->receiver(), &ReceiverService::statusChanged, this, &TrayIcon::showState);
    connect(app->monitor()->alerts(), &AlertWatch::raised, this, &TrayIcon::notify);
    showState();
    m_tray->show();
}

QString TrayIcon::toolTip() const
{
    const ReceiverStatus &s = m_app->receiver()->status();
    const TerminalHealthModel *terminals = m_app->monitor()->terminals();
    QString text =
        tr("Terminal 6 — %1\nRedis %2 · engine %3")
            .arg(stateText(terminals->overallState()), ReceiverStatus::redisText(s.redis),
                 stateText(terminals->state(QStringLiteral("T3"))));
    if (s.paused)
        text += tr("\nForwarding PAUSED");
    if (s.open > 0)
        text += tr("\n%n webhook(s) on their way", nullptr, int(s.open));
    return text;
}

void TrayIcon::showState()
{
    // The icon is redrawn only when the state changes, not at every webhook.
    const TerminalState state = m_app->monitor()->terminals()->overallState();
    if (int(state) != m_shownState) {
        m_shownState = int(state);
        m_tray->setIcon(StatusIcon::forState(state));
    }
    m_tray->setToolTip(toolTip());
}

void TrayIcon::notify(const AlertWatch::Alert &alert)
{
    const bool bad = alert.kind != AlertWatch::Kind::TerminalUp;
    m_tray->showMessage(alert.title, alert.text,
                        bad ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 8000);
}
