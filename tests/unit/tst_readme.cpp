// The README's settings table is the one SettingsLoader describes: a setting added or renamed in
// code without the README following fails here.
#include "config/SettingsLoader.h"

#include <QFile>
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
        QVERIFY2(text.contains(table),
                 qPrintable(QStringLiteral("README.md must contain this table:\n") + table));
    }
};

QTEST_GUILESS_MAIN(TestReadme)
#include "tst_readme.moc"
