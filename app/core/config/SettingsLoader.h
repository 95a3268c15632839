#pragma once

#include "config/Settings.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>

// What the command line asked for, with the settings or the one line that explains the problem.
struct SettingsLoadResult {
    enum class Action { Run, Admin, ShowHelp, ShowVersion, Invalid };

    Action action = Action::Run;
    Settings settings;
    QString text; // help, version, or the error naming the setting
    // Admin: the running instance's /admin/<command> (resend, pause, resume) and its body.
    QString adminCommand;
    QJsonObject adminBody;

    bool ok() const { return action != Action::Invalid; }
};

// One row of the settings table: its names, its help, how a value is read into Settings and how
// Settings shows it back. The command line, the config file, the environment, the README's table
// and the settings dialog are all made from these rows.
struct SettingSpec {
    // How the dialog edits it.
    enum class Kind { Flag, Bool, Choice, Text, Secret };

    QString name;      // --name and name= in the config file
    QString valueName; // empty: a flag
    const char *group; // the dialog's page (QT_TRANSLATE_NOOP("SettingsLoader", …))
    const char *help;  // the same context
    QStringList env;   // environment names, most specific first
    Kind kind = Kind::Text;
    QStringList choices;       // Kind::Choice
    bool onCommandLine = true; // tokens are not: they would show in `ps`
    bool live = false;         // applied to a running receiver without a restart
    // Reads `value` into `settings`; returns the problem (without the setting's name), or empty.
    std::function<QString(const QString &value, Settings &settings)> apply;
    // The value as the config file would hold it.
    std::function<QString(const Settings &settings)> show;
};

// Builds Settings from defaults < config file (--config, INI) < environment < command line.
// Every setting has one name: `--name` on the command line, `name=` in the config file,
// T6_NAME in the environment (plus Aristobot3's own names: WEBHOOK_TOKEN, REDIS_URL, ...).
// Without --config or T6_CONFIG, the user's config file (defaultConfigFile()) is read when it
// exists: what the settings dialog saved.
class SettingsLoader
{
public:
    static SettingsLoadResult load(const QStringList &arguments,
                                   const QProcessEnvironment &environment);
    static const QList<SettingSpec> &table();
    // The defaults that follow from other settings (daphne-http from daphne-url, the data
    // folder), once every row has been read.
    static void complete(Settings &settings);
    static const SettingSpec *find(const QString &name);
    // The dialog's pages, in order (QT_TRANSLATE_NOOP("SettingsLoader", …)).
    static QList<const char *> groups();
    // What a trader gets when saying nothing (no config file, no environment, no flag).
    static Settings defaults();
    // ~/.config/terminal6/terminal6.conf (QStandardPaths::AppConfigLocation).
    static QString defaultConfigFile();
    // The settings table as Markdown, for the README (kept in one place).
    static QString markdownTable();
};
