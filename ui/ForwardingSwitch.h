#pragma once

#include "ReceiverStatus.h"

#include <QObject>

#include <functional>

class QAction;
class ReceiverService;

// The kill switch, one checkable action shared by the window and the tray: checked, nothing goes
// to Redis (webhooks are still answered and journaled); unchecked, the trader chooses whether
// what waited is forwarded, in order, or left expired. It follows the receiver's word, so a
// `terminal6 pause` from a shell shows here too.
class ForwardingSwitch : public QObject
{
    Q_OBJECT
public:
    enum class Resume { ForwardWaiting, ExpireWaiting, Cancel };

    explicit ForwardingSwitch(ReceiverService *receiver, QObject *parent = nullptr);

    QAction *action() const { return m_action; }
    // Asks how to resume when webhooks wait; a dialog by default (tests answer by themselves).
    void setResumeChoice(std::function<Resume(qint64 waiting)> choose);

private:
    void toggled(bool pause);
    void follow(const ReceiverStatus &status);

    ReceiverService *m_receiver;
    QAction *m_action;
    std::function<Resume(qint64)> m_choose;
};
