#pragma once

#include <QString>

// terminal6(1) in roff, written from SettingsLoader's table so that it cannot drift from what
// the program reads (the package installs it; installer/tools writes it at build time).
namespace ManPage {
QString render(const QString &version);
} // namespace ManPage
