#pragma once

#include "config/Settings.h"

#include <QString>

// Writes settings to an INI file the loader reads back as they were: every setting that differs
// from its default, one `name="value"` line each (quoted, so commas, `;` and `@` stay themselves).
// The file may hold tokens and a Redis password: it is created mode 600 in a folder mode 700 and
// replaced atomically, so no reader ever sees half of it or a moment of wider permissions.
namespace SettingsFile {
// Where `settings` are kept: their --config file, else the user's
// (SettingsLoader::defaultConfigFile).
QString pathFor(const Settings &settings);
// Returns the error line, or empty.
QString save(const QString &path, const Settings &settings);
// The lines save() writes, in table order.
QString contents(const Settings &settings);
// A file that sets nothing: every setting commented out at its default, with its help (the
// package's /etc/terminal6/terminal6.conf). Tokens are left to the environment.
QString example();
} // namespace SettingsFile
