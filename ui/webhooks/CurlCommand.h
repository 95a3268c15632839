#pragma once

#include <QByteArray>
#include <QString>

// A webhook as a command to send it again by hand. The token is never in it: it reads
// $WEBHOOK_TOKEN from the shell, the variable Terminal 6 itself reads.
namespace CurlCommand {

QString forWebhook(const QString &url, const QByteArray &payload);

} // namespace CurlCommand
