#pragma once

#include <QMainWindow>

class Application;
class ChartsTab;
class ForwardingSwitch;
class LogModel;
class LogTab;
class PositionsTab;
class QTabWidget;
class ReceiverHeader;
class StatCards;
class TerminalsTab;
class WebhooksTab;

// The window a trader watches all day: the header (URL, lights, kill switch), the stat cards,
// and one tab per view. Every part only reads a model or the receiver's status; actions go to
// the receiver.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Application *app, ForwardingSwitch *forwarding, LogModel *log,
               QWidget *parent = nullptr);

    // With a tray, the user's close hides the window; without one it quits.
    void setCloseHidesWindow(bool hides) { m_closeHides = hides; }

    // The settings dialog and the TradingView assistant, modal (the menu, the first run).
    void openSettings();
    void openSetup();

    QTabWidget *tabs() const { return m_tabs; }
    ReceiverHeader *header() const { return m_header; }
    StatCards *cards() const { return m_cards; }
    WebhooksTab *webhooks() const { return m_webhooks; }
    PositionsTab *positions() const { return m_positions; }
    TerminalsTab *terminals() const { return m_terminals; }
    ChartsTab *charts() const { return m_charts; }
    LogTab *log() const { return m_log; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showOverallState();

    Application *m_app;
    ReceiverHeader *m_header;
    StatCards *m_cards;
    QTabWidget *m_tabs;
    WebhooksTab *m_webhooks;
    PositionsTab *m_positions;
    TerminalsTab *m_terminals;
    ChartsTab *m_charts;
    LogTab *m_log;
    bool m_closeHides = false;
};
