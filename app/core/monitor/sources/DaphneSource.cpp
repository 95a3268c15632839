#include "monitor/sources/DaphneSource.h"

#include "monitor/EventParser.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>

namespace {

Q_LOGGING_CATEGORY(lcDaphne, "t6.monitor.daphne")

constexpr qint64 kGarbageReportMs = 60 * 1000;

QString excerpt(const QString &text)
{
    constexpr qsizetype kMax = 160;
    const QString head = text.left(kMax).simplified();
    return text.size() > kMax ? head + QStringLiteral("...") : head;
}

} // namespace

DaphneSource::DaphneSource(const QUrl &base, QObject *parent)
    : QObject(parent)
    , m_base(base)
{
    setUpRoute(m_routes[0], QStringLiteral("/ws/webhooks/"));
    setUpRoute(m_routes[1], QStringLiteral("/ws/heartbeat/"));
}

// Sockets and timers are children; QObject disconnects them from us before deleting them.
DaphneSource::~DaphneSource() = default;

void DaphneSource::setUpRoute(Route &route, const QString &path)
{
    route.path = path;
    route.backoff = m_initialBackoff;
    route.socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    route.retryTimer = new QTimer(this);
    route.retryTimer->setSingleShot(true);
    route.pingTimer = new QTimer(this);
    route.pongDeadline = new QTimer(this);
    route.pongDeadline->setSingleShot(true);

    // The routes live in a member array, so references to them stay valid as long as we do.
    connect(route.retryTimer, &QTimer::timeout, this, [this, &route] { openRoute(route); });
    connect(route.pingTimer, &QTimer::timeout, this, [this, &route] { sendPing(route); });
    connect(route.pongDeadline, &QTimer::timeout, this, [this, &route] {
        qCWarning(lcDaphne).noquote()
            << QStringLiteral("%1 did not answer a ping within %2 ms; reconnecting")
                   .arg(route.socket->requestUrl().toString(),
                        QString::number(m_pingDeadline.count()));
        route.socket->abort(); // Unconnected schedules the next attempt
    });
    connect(route.socket, &QWebSocket::stateChanged, this,
            [this, &route] { onRouteStateChanged(route); });
    connect(route.socket, &QWebSocket::textMessageReceived, this,
            [this, &route](const QString &text) { onFrame(route, text); });
    connect(route.socket, &QWebSocket::binaryMessageReceived, this,
            [this, &route](const QByteArray &data) {
                onGarbage(route, QString::fromUtf8(data), QStringLiteral("binary frame"));
            });
    connect(route.socket, &QWebSocket::pong, this, [&route] { route.pongDeadline->stop(); });
    // Qt 6.4 names the signal error(), overloaded with the getter; 6.5 adds errorOccurred().
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const auto errorSignal = &QWebSocket::errorOccurred;
#else
    const auto errorSignal = qOverload<QAbstractSocket::SocketError>(&QWebSocket::error);
#endif
    connect(route.socket, errorSignal, this, [this, &route] {
        const QString message = QStringLiteral("%1: %2").arg(route.socket->requestUrl().toString(),
                                                             route.socket->errorString());
        // Once per kind of failure: Daphne down for an hour must not log 120 identical lines.
        if (message != route.lastError && m_running)
            qCWarning(lcDaphne).noquote() << message;
        route.lastError = message;
    });
}

void DaphneSource::setBaseUrl(const QUrl &base)
{
    m_base = base;
}

QUrl DaphneSource::routeUrl(const QString &route) const
{
    QUrl url = m_base;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + route);
    return url;
}

void DaphneSource::setBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds max)
{
    m_initialBackoff = initial;
    m_maxBackoff = std::max(initial, max);
    for (Route &route : m_routes)
        route.backoff = initial;
}

void DaphneSource::setPing(std::chrono::milliseconds interval, std::chrono::milliseconds deadline)
{
    m_pingInterval = interval;
    m_pingDeadline = deadline;
}

void DaphneSource::start()
{
    if (m_running)
        return;
    if (!m_base.isValid() || m_base.host().isEmpty()) {
        qCWarning(lcDaphne).noquote()
            << QStringLiteral("no Daphne address to connect to (got \"%1\")")
                   .arg(m_base.toString());
        return;
    }
    m_running = true;
    for (Route &route : m_routes) {
        route.backoff = m_initialBackoff;
        route.lastError.clear();
        openRoute(route);
    }
    updateState();
}

void DaphneSource::stop()
{
    if (!m_running)
        return;
    m_running = false;
    for (Route &route : m_routes) {
        route.retryTimer->stop();
        route.pingTimer->stop();
        route.pongDeadline->stop();
        // A close handshake for a live link, so Daphne logs a clean disconnect.
        if (route.socket->state() == QAbstractSocket::ConnectedState)
            route.socket->close();
        else
            route.socket->abort();
    }
    updateState();
}

void DaphneSource::openRoute(Route &route)
{
    if (!m_running)
        return;
    if (route.socket->state() != QAbstractSocket::UnconnectedState)
        route.socket->abort(); // a link still closing from an earlier stop()
    route.retryTimer->stop();  // the abort above scheduled one; this attempt replaces it
    const QUrl url = routeUrl(route.path);
    QNetworkRequest request(url);
    // Channels' AllowedHostsOriginValidator refuses a missing Origin; the host we dial is allowed.
    request.setRawHeader(QByteArrayLiteral("Origin"),
                         QStringLiteral("%1://%2")
                             .arg(url.scheme() == QLatin1String("wss") ? QStringLiteral("https")
                                                                       : QStringLiteral("http"),
                                  url.authority())
                             .toUtf8());
    route.socket->open(request);
}

void DaphneSource::onRouteStateChanged(Route &route)
{
    const QAbstractSocket::SocketState socketState = route.socket->state();
    if (socketState == QAbstractSocket::ConnectedState) {
        qCInfo(lcDaphne).noquote()
            << QStringLiteral("connected to %1").arg(route.socket->requestUrl().toString());
        route.backoff = m_initialBackoff;
        route.lastError.clear();
        route.pingTimer->start(m_pingInterval);
    } else if (socketState == QAbstractSocket::UnconnectedState) {
        route.pingTimer->stop();
        route.pongDeadline->stop();
        if (m_running && !route.retryTimer->isActive()) {
            route.retryTimer->start(route.backoff);
            route.backoff = std::min(route.backoff * 2, m_maxBackoff);
        }
    }
    updateState();
}

void DaphneSource::onFrame(Route &route, const QString &text)
{
    route.pongDeadline->stop(); // any frame proves the link
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        onGarbage(route, text, error.errorString());
        return;
    }
    if (!document.isObject()) {
        onGarbage(route, text, QStringLiteral("not a JSON object"));
        return;
    }
    const std::optional<MonitorEvent> event = EventParser::wrapDaphneFrame(
        route.path, document.object(), QDateTime::currentDateTimeUtc());
    if (event)
        Q_EMIT eventReceived(*event);
}

void DaphneSource::onGarbage(const Route &route, const QString &text, const QString &error)
{
    ++m_garbageCount;
    // Once, then a count at most every minute.
    if (m_garbageCount == 1) {
        qCWarning(lcDaphne).noquote() << QStringLiteral("ignoring an invalid frame on %1 (%2): %3")
                                             .arg(route.path, error, excerpt(text));
        m_garbageReportClock.start();
        return;
    }
    ++m_garbageSinceReport;
    if (m_garbageReportClock.elapsed() >= kGarbageReportMs) {
        qCWarning(lcDaphne).noquote()
            << QStringLiteral("%1 more invalid frames (%2 in all)")
                   .arg(QString::number(m_garbageSinceReport), QString::number(m_garbageCount));
        m_garbageSinceReport = 0;
        m_garbageReportClock.restart();
    }
}

void DaphneSource::sendPing(Route &route)
{
    if (route.pongDeadline->isActive() || route.socket->state() != QAbstractSocket::ConnectedState)
        return;
    route.socket->ping();
    route.pongDeadline->start(m_pingDeadline);
}

void DaphneSource::updateState()
{
    ConnectionState next = ConnectionState::Disconnected;
    if (m_running) {
        const bool allConnected = std::all_of(m_routes.begin(), m_routes.end(), [](const Route &r) {
            return r.socket->state() == QAbstractSocket::ConnectedState;
        });
        next = allConnected ? ConnectionState::Connected : ConnectionState::Connecting;
    }
    if (next == m_state)
        return;
    m_state = next;
    Q_EMIT stateChanged(next);
}
