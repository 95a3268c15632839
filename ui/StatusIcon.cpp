#include "StatusIcon.h"

#include <QPainter>
#include <QPixmap>

namespace StatusIcon {

QColor colorFor(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connected: return QColor(0x2e, 0x9d, 0x52);
    case ConnectionState::Connecting: return QColor(0xd9, 0x8c, 0x1a);
    case ConnectionState::Disconnected: break;
    }
    return QColor(0xc6, 0x3b, 0x3b);
}

QIcon forState(ConnectionState state)
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
        painter.setBrush(colorFor(state));
        const qreal dot = size * 0.32;
        painter.drawEllipse(QRectF(size - dot - size * 0.06, size * 0.06, dot, dot));
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

} // namespace StatusIcon
