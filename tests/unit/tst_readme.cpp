// The README's settings table is the one SettingsLoader describes: a setting added or renamed in
// code without the README following fails here.
#include "config/SettingsLoader.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

class TestReadme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settingsTableIsCurrent()
    {
        QFile readme(QStringLiteral(T6_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const QString table = SettingsLoader::markdownTable();
        if (!text.contains(table)) {
            // QTest cuts long messages: the whole table goes to a file beside the test.
            QFile expected(QStringLiteral("settings-table.md"));
            QVERIFY(expected.open(QIODevice::WriteOnly));
            expected.write(table.toUtf8());
            QFAIL(qPrintable(QStringLiteral("README.md must contain the table written to %1")
                                 .arg(QFileInfo(expected).absoluteFilePath())));
        }
    }
};

QTEST_GUILESS_MAIN(TestReadme)
#include "tst_readme.moc"
