// The settings dialog on the real Application against a real redis-server: one editor per row
// of SettingsLoader's table, the command line's own messages for bad values, a saved file that
// only its owner can read and that loads back as it was, and a port change that re-binds while a
// client keeps posting (nothing refused, nothing lost), or stays put and says why.
#include "Application.h"
#include "config/SettingsFile.h"
#include "config/SettingsLoader.h"
#include "receiver/ReceiverService.h"
#include "settings/SettingsDialog.h"
#include "settings/TokenField.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/TestSettings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace {
const QByteArray token = QByteArrayLiteral("dialog-test-token-77c2");

// A client of its own thread, independent of Qt's event loop: posts webhooks one after the other
// and records every trace id answered 200 and every failure (refused, reset, other status).
class Poster
{
public:
    // keepAlive: one connection, reopened only when the server closes it; otherwise one
    // connection per webhook, to whatever port() says at that moment.
    Poster(quint16 port, bool keepAlive)
        : m_port(port)
        , m_keepAlive(keepAlive)
    {}
    ~Poster() { stop(); }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    void setPort(quint16 port) { m_port = port; }
    std::mutex &gate() { return m_gate; } // held: no new webhook starts
    int answered() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_traces.size());
    }
    QList<QByteArray> traces() const
    {
        std::lock_guard lock(m_mutex);
        return m_traces;
    }
    QStringList failures() const
    {
        std::lock_guard lock(m_mutex);
        return m_failures;
    }
    QList<quint16> portsUsed() const
    {
        std::lock_guard lock(m_mutex);
        return m_ports;
    }

private:
    void run()
    {
        int fd = -1;
        quint16 connectedTo = 0;
        for (int seq = 0; !m_stop; ++seq) {
            std::lock_guard gate(m_gate);
            if (fd < 0 || !m_keepAlive) {
                if (fd >= 0)
                    ::close(fd);
                connectedTo = m_port;
                fd = connectTo(connectedTo);
                if (fd < 0) {
                    fail(QStringLiteral("connect to %1 refused").arg(connectedTo));
                    continue;
                }
            }
            const QByteArray body = R"({"Symbol":"ETHUSDT","Action":"BuyMarket","Seq":)" +
                                    QByteArray::number(seq) + (m_keepAlive ? ",\"K\":1}" : "}");
            const QByteArray request = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       "Content-Type: application/json\r\nX-Webhook-Token: " +
                                       token +
                                       "\r\nContent-Length: " + QByteArray::number(body.size()) +
                                       "\r\n\r\n" + body;
            bool closed = false;
            const QByteArray response = exchange(fd, request, &closed);
            if (!response.startsWith("HTTP/1.1 200")) {
                fail(QStringLiteral("port %1: %2")
                         .arg(connectedTo)
                         .arg(QString::fromLatin1(response.left(40))));
            } else {
                const qsizetype at = response.indexOf("\"trace_id\":\"");
                std::lock_guard lock(m_mutex);
                m_traces.append(response.mid(at + 12, response.indexOf('"', at + 12) - at - 12));
                m_ports.append(connectedTo);
            }
            if (closed) {
                ::close(fd);
                fd = -1;
            }
        }
        if (fd >= 0)
            ::close(fd);
    }

    static int connectTo(quint16 port)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            ::close(fd);
            return -1;
        }
        timeval timeout{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        return fd;
    }

    // Sends the request and reads one response up to its Content-Length.
    static QByteArray exchange(int fd, const QByteArray &request, bool *closed)
    {
        if (::send(fd, request.constData(), request.size(), MSG_NOSIGNAL) != request.size()) {
            *closed = true;
            return {};
        }
        QByteArray response;
        char buffer[4096];
        for (;;) {
            const qsizetype headEnd = response.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                const qsizetype at = response.toLower().indexOf("content-length:");
                const int length = at < 0 ? 0 : response.mid(at + 15, 12).trimmed().toInt();
                if (response.size() >= headEnd + 4 + length) {
                    *closed = response.toLower().contains("connection: close");
                    return response;
                }
            }
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                *closed = true;
                return response;
            }
            response.append(buffer, n);
        }
    }

    void fail(const QString &what)
    {
        std::lock_guard lock(m_mutex);
        m_failures.append(what);
    }

    std::atomic<quint16> m_port;
    const bool m_keepAlive;
    std::atomic<bool> m_stop{false};
    std::mutex m_gate;
    mutable std::mutex m_mutex;
    QList<QByteArray> m_traces;
    QList<quint16> m_ports;
    QStringList m_failures;
    std::thread m_thread;
};

bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(1000);
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everySettingHasAnEditor();
    void badValuesSayWhatTheCommandLineSays();
    void savedFileIsPrivateAndLoadsBack();
    void tokenIsGeneratedShownOnceAndRotated();
    void portChangeRebindsWhileAClientPosts();
    void failedBindKeepsTheOldListener();
    void redisChangeReconnects();

private:
    void setText(SettingsDialog &dialog, const QString &name, const QString &value);

    RedisServer m_redis;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Application> m_app;
    quint16 m_port = 0;
};

void TestSettingsDialog::init()
{
    if (!m_redis.isRunning())
        T6_START_REDIS(m_redis);
    m_dir = std::make_unique<QTemporaryDir>();
    Settings settings = testSettings(m_redis, m_dir->filePath(QStringLiteral("data")), token);
    m_port = RedisServer::freePort();
    settings.port = m_port;
    settings.configFile = m_dir->filePath(QStringLiteral("config/terminal6.conf"));
    m_app = std::make_unique<Application>(settings);
    QCOMPARE(m_app->start(), QString());
}

void TestSettingsDialog::cleanup()
{
    m_app->stop(std::chrono::milliseconds(0));
    m_app.reset();
    m_dir.reset();
}

void TestSettingsDialog::setText(SettingsDialog &dialog, const QString &name, const QString &value)
{
    auto *line = qobject_cast<QLineEdit *>(dialog.editor(name));
    QVERIFY2(line, qPrintable(name));
    line->clear();
    QTest::keyClicks(line, value); // as typed: textEdited runs the check
    if (value.isEmpty())
        Q_EMIT line->textEdited(QString());
}

void TestSettingsDialog::everySettingHasAnEditor()
{
    SettingsDialog dialog(m_app.get());
    for (const SettingSpec &spec : SettingsLoader::table()) {
        // Found in the dialog's own widget tree, the kind of editor its row asks for.
        auto *editor = dialog.findChild<QWidget *>(spec.name);
        QVERIFY2(editor, qPrintable(QStringLiteral("no editor for ") + spec.name));
        switch (spec.kind) {
        case SettingSpec::Kind::Flag:
        case SettingSpec::Kind::Bool: QVERIFY(qobject_cast<QCheckBox *>(editor)); break;
        case SettingSpec::Kind::Choice: {
            auto *combo = qobject_cast<QComboBox *>(editor);
            QVERIFY2(combo, qPrintable(spec.name));
            QCOMPARE(combo->count(), spec.choices.size());
            break;
        }
        case SettingSpec::Kind::Secret: QVERIFY(qobject_cast<TokenField *>(editor)); break;
        case SettingSpec::Kind::Text: QVERIFY(qobject_cast<QLineEdit *>(editor)); break;
        }
        // Its help text is beside it.
        const QString help = QCoreApplication::translate("SettingsLoader", spec.help);
        bool found = false;
        for (const QLabel *label : editor->parentWidget()->findChildren<QLabel *>())
            found = found || label->text().startsWith(help);
        QVERIFY2(found, qPrintable(QStringLiteral("no help for ") + spec.name));
    }
    // And nothing on the pages that is not in the table.
    int editors = 0;
    for (const SettingSpec &spec : SettingsLoader::table())
        editors += dialog.findChildren<QWidget *>(spec.name).size();
    QCOMPARE(editors, SettingsLoader::table().size());
}

void TestSettingsDialog::badValuesSayWhatTheCommandLineSays()
{
    SettingsDialog dialog(m_app.get());
    const QStringList values{QStringLiteral("0"), QStringLiteral("-1"), QStringLiteral("abc"),
                             QStringLiteral("99999999999"), QStringLiteral("http://x")};
    int refused = 0;
    for (const SettingSpec &spec : SettingsLoader::table()) {
        if (spec.kind != SettingSpec::Kind::Text || !spec.onCommandLine)
            continue;
        for (const QString &value : values) {
            setText(dialog, spec.name, value);
            const SettingsLoadResult cli = SettingsLoader::load(
                {QStringLiteral("terminal6"), QStringLiteral("--") + spec.name, value},
                QProcessEnvironment());
            const QString expected = cli.ok() ? QString() : cli.text;
            QCOMPARE(dialog.problem(spec.name), expected);
            refused += cli.ok() ? 0 : 1;
        }
        setText(dialog, spec.name, QString());
    }
    QVERIFY2(refused > 20, "the bad values are not bad enough to test anything");
    // A problem disables Save; fixing it enables it again.
    auto *saveButton = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    setText(dialog, QStringLiteral("port"), QStringLiteral("0"));
    QCOMPARE(dialog.problem(QStringLiteral("port")),
             QStringLiteral("--port: 0 is not a number from 1 to 65535"));
    QVERIFY(!saveButton->isEnabled());
    setText(dialog, QStringLiteral("port"), QString::number(m_port));
    QVERIFY(saveButton->isEnabled());
}

void TestSettingsDialog::savedFileIsPrivateAndLoadsBack()
{
    SettingsDialog dialog(m_app.get());
    setText(dialog, QStringLiteral("bad-token-limit"), QStringLiteral("7"));
    static_cast<QComboBox *>(dialog.editor(QStringLiteral("durability")))
        ->setCurrentText(QStringLiteral("full"));
    QVERIFY2(dialog.save(), qPrintable(dialog.outcome()));

    const QFileInfo file(dialog.configFile());
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QCOMPARE(QFileInfo(file.absolutePath()).permissions() & 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadUser |
                 QFile::WriteUser | QFile::ExeUser);
    QVERIFY(dialog.outcome().contains(QStringLiteral("At the next start: ")));

    QProcessEnvironment environment;
    environment.insert(QStringLiteral("T6_CONFIG"), file.absoluteFilePath());
    const SettingsLoadResult loaded =
        SettingsLoader::load({QStringLiteral("terminal6")}, environment);
    QVERIFY2(loaded.ok(), qPrintable(loaded.text));
    QCOMPARE(loaded.settings.badTokenLimit, 7);
    QCOMPARE(loaded.settings.durability, Durability::Full);
    QCOMPARE(loaded.settings.tokens, QByteArrayList{token});
    QCOMPARE(loaded.settings.port, m_port);
    QCOMPARE(loaded.settings.redis.port, m_redis.port());
    // Every setting as saved: the file says what the dialog said.
    QCOMPARE(SettingsFile::contents(loaded.settings), SettingsFile::contents(dialog.edited()));
}

void TestSettingsDialog::tokenIsGeneratedShownOnceAndRotated()
{
    SettingsDialog dialog(m_app.get());
    auto *next = static_cast<TokenField *>(dialog.editor(QStringLiteral("token-next")));
    auto *current = static_cast<TokenField *>(dialog.editor(QStringLiteral("token")));
    // The token in use is never in any text of the dialog.
    for (const QLineEdit *line : dialog.findChildren<QLineEdit *>())
        QVERIFY(!line->text().contains(QString::fromLatin1(token)));
    next->generateButton()->click();
    const QString generated = next->value();
    QCOMPARE(generated.size(), 43); // 32 bytes, base64url without padding
    bool shown = false;
    for (const QLineEdit *line : next->findChildren<QLineEdit *>())
        shown = shown || line->text() == generated;
    QVERIFY2(shown, "a generated token is shown once, to be copied");
    next->copyButton()->click();
    QCOMPARE(QApplication::clipboard()->text(), generated);

    // Both are valid during the rotation, then the next one replaces the token.
    QVERIFY(dialog.save());
    const auto post = [this](const QByteArray &with) {
        return HttpClient::request(m_app->receiver()->port(), "POST", "/webhook", "{}",
                                   {{"X-Webhook-Token", with}})
            .status;
    };
    QCOMPARE(post(token), 200);
    QCOMPARE(post(generated.toLatin1()), 200);
    dialog.findChild<QPushButton *>(QStringLiteral("promote-token-next"))->click();
    QCOMPARE(current->value(), generated);
    QVERIFY(next->value().isEmpty());
    QVERIFY(dialog.save());
    QCOMPARE(post(generated.toLatin1()), 200);
    QCOMPARE(post(token), 401);
}

void TestSettingsDialog::portChangeRebindsWhileAClientPosts()
{
    const quint16 oldPort = m_app->receiver()->port();
    QCOMPARE(oldPort, m_port);
    const qsizetype inStream = m_redis.streamTraceIds().size(); // from the tests before
    Poster keptAlive(oldPort, true);
    Poster oneShot(oldPort, false);
    keptAlive.start();
    oneShot.start();
    QTRY_VERIFY(keptAlive.answered() >= 30 && oneShot.answered() >= 30);

    SettingsDialog dialog(m_app.get());
    const quint16 newPort = RedisServer::freePort();
    setText(dialog, QStringLiteral("port"), QString::number(newPort));
    {
        // Like TradingView after the URL was changed: new connections go to the new port from
        // the moment the dialog says it listens there.
        std::lock_guard hold(oneShot.gate());
        QVERIFY2(dialog.save(), qPrintable(dialog.outcome()));
        QVERIFY(dialog.outcome().contains(QStringLiteral("Applied now: port")));
        oneShot.setPort(newPort);
    }
    QCOMPARE(m_app->receiver()->port(), newPort);
    const int before = oneShot.answered();
    QTRY_VERIFY(oneShot.answered() >= before + 30);
    QTest::qWait(300); // the kept-alive connection goes on meanwhile
    keptAlive.stop();
    oneShot.stop();

    qInfo("re-bound %d -> %d: %d webhooks on the kept-alive connection, %d on new ones (%d after)",
          oldPort, newPort, keptAlive.answered(), oneShot.answered(),
          int(oneShot.portsUsed().count(newPort)));
    QCOMPARE(keptAlive.failures(), QStringList());
    QCOMPARE(oneShot.failures(), QStringList());
    QVERIFY(oneShot.portsUsed().contains(newPort));
    QVERIFY(!accepts(oldPort));
    QVERIFY(accepts(newPort));
    // Every answered webhook is in the stream, once.
    const QList<QByteArray> answered = keptAlive.traces() + oneShot.traces();
    QTRY_COMPARE(m_redis.streamTraceIds().size() - inStream, answered.size());
    QSet<QByteArray> streamed;
    for (const QByteArray &trace : m_redis.streamTraceIds().mid(inStream))
        streamed.insert(trace);
    QCOMPARE(streamed.size(), answered.size());
    for (const QByteArray &trace : answered)
        QVERIFY2(streamed.contains(trace), trace.constData());
}

void TestSettingsDialog::failedBindKeepsTheOldListener()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    SettingsDialog dialog(m_app.get());
    setText(dialog, QStringLiteral("port"), QString::number(squatter.serverPort()));
    QVERIFY(!dialog.save());
    QVERIFY2(dialog.outcome().contains(QStringLiteral("The listener stays where it was: ")),
             qPrintable(dialog.outcome()));
    QVERIFY2(dialog.outcome().contains(QString::number(squatter.serverPort())),
             qPrintable(dialog.outcome()));
    QCOMPARE(m_app->receiver()->port(), m_port);
    QCOMPARE(
        HttpClient::request(m_port, "POST", "/webhook", "{}", {{"X-Webhook-Token", token}}).status,
        200);
    // The file keeps the port that listens, so the next start listens there too.
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("T6_CONFIG"), dialog.configFile());
    QCOMPARE(SettingsLoader::load({QStringLiteral("terminal6")}, environment).settings.port,
             m_port);
}

void TestSettingsDialog::redisChangeReconnects()
{
    RedisServer other;
    T6_START_REDIS(other);
    SettingsDialog dialog(m_app.get());
    setText(dialog, QStringLiteral("redis-port"), QString::number(other.port()));
    QVERIFY2(dialog.save(), qPrintable(dialog.outcome()));
    QVERIFY2(dialog.outcome().contains(QStringLiteral("redis-port")), qPrintable(dialog.outcome()));
    // The forwarder, the monitor's subscriber and the probes all moved.
    const HttpResponse posted =
        HttpClient::request(m_port, "POST", "/webhook", "{}", {{"X-Webhook-Token", token}});
    QCOMPARE(posted.status, 200);
    const QByteArray trace = posted.json().value(QLatin1String("trace_id")).toString().toLatin1();
    QTRY_VERIFY(other.streamTraceIds().contains(trace));
    QVERIFY(!m_redis.streamTraceIds().contains(trace));
    QTRY_VERIFY(other.run({"PUBSUB", "NUMSUB", "websockets"}).elements.value(1).integer >= 1);
    // And left the old one: no connection of ours stays there.
    QTRY_COMPARE(m_redis.run({"PUBSUB", "NUMSUB", "websockets"}).elements.value(1).integer, 0);
    const auto namedClients = [this] {
        const QByteArray list = m_redis.run({"CLIENT", "LIST"}).string;
        return list.count("id=") - list.count("name= "); // ours name themselves; run()'s do not
    };
    QTRY_COMPARE(namedClients(), 0);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
