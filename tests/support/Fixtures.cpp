#include "support/Fixtures.h"

#include <QDir>
#include <QFile>

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
        qFatal("fixture %s cannot be read (%s); set T6_FIXTURES_DIR to the shared/fixtures folder",
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

} // namespace Fixtures
