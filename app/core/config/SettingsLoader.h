#pragma once

#include "config/Settings.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

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

// Builds Settings from defaults < config file (--config, INI) < environment < command line.
// Every setting has one name: `--name` on the command line, `name=` in the config file,
// T6_NAME in the environment (plus Aristobot3's own names: WEBHOOK_TOKEN, REDIS_URL, ...).
class SettingsLoader
{
public:
    static SettingsLoadResult load(const QStringList &arguments,
                                   const QProcessEnvironment &environment);
    // The settings table as Markdown, for the README (kept in one place).
    static QString markdownTable();
};
