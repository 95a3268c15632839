#pragma once

#include "ReceiverStatus.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

// A receiver that runs elsewhere, as a --monitor-only window sees it: its /health every second
// (ReceiverStatus::fromHealth) and its admin routes for the actions. Those answer only on the
// receiver's own machine and with its token, so they are offered only then; otherwise
// actionsUnavailable() says why.
class RemoteReceiver : public QObject
{
    Q_OBJECT
public:
    RemoteReceiver(const QUrl &base, const QByteArray &token, QObject *parent = nullptr);

    void start();
    void stop();
    const QUrl &base() const { return m_base; }
    const ReceiverStatus &status() const { return m_status; }
    // Empty when pause, resume and resend can be asked for; else the reason, for the screen.
    QString actionsUnavailable() const;
    // POST /admin/<command>; `done` gets the HTTP status (0: no answer) and the JSON reply.
    void admin(const QString &command, const QJsonObject &body,
               std::function<void(int status, const QJsonObject &reply)> done = {});

    static constexpr std::chrono::seconds PollInterval{1};

Q_SIGNALS:
    void statusChanged(const ReceiverStatus &status);

private:
    void poll();

    QUrl m_base;
    QByteArray m_token;
    QNetworkAccessManager m_http;
    QTimer m_poll;
    bool m_inFlight = false;
    ReceiverStatus m_status;
    QString m_refused; // the receiver's last refusal of an admin request
};
