#include "terminals/TerminalTile.h"

#include "Language.h"
#include "StatusColors.h"

#include <QLabel>
#include <QVBoxLayout>

TerminalTile::TerminalTile(const QString &id, const QString &name, QWidget *parent)
    : QFrame(parent)
    , m_stateLabel(new QLabel(this))
    , m_lastSeenLabel(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_source(new QLabel(this))
{
    setObjectName(QStringLiteral("tile") + id);
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(200);
    auto *title = new QLabel(QStringLiteral("<b>%1</b> %2").arg(id, name.toHtmlEscaped()), this);
    QFont big = m_stateLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_stateLabel->setFont(big);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->setEnabled(false);
    m_source->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_lastSeenLabel);
    layout->addWidget(m_detail, 1);
    layout->addWidget(m_source);
    setState(TerminalState::Unknown, {}, {}, {});
}

void TerminalTile::setState(TerminalState state, const QDateTime &lastSeen, const QString &detail,
                            const QString &source)
{
    const bool changed = state != m_state || styleSheet().isEmpty();
    m_state = state;
    m_lastSeen = lastSeen;
    if (changed) { // a style sheet re-polishes the tile: only when the colour changes
        const QColor colour = StatusColors::of(state);
        // Rich text, not the palette: the tile's style sheet would override a palette colour.
        m_stateLabel->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                                  .arg(colour.name(), stateText(state).toUpper()));
        // The tile's left edge in the state's colour: seven tiles read at a glance.
        setStyleSheet(
            QStringLiteral("TerminalTile { border-left: 6px solid %1; }").arg(colour.name()));
    }
    m_detail->setText(detail.isEmpty() ? QStringLiteral("—") : detail);
    m_source->setText(source);
    tick(QDateTime::currentDateTimeUtc());
}

void TerminalTile::tick(const QDateTime &now)
{
    m_lastSeenLabel->setText(
        m_lastSeen.isValid()
            ? tr("last seen %1").arg(ago(std::max<qint64>(0, m_lastSeen.secsTo(now))))
            : tr("never seen"));
    m_lastSeenLabel->setToolTip(
        m_lastSeen.isValid() ? Language::dateTime(m_lastSeen.toUTC(), true) + QStringLiteral(" UTC")
                             : QString());
}

QString TerminalTile::lastSeenText() const
{
    return m_lastSeenLabel->text();
}

QString TerminalTile::detailText() const
{
    return m_detail->text();
}

QString TerminalTile::ago(qint64 seconds)
{
    if (seconds < 120)
        return tr("%1 s ago").arg(seconds);
    if (seconds < 2 * 3600)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return tr("%1 h ago").arg(seconds / 3600);
    return tr("%1 d ago").arg(seconds / 86400);
}
