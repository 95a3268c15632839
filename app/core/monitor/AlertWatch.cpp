#include "monitor/AlertWatch.h"

#include "monitor/EventParser.h"

namespace {

QDateTime currentUtc()
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace

AlertWatch::AlertWatch(QObject *parent)
    : QObject(parent)
    , m_clock(currentUtc)
{}

void AlertWatch::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : std::function<QDateTime()>(currentUtc);
}

void AlertWatch::apply(const QList<MonitorEvent> &events)
{
    const QDateTime now = m_clock();
    for (const MonitorEvent &event : events) {
        // Live words only: history from the journal, or another receiver's events, are not news.
        if (event.type != QLatin1String("webhook_received") || event.source != QLatin1String("T6"))
            continue;
        const QJsonObject &m = event.message;
        const WebhookStatus status =
            webhookStatusFromName(EventParser::text(m.value(QLatin1String("status"))));
        switch (status) {
        case WebhookStatus::Rejected: {
            m_rejected.push_back(now);
            const QString reason = EventParser::text(m.value(QLatin1String("reason")));
            if (!reason.isEmpty())
                m_lastReason = reason;
            while (!m_rejected.empty() && m_rejected.front().secsTo(now) > BurstWindow.count())
                m_rejected.pop_front();
            if (int(m_rejected.size()) >= BurstRejected) {
                raise(Kind::RejectedBurst, tr("Webhooks rejected"),
                      tr("%1 rejected in the last minute (last: %2)")
                          .arg(m_rejected.size())
                          .arg(m_lastReason));
                m_rejected.clear();
            }
            break;
        }
        case WebhookStatus::Held:
            raise(Kind::HeldSignal, tr("Signal held"),
                  tr("Published to nobody: the trading engine is not listening on webhook_raw. "
                     "It waits in the journal."));
            break;
        case WebhookStatus::Expired:
            raise(Kind::ExpiredSignal, tr("Signal expired"),
                  tr("A webhook waited too long and was not forwarded (terminal6 resend)."));
            break;
        case WebhookStatus::Missed:
            raise(Kind::MissedSignal, tr("Missed signal"),
                  tr("No webhook for %1 %2 (broker %3): %4")
                      .arg(EventParser::text(m.value(QLatin1String("symbol"))),
                           EventParser::text(m.value(QLatin1String("interval"))),
                           m.value(QLatin1String("broker_id")).toVariant().toString(),
                           EventParser::text(m.value(QLatin1String("reason")))));
            break;
        default: break;
        }
    }
}

void AlertWatch::terminalChanged(const QString &terminal, TerminalState state,
                                 const QString &detail)
{
    const TerminalState before = m_terminals.value(terminal, TerminalState::Unknown);
    m_terminals.insert(terminal, state);
    // Coming to know a terminal at start is not news; losing one, or getting it back, is.
    if (state == TerminalState::Down &&
        (before == TerminalState::Up || before == TerminalState::Degraded))
        raise(Kind::TerminalDown, tr("%1 down").arg(terminal), detail, terminal);
    else if (state == TerminalState::Up && before == TerminalState::Down)
        raise(Kind::TerminalUp, tr("%1 back up").arg(terminal), detail, terminal);
}

void AlertWatch::raise(Kind kind, const QString &title, const QString &text, const QString &subject)
{
    const QDateTime now = m_clock();
    const QString key = QString::number(int(kind)) + QLatin1Char('|') + subject;
    const QDateTime last = m_lastRaised.value(key);
    if (last.isValid() && last.secsTo(now) < MinInterval.count()) {
        ++m_suppressed[key];
        return;
    }
    const int suppressed = m_suppressed.take(key);
    m_lastRaised.insert(key, now);
    Q_EMIT raised(
        {kind, title,
         suppressed > 0
             ? tr("%1 (and %n more like it since the last alert)", nullptr, suppressed).arg(text)
             : text});
}
