#include "MainWindow.h"

#include "Application.h"
#include "ForwardingSwitch.h"
#include "StatusIcon.h"
#include "charts/ChartsTab.h"
#include "header/ReceiverHeader.h"
#include "header/StatCards.h"
#include "log/LogTab.h"
#include "monitor/MonitorService.h"
#include "monitor/models/TerminalHealthModel.h"
#include "positions/PositionsTab.h"
#include "receiver/ReceiverService.h"
#include "settings/SettingsDialog.h"
#include "setup/SetupAssistant.h"
#include "terminals/TerminalsTab.h"
#include "webhooks/WebhooksTab.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

MainWindow::MainWindow(Application *app, ForwardingSwitch *forwarding, LogModel *log,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_app(app)
{
    MonitorService *monitor = app->monitor();
    ReceiverService *receiver = app->receiver();
    setWindowTitle(tr("Terminal 6 — Aristobot3 webhook receiver"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_header = new ReceiverHeader(receiver, monitor->terminals(), forwarding->action(), central);
    m_cards = new StatCards(monitor, central);
    m_tabs = new QTabWidget(central);
    m_webhooks = new WebhooksTab(monitor->history(), receiver, m_tabs);
    m_positions = new PositionsTab(monitor->positions(), m_tabs);
    m_terminals =
        new TerminalsTab(monitor->terminals(), monitor->receivers(), monitor->history(), m_tabs);
    m_charts = new ChartsTab(monitor->timeline(), m_tabs);
    m_log = new LogTab(log, m_tabs);
    m_tabs->addTab(m_webhooks, tr("&Webhooks"));
    m_tabs->addTab(m_positions, tr("&Positions"));
    m_tabs->addTab(m_terminals, tr("&Terminals"));
    m_tabs->addTab(m_charts, tr("&Charts"));
    m_tabs->addTab(m_log, tr("&Log"));
    layout->addWidget(m_header);
    layout->addWidget(m_cards);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    // &File: Alt+T is the Terminals tab.
    QMenu *menu = menuBar()->addMenu(tr("&File"));
    menu->addAction(forwarding->action());
    menu->addSeparator();
    QAction *settings = menu->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    QAction *setup = menu->addAction(tr("&TradingView setup…"), this, &MainWindow::openSetup);
    if (receiver->isRemote()) {
        // The assistant posts to and configures a receiver here; this window only watches one.
        setup->setEnabled(false);
        setup->setToolTip(tr("monitor only: the receiver runs elsewhere"));
    }
    menu->addSeparator();
    QAction *quit = menu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    const auto tell = [this](const QString &text) { statusBar()->showMessage(text, 6000); };
    connect(m_header, &ReceiverHeader::message, this, tell);
    connect(m_webhooks, &WebhooksTab::message, this, tell);
    connect(monitor->terminals(), &TerminalHealthModel::terminalStateChanged, this,
            &MainWindow::showOverallState);
    showOverallState();
    resize(1280, 800);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_app, this);
    dialog.exec();
}

void MainWindow::openSetup()
{
    if (m_app->receiver()->isRemote())
        return;
    SetupAssistant assistant(m_app, this);
    assistant.exec();
}

void MainWindow::showOverallState()
{
    setWindowIcon(StatusIcon::forState(m_app->monitor()->terminals()->overallState()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Only the user's close (the title bar, Alt+F4: spontaneous) hides to the tray; the close
    // that QApplication::quit() asks for (SIGTERM, the tray's Quit) must not be refused.
    if (m_closeHides && event->spontaneous()) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}
