#include "config/ManPage.h"

#include "config/SettingsLoader.h"

#include <QCoreApplication>

namespace {

// Roff takes a leading '.' or '\'' as a request and '\' as an escape; '-' in options must be \-.
QString escaped(QString text)
{
    text.replace(u'\\', QLatin1String("\\e")).replace(u'-', QLatin1String("\\-"));
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (line.startsWith(u'.') || line.startsWith(u'\''))
            line.prepend(QLatin1String("\\&"));
    }
    return lines.join(u'\n');
}

} // namespace

QString ManPage::render(const QString &version)
{
    QString page =
        QStringLiteral(
            ".TH TERMINAL6 1 \"\" \"terminal6 %1\" \"User Commands\"\n"
            ".SH NAME\n"
            "terminal6 \\- TradingView webhook receiver and monitor of Aristobot3\n"
            ".SH SYNOPSIS\n"
            ".B terminal6\n"
            "[\\fIOPTION\\fR]...\n"
            ".br\n"
            ".B terminal6\n"
            "\\fBpause\\fR|\\fBresume\\fR|\\fBresend\\fR|\\fBstatus\\fR [\\fIOPTION\\fR]...\n"
            ".SH DESCRIPTION\n"
            "Receives TradingView alerts as HTTP POSTs, checks their token, records each one in a "
            "journal on disk, answers at once and forwards it to Redis (the stream "
            "\\fBwebhook_raw:stream\\fR and \\fBPUBLISH webhook_raw\\fR). With a display it also "
            "shows the webhook history, positions and the health of every terminal; "
            "\\fB\\-\\-headless\\fR runs it on a server.\n"
            ".PP\n"
            "Every setting has one name: \\fB\\-\\-name\\fR on the command line, \\fBname=\\fR in "
            "the configuration file, \\fBT6_NAME\\fR in the environment. The command line wins "
            "over "
            "the environment, which wins over the file.\n"
            ".SH OPTIONS\n"
            ".TP\n"
            ".BI \\-\\-config \" FILE\"\n"
            "INI file with any of the settings below (environment: \\fBT6_CONFIG\\fR).\n")
            .arg(version);
    for (const SettingSpec &spec : SettingsLoader::table()) {
        page += QStringLiteral(".TP\n");
        if (!spec.onCommandLine)
            page += QStringLiteral(".B %1\n").arg(escaped(spec.name));
        else if (spec.valueName.isEmpty())
            page += QStringLiteral(".B \\-\\-%1\n").arg(escaped(spec.name));
        else
            page += QStringLiteral(".BI \\-\\-%1 \" %2\"\n")
                        .arg(escaped(spec.name), escaped(spec.valueName.toUpper()));
        QString text = escaped(QString::fromUtf8(spec.help));
        QStringList env;
        for (const QString &name : spec.env)
            env.append(QStringLiteral("\\fB%1\\fR").arg(escaped(name)));
        page += text + QStringLiteral("\n.br\nFile: \\fB%1=\\fR; environment: %2.")
                           .arg(escaped(spec.name), env.join(QStringLiteral(", ")));
        if (!spec.onCommandLine)
            page += QStringLiteral(" Not on the command line, where \\fBps\\fR would show it.");
        page += u'\n';
    }
    page += QStringLiteral(
        ".SH FILES\n"
        ".TP\n"
        ".I /etc/terminal6/terminal6.conf\n"
        "The service's settings (every one commented out at its default).\n"
        ".TP\n"
        ".I /etc/terminal6/token.env\n"
        "\\fBWEBHOOK_TOKEN=\\fR for the service (mode 600; not installed: create it).\n"
        ".TP\n"
        ".I /var/lib/terminal6\n"
        "The service's journal (\\fBjournal.sqlite3\\fR).\n"
        ".TP\n"
        ".I ~/.config/terminal6/terminal6.conf\n"
        "What the settings dialog saved, read at every start without \\fB\\-\\-config\\fR.\n"
        ".SH SERVICE\n"
        "\\fBsystemctl enable \\-\\-now terminal6.socket\\fR holds the port while the service "
        "restarts (connections wait instead of being refused); \\fBjournalctl \\-u terminal6\\fR "
        "shows its log.\n"
        ".SH EXIT STATUS\n"
        "0 after a clean stop, 1 when it cannot start, 2 for a bad setting.\n");
    return page;
}
