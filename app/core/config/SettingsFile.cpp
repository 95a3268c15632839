#include "config/SettingsFile.h"

#include "config/SettingsLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace {

QString quoted(QString value)
{
    value.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
    // QSettings reads a leading @ as a type marker (@ByteArray(...)); @@ is a plain @.
    if (value.startsWith(u'@'))
        value.prepend(u'@');
    return u'"' + value + u'"';
}

} // namespace

QString SettingsFile::pathFor(const Settings &settings)
{
    return settings.configFile.isEmpty() ? SettingsLoader::defaultConfigFile()
                                         : settings.configFile;
}

QString SettingsFile::contents(const Settings &settings)
{
    const Settings defaults = SettingsLoader::defaults();
    QString text = QStringLiteral("# Terminal 6 settings (terminal6 --help, or the settings "
                                  "dialog). Written by Terminal 6.\n");
    for (const SettingSpec &spec : SettingsLoader::table()) {
        const QString value = spec.show(settings);
        if (value != spec.show(defaults))
            text += spec.name + u'=' + quoted(value) + u'\n';
    }
    return text;
}

QString SettingsFile::example()
{
    const Settings defaults = SettingsLoader::defaults();
    QString text = QStringLiteral(
        "# Terminal 6 settings: every one at its default, commented out. Remove the '#' of a line\n"
        "# to change it; `man terminal6` tells them all. The token is not set here: put\n"
        "# WEBHOOK_TOKEN=... in /etc/terminal6/token.env (mode 600), which the service reads.\n");
    for (const SettingSpec &spec : SettingsLoader::table()) {
        if (spec.kind == SettingSpec::Kind::Secret)
            continue;
        // Unset by default: nothing to quote (uncommented as it is, the setting says what it
        // wants).
        const QString value = spec.show(defaults);
        text += QStringLiteral("\n# %1\n#%2=%3\n")
                    .arg(QString::fromUtf8(spec.help), spec.name,
                         value.isEmpty() ? QString() : quoted(value));
    }
    return text;
}

QString SettingsFile::save(const QString &path, const Settings &settings)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        if (!QDir().mkpath(info.absolutePath()))
            return QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        QFile::setPermissions(info.absolutePath(), QFileDevice::ReadOwner |
                                                       QFileDevice::WriteOwner |
                                                       QFileDevice::ExeOwner);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    // The temporary file gets these before a byte is written, and keeps them on rename.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return QStringLiteral("cannot make %1 private: %2").arg(path, file.errorString());
    file.write(contents(settings).toUtf8());
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}
