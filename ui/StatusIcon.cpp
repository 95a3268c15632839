#include "StatusIcon.h"

#include "StatusColors.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace StatusIcon {

namespace {

QIcon draw(const QColor &dotColor)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(QColor(0x1f, 0x2a, 0x37));
        painter.setPen(Qt::NoPen);
        painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2);
        painter.setBrush(dotColor);
        const qreal dot = size * 0.36;
        painter.drawEllipse(QRectF(size - dot - size * 0.04, size * 0.04, dot, dot));
        QFont font;
        font.setBold(true);
        font.setPixelSize(int(size * 0.48));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(0, size * 0.2, size, size * 0.8), Qt::AlignCenter,
                         QStringLiteral("T6"));
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon forState(TerminalState state)
{
    static QHash<int, QIcon> drawn;
    auto found = drawn.constFind(int(state));
    if (found == drawn.cend())
        found = drawn.insert(int(state), draw(StatusColors::of(state)));
    return *found;
}

} // namespace StatusIcon
