#include "StatusIcon.h"

#include "StatusColors.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace StatusIcon {

namespace {

// The mark, as fractions of its size: a rounded square, the state dot top right, "T6" below.
const QColor background(0x1f, 0x2a, 0x37);
constexpr qreal cornerRadius = 0.2;
constexpr qreal dotDiameter = 0.36;
constexpr qreal dotMargin = 0.04;
constexpr qreal textSize = 0.48;
constexpr qreal textTop = 0.2; // the text is centred in the square's lower 80 %

QIcon draw(const QColor &dotColor)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(painter, size, dotColor);
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

void paint(QPainter &painter, int size, const QColor &dotColor)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(background);
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * cornerRadius, size * cornerRadius);
    painter.setBrush(dotColor);
    const qreal dot = size * dotDiameter;
    painter.drawEllipse(QRectF(size - dot - size * dotMargin, size * dotMargin, dot, dot));
    QFont font;
    font.setBold(true);
    font.setPixelSize(int(size * textSize));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRectF(0, size * textTop, size, size * (1 - textTop)), Qt::AlignCenter,
                     QStringLiteral("T6"));
}

QByteArray svg(const QColor &dotColor)
{
    constexpr qreal s = 256;
    const qreal r = s * dotDiameter / 2;
    const auto n = [](qreal v) { return QByteArray::number(v, 'g', 6); };
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" "
           "viewBox=\"0 0 256 256\">\n"
           "  <rect width=\"256\" height=\"256\" rx=\"" +
           n(s * cornerRadius) + "\" fill=\"" + background.name().toLatin1() +
           "\"/>\n"
           "  <circle cx=\"" +
           n(s - s * dotMargin - r) + "\" cy=\"" + n(s * dotMargin + r) + "\" r=\"" + n(r) +
           "\" fill=\"" + dotColor.name().toLatin1() +
           "\"/>\n"
           "  <text x=\"128\" y=\"" +
           n(s * textTop + s * (1 - textTop) / 2) +
           "\" dominant-baseline=\"central\" text-anchor=\"middle\" "
           "font-family=\"sans-serif\" font-weight=\"bold\" font-size=\"" +
           n(s * textSize) + "\" fill=\"#ffffff\">T6</text>\n</svg>\n";
}

QIcon forState(TerminalState state)
{
    static QHash<int, QIcon> drawn;
    auto found = drawn.constFind(int(state));
    if (found == drawn.cend())
        found = drawn.insert(int(state), draw(StatusColors::of(state)));
    return *found;
}

} // namespace StatusIcon
