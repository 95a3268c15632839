// Unit tests of SettingsLoader: defaults < config file < environment < command line, and errors
// that name the setting.
#include "config/SettingsLoader.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Action = SettingsLoadResult::Action;

const QString kProgram = QStringLiteral("terminal6");

QStringList args(const QStringList &rest = {})
{
    return QStringList{kProgram} + rest;
}

// An environment built from name=value pairs, nothing inherited from the test's own.
QProcessEnvironment environment(const QStringList &pairs = {})
{
    QProcessEnvironment env; // empty: nothing inherited
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        env.insert(pair.left(equals), pair.mid(equals + 1));
    }
    return env;
}

} // namespace

class TestSettingsLoader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void defaults();
    void configFileSetsValues();
    void configFileFromEnvironment();
    void configOptionBeatsEnvironmentConfig();
    void precedence_data();
    void precedence();
    void onlyTheWinningValueIsValidated();
    void invalid_data();
    void invalid();
    void unreadableConfig();
    void unreadableConfigFile();
    void invalidValueInConfigNamesFileAndKey();
    void configValueWithComma();
    void helpAndVersion_data();
    void helpAndVersion();
    void tokenNeverOnCommandLine();
    void token_data();
    void token();
    void redisUrl();
    void redisHostAndPortOverrideUrl();
    void headless_data();
    void headless();
    void effectiveHost_data();
    void effectiveHost();
    void effectiveHostFromLoader();

private:
    QString writeConfig(const QString &name, const QByteArray &contents);

    QTemporaryDir m_dir;
};

void TestSettingsLoader::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

QString TestSettingsLoader::writeConfig(const QString &name, const QByteArray &contents)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(contents) != contents.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestSettingsLoader::defaults()
{
    const SettingsLoadResult result = SettingsLoader::load(args(), environment());
    QCOMPARE(result.action, Action::Run);
    QVERIFY(result.ok());
    QCOMPARE(result.text, QString());

    const Settings &s = result.settings;
    QCOMPARE(s.mode, Settings::Mode::Gui);
    QCOMPARE(s.host, QStringLiteral("0.0.0.0"));
    QCOMPARE(s.port, quint16(8888));
    QCOMPARE(s.path, QStringLiteral("/webhook"));
    QCOMPARE(s.maxBody, qint64(65536));
    QCOMPARE(s.replayMaxAgeS, 120);
    QCOMPARE(s.dedupeWindowS, 10);
    QVERIFY(s.requireListener);
    QCOMPARE(s.durability, Durability::Normal);
    QCOMPARE(s.bodyTokenField, QStringLiteral("token"));
    QVERIFY(s.tokens.isEmpty());
    QVERIFY(!s.hasToken());
    QVERIFY(!s.dataDir.isEmpty());
    QCOMPARE(s.configFile, QString());
    QCOMPARE(s.redis.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(s.redis.port, quint16(6379));
    QCOMPARE(s.redis.password, QByteArray());
    QCOMPARE(s.redis.db, 0);
}

void TestSettingsLoader::configFileSetsValues()
{
    const QString file =
        writeConfig(QStringLiteral("all.ini"), "host=127.0.0.1\n"
                                               "port=9001\n"
                                               "path=/tv\n"
                                               "data-dir=/var/lib/t6\n"
                                               "token=from-config\n"
                                               "body-token-field=secret\n"
                                               "max-body=1024\n"
                                               "replay-max-age=50\n"
                                               "redis-url=redis://:pw@redis.local:6390/4\n"
                                               "headless=true\n");
    const SettingsLoadResult result =
        SettingsLoader::load(args({QStringLiteral("--config"), file}), environment());
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.text, QString());
    const Settings &s = result.settings;
    QCOMPARE(s.configFile, file);
    QCOMPARE(s.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(s.port, quint16(9001));
    QCOMPARE(s.path, QStringLiteral("/tv"));
    QCOMPARE(s.dataDir, QStringLiteral("/var/lib/t6"));
    QCOMPARE(s.tokens, QByteArrayList{QByteArrayLiteral("from-config")});
    QCOMPARE(s.bodyTokenField, QStringLiteral("secret"));
    QCOMPARE(s.maxBody, qint64(1024));
    QCOMPARE(s.replayMaxAgeS, 50);
    QCOMPARE(s.redis.host, QStringLiteral("redis.local"));
    QCOMPARE(s.redis.port, quint16(6390));
    QCOMPARE(s.redis.password, QByteArrayLiteral("pw"));
    QCOMPARE(s.redis.db, 4);
    QCOMPARE(s.mode, Settings::Mode::Headless);
}

void TestSettingsLoader::configFileFromEnvironment()
{
    const QString file = writeConfig(QStringLiteral("env.ini"), "[General]\nport=9100\n");
    const SettingsLoadResult result =
        SettingsLoader::load(args(), environment({QStringLiteral("T6_CONFIG=") + file}));
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.port, quint16(9100));
    QCOMPARE(result.settings.configFile, file);
}

void TestSettingsLoader::configOptionBeatsEnvironmentConfig()
{
    const QString fromEnv = writeConfig(QStringLiteral("a.ini"), "port=9201\n");
    const QString fromArgs = writeConfig(QStringLiteral("b.ini"), "port=9202\n");
    const SettingsLoadResult result =
        SettingsLoader::load(args({QStringLiteral("--config"), fromArgs}),
                             environment({QStringLiteral("T6_CONFIG=") + fromEnv}));
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.port, quint16(9202));
    QCOMPARE(result.settings.configFile, fromArgs);
}

void TestSettingsLoader::precedence_data()
{
    // One setting given at several levels; the most specific level wins.
    QTest::addColumn<QByteArray>("ini");  // config file contents, empty: no --config
    QTest::addColumn<QStringList>("env"); // NAME=value
    QTest::addColumn<QStringList>("cli"); // arguments after the program name
    QTest::addColumn<QString>("field");   // which setting to read back
    QTest::addColumn<QString>("expected");

    const QString port = QStringLiteral("port");
    const QString host = QStringLiteral("host");
    const QString redisHost = QStringLiteral("redis-host");
    const QString maxBody = QStringLiteral("max-body");

    QTest::newRow("port: default")
        << QByteArray() << QStringList() << QStringList() << port << QStringLiteral("8888");
    QTest::newRow("port: config") << QByteArray("port=9001\n") << QStringList() << QStringList()
                                  << port << QStringLiteral("9001");
    QTest::newRow("port: env") << QByteArray() << QStringList{QStringLiteral("T6_PORT=9002")}
                               << QStringList() << port << QStringLiteral("9002");
    QTest::newRow("port: env beats config")
        << QByteArray("port=9001\n") << QStringList{QStringLiteral("T6_PORT=9002")} << QStringList()
        << port << QStringLiteral("9002");
    QTest::newRow("port: cli beats env and config")
        << QByteArray("port=9001\n") << QStringList{QStringLiteral("T6_PORT=9002")}
        << QStringList{QStringLiteral("--port"), QStringLiteral("9003")} << port
        << QStringLiteral("9003");
    QTest::newRow("port: cli with =")
        << QByteArray() << QStringList() << QStringList{QStringLiteral("--port=9004")} << port
        << QStringLiteral("9004");
    QTest::newRow("port: cli beats config")
        << QByteArray("port=9001\n") << QStringList()
        << QStringList{QStringLiteral("--port"), QStringLiteral("9003")} << port
        << QStringLiteral("9003");

    QTest::newRow("host: config") << QByteArray("host=10.0.0.5\n") << QStringList() << QStringList()
                                  << host << QStringLiteral("10.0.0.5");
    QTest::newRow("host: env beats config")
        << QByteArray("host=10.0.0.5\n") << QStringList{QStringLiteral("T6_HOST=10.0.0.6")}
        << QStringList() << host << QStringLiteral("10.0.0.6");
    QTest::newRow("host: cli beats env")
        << QByteArray() << QStringList{QStringLiteral("T6_HOST=10.0.0.6")}
        << QStringList{QStringLiteral("--host"), QStringLiteral("10.0.0.7")} << host
        << QStringLiteral("10.0.0.7");

    QTest::newRow("redis host: default") << QByteArray() << QStringList() << QStringList()
                                         << redisHost << QStringLiteral("127.0.0.1");
    QTest::newRow("redis host: config")
        << QByteArray("redis-host=cfg.local\n") << QStringList() << QStringList() << redisHost
        << QStringLiteral("cfg.local");
    QTest::newRow("redis host: REDIS_HOST beats config")
        << QByteArray("redis-host=cfg.local\n")
        << QStringList{QStringLiteral("REDIS_HOST=env.local")} << QStringList() << redisHost
        << QStringLiteral("env.local");
    QTest::newRow("redis host: cli beats REDIS_HOST")
        << QByteArray("redis-host=cfg.local\n")
        << QStringList{QStringLiteral("REDIS_HOST=env.local")}
        << QStringList{QStringLiteral("--redis-host"), QStringLiteral("cli.local")} << redisHost
        << QStringLiteral("cli.local");

    QTest::newRow("max body: env beats config")
        << QByteArray("max-body=1000\n") << QStringList{QStringLiteral("T6_MAX_BODY=2000")}
        << QStringList() << maxBody << QStringLiteral("2000");
    QTest::newRow("max body: cli beats env")
        << QByteArray("max-body=1000\n") << QStringList{QStringLiteral("T6_MAX_BODY=2000")}
        << QStringList{QStringLiteral("--max-body"), QStringLiteral("3000")} << maxBody
        << QStringLiteral("3000");
}

void TestSettingsLoader::precedence()
{
    QFETCH(QByteArray, ini);
    QFETCH(QStringList, env);
    QFETCH(QStringList, cli);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    QStringList arguments = cli;
    if (!ini.isEmpty())
        arguments << QStringLiteral("--config")
                  << writeConfig(QStringLiteral("precedence.ini"), ini);
    const SettingsLoadResult result = SettingsLoader::load(args(arguments), environment(env));
    QCOMPARE(result.text, QString());
    QCOMPARE(result.action, Action::Run);

    QString actual;
    if (field == QLatin1String("port"))
        actual = QString::number(result.settings.port);
    else if (field == QLatin1String("host"))
        actual = result.settings.host;
    else if (field == QLatin1String("redis-host"))
        actual = result.settings.redis.host;
    else if (field == QLatin1String("max-body"))
        actual = QString::number(result.settings.maxBody);
    else
        QFAIL("unknown field in the data table");
    QCOMPARE(actual, expected);
}

void TestSettingsLoader::onlyTheWinningValueIsValidated()
{
    // A broken value at a lower level does not matter once a higher level overrides it.
    const QString file = writeConfig(QStringLiteral("broken-port.ini"), "port=nonsense\n");
    const SettingsLoadResult result = SettingsLoader::load(
        args({QStringLiteral("--config"), file, QStringLiteral("--port"), QStringLiteral("9300")}),
        environment({QStringLiteral("T6_PORT=also-nonsense")}));
    QCOMPARE(result.text, QString());
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.port, quint16(9300));
}

void TestSettingsLoader::invalid_data()
{
    QTest::addColumn<QStringList>("cli");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("text");

    QTest::newRow("--port 70000") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                                  << QStringList()
                                  << QStringLiteral(
                                         "--port: 70000 is not a number from 1 to 65535");
    QTest::newRow("--port 0") << QStringList{QStringLiteral("--port"), QStringLiteral("0")}
                              << QStringList()
                              << QStringLiteral("--port: 0 is not a number from 1 to 65535");
    QTest::newRow("--port abc") << QStringList{QStringLiteral("--port"), QStringLiteral("abc")}
                                << QStringList()
                                << QStringLiteral("--port: abc is not a number from 1 to 65535");
    QTest::newRow("--port -1") << QStringList{QStringLiteral("--port=-1")} << QStringList()
                               << QStringLiteral("--port: -1 is not a number from 1 to 65535");
    QTest::newRow("T6_PORT x") << QStringList() << QStringList{QStringLiteral("T6_PORT=x")}
                               << QStringLiteral("T6_PORT: x is not a number from 1 to 65535");
    QTest::newRow("REDIS_URL http")
        << QStringList() << QStringList{QStringLiteral("REDIS_URL=http://localhost:6379")}
        << QStringLiteral("REDIS_URL: expected redis://[:password@]host[:port][/db]");
    QTest::newRow("REDIS_URL no host")
        << QStringList() << QStringList{QStringLiteral("REDIS_URL=redis://")}
        << QStringLiteral("REDIS_URL: no host");
    QTest::newRow("REDIS_URL bad db")
        << QStringList() << QStringList{QStringLiteral("REDIS_URL=redis://:hunter2@h/x")}
        << QStringLiteral("REDIS_URL: database must be a number, as in redis://host:6379/0");
    QTest::newRow("--redis-url port 0")
        << QStringList{QStringLiteral("--redis-url"), QStringLiteral("redis://h:0")}
        << QStringList() << QStringLiteral("--redis-url: port out of range");
    QTest::newRow("REDIS_PORT 70000")
        << QStringList() << QStringList{QStringLiteral("REDIS_PORT=70000")}
        << QStringLiteral("REDIS_PORT: 70000 is not a number from 1 to 65535");
    QTest::newRow("REDIS_HOST empty")
        << QStringList() << QStringList{QStringLiteral("REDIS_HOST= ")}
        << QStringLiteral("REDIS_HOST: empty value");
    QTest::newRow("--host empty") << QStringList{QStringLiteral("--host=")} << QStringList()
                                  << QStringLiteral("--host: empty value");
    QTest::newRow("--path relative")
        << QStringList{QStringLiteral("--path"), QStringLiteral("webhook")} << QStringList()
        << QStringLiteral("--path: webhook is not a path like /webhook");
    QTest::newRow("--path root") << QStringList{QStringLiteral("--path"), QStringLiteral("/")}
                                 << QStringList()
                                 << QStringLiteral("--path: / is not a path like /webhook");
    QTest::newRow("T6_PATH traversal")
        << QStringList() << QStringList{QStringLiteral("T6_PATH=/a/../health")}
        << QStringLiteral("T6_PATH: /a/../health is not a path like /webhook");
    QTest::newRow("T6_PATH trailing slash")
        << QStringList() << QStringList{QStringLiteral("T6_PATH=/webhook/")}
        << QStringLiteral("T6_PATH: /webhook/ is not a path like /webhook");
    QTest::newRow("--max-body 1") << QStringList{QStringLiteral("--max-body"), QStringLiteral("1")}
                                  << QStringList()
                                  << QStringLiteral(
                                         "--max-body: 1 is not a number from 2 to 67108864");
    QTest::newRow("T6_MAX_BODY too big")
        << QStringList() << QStringList{QStringLiteral("T6_MAX_BODY=67108865")}
        << QStringLiteral("T6_MAX_BODY: 67108865 is not a number from 2 to 67108864");
    QTest::newRow("T6_RETENTION_DAYS 0")
        << QStringList() << QStringList{QStringLiteral("T6_RETENTION_DAYS=0")}
        << QStringLiteral("T6_RETENTION_DAYS: 0 is not a number from 1 to 36500");
    QTest::newRow("--durability sometimes")
        << QStringList{QStringLiteral("--durability"), QStringLiteral("sometimes")} << QStringList()
        << QStringLiteral("--durability: sometimes is not normal, full or memory");
    QTest::newRow("T6_HEADLESS maybe")
        << QStringList() << QStringList{QStringLiteral("T6_HEADLESS=maybe")}
        << QStringLiteral("T6_HEADLESS: maybe is not true or false");
    QTest::newRow("--body-token-field empty")
        << QStringList{QStringLiteral("--body-token-field=")} << QStringList()
        << QStringLiteral("--body-token-field: empty field name");
    QTest::newRow("positional argument") << QStringList{QStringLiteral("serve")} << QStringList()
                                         << QStringLiteral("unexpected argument: serve");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--prot"), QStringLiteral("1")}
                                    << QStringList() << QStringLiteral("Unknown option 'prot'.");
    QTest::newRow("missing value") << QStringList{QStringLiteral("--port")} << QStringList()
                                   << QStringLiteral("Missing value after '--port'.");
}

void TestSettingsLoader::invalid()
{
    QFETCH(QStringList, cli);
    QFETCH(QStringList, env);
    QFETCH(QString, text);

    const SettingsLoadResult result = SettingsLoader::load(args(cli), environment(env));
    QCOMPARE(result.action, Action::Invalid);
    QVERIFY(!result.ok());
    QCOMPARE(result.text, text);
    // An error never repeats a secret.
    QVERIFY(!result.text.contains(QLatin1String("hunter2")));
}

void TestSettingsLoader::unreadableConfig()
{
    const QString missing = m_dir.filePath(QStringLiteral("does-not-exist.ini"));
    SettingsLoadResult result =
        SettingsLoader::load(args({QStringLiteral("--config"), missing}), environment());
    QCOMPARE(result.action, Action::Invalid);
    QCOMPARE(result.text, QString(QStringLiteral("--config: cannot read ") + missing));

    result = SettingsLoader::load(args(), environment({QStringLiteral("T6_CONFIG=") + missing}));
    QCOMPARE(result.action, Action::Invalid);
    QCOMPARE(result.text, QString(QStringLiteral("T6_CONFIG: cannot read ") + missing));

    // A folder is not a config file.
    result = SettingsLoader::load(args({QStringLiteral("--config"), m_dir.path()}), environment());
    QCOMPARE(result.action, Action::Invalid);
    QCOMPARE(result.text, QString(QStringLiteral("--config: cannot read ") + m_dir.path()));
}

void TestSettingsLoader::unreadableConfigFile()
{
    const QString unreadable = writeConfig(QStringLiteral("unreadable.ini"), "port=9001\n");
    QVERIFY(QFile::setPermissions(unreadable, QFileDevice::WriteOwner));
    QFile probe(unreadable);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running with permissions that read a mode-200 file (root?)");
    const SettingsLoadResult result =
        SettingsLoader::load(args({QStringLiteral("--config"), unreadable}), environment());
    QCOMPARE(result.action, Action::Invalid);
    QCOMPARE(result.text, QString(QStringLiteral("--config: cannot read ") + unreadable));
}

void TestSettingsLoader::invalidValueInConfigNamesFileAndKey()
{
    const QString file = writeConfig(QStringLiteral("bad-port.ini"), "port=70000\n");
    const SettingsLoadResult result =
        SettingsLoader::load(args({QStringLiteral("--config"), file}), environment());
    QCOMPARE(result.action, Action::Invalid);
    QCOMPARE(result.text,
             QStringLiteral("port (%1): 70000 is not a number from 1 to 65535").arg(file));
}

void TestSettingsLoader::configValueWithComma()
{
    // QSettings reads an unquoted a,b as a list; the setting must still get its text.
    const QString file =
        writeConfig(QStringLiteral("comma.ini"), "token=abc,def\n"
                                                 "redis-url=redis://:p,w@h:6379/1\n");
    SettingsLoadResult result =
        SettingsLoader::load(args({QStringLiteral("--config"), file}), environment());
    QCOMPARE(result.text, QString());
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.tokens, QByteArrayList{QByteArrayLiteral("abc,def")});
    QCOMPARE(result.settings.redis.password, QByteArrayLiteral("p,w"));

    // Quoted, a value keeps characters INI would otherwise read as syntax (';' starts a comment).
    const QString quoted = writeConfig(QStringLiteral("quoted.ini"), "token=\"a;b,c\"\n");
    result = SettingsLoader::load(args({QStringLiteral("--config"), quoted}), environment());
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.tokens, QByteArrayList{QByteArrayLiteral("a;b,c")});
}

void TestSettingsLoader::helpAndVersion_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<Action>("action");

    QTest::newRow("--help") << QStringLiteral("--help") << Action::ShowHelp;
    QTest::newRow("-h") << QStringLiteral("-h") << Action::ShowHelp;
    QTest::newRow("--version") << QStringLiteral("--version") << Action::ShowVersion;
    QTest::newRow("-v") << QStringLiteral("-v") << Action::ShowVersion;
}

void TestSettingsLoader::helpAndVersion()
{
    QFETCH(QString, argument);
    QFETCH(Action, action);

    // Help and version win even over settings that would not load.
    const SettingsLoadResult result =
        SettingsLoader::load(args({argument}), environment({QStringLiteral("T6_PORT=not-a-port")}));
    QCOMPARE(result.action, action);
    QVERIFY(result.ok());
    if (action == Action::ShowVersion) {
        QCOMPARE(result.text, QStringLiteral("terminal6 " T6_VERSION));
    } else {
        for (const char *option : {"--config <file>", "--port <port>", "--host <address>",
                                   "--redis-url <url>", "--headless", "--max-body <bytes>"}) {
            QVERIFY2(result.text.contains(QLatin1String(option)), option);
        }
        QVERIFY(!result.text.contains(QLatin1String("--token")));
    }
}

void TestSettingsLoader::tokenNeverOnCommandLine()
{
    for (const QStringList &cli : {QStringList{QStringLiteral("--token"), QStringLiteral("s3cret")},
                                   QStringList{QStringLiteral("--token=s3cret")}}) {
        const SettingsLoadResult result = SettingsLoader::load(args(cli), environment());
        QCOMPARE(result.action, Action::Invalid);
        QCOMPARE(result.text, QStringLiteral("Unknown option 'token'."));
        QVERIFY(result.settings.tokens.isEmpty());
    }
}

void TestSettingsLoader::token_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QByteArrayList>("tokens");

    QTest::newRow("none") << QByteArray() << QStringList() << QByteArrayList();
    QTest::newRow("WEBHOOK_TOKEN")
        << QByteArray() << QStringList{QStringLiteral("WEBHOOK_TOKEN=from-env")}
        << QByteArrayList{QByteArrayLiteral("from-env")};
    QTest::newRow("config") << QByteArray("token=from-config\n") << QStringList()
                            << QByteArrayList{QByteArrayLiteral("from-config")};
    QTest::newRow("env beats config") << QByteArray("token=from-config\n")
                                      << QStringList{QStringLiteral("WEBHOOK_TOKEN=from-env")}
                                      << QByteArrayList{QByteArrayLiteral("from-env")};
    // An empty token is no token at all: it must never become a valid (empty) token.
    QTest::newRow("empty WEBHOOK_TOKEN")
        << QByteArray() << QStringList{QStringLiteral("WEBHOOK_TOKEN=")} << QByteArrayList();
    QTest::newRow("empty env clears config")
        << QByteArray("token=from-config\n") << QStringList{QStringLiteral("WEBHOOK_TOKEN=")}
        << QByteArrayList();
    QTest::newRow("utf-8 token") << QByteArray()
                                 << QStringList{QStringLiteral("WEBHOOK_TOKEN=clé-secrète")}
                                 << QByteArrayList{QByteArrayLiteral("cl\xc3\xa9-secr\xc3\xa8te")};
}

void TestSettingsLoader::token()
{
    QFETCH(QByteArray, ini);
    QFETCH(QStringList, env);
    QFETCH(QByteArrayList, tokens);

    QStringList cli;
    if (!ini.isEmpty())
        cli << QStringLiteral("--config") << writeConfig(QStringLiteral("token.ini"), ini);
    const SettingsLoadResult result = SettingsLoader::load(args(cli), environment(env));
    QCOMPARE(result.text, QString());
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.tokens, tokens);
    QCOMPARE(result.settings.hasToken(), !tokens.isEmpty());
}

void TestSettingsLoader::redisUrl()
{
    const SettingsLoadResult result = SettingsLoader::load(
        args(), environment({QStringLiteral("REDIS_URL=redis://:s3cret@redis.internal:6380/3")}));
    QCOMPARE(result.text, QString());
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.redis.host, QStringLiteral("redis.internal"));
    QCOMPARE(result.settings.redis.port, quint16(6380));
    QCOMPARE(result.settings.redis.password, QByteArrayLiteral("s3cret"));
    QCOMPARE(result.settings.redis.db, 3);

    const SettingsLoadResult fromArgs = SettingsLoader::load(
        args({QStringLiteral("--redis-url"), QStringLiteral("redis://user:pw@h/0")}),
        environment({QStringLiteral("REDIS_URL=redis://:s3cret@redis.internal:6380/3")}));
    QCOMPARE(fromArgs.action, Action::Run);
    QCOMPARE(fromArgs.settings.redis.host, QStringLiteral("h"));
    QCOMPARE(fromArgs.settings.redis.port, quint16(6379));
    QCOMPARE(fromArgs.settings.redis.password, QByteArrayLiteral("pw"));
    QCOMPARE(fromArgs.settings.redis.db, 0);
}

void TestSettingsLoader::redisHostAndPortOverrideUrl()
{
    const SettingsLoadResult result = SettingsLoader::load(
        args(),
        environment({QStringLiteral("REDIS_URL=redis://:s3cret@redis.internal:6380/3"),
                     QStringLiteral("REDIS_HOST=10.1.2.3"), QStringLiteral("REDIS_PORT=6400")}));
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.redis.host, QStringLiteral("10.1.2.3"));
    QCOMPARE(result.settings.redis.port, quint16(6400));
    // What the URL says and REDIS_HOST/PORT do not override stays.
    QCOMPARE(result.settings.redis.password, QByteArrayLiteral("s3cret"));
    QCOMPARE(result.settings.redis.db, 3);
}

void TestSettingsLoader::headless_data()
{
    QTest::addColumn<QStringList>("cli");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<Settings::Mode>("mode");

    QTest::newRow("default") << QStringList() << QStringList() << Settings::Mode::Gui;
    QTest::newRow("--headless") << QStringList{QStringLiteral("--headless")} << QStringList()
                                << Settings::Mode::Headless;
    QTest::newRow("T6_HEADLESS=1") << QStringList() << QStringList{QStringLiteral("T6_HEADLESS=1")}
                                   << Settings::Mode::Headless;
    QTest::newRow("T6_HEADLESS=yes")
        << QStringList() << QStringList{QStringLiteral("T6_HEADLESS=YES")}
        << Settings::Mode::Headless;
    QTest::newRow("T6_HEADLESS=off")
        << QStringList() << QStringList{QStringLiteral("T6_HEADLESS=off")} << Settings::Mode::Gui;
    QTest::newRow("--headless beats T6_HEADLESS=0")
        << QStringList{QStringLiteral("--headless")} << QStringList{QStringLiteral("T6_HEADLESS=0")}
        << Settings::Mode::Headless;
}

void TestSettingsLoader::headless()
{
    QFETCH(QStringList, cli);
    QFETCH(QStringList, env);
    QFETCH(Settings::Mode, mode);

    const SettingsLoadResult result = SettingsLoader::load(args(cli), environment(env));
    QCOMPARE(result.action, Action::Run);
    QCOMPARE(result.settings.mode, mode);
}

void TestSettingsLoader::effectiveHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("withToken");
    QTest::addColumn<QString>("effective");

    QTest::newRow("0.0.0.0 without token")
        << QStringLiteral("0.0.0.0") << false << QStringLiteral("127.0.0.1");
    QTest::newRow("0.0.0.0 with token")
        << QStringLiteral("0.0.0.0") << true << QStringLiteral("0.0.0.0");
    QTest::newRow("LAN address without token")
        << QStringLiteral("192.168.1.20") << false << QStringLiteral("127.0.0.1");
    QTest::newRow("LAN address with token")
        << QStringLiteral("192.168.1.20") << true << QStringLiteral("192.168.1.20");
    QTest::newRow(":: without token")
        << QStringLiteral("::") << false << QStringLiteral("127.0.0.1");
    QTest::newRow("loopback stays")
        << QStringLiteral("127.0.0.1") << false << QStringLiteral("127.0.0.1");
    QTest::newRow("other loopback stays")
        << QStringLiteral("127.0.0.2") << false << QStringLiteral("127.0.0.2");
    QTest::newRow("ipv6 loopback stays") << QStringLiteral("::1") << false << QStringLiteral("::1");
    QTest::newRow("localhost stays")
        << QStringLiteral("localhost") << false << QStringLiteral("localhost");
}

void TestSettingsLoader::effectiveHost()
{
    QFETCH(QString, host);
    QFETCH(bool, withToken);
    QFETCH(QString, effective);

    Settings settings;
    settings.host = host;
    if (withToken)
        settings.tokens = {QByteArrayLiteral("s3cret")};
    QCOMPARE(settings.effectiveHost(), effective);
    QCOMPARE(settings.hostWasRestricted(), effective != host);
}

void TestSettingsLoader::effectiveHostFromLoader()
{
    const SettingsLoadResult open = SettingsLoader::load(args(), environment());
    QCOMPARE(open.settings.host, QStringLiteral("0.0.0.0"));
    QCOMPARE(open.settings.effectiveHost(), QStringLiteral("127.0.0.1"));
    QVERIFY(open.settings.hostWasRestricted());

    const SettingsLoadResult guarded =
        SettingsLoader::load(args(), environment({QStringLiteral("WEBHOOK_TOKEN=s3cret")}));
    QCOMPARE(guarded.settings.effectiveHost(), QStringLiteral("0.0.0.0"));
    QVERIFY(!guarded.settings.hostWasRestricted());
}

QTEST_GUILESS_MAIN(TestSettingsLoader)
#include "tst_settingsloader.moc"
