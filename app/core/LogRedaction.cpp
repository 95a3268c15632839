#include "LogRedaction.h"

#include "http/TokenCheck.h"

#include <QLoggingCategory>
#include <QString>

#include <atomic>

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;
QtMessageHandler previousHandler = nullptr;
// Never deleted: threads may still log while static objects are destroyed at exit, or with the
// list a rotation replaced (a few bytes per rotation).
std::atomic<const TokenCheck *> tokens = nullptr;
QByteArrayList known; // main thread only (install, addTokens)

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
    const TokenCheck *check = tokens.load(std::memory_order_acquire);
    if (!check)
        return line;
    const QByteArray utf8 = line.toUtf8();
    const QByteArray redacted = check->redact(utf8);
    return redacted == utf8 ? line : QString::fromUtf8(redacted);
}

void LogRedaction::install(const QByteArrayList &validTokens)
{
    known = validTokens;
    tokens.store(new TokenCheck(known), std::memory_order_release);
    previousHandler = qInstallMessageHandler(&printRedacted); // Qt's own when none was set
    previousFilter = QLoggingCategory::installFilter(&keepRequestLoggingOff);
}

void LogRedaction::addTokens(const QByteArrayList &more)
{
    for (const QByteArray &token : more) {
        if (!token.isEmpty() && !known.contains(token))
            known.append(token);
    }
    tokens.store(new TokenCheck(known), std::memory_order_release);
}
