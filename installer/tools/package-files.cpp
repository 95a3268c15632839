// Writes the package's generated files into a folder, at build time, from the program's own
// code so that they cannot drift from it: the man page (SettingsLoader's table), the example
// configuration, and the application icon (the tray's mark) as hicolor PNGs and an SVG.
//   t6-package-files OUTDIR
#include "StatusColors.h"
#include "StatusIcon.h"
#include "config/ManPage.h"
#include "config/SettingsFile.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <cstdio>

namespace {

bool write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "t6-package-files: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // fonts for the icon's text (QT_QPA_PLATFORM=offscreen)
    if (argc != 2) {
        std::fputs("usage: t6-package-files OUTDIR\n", stderr);
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    bool ok = write(out.filePath(QStringLiteral("terminal6.1")),
                    ManPage::render(QStringLiteral(T6_VERSION)).toUtf8());
    ok = write(out.filePath(QStringLiteral("terminal6.conf")), SettingsFile::example().toUtf8()) &&
         ok;
    const QColor up = StatusColors::of(TerminalState::Up);
    ok = write(out.filePath(QStringLiteral("icons/hicolor/scalable/apps/terminal6.svg")),
               StatusIcon::svg(up)) &&
         ok;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            StatusIcon::paint(painter, size, up);
        }
        const QString path =
            out.filePath(QStringLiteral("icons/hicolor/%1x%1/apps/terminal6.png").arg(size));
        QDir().mkpath(QFileInfo(path).absolutePath());
        ok = image.save(path, "PNG") && ok;
    }
    return ok ? 0 : 1;
}
