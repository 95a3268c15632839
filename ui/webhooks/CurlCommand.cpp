#include "webhooks/CurlCommand.h"

namespace CurlCommand {

namespace {

QString quoted(const QString &text)
{
    // Single quotes keep the shell from reading anything inside; a quote itself ends, escapes
    // and reopens.
    return u'\'' + QString(text).replace(u'\'', QStringLiteral("'\\''")) + u'\'';
}

} // namespace

QString forWebhook(const QString &url, const QByteArray &payload)
{
    return QStringLiteral("curl -X POST %1 -H 'Content-Type: application/json' "
                          "-H \"X-Webhook-Token: $WEBHOOK_TOKEN\" --data-binary %2")
        .arg(quoted(url), quoted(QString::fromUtf8(payload)));
}

} // namespace CurlCommand
