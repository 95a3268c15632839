// The package's generated text files follow SettingsLoader's table: the man page tells every
// setting, the example configuration sets none of them (and never a token) and loads back as
// the defaults.
#include "config/ManPage.h"
#include "config/SettingsFile.h"
#include "config/SettingsLoader.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestPackageFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manPageTellsEverySetting()
    {
        const QString page = ManPage::render(QStringLiteral("9.9.9"));
        QVERIFY(page.startsWith(QLatin1String(".TH TERMINAL6 1")));
        QVERIFY(page.contains(QLatin1String("terminal6 9.9.9")));
        for (const SettingSpec &spec : SettingsLoader::table()) {
            const QString name = QString(spec.name).replace(u'-', QLatin1String("\\-"));
            QVERIFY2(page.contains(QStringLiteral("File: \\fB%1=\\fR").arg(name)),
                     qPrintable(spec.name));
            if (spec.onCommandLine)
                QVERIFY2(page.contains(QStringLiteral("\\-\\-") + name), qPrintable(spec.name));
            for (const QString &env : spec.env)
                QVERIFY2(page.contains(QString(env).replace(u'-', QLatin1String("\\-"))),
                         qPrintable(env));
        }
        // No line a roff reader would take for a request it does not know.
        for (const QString &line : page.split(u'\n')) {
            if (line.startsWith(u'.'))
                QVERIFY2(QRegularExpression(QStringLiteral("^\\.(TH|SH|TP|B|BI|PP|br|I)( |$)"))
                             .match(line)
                             .hasMatch(),
                         qPrintable(line));
        }
    }

    void exampleConfigurationSetsNothing()
    {
        const QString example = SettingsFile::example();
        for (const QString &line : example.split(u'\n'))
            QVERIFY2(line.isEmpty() || line.startsWith(u'#'), qPrintable(line));
        for (const SettingSpec &spec : SettingsLoader::table()) {
            const bool listed = example.contains(u'#' + spec.name + u'=');
            QVERIFY2(listed == (spec.kind != SettingSpec::Kind::Secret), qPrintable(spec.name));
        }
        // Each line with a value, uncommented alone, is read back as the default it claims.
        const Settings defaults = SettingsLoader::defaults();
        QTemporaryDir dir;
        for (const QString &line : example.split(u'\n')) {
            if (!line.startsWith(u'#') || !line.contains(u'=') ||
                line.startsWith(QLatin1String("# ")) || line.endsWith(u'='))
                continue;
            const QString path = dir.filePath(QStringLiteral("one.conf"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(line.mid(1).toUtf8() + '\n');
            file.close();
            QProcessEnvironment none;
            const SettingsLoadResult loaded = SettingsLoader::load(
                {QStringLiteral("terminal6"), QStringLiteral("--config"), path}, none);
            QVERIFY2(loaded.action == SettingsLoadResult::Action::Run,
                     qPrintable(line + QLatin1String(": ") + loaded.text));
            QCOMPARE(SettingsFile::contents(loaded.settings), SettingsFile::contents(defaults));
        }
    }
};

QTEST_GUILESS_MAIN(TestPackageFiles)
#include "tst_packagefiles.moc"
