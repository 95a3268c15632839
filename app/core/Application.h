#pragma once

#include "LineBudget.h"
#include "ReceiverStatus.h"
#include "config/Settings.h"

#include <QObject>
#include <QTimer>

#include <memory>

#include <chrono>

class EmbeddedRedis;
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

    // What runs: settings() (with the embedded Redis's address, when there is one); what was
    // configured: configured() (what the settings dialog shows and saves).
    const Settings &settings() const { return m_settings; }
    const Settings &configured() const { return m_configured; }
    // A redis-server this process started (--embedded-redis auto), or null.
    const EmbeddedRedis *embeddedRedis() const { return m_embedded.get(); }

    // Settings changed while running (the settings dialog): the live ones take effect now (the
    // listener re-binds, Redis reconnects, tokens change), the others at the next start.
    struct Applied {
        QStringList now;       // names of the settings applied
        QStringList atRestart; // changed, taking effect at the next start
        QString error;         // the listener could not move (the old one still listens)
        QString savedTo;       // applyAndSave(): the config file written
        QString saveError;     // applyAndSave(): why it could not be written
    };
    Applied apply(const Settings &next);
    // apply(), then what runs now written to the config file (SettingsFile::pathFor): a listener
    // that could not move keeps its old address in the file too, so the next start listens where
    // this one does.
    Applied applyAndSave(const Settings &next);
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

    Settings m_configured;
    std::unique_ptr<EmbeddedRedis> m_embedded; // before m_settings, which takes its address
    Settings m_settings;
    const QString m_receiverName; // once: naming it from the host costs a regex compile
    ReceiverService *m_receiver;
    MonitorService *m_monitor;
    bool m_running = false;
    ReceiverStatus m_last;
    QByteArray m_lastServiceStatus; // the last STATUS= told to systemd
    QString m_selfShown;            // T6's last state and detail posted to the monitor
    QTimer m_figures;
    QTimer m_sections;
    LineBudget m_acceptedLines{AcceptedLinesPerSecond};
    QTimer m_acceptedSummary;
    std::unique_ptr<EventLoopWatch> m_loopWatch; // T6_EVENT_LOOP_WATCH only
};
