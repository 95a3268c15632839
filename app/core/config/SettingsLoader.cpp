#include "config/SettingsLoader.h"

#include "config/RedisUrl.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

#include <functional>
#include <optional>

namespace {

// A value as found, with where it came from so that an error can name it.
struct Found {
    QString value;
    QString origin;
};

QString parseNumber(const QString &value, qint64 min, qint64 max, qint64 &out)
{
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (!ok || number < min || number > max)
        return QStringLiteral("%1 is not a number from %2 to %3").arg(value).arg(min).arg(max);
    out = number;
    return {};
}

QString parseBool(const QString &value, bool &out)
{
    const QString v = value.trimmed().toLower();
    if (v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes") ||
        v == QLatin1String("on")) {
        out = true;
        return {};
    }
    if (v == QLatin1String("0") || v == QLatin1String("false") || v == QLatin1String("no") ||
        v == QLatin1String("off")) {
        out = false;
        return {};
    }
    return QStringLiteral("%1 is not true or false").arg(value);
}

QString setText(const QString &value, QString &out)
{
    if (value.trimmed().isEmpty())
        return QStringLiteral("empty value");
    out = value.trimmed();
    return {};
}

QString setPort(const QString &value, quint16 &out)
{
    qint64 port = 0;
    const QString error = parseNumber(value, 1, 65535, port);
    out = quint16(port);
    return error;
}

QString setNumber(const QString &value, qint64 min, qint64 max, int &out)
{
    qint64 number = 0;
    const QString error = parseNumber(value, min, max, number);
    out = int(number);
    return error;
}

QString setList(const QString &value, QStringList &out)
{
    out = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &item : out)
        item = item.trimmed();
    return {};
}

QString setReceiverName(const QString &value, QString &out)
{
    // It goes into JSON and Redis keys as is: nothing that would need quoting.
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
    if (!allowed.match(value.trimmed()).hasMatch())
        return QStringLiteral("%1: use 1 to 64 letters, digits, '.', '_', ':' or '-'").arg(value);
    out = value.trimmed();
    return {};
}

// host:port,[v6]:port,host (26379 when omitted).
QString setAddresses(const QString &value, QList<RedisEndpoint::Address> &out)
{
    QList<RedisEndpoint::Address> addresses;
    for (const QString &item : value.split(u',', Qt::SkipEmptyParts)) {
        const QUrl url(QStringLiteral("redis://") + item.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() ||
            !url.userInfo().isEmpty())
            return QStringLiteral("%1 is not host:port").arg(item.trimmed());
        addresses.append({url.host(), quint16(url.port(26379))});
    }
    if (addresses.isEmpty())
        return QStringLiteral("no address");
    out = addresses;
    return {};
}

QString showAddresses(const QList<RedisEndpoint::Address> &addresses)
{
    QStringList items;
    for (const RedisEndpoint::Address &address : addresses)
        items << RedisEndpoint::label(address);
    return items.join(u',');
}

QString setUrl(const QString &value, std::initializer_list<const char *> schemes, QUrl &out)
{
    const QUrl url(value.trimmed(), QUrl::StrictMode);
    for (const char *scheme : schemes) {
        if (url.isValid() && !url.host().isEmpty() && url.scheme() == QLatin1String(scheme)) {
            out = url;
            return {};
        }
    }
    return QStringLiteral("%1 is not a %2:// URL").arg(value, QLatin1String(*schemes.begin()));
}

QString showBool(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString showUrl(const QUrl &url)
{
    return url.toString();
}

QString showRedisUrl(const RedisEndpoint &redis)
{
    // With the password, as the config file holds it (the dialog masks it on screen).
    QUrl url;
    url.setScheme(QStringLiteral("redis"));
    url.setUserName(QString::fromUtf8(redis.user));
    url.setPassword(QString::fromUtf8(redis.password));
    url.setHost(redis.host);
    url.setPort(redis.port);
    if (redis.db != 0)
        url.setPath(u'/' + QString::number(redis.db));
    return url.toString();
}

// Group names: the dialog's pages, in this order.
const char *const Run = QT_TRANSLATE_NOOP("SettingsLoader", "Run");
const char *const Listener = QT_TRANSLATE_NOOP("SettingsLoader", "Listener");
const char *const Tokens = QT_TRANSLATE_NOOP("SettingsLoader", "Token");
const char *const Edge = QT_TRANSLATE_NOOP("SettingsLoader", "Limits and callers");
const char *const Delivery = QT_TRANSLATE_NOOP("SettingsLoader", "Journal and delivery");
const char *const RedisGroup = QT_TRANSLATE_NOOP("SettingsLoader", "Redis");
const char *const Monitor = QT_TRANSLATE_NOOP("SettingsLoader", "Monitor");

using K = SettingSpec::Kind;

QList<SettingSpec> makeTable()
{
    return {
        {QStringLiteral("headless"),
         {},
         Run,
         QT_TRANSLATE_NOOP("SettingsLoader", "Run without a window (servers, systemd)."),
         {QStringLiteral("T6_HEADLESS")},
         K::Flag,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             bool on = false;
             const QString error = parseBool(v, on);
             s.mode = on ? Settings::Mode::Headless : Settings::Mode::Gui;
             return error;
         },
         [](const Settings &s) { return showBool(s.mode == Settings::Mode::Headless); }},
        {QStringLiteral("monitor-only"),
         {},
         Run,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "The window only: no webhook server and no journal here; watch the "
                           "receiver at --receiver-url through Redis."),
         {QStringLiteral("T6_MONITOR_ONLY")},
         K::Flag,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return parseBool(v, s.monitorOnly); },
         [](const Settings &s) { return showBool(s.monitorOnly); }},
        {QStringLiteral("receiver-url"),
         QStringLiteral("url"),
         Run,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "With --monitor-only: http(s)://host:port of the receiver watched (its "
                           "/health and /stats, and its admin routes when they answer)."),
         {QStringLiteral("T6_RECEIVER_URL")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             return setUrl(v, {"http", "https"}, s.receiverUrl);
         },
         [](const Settings &s) { return showUrl(s.receiverUrl); }},
        {QStringLiteral("language"),
         QStringLiteral("lang"),
         Run,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Language of the window: auto (the system's), en or fr."),
         {QStringLiteral("T6_LANGUAGE")},
         K::Choice,
         {QStringLiteral("auto"), QStringLiteral("en"), QStringLiteral("fr")},
         true,
         false,
         [](const QString &v, Settings &s) {
             const QString lang = v.trimmed();
             if (lang != QLatin1String("auto") && lang != QLatin1String("en") &&
                 lang != QLatin1String("fr"))
                 return QStringLiteral("%1 is not auto, en or fr").arg(v);
             s.language = lang;
             return QString();
         },
         [](const Settings &s) { return s.language; }},
        {QStringLiteral("host"),
         QStringLiteral("address"),
         Listener,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Address to listen on (default 0.0.0.0; loopback only without a "
                           "token)."),
         {QStringLiteral("T6_HOST")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return setText(v, s.host); },
         [](const Settings &s) { return s.host; }},
        {QStringLiteral("port"),
         QStringLiteral("port"),
         Listener,
         QT_TRANSLATE_NOOP("SettingsLoader", "TCP port of the webhook server (default 8888)."),
         {QStringLiteral("T6_PORT")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return setPort(v, s.port); },
         [](const Settings &s) { return QString::number(s.port); }},
        {QStringLiteral("path"),
         QStringLiteral("path"),
         Listener,
         QT_TRANSLATE_NOOP("SettingsLoader", "URL path of the webhook route (default /webhook)."),
         {QStringLiteral("T6_PATH")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             const QString path = v.trimmed();
             if (!path.startsWith(QLatin1Char('/')) || path.size() < 2 || path.endsWith(u'/') ||
                 path.contains(QLatin1String("..")))
                 return QStringLiteral("%1 is not a path like /webhook").arg(v);
             s.path = path;
             return QString();
         },
         [](const Settings &s) { return s.path; }},
        {QStringLiteral("tls-cert"),
         QStringLiteral("file"),
         Listener,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "PEM certificate (chain): serve HTTPS, e.g. on port 443."),
         {QStringLiteral("T6_TLS_CERT")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return setText(v, s.tlsCert); },
         [](const Settings &s) { return s.tlsCert; }},
        {QStringLiteral("tls-key"),
         QStringLiteral("file"),
         Listener,
         QT_TRANSLATE_NOOP("SettingsLoader", "PEM private key of --tls-cert."),
         {QStringLiteral("T6_TLS_KEY")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return setText(v, s.tlsKey); },
         [](const Settings &s) { return s.tlsKey; }},
        {QStringLiteral("require-tradingview-cert"),
         QStringLiteral("bool"),
         Listener,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "HTTPS only from clients presenting TradingView's webhook "
                           "certificate."),
         {QStringLiteral("T6_REQUIRE_TRADINGVIEW_CERT")},
         K::Bool,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return parseBool(v, s.requireTradingViewCert); },
         [](const Settings &s) { return showBool(s.requireTradingViewCert); }},
        {QStringLiteral("data-dir"),
         QStringLiteral("dir"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Folder for Terminal 6's data (default: the user's app data folder)."),
         {QStringLiteral("T6_DATA_DIR")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             s.dataDir = v;
             return QString();
         },
         [](const Settings &s) { return s.dataDir; }},
        {QStringLiteral("token"),
         {},
         Tokens,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Webhook token (environment or config file only, never on the "
                           "command line)."),
         {QStringLiteral("WEBHOOK_TOKEN")},
         K::Secret,
         {},
         false,
         true,
         [](const QString &v, Settings &s) {
             s.tokens.clear();
             if (!v.isEmpty())
                 s.tokens.append(v.toUtf8());
             return QString();
         },
         [](const Settings &s) { return QString::fromUtf8(s.tokens.value(0)); }},
        {QStringLiteral("token-next"),
         {},
         Tokens,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "A second valid token, for rotation (environment or config file "
                           "only)."),
         {QStringLiteral("WEBHOOK_TOKEN_NEXT")},
         K::Secret,
         {},
         false,
         true,
         [](const QString &v, Settings &s) {
             if (!v.isEmpty())
                 s.tokens.append(v.toUtf8());
             return QString();
         },
         [](const Settings &s) { return QString::fromUtf8(s.tokens.value(1)); }},
        {QStringLiteral("body-token-field"),
         QStringLiteral("name"),
         Tokens,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Top-level JSON field that may carry the token (default token)."),
         {QStringLiteral("T6_BODY_TOKEN_FIELD")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             if (v.isEmpty())
                 return QStringLiteral("empty field name");
             s.bodyTokenField = v;
             return QString();
         },
         [](const Settings &s) { return s.bodyTokenField; }},
        {QStringLiteral("max-connections"),
         QStringLiteral("count"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Open connections at most; when full, a newcomer replaces the "
                           "connection longest without a request (default 256, lowered to fit the "
                           "limit on open files)."),
         {QStringLiteral("T6_MAX_CONNECTIONS")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 1, 100000, s.maxConnections); },
         [](const Settings &s) { return QString::number(s.maxConnections); }},
        {QStringLiteral("max-connections-per-ip"),
         QStringLiteral("count"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Open connections at most from one address (IPv6: one /64), trusted "
                           "proxies exempt; a newcomer replaces the connection longest without a "
                           "request (default 32)."),
         {QStringLiteral("T6_MAX_CONNECTIONS_PER_IP")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             return setNumber(v, 1, 100000, s.maxConnectionsPerIp);
         },
         [](const Settings &s) { return QString::number(s.maxConnectionsPerIp); }},
        {QStringLiteral("request-timeout"),
         QStringLiteral("seconds"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "A request must arrive whole within this (default 10)."),
         {QStringLiteral("T6_REQUEST_TIMEOUT")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 1, 3600, s.requestTimeoutS); },
         [](const Settings &s) { return QString::number(s.requestTimeoutS); }},
        {QStringLiteral("idle-timeout"),
         QStringLiteral("seconds"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Idle keep-alive connections are closed after this (default 30)."),
         {QStringLiteral("T6_IDLE_TIMEOUT")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 1, 3600, s.idleTimeoutS); },
         [](const Settings &s) { return QString::number(s.idleTimeoutS); }},
        {QStringLiteral("allow-ip"),
         QStringLiteral("cidrs"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Only these addresses may post (CIDRs, comma-separated; \"tradingview\" "
                           "= TradingView's webhook addresses); others get 403. Default: all."),
         {QStringLiteral("T6_ALLOW_IP")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setList(v, s.allowIps); },
         [](const Settings &s) { return s.allowIps.join(u','); }},
        {QStringLiteral("trusted-proxy"),
         QStringLiteral("cidrs"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Proxies whose X-Forwarded-For / X-Real-IP are believed (default: "
                           "none)."),
         {QStringLiteral("T6_TRUSTED_PROXY")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setList(v, s.trustedProxies); },
         [](const Settings &s) { return s.trustedProxies.join(u','); }},
        {QStringLiteral("rate-limit"),
         QStringLiteral("per-second"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Requests per second per client address, loopback exempt (default "
                           "50; 0: off)."),
         {QStringLiteral("T6_RATE_LIMIT")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             bool ok = false;
             const double rate = v.trimmed().toDouble(&ok);
             if (!ok || rate < 0)
                 return QStringLiteral("%1 is not a rate like 50 or 0.5").arg(v);
             s.rateLimit = rate;
             return QString();
         },
         [](const Settings &s) { return QString::number(s.rateLimit); }},
        {QStringLiteral("rate-burst"),
         QStringLiteral("count"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Requests a client may send at once above the rate (default 100)."),
         {QStringLiteral("T6_RATE_BURST")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 1, 1000000, s.rateBurst); },
         [](const Settings &s) { return QString::number(s.rateBurst); }},
        {QStringLiteral("bad-token-limit"),
         QStringLiteral("count"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Bad tokens per minute from one address before it is locked out "
                           "(default 10)."),
         {QStringLiteral("T6_BAD_TOKEN_LIMIT")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 1, 1000000, s.badTokenLimit); },
         [](const Settings &s) { return QString::number(s.badTokenLimit); }},
        {QStringLiteral("max-body"),
         QStringLiteral("bytes"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader", "Largest accepted request body (default 65536)."),
         {QStringLiteral("T6_MAX_BODY")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             return parseNumber(v, 2, 64 * 1024 * 1024, s.maxBody);
         },
         [](const Settings &s) { return QString::number(s.maxBody); }},
        {QStringLiteral("metrics-public"),
         QStringLiteral("bool"),
         Edge,
         QT_TRANSLATE_NOOP("SettingsLoader", "Serve GET /metrics beyond loopback (default false)."),
         {QStringLiteral("T6_METRICS_PUBLIC")},
         K::Bool,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return parseBool(v, s.metricsPublic); },
         [](const Settings &s) { return showBool(s.metricsPublic); }},
        {QStringLiteral("durability"),
         QStringLiteral("mode"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "normal: survives a killed process; full: fsync per commit, survives "
                           "power loss; memory: no journal on disk (benchmarks only)."),
         {QStringLiteral("T6_DURABILITY")},
         K::Choice,
         {QStringLiteral("normal"), QStringLiteral("full"), QStringLiteral("memory")},
         true,
         false,
         [](const QString &v, Settings &s) {
             if (v == QLatin1String("normal"))
                 s.durability = Durability::Normal;
             else if (v == QLatin1String("full"))
                 s.durability = Durability::Full;
             else if (v == QLatin1String("memory"))
                 s.durability = Durability::Memory;
             else
                 return QStringLiteral("%1 is not normal, full or memory").arg(v);
             return QString();
         },
         [](const Settings &s) {
             switch (s.durability) {
             case Durability::Full: return QStringLiteral("full");
             case Durability::Memory: return QStringLiteral("memory");
             case Durability::Normal: break;
             }
             return QStringLiteral("normal");
         }},
        {QStringLiteral("journal-max-mb"),
         QStringLiteral("MiB"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Largest journal; past it webhooks get 503 (default 1024)."),
         {QStringLiteral("T6_JOURNAL_MAX_MB")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return parseNumber(v, 1, 1'000'000, s.journalMaxMb); },
         [](const Settings &s) { return QString::number(s.journalMaxMb); }},
        {QStringLiteral("stream-key"),
         QStringLiteral("key"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Redis stream with a durable copy of each webhook (default "
                           "webhook_raw:stream)."),
         {QStringLiteral("T6_STREAM_KEY")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             QString key;
             const QString error = setText(v, key);
             s.streamKey = key.toUtf8();
             return error;
         },
         [](const Settings &s) { return QString::fromUtf8(s.streamKey); }},
        {QStringLiteral("stream-maxlen"),
         QStringLiteral("count"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Approximate length cap of the stream (default 100000)."),
         {QStringLiteral("T6_STREAM_MAXLEN")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             return parseNumber(v, 1, 1'000'000'000, s.streamMaxLen);
         },
         [](const Settings &s) { return QString::number(s.streamMaxLen); }},
        {QStringLiteral("require-listener"),
         QStringLiteral("bool"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Hold webhooks while nobody subscribes to webhook_raw (default "
                           "true)."),
         {QStringLiteral("T6_REQUIRE_LISTENER")},
         K::Bool,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return parseBool(v, s.requireListener); },
         [](const Settings &s) { return showBool(s.requireListener); }},
        {QStringLiteral("replay-max-age"),
         QStringLiteral("seconds"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Undelivered webhooks older than this expire instead of firing late "
                           "(default 120; 0: no limit)."),
         {QStringLiteral("T6_REPLAY_MAX_AGE")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 0, 7 * 86400, s.replayMaxAgeS); },
         [](const Settings &s) { return QString::number(s.replayMaxAgeS); }},
        {QStringLiteral("dedupe-window"),
         QStringLiteral("seconds"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "The same payload again within this window is a duplicate (default "
                           "10; 0: off)."),
         {QStringLiteral("T6_DEDUPE_WINDOW")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 0, 86400, s.dedupeWindowS); },
         [](const Settings &s) { return QString::number(s.dedupeWindowS); }},
        {QStringLiteral("dedupe-key"),
         QStringLiteral("fields"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Payload fields that decide duplicates, e.g. Symbol,Action (default: "
                           "the whole payload)."),
         {QStringLiteral("T6_DEDUPE_KEY")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setList(v, s.dedupeKeys); },
         [](const Settings &s) { return s.dedupeKeys.join(u','); }},
        {QStringLiteral("receiver-name"),
         QStringLiteral("name"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "This receiver's name in webhook_raw, the stream and its status, when "
                           "several share a Redis (letters, digits, . _ : -; default: host "
                           "name:port)."),
         {QStringLiteral("T6_RECEIVER_NAME")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setReceiverName(v, s.receiverName); },
         [](const Settings &s) { return s.receiverName; }},
        {QStringLiteral("retention-days"),
         QStringLiteral("days"),
         Delivery,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Delivered and refused requests are pruned from the journal after "
                           "this (default 30)."),
         {QStringLiteral("T6_RETENTION_DAYS")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 1, 36500, s.retentionDays); },
         [](const Settings &s) { return QString::number(s.retentionDays); }},
        {QStringLiteral("redis-url"),
         QStringLiteral("url"),
         RedisGroup,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "redis://[[user]:password@]host:port/db (AUTH, ACL user and SELECT "
                           "honoured)."),
         {QStringLiteral("REDIS_URL")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return RedisUrl::parse(v, s.redis); },
         [](const Settings &s) { return showRedisUrl(s.redis); }},
        {QStringLiteral("redis-host"),
         QStringLiteral("host"),
         RedisGroup,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Redis host (default 127.0.0.1); overrides the URL's."),
         {QStringLiteral("REDIS_HOST")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return setText(v, s.redis.host); },
         [](const Settings &s) { return s.redis.host; }},
        {QStringLiteral("redis-port"),
         QStringLiteral("port"),
         RedisGroup,
         QT_TRANSLATE_NOOP("SettingsLoader", "Redis port (default 6379); overrides the URL's."),
         {QStringLiteral("REDIS_PORT")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return setPort(v, s.redis.port); },
         [](const Settings &s) { return QString::number(s.redis.port); }},
        {QStringLiteral("redis-sentinel"),
         QStringLiteral("host:port,…"),
         RedisGroup,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "Redis Sentinel addresses (port 26379 when omitted): the master is "
                           "asked of them at every connect and followed when they switch it."),
         {QStringLiteral("T6_REDIS_SENTINEL")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) { return setAddresses(v, s.redis.sentinels); },
         [](const Settings &s) { return showAddresses(s.redis.sentinels); }},
        {QStringLiteral("redis-master-name"),
         QStringLiteral("name"),
         RedisGroup,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "The master's name as the sentinels know it (sentinel monitor NAME "
                           "…); required with --redis-sentinel."),
         {QStringLiteral("T6_REDIS_MASTER_NAME")},
         K::Text,
         {},
         true,
         true,
         [](const QString &v, Settings &s) {
             QString name;
             const QString error = setText(v, name);
             s.redis.masterName = name.toUtf8();
             return error;
         },
         [](const Settings &s) { return QString::fromUtf8(s.redis.masterName); }},
        {QStringLiteral("redis-replica-wait"),
         QStringLiteral("ms"),
         RedisGroup,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "When the master has replicas, a webhook counts as delivered once one "
                           "of them has it (WAIT 1, at most this long; then sent again). Default "
                           "500, at most 4000; 0: off."),
         {QStringLiteral("T6_REDIS_REPLICA_WAIT")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) { return setNumber(v, 0, 4000, s.replicaWaitMs); },
         [](const Settings &s) { return QString::number(s.replicaWaitMs); }},
        {QStringLiteral("embedded-redis"),
         QStringLiteral("mode"),
         RedisGroup,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "auto: when no Redis address is set and none answers at "
                           "127.0.0.1:6379, start redis-server as a child (loopback, a generated "
                           "password, data in the data folder) and stop it on quit; never: don't."),
         {QStringLiteral("T6_EMBEDDED_REDIS")},
         K::Choice,
         {QStringLiteral("auto"), QStringLiteral("never")},
         true,
         false,
         [](const QString &v, Settings &s) {
             if (v.trimmed() == QLatin1String("auto"))
                 s.embeddedRedis = Settings::EmbeddedRedis::Auto;
             else if (v.trimmed() == QLatin1String("never"))
                 s.embeddedRedis = Settings::EmbeddedRedis::Never;
             else
                 return QStringLiteral("%1 is not auto or never").arg(v);
             return QString();
         },
         [](const Settings &s) {
             return s.embeddedRedis == Settings::EmbeddedRedis::Auto ? QStringLiteral("auto")
                                                                     : QStringLiteral("never");
         }},
        {QStringLiteral("daphne-url"),
         QStringLiteral("url"),
         Monitor,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "ws://host:8000 of Aristobot3's Daphne: its /ws/webhooks/ and "
                           "/ws/heartbeat/ feed the monitor."),
         {QStringLiteral("T6_DAPHNE_URL")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             return setUrl(v, {"ws", "wss"}, s.daphneUrl);
         },
         [](const Settings &s) { return showUrl(s.daphneUrl); }},
        {QStringLiteral("daphne-http"),
         QStringLiteral("url"),
         Monitor,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "http://host:8000 for the T1 probe (default: from --daphne-url)."),
         {QStringLiteral("T6_DAPHNE_HTTP")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             return setUrl(v, {"http", "https"}, s.daphneHttp);
         },
         [](const Settings &s) { return showUrl(s.daphneHttp); }},
        {QStringLiteral("frontend-url"),
         QStringLiteral("url"),
         Monitor,
         QT_TRANSLATE_NOOP("SettingsLoader",
                           "http://host:5173 of Aristobot3's frontend, for the T4 probe."),
         {QStringLiteral("T6_FRONTEND_URL")},
         K::Text,
         {},
         true,
         false,
         [](const QString &v, Settings &s) {
             return setUrl(v, {"http", "https"}, s.frontendUrl);
         },
         [](const Settings &s) { return showUrl(s.frontendUrl); }},
    };
}

QString defaultDataDir()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir.isEmpty() ? QStringLiteral(".terminal6") : dir;
}

} // namespace

SettingsLoadResult SettingsLoader::load(const QStringList &arguments,
                                        const QProcessEnvironment &environment)
{
    SettingsLoadResult result;
    auto invalid = [&result](const QString &line) {
        result.action = SettingsLoadResult::Action::Invalid;
        result.text = line;
        return result;
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Terminal 6: TradingView webhook receiver and monitor of Aristobot3."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("INI file with settings."),
                                          QStringLiteral("file"));
    parser.addOption(configOption);
    const QCommandLineOption expiredOption(QStringLiteral("expired"),
                                           QStringLiteral("With resend: every expired webhook."));
    parser.addOption(expiredOption);
    const QCommandLineOption expireWaitingOption(
        QStringLiteral("expire-waiting"),
        QStringLiteral("With resume: what waited while paused expires instead of being sent."));
    parser.addOption(expireWaitingOption);
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("Asks the running instance: resend <trace_id>|--expired re-sends held or "
                       "expired webhooks; pause stops forwarding to Redis (webhooks are still "
                       "answered and journaled); resume [--expire-waiting] starts it again."),
        QStringLiteral("[resend <trace_id>|--expired | pause | resume [--expire-waiting]]"));
    for (const SettingSpec &spec : table()) {
        if (spec.onCommandLine)
            parser.addOption(
                QCommandLineOption(spec.name, QString::fromUtf8(spec.help), spec.valueName));
    }
    if (!parser.parse(arguments))
        return invalid(parser.errorText());
    if (parser.isSet(helpOption)) {
        result.action = SettingsLoadResult::Action::ShowHelp;
        // No application object exists yet to name the program.
        result.text = parser.helpText().replace(QLatin1String("<executable_name>"),
                                                QLatin1String("terminal6"));
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = SettingsLoadResult::Action::ShowVersion;
        result.text = QStringLiteral("terminal6 " T6_VERSION);
        return result;
    }
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    if (command == QLatin1String("resend")) {
        const bool expired = parser.isSet(expiredOption);
        if (positional.size() != (expired ? 1 : 2))
            return invalid(QStringLiteral("resend: give one trace_id, or --expired"));
        result.adminBody = expired ? QJsonObject{{QLatin1String("expired"), true}}
                                   : QJsonObject{{QLatin1String("trace_id"), positional.at(1)}};
    } else if (command == QLatin1String("pause") || command == QLatin1String("resume")) {
        if (positional.size() != 1)
            return invalid(QStringLiteral("%1 takes no argument").arg(command));
        if (command == QLatin1String("resume"))
            result.adminBody = {
                {QLatin1String("publish_waiting"), !parser.isSet(expireWaitingOption)}};
    } else if (!command.isEmpty()) {
        return invalid(QStringLiteral("unexpected argument: %1").arg(command));
    }
    if (parser.isSet(expiredOption) && command != QLatin1String("resend"))
        return invalid(QStringLiteral("--expired goes with resend"));
    if (parser.isSet(expireWaitingOption) && command != QLatin1String("resume"))
        return invalid(QStringLiteral("--expire-waiting goes with resume"));
    if (!command.isEmpty()) {
        result.action = SettingsLoadResult::Action::Admin;
        result.adminCommand = command;
    }

    // Config file: named on the command line, else T6_CONFIG, else the user's when it exists.
    QString configFile = parser.value(configOption);
    QString configOrigin = QStringLiteral("--config");
    if (configFile.isEmpty()) {
        configFile = environment.value(QStringLiteral("T6_CONFIG"));
        configOrigin = QStringLiteral("T6_CONFIG");
    }
    if (configFile.isEmpty() && !environment.contains(QStringLiteral("T6_CONFIG")) &&
        QFileInfo::exists(defaultConfigFile())) {
        configFile = defaultConfigFile();
        configOrigin = configFile;
    }
    std::optional<QSettings> ini;
    if (!configFile.isEmpty()) {
        const QFileInfo info(configFile);
        if (!info.isFile() || !info.isReadable())
            return invalid(QStringLiteral("%1: cannot read %2").arg(configOrigin, configFile));
        ini.emplace(configFile, QSettings::IniFormat);
        if (ini->status() != QSettings::NoError)
            return invalid(
                QStringLiteral("%1: %2 is not a valid INI file").arg(configOrigin, configFile));
        result.settings.configFile = info.absoluteFilePath();
    }

    for (const SettingSpec &spec : table()) {
        std::optional<Found> found;
        if (ini && ini->contains(spec.name)) {
            // QSettings reads an unquoted a,b as a list, which toString() turns into "".
            const QVariant raw = ini->value(spec.name);
            found = Found{raw.metaType().id() == QMetaType::QStringList
                              ? raw.toStringList().join(QLatin1Char(','))
                              : raw.toString(),
                          QStringLiteral("%1 (%2)").arg(spec.name, configFile)};
        }
        for (const QString &name : spec.env) {
            if (environment.contains(name)) {
                found = Found{environment.value(name), name};
                break;
            }
        }
        if (spec.onCommandLine && parser.isSet(spec.name)) {
            const QString flag = QStringLiteral("--") + spec.name;
            found = Found{
                spec.valueName.isEmpty() ? QStringLiteral("true") : parser.value(spec.name), flag};
        }
        if (!found)
            continue;
        const QString problem = spec.apply(found->value, result.settings);
        if (!problem.isEmpty())
            return invalid(QStringLiteral("%1: %2").arg(found->origin, problem));
    }

    complete(result.settings);
    return result;
}

void SettingsLoader::complete(Settings &settings)
{
    if (settings.daphneHttp.isEmpty() && !settings.daphneUrl.isEmpty()) {
        settings.daphneHttp = settings.daphneUrl;
        settings.daphneHttp.setScheme(settings.daphneUrl.scheme() == QLatin1String("wss")
                                          ? QStringLiteral("https")
                                          : QStringLiteral("http"));
        settings.daphneHttp.setPath(QString());
    }
    if (settings.dataDir.isEmpty())
        settings.dataDir = defaultDataDir();
}

const QList<SettingSpec> &SettingsLoader::table()
{
    static const QList<SettingSpec> rows = makeTable();
    return rows;
}

const SettingSpec *SettingsLoader::find(const QString &name)
{
    for (const SettingSpec &spec : table()) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

QList<const char *> SettingsLoader::groups()
{
    return {Run, Listener, Tokens, Edge, Delivery, RedisGroup, Monitor};
}

Settings SettingsLoader::defaults()
{
    QProcessEnvironment none;
    none.insert(QStringLiteral("T6_CONFIG"), QString()); // set and empty: no config file
    return load({QStringLiteral("terminal6")}, none).settings;
}

QString SettingsLoader::defaultConfigFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/terminal6.conf");
}

QString SettingsLoader::markdownTable()
{
    QString markdown =
        QStringLiteral("| flag | config key | environment | meaning |\n|---|---|---|---|\n");
    markdown += QStringLiteral(
        "| `--config FILE` | | `T6_CONFIG` | INI file with any of the keys below |\n");
    for (const SettingSpec &spec : table()) {
        const QString flag =
            !spec.onCommandLine ? QString()
            : spec.valueName.isEmpty()
                ? QStringLiteral("`--%1`").arg(spec.name)
                : QStringLiteral("`--%1 %2`").arg(spec.name, spec.valueName.toUpper());
        QStringList env;
        for (const QString &name : spec.env)
            env.append(QStringLiteral("`%1`").arg(name));
        markdown +=
            QStringLiteral("| %1 | `%2` | %3 | %4 |\n")
                .arg(flag, spec.name, env.join(QStringLiteral(", ")), QString::fromUtf8(spec.help));
    }
    return markdown;
}
