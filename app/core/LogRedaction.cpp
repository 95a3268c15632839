#include "LogRedaction.h"

#include "http/TokenCheck.h"

#include <QLoggingCategory>
#include <QString>

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;
QtMessageHandler previousHandler = nullptr;
// Never deleted: threads may still log while static objects are destroyed at exit.
const TokenCheck *tokens = nullptr;

void keepRequestLoggingOff(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

void printRedacted(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    previousHandler(type, context, LogRedaction::redacted(message));
}

} // namespace

QString LogRedaction::redacted(const QString &line)
{
    if (!tokens)
        return line;
    const QByteArray utf8 = line.toUtf8();
    const QByteArray redacted = tokens->redact(utf8);
    return redacted == utf8 ? line : QString::fromUtf8(redacted);
}

void LogRedaction::install(const QByteArrayList &validTokens)
{
    tokens = new TokenCheck(validTokens);
    previousHandler = qInstallMessageHandler(&printRedacted); // Qt's own when none was set
    previousFilter = QLoggingCategory::installFilter(&keepRequestLoggingOff);
}
