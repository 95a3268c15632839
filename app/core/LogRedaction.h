#pragma once

#include <QByteArrayList>

// Keeps the configured tokens out of every log line, whatever QT_LOGGING_RULES say. Qt's HTTP
// server logs each request at debug level with its URL (?token=) and headers (X-Webhook-Token):
// its categories stay off for debug and info. And, in case any other line holds a token, every
// message is redacted (as sent, JSON-escaped, percent-encoded) before it is printed.
class LogRedaction
{
public:
    // Once, before anything logs. Chains to the category filter and message handler in place, so
    // the rules and the message pattern still apply.
    static void install(const QByteArrayList &tokens);
    // Tokens set while running (the settings dialog) are kept out too, with the earlier ones.
    static void addTokens(const QByteArrayList &tokens);
    // `line` without the installed tokens (as is when none were installed).
    static QString redacted(const QString &line);

    LogRedaction() = delete;
};
