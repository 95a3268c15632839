#pragma once

#include "MonitorEvent.h"
#include "Status.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QUrl>

#include <array>
#include <chrono>

class QTimer;
class QWebSocket;

// The live events of a real Aristobot3 deployment (WIRE.md §4.3): anonymous WebSocket clients to
// Daphne's /ws/webhooks/ and /ws/heartbeat/ routes, whose bare JSON frames are wrapped in the
// envelope (EventParser::wrapDaphneFrame). Each route reconnects by itself with backoff, and a
// WebSocket ping that is not answered in time drops a link that died silently (sleep/resume).
class DaphneSource : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kDefaultInitialBackoff{1000};
    static constexpr std::chrono::milliseconds kDefaultMaxBackoff{30000};
    static constexpr std::chrono::milliseconds kDefaultPingInterval{15000};
    static constexpr std::chrono::milliseconds kDefaultPingDeadline{5000};

    // base: ws://host:8000 (wss, http and https are accepted too); read at start().
    explicit DaphneSource(const QUrl &base = {}, QObject *parent = nullptr);
    ~DaphneSource() override;

    void setBaseUrl(const QUrl &base);
    QUrl baseUrl() const { return m_base; }
    QUrl routeUrl(const QString &route) const; // base + route, with a ws/wss scheme
    // Backoff between attempts: initial, doubling up to max, back to initial after a success.
    void setBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds max);
    void setPing(std::chrono::milliseconds interval, std::chrono::milliseconds deadline);

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // Connected when both routes are; Connecting otherwise while running.
    ConnectionState state() const { return m_state; }
    int garbageCount() const { return m_garbageCount; } // frames that are not a JSON object

Q_SIGNALS:
    void eventReceived(const MonitorEvent &event);
    void stateChanged(ConnectionState state);

private:
    struct Route {
        QString path; // "/ws/webhooks/"
        QWebSocket *socket = nullptr;
        QTimer *retryTimer = nullptr;
        QTimer *pingTimer = nullptr;
        QTimer *pongDeadline = nullptr;
        std::chrono::milliseconds backoff{};
        QString lastError; // logged once per kind until the next success
    };

    void setUpRoute(Route &route, const QString &path);
    void openRoute(Route &route);
    void onRouteStateChanged(Route &route);
    void onFrame(Route &route, const QString &text);
    void onGarbage(const Route &route, const QString &text, const QString &error);
    void sendPing(Route &route);
    void updateState();

    QUrl m_base;
    bool m_running = false;
    ConnectionState m_state = ConnectionState::Disconnected;
    std::chrono::milliseconds m_initialBackoff = kDefaultInitialBackoff;
    std::chrono::milliseconds m_maxBackoff = kDefaultMaxBackoff;
    std::chrono::milliseconds m_pingInterval = kDefaultPingInterval;
    std::chrono::milliseconds m_pingDeadline = kDefaultPingDeadline;
    std::array<Route, 2> m_routes;

    int m_garbageCount = 0;
    int m_garbageSinceReport = 0;
    QElapsedTimer m_garbageReportClock;
};
