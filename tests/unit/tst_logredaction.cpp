// Unit tests of LogRedaction: Qt's request logging stays off whatever the rules say, other rules
// still apply, and no message reaches the handler before it with a configured token in it.
#include "LogRedaction.h"

#include <QLoggingCategory>
#include <QTest>

namespace {

const QByteArray token = QByteArrayLiteral("log-check-token-3b7e");
QStringList printed; // what the handler installed before LogRedaction was given

void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    printed.append(message);
}

} // namespace

class TestLogRedaction : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void requestLoggingStaysOff_data();
    void requestLoggingStaysOff();
    void otherRulesStillApply();
    void messagesAreRedacted_data();
    void messagesAreRedacted();
};

void TestLogRedaction::initTestCase()
{
    qInstallMessageHandler(&capture);
    LogRedaction::install({token, QByteArrayLiteral("next-token-9d")});
    // As QT_LOGGING_RULES="*.debug=true;qt.*=true" would.
    QLoggingCategory::setFilterRules(
        QStringLiteral("*.debug=true\nqt.*=true\nt6.quiet.debug=false"));
}

void TestLogRedaction::init()
{
    printed.clear();
}

void TestLogRedaction::requestLoggingStaysOff_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("qt.httpserver") << QByteArray("qt.httpserver");
    QTest::newRow("qt.httpserver.request") << QByteArray("qt.httpserver.request");
    QTest::newRow("qt.httpserver.router.rule") << QByteArray("qt.httpserver.router.rule");
}

void TestLogRedaction::requestLoggingStaysOff()
{
    QFETCH(QByteArray, name);

    const QLoggingCategory category(name.constData());
    QVERIFY(!category.isDebugEnabled());
    QVERIFY(!category.isInfoEnabled());
    QVERIFY(category.isWarningEnabled());
    qCDebug(category) << "Request:" << token;
    qCInfo(category) << "Request:" << token;
    QVERIFY2(printed.isEmpty(), qPrintable(printed.join(QLatin1Char('\n'))));
}

void TestLogRedaction::otherRulesStillApply()
{
    const QLoggingCategory qtOther("qt.network.monitor");
    const QLoggingCategory app("t6.loud");
    const QLoggingCategory quiet("t6.quiet");
    QVERIFY(qtOther.isDebugEnabled());
    QVERIFY(app.isDebugEnabled());
    QVERIFY(!quiet.isDebugEnabled());
    QVERIFY(quiet.isInfoEnabled());
    qCDebug(app) << "plain line";
    QCOMPARE(printed, QStringList{QStringLiteral("plain line")});
}

void TestLogRedaction::messagesAreRedacted_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");

    const QString t = QString::fromLatin1(token);
    QTest::newRow("raw") << QStringLiteral("token ") + t << QStringLiteral("token ***");
    QTest::newRow("in a URL") << QStringLiteral("QUrl(\"http://h/webhook?token=") + t +
                                     QStringLiteral("\")")
                              << QStringLiteral("QUrl(\"http://h/webhook?token=***\")");
    QTest::newRow("percent-encoded") << QStringLiteral("?token=%6C%6F%67-check-token-3b7e&x=1")
                                     << QStringLiteral("?token=***&x=1");
    QTest::newRow("JSON-escaped") << QStringLiteral(R"({"token":"log-check-token-3b7\u0065"})")
                                  << QStringLiteral(R"({"token":"***"})");
    QTest::newRow("the second token")
        << QStringLiteral("a next-token-9d b") << QStringLiteral("a *** b");
    QTest::newRow("non-ASCII kept")
        << QStringLiteral("prix 12 € ") + t << QStringLiteral("prix 12 € ***");
    QTest::newRow("no token") << QStringLiteral("log-check-token is not it")
                              << QStringLiteral("log-check-token is not it");
}

void TestLogRedaction::messagesAreRedacted()
{
    QFETCH(QString, message);
    QFETCH(QString, expected);

    qWarning().noquote() << message;
    QCOMPARE(printed, QStringList{expected});
}

QTEST_GUILESS_MAIN(TestLogRedaction)
#include "tst_logredaction.moc"
