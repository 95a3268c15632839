#pragma once

#include <QMetaType>
#include <QString>

// One state vocabulary for every link (Redis, listeners, terminals): the tray, the window,
// /health and the headless log all render these same values.
enum class ConnectionState { Disconnected, Connecting, Connected };

QString stateName(ConnectionState state);

Q_DECLARE_METATYPE(ConnectionState)

// A terminal's health (WIRE.md §4-5). A signal that cannot be read is Unknown, never Up.
enum class TerminalState { Unknown, Up, Degraded, Down };

QString stateName(TerminalState state);
TerminalState terminalStateFromName(QStringView name); // "up", "degraded", "down"; else Unknown
QString stateText(TerminalState state);                // on screen, in the user's language

Q_DECLARE_METATYPE(TerminalState)

// Where a webhook stands, from its receipt by T6 to the engine's verdict. The history, the
// inspector, the colours, the tray and the wire (as names, at the edges) all use these.
enum class WebhookStatus {
    Unknown,
    Received,  // accepted and journaled
    Duplicate, // accepted, not forwarded (the same payload within the dedupe window)
    Rejected,  // refused (401, 400, 413, ...)
    Streamed,  // in the Redis stream, not published yet
    Held,      // published to nobody: waits for a listener
    Forwarded, // published, someone listened
    Expired,   // too old to be published by itself
    Replayed,  // published again by hand
    Processed, // the engine's verdict: done
    Error,     // the engine's verdict: failed
    Missed,    // a bar went by without this strategy's webhook
};

QString statusName(WebhookStatus status); // as on the wire: "received", "forwarded", ...
QString statusText(WebhookStatus status); // on screen, in the user's language
WebhookStatus webhookStatusFromName(QStringView name);
// The engine's last word: nothing later changes a webhook's status.
bool isVerdict(WebhookStatus status);
// These never reach the engine, so no verdict can be theirs.
bool neverForwarded(WebhookStatus status);
// How far along the way a status is: a later event never moves a webhook back.
int progressOf(WebhookStatus status);

Q_DECLARE_METATYPE(WebhookStatus)
