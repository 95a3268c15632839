#pragma once

#include <QTimer>
#include <QWidget>

class MonitorService;
class QButtonGroup;
class QLabel;

// The four figures of Aristobot3's web page, over 24 h, 7 d or 30 d: webhooks received, the
// engine's success rate, its errors, and the open positions with their unrealised P&L. They
// come from MonitorService::figures() (the journal's counts and the engine's verdicts); the
// window keeps no counter of its own.
class StatCards : public QWidget
{
    Q_OBJECT
public:
    explicit StatCards(MonitorService *monitor, QWidget *parent = nullptr);

    enum class Window { Day, Week, Month };
    void setWindow(Window window);
    Window window() const { return m_window; }

    // "value\nsubtitle" of a card, for tests: "Webhooks", "Success rate", "Errors", "Positions".
    QString card(const QString &title) const;

public Q_SLOTS:
    void refresh();

private:
    struct Card {
        QLabel *value;
        QLabel *subtitle;
    };
    Card addCard(const QString &title, class QHBoxLayout *row);

    MonitorService *m_monitor;
    Window m_window = Window::Day;
    QButtonGroup *m_windows;
    QHash<QString, Card> m_cards;
    QTimer m_soon; // coalesces the models' changes into one refresh
};
