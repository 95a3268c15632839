#include "StatusColors.h"

#include <QPalette>
#include <QWidget>

namespace {

const QColor green(0x2e, 0x9d, 0x52);
const QColor red(0xc6, 0x3b, 0x3b);
const QColor amber(0xd0, 0x85, 0x10);
const QColor grey(0x80, 0x86, 0x8d);
const QColor blue(0x2f, 0x6f, 0xb5);

} // namespace

namespace StatusColors {

QColor of(WebhookStatus status)
{
    switch (status) {
    case WebhookStatus::Forwarded:
    case WebhookStatus::Replayed:
    case WebhookStatus::Processed: return green;
    case WebhookStatus::Rejected:
    case WebhookStatus::Error:
    case WebhookStatus::Expired:
    case WebhookStatus::Missed: return red;
    case WebhookStatus::Held: return amber;
    case WebhookStatus::Received:
    case WebhookStatus::Streamed: return blue;
    case WebhookStatus::Duplicate:
    case WebhookStatus::Unknown: break;
    }
    return grey;
}

QColor of(TerminalState state)
{
    switch (state) {
    case TerminalState::Up: return green;
    case TerminalState::Degraded: return amber;
    case TerminalState::Down: return red;
    case TerminalState::Unknown: break;
    }
    return grey;
}

QColor done()
{
    return green;
}

QColor failed()
{
    return red;
}

QColor waiting()
{
    return grey;
}

QColor ofSigned(double value, const QColor &neutral)
{
    if (value > 0)
        return green;
    if (value < 0)
        return red;
    return neutral;
}

QColor of(ActivityTimeline::Action action)
{
    switch (action) {
    case ActivityTimeline::Buy: return QColor(0x2e, 0x9d, 0x5b);
    case ActivityTimeline::Sell: return QColor(0xd0, 0x45, 0x3a);
    case ActivityTimeline::Ping: return QColor(0x7f, 0x8c, 0x9d);
    case ActivityTimeline::Update: return QColor(0xe0, 0xa1, 0x1b);
    case ActivityTimeline::Other:
    case ActivityTimeline::ActionCount: break;
    }
    return QColor(0x8e, 0x6c, 0xc4);
}

void setTextColour(QWidget *widget, const QColor &colour)
{
    if (!colour.isValid()) {
        if (widget->testAttribute(Qt::WA_SetPalette))
            widget->setPalette(QPalette());
        return;
    }
    if (widget->testAttribute(Qt::WA_SetPalette) &&
        widget->palette().color(QPalette::WindowText) == colour)
        return;
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, colour);
    widget->setPalette(palette);
}

} // namespace StatusColors
