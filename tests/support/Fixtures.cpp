#include "support/Fixtures.h"

#include "monitor/EventParser.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace Fixtures {

QString dir()
{
    const QString fromEnvironment = qEnvironmentVariable("T6_FIXTURES_DIR");
    return QDir::cleanPath(fromEnvironment.isEmpty() ? QStringLiteral(T6_FIXTURES_DIR)
                                                     : fromEnvironment);
}

QList<QByteArray> lines(const QString &fileName)
{
    const QString path = QDir(dir()).filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("fixture %s cannot be read (%s); set T6_FIXTURES_DIR to the tests/fixtures folder",
               qPrintable(QDir::toNativeSeparators(path)), qPrintable(file.errorString()));
    }
    QList<QByteArray> result;
    const QList<QByteArray> all = file.readAll().split('\n');
    for (QByteArray line : all) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            result.append(line);
    }
    return result;
}

QList<MonitorEvent> websocketsEvents()
{
    QList<MonitorEvent> events;
    for (const QByteArray &line : lines(QStringLiteral("websockets-events.jsonl"))) {
        QString error;
        const std::optional<MonitorEvent> event = EventParser::parse(line, &error);
        if (!event)
            qFatal("fixture line not an event (%s): %s", qPrintable(error), line.constData());
        events.append(*event);
    }
    return events;
}

QList<MonitorEvent> daphneEvents(const QDateTime &arrival)
{
    QList<MonitorEvent> events;
    for (const QByteArray &line : lines(QStringLiteral("daphne-frames.jsonl"))) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const std::optional<MonitorEvent> wrapped =
            EventParser::wrapDaphneFrame(object.value(QLatin1String("route")).toString(),
                                         object.value(QLatin1String("frame")).toObject(), arrival);
        if (!wrapped)
            qFatal("daphne fixture line not wrapped: %s", line.constData());
        events.append(*wrapped);
    }
    return events;
}

} // namespace Fixtures
