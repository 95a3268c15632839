#pragma once

#include <QByteArrayList>
#include <QJsonObject>

#include <optional>

// A request body that is a JSON object, ready to forward: the body's own bytes (so numbers keep
// their text), with any body token cut out and remembered for the token check.
struct WebhookPayload {
    QByteArray json;           // what goes into the envelope's "payload"
    QJsonObject object;        // the same, parsed: for summaries and duplicate keys
    QByteArrayList bodyTokens; // values of the token field, removed from `json`

    // nullopt when the body is not a JSON object (Content-Type is not consulted).
    static std::optional<WebhookPayload> parse(const QByteArray &body, const QString &tokenField);
};
