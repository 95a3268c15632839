#pragma once

#include "config/Settings.h"

#include <QList>
#include <QString>

// The URL(s) to paste into TradingView's alert dialog: the token goes in the path, because
// TradingView can set neither a header nor a body field of our choosing beyond the message.
// `shown` masks the token, for the screen; `full` is what the copy button puts on the clipboard.
struct WebhookUrl {
    QString shown;
    QString full;

    // One per address the receiver is reachable at: every non-loopback IPv4 address of this
    // machine when it listens on all of them (0.0.0.0, ::), else its one host.
    static QList<WebhookUrl> forReceiver(const Settings &settings, quint16 port);
    // The URL at `host` (a public address, say): the token in the path, or none when it goes in
    // the message (tokenInPath false).
    static WebhookUrl forHost(const Settings &settings, const QString &host, quint16 port,
                              bool tokenInPath = true);
    // Where the receiver listens, without token, as the log and the header say it: every address
    // (0.0.0.0, ::) is shown as this machine's name.
    static QString listenUrl(const Settings &settings, quint16 port);
    static bool isEveryAddress(const QString &host); // 0.0.0.0 or ::
    static QString urlHost(const QString &host);     // an IPv6 address in brackets
    // TradingView only sends to ports 80 and 443.
    static bool portReachableByTradingView(quint16 port) { return port == 80 || port == 443; }
};
