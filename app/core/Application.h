#pragma once

#include "LineBudget.h"
#include "ReceiverStatus.h"
#include "config/Settings.h"

#include <QObject>
#include <QTimer>

#include <memory>

#include <chrono>

class EventLoopWatch;
class MonitorService;
class ReceiverService;

// The process: the receiver and the monitor, built, wired, started and stopped in one place. Data
// flows one way, receiver → monitor events → models; the GUI and --headless front ends only
// attach to it (read the models and the status, call the receiver's actions), and log the same
// lines.
class Application : public QObject
{
    Q_OBJECT
public:
    explicit Application(const Settings &settings, QObject *parent = nullptr);
    ~Application() override;

    // The receiver first: when it cannot listen, nothing starts. Returns an error line, or empty.
    QString start();
    // Stops the monitor, then drains the receiver for at most `drain`. Returns the webhooks left
    // undelivered (they stay in the journal). Does nothing the second time.
    int stop(std::chrono::milliseconds drain = std::chrono::seconds(5));
    bool isRunning() const { return m_running; }

    const Settings &settings() const { return m_settings; }
    ReceiverService *receiver() const { return m_receiver; }
    MonitorService *monitor() const { return m_monitor; }

    // Asks the journal for its 24h/7d/30d figures now (they also come every FiguresInterval).
    void readFigures();

    static constexpr std::chrono::seconds FiguresInterval{30}; // the journal's 24h/7d/30d figures
    static constexpr std::chrono::seconds SectionsInterval{5}; // /health terminals, /stats
    static constexpr int AcceptedLinesPerSecond = 20;          // then one summary line a second

Q_SIGNALS:
    void stopped();

private:
    void onStatus(const ReceiverStatus &status);
    void reportSelf(const ReceiverStatus &status);
    void pushSections();

    Settings m_settings;
    ReceiverService *m_receiver;
    MonitorService *m_monitor;
    bool m_running = false;
    ReceiverStatus m_last;
    QString m_selfShown; // T6's last state and detail posted to the monitor
    QTimer m_figures;
    QTimer m_sections;
    LineBudget m_acceptedLines{AcceptedLinesPerSecond};
    QTimer m_acceptedSummary;
    std::unique_ptr<EventLoopWatch> m_loopWatch; // T6_EVENT_LOOP_WATCH only
};
