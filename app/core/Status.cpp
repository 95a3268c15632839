#include "Status.h"

#include <QCoreApplication>

QString stateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected: return QStringLiteral("disconnected");
    case ConnectionState::Connecting: return QStringLiteral("connecting");
    case ConnectionState::Connected: return QStringLiteral("connected");
    }
    return QStringLiteral("unknown");
}

QString stateName(TerminalState state)
{
    switch (state) {
    case TerminalState::Up: return QStringLiteral("up");
    case TerminalState::Degraded: return QStringLiteral("degraded");
    case TerminalState::Down: return QStringLiteral("down");
    case TerminalState::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString stateText(TerminalState state)
{
    switch (state) {
    case TerminalState::Up: return QCoreApplication::translate("Status", "up");
    case TerminalState::Degraded: return QCoreApplication::translate("Status", "degraded");
    case TerminalState::Down: return QCoreApplication::translate("Status", "down");
    case TerminalState::Unknown: break;
    }
    return QCoreApplication::translate("Status", "unknown");
}

TerminalState terminalStateFromName(QStringView name)
{
    if (name == QLatin1String("up"))
        return TerminalState::Up;
    if (name == QLatin1String("degraded"))
        return TerminalState::Degraded;
    if (name == QLatin1String("down"))
        return TerminalState::Down;
    return TerminalState::Unknown;
}

namespace {

// The wire names, and the source texts of their translations.
constexpr std::pair<WebhookStatus, const char *> webhookStatusNames[] = {
    {WebhookStatus::Received, QT_TRANSLATE_NOOP("Status", "received")},
    {WebhookStatus::Duplicate, QT_TRANSLATE_NOOP("Status", "duplicate")},
    {WebhookStatus::Rejected, QT_TRANSLATE_NOOP("Status", "rejected")},
    {WebhookStatus::Streamed, QT_TRANSLATE_NOOP("Status", "streamed")},
    {WebhookStatus::Held, QT_TRANSLATE_NOOP("Status", "held")},
    {WebhookStatus::Forwarded, QT_TRANSLATE_NOOP("Status", "forwarded")},
    {WebhookStatus::Expired, QT_TRANSLATE_NOOP("Status", "expired")},
    {WebhookStatus::Replayed, QT_TRANSLATE_NOOP("Status", "replayed")},
    {WebhookStatus::Processed, QT_TRANSLATE_NOOP("Status", "processed")},
    {WebhookStatus::Error, QT_TRANSLATE_NOOP("Status", "error")},
    {WebhookStatus::Missed, QT_TRANSLATE_NOOP("Status", "missed")},
};

} // namespace

QString statusName(WebhookStatus status)
{
    for (const auto &[value, name] : webhookStatusNames) {
        if (value == status)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("unknown");
}

QString statusText(WebhookStatus status)
{
    for (const auto &[value, name] : webhookStatusNames) {
        if (value == status)
            return QCoreApplication::translate("Status", name);
    }
    return QCoreApplication::translate("Status", "unknown");
}

WebhookStatus webhookStatusFromName(QStringView name)
{
    for (const auto &[value, text] : webhookStatusNames) {
        if (name == QLatin1String(text))
            return value;
    }
    // Older receivers said "queued" or "pending" for what is now "received".
    if (name == QLatin1String("queued") || name == QLatin1String("pending"))
        return WebhookStatus::Received;
    return WebhookStatus::Unknown;
}

bool isVerdict(WebhookStatus status)
{
    return status == WebhookStatus::Processed || status == WebhookStatus::Error;
}

bool neverForwarded(WebhookStatus status)
{
    return status == WebhookStatus::Rejected || status == WebhookStatus::Duplicate ||
           status == WebhookStatus::Expired || status == WebhookStatus::Missed;
}

int progressOf(WebhookStatus status)
{
    switch (status) {
    case WebhookStatus::Unknown: return 0;
    case WebhookStatus::Received: return 1;
    case WebhookStatus::Streamed: return 2;
    case WebhookStatus::Held: return 3;
    case WebhookStatus::Duplicate:
    case WebhookStatus::Rejected:
    case WebhookStatus::Missed:
    case WebhookStatus::Expired:
    case WebhookStatus::Forwarded:
    case WebhookStatus::Replayed: return 4;
    case WebhookStatus::Processed:
    case WebhookStatus::Error: return 5;
    }
    return 0;
}
