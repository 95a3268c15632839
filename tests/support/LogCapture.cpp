#include "support/LogCapture.h"

#include <QMutex>
#include <QStringList>

namespace {

QMutex mutex;
QStringList lines;
QtMessageHandler previous = nullptr;

void keep(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&mutex);
        lines.append(QString::fromLatin1(context.category ? context.category : "") +
                     QStringLiteral(": ") + message);
    }
    if (previous)
        previous(type, context, message);
}

} // namespace

LogCapture::LogCapture()
{
    previous = qInstallMessageHandler(keep);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(previous);
}

void LogCapture::clear()
{
    QMutexLocker lock(&mutex);
    lines.clear();
}

int LogCapture::count(const QString &needle) const
{
    QMutexLocker lock(&mutex);
    int n = 0;
    for (const QString &line : std::as_const(lines))
        n += line.contains(needle);
    return n;
}
