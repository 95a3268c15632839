// Terminal 6: picks the front end before any application object exists (QApplication aborts
// without a display), then hands over to it. No logic of its own.
#include "LogRedaction.h"
#include "cli/AdminCommand.h"
#include "config/SettingsLoader.h"
#include "headless/HeadlessRunner.h"
#include "systemd/InheritedSocket.h"
#include "systemd/ServiceNotifier.h"
#include "ui/GuiRunner.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace {

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char **argv)
{
    // With TZ unset, glibc stats /etc/localtime at every local-time conversion (each row the
    // history table paints); naming the file makes it read once. A time zone changed while we
    // run is then seen at the next start.
    if (!qEnvironmentVariableIsSet("TZ") && QFile::exists(QStringLiteral("/etc/localtime")))
        qputenv("TZ", ":/etc/localtime");
    QCoreApplication::setApplicationName(QStringLiteral("terminal6"));
    QCoreApplication::setApplicationVersion(QStringLiteral(T6_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}"
                                      "%{if-info}info%{endif}%{if-warning}warning%{endif}"
                                      "%{if-critical}error%{endif}%{if-fatal}fatal%{endif} "
                                      "%{category}: %{message}"));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    SettingsLoadResult loaded =
        SettingsLoader::load(arguments, QProcessEnvironment::systemEnvironment());
    // Before anything logs: no log line holds a token, whatever QT_LOGGING_RULES enable.
    LogRedaction::install(loaded.settings.tokens);
    switch (loaded.action) {
    case SettingsLoadResult::Action::ShowHelp:
    case SettingsLoadResult::Action::ShowVersion:
        std::fputs(qPrintable(loaded.text + QLatin1Char('\n')), stdout);
        return 0;
    case SettingsLoadResult::Action::Invalid:
        std::fprintf(stderr, "terminal6: %s\n", qPrintable(loaded.text));
        return 2;
    case SettingsLoadResult::Action::Admin:
        return AdminCommand::run(argc, argv, loaded.settings, loaded.adminCommand,
                                 loaded.adminBody);
    case SettingsLoadResult::Action::Run: break;
    }

    Settings &settings = loaded.settings;
    // What a service manager hands over (terminal6.socket, NOTIFY_SOCKET), taken before any
    // child could inherit it.
    ServiceNotifier::takeEnvironment();
    QString socketError;
    settings.listenSocket = InheritedSocket::take(&socketError);
    if (!socketError.isEmpty()) {
        std::fprintf(stderr, "terminal6: %s\n", qPrintable(socketError));
        return 2;
    }
    if (settings.listenSocket.given()) {
        settings.host = settings.listenSocket.address.toString();
        settings.port = settings.listenSocket.port;
    }
    if (settings.mode == Settings::Mode::Gui && !hasDisplay()) {
        std::fputs("terminal6: no display found; running headless\n", stderr);
        settings.mode = Settings::Mode::Headless;
    }
    if (settings.mode == Settings::Mode::Headless)
        return HeadlessRunner::run(argc, argv, settings);
    return GuiRunner::run(argc, argv, settings);
}
