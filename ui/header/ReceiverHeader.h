#pragma once

#include "ReceiverStatus.h"
#include "Status.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QVBoxLayout;
class ReceiverService;
class TerminalHealthModel;

// The top of the window: the URL(s) to paste into TradingView (token masked, a copy button
// each), and four lights: the receiver, Redis, the engine listening (T3), forwarding.
class ReceiverHeader : public QWidget
{
    Q_OBJECT
public:
    ReceiverHeader(ReceiverService *receiver, TerminalHealthModel *terminals, QAction *pause,
                   QWidget *parent = nullptr);

    // The texts shown, for tests.
    QString urlsText() const;
    QString lightsText() const;

Q_SIGNALS:
    void message(const QString &text);

private:
    void showStatus(const ReceiverStatus &status);
    void showUrls();
    void showEngine();
    static void setLight(QLabel *label, const QString &name, TerminalState state,
                         const QString &text, const QString &tooltip = {});

    ReceiverService *m_receiver;
    TerminalHealthModel *m_terminals;
    QVBoxLayout *m_urls;
    QLabel *m_portWarning;
    QLabel *m_receiverLight;
    QLabel *m_redisLight;
    QLabel *m_engineLight;
    QLabel *m_forwardingLight;
    quint16 m_urlsPort = 0;
    QTimer m_soon;
    bool m_shownPaused = false;
    bool m_shownListening = false;
};
