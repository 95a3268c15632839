#include "ForwardingSwitch.h"

#include "receiver/ReceiverService.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>

ForwardingSwitch::ForwardingSwitch(ReceiverService *receiver, QObject *parent)
    : QObject(parent)
    , m_receiver(receiver)
    , m_action(new QAction(tr("Pause forwarding"), this))
{
    m_action->setCheckable(true);
    m_action->setToolTip(tr("Stop sending webhooks to Redis: they are still answered and "
                            "journaled, and wait until you resume"));
    m_choose = [this](qint64 waiting) {
        QMessageBox box(
            QMessageBox::Question, tr("Resume forwarding"),
            tr("%n webhook(s) waited while forwarding was paused.", nullptr, int(waiting)),
            QMessageBox::NoButton, QApplication::activeWindow());
        box.setInformativeText(tr("Forward them now, in the order they came (those younger than "
                                  "the replay limit), or leave them expired?"));
        QPushButton *forward = box.addButton(tr("Forward them"), QMessageBox::AcceptRole);
        QPushButton *expire = box.addButton(tr("Leave them expired"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(forward);
        box.exec();
        if (box.clickedButton() == forward)
            return Resume::ForwardWaiting;
        return box.clickedButton() == expire ? Resume::ExpireWaiting : Resume::Cancel;
    };
    connect(m_action, &QAction::toggled, this, &ForwardingSwitch::toggled);
    connect(receiver, &ReceiverService::statusChanged, this, &ForwardingSwitch::follow);
    follow(receiver->status());
}

void ForwardingSwitch::setResumeChoice(std::function<Resume(qint64)> choose)
{
    m_choose = std::move(choose);
}

void ForwardingSwitch::toggled(bool pause)
{
    m_action->setText(pause ? tr("Resume forwarding") : tr("Pause forwarding"));
    if (pause == m_receiver->status().paused)
        return; // following the receiver, not asking it
    if (pause) {
        m_receiver->setPaused(true);
        return;
    }
    const qint64 waiting = m_receiver->status().unpublished;
    const Resume choice = waiting > 0 ? m_choose(waiting) : Resume::ForwardWaiting;
    if (choice == Resume::Cancel) {
        const QSignalBlocker blocker(m_action);
        m_action->setChecked(true);
        m_action->setText(tr("Resume forwarding"));
        return;
    }
    m_receiver->setPaused(false, choice == Resume::ForwardWaiting);
}

void ForwardingSwitch::follow(const ReceiverStatus &status)
{
    // A receiver elsewhere may not take orders from here (--monitor-only): say why.
    const QString unavailable = m_receiver->actionsUnavailable();
    m_action->setEnabled(status.listening && unavailable.isEmpty());
    m_action->setToolTip(unavailable.isEmpty()
                             ? tr("Stop sending webhooks to Redis: they are still answered and "
                                  "journaled, and wait until you resume")
                             : tr("Unavailable: %1").arg(unavailable));
    if (m_action->isChecked() == status.paused)
        return;
    const QSignalBlocker blocker(m_action);
    m_action->setChecked(status.paused);
    m_action->setText(status.paused ? tr("Resume forwarding") : tr("Pause forwarding"));
}
