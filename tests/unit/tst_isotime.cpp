// IsoTime writes what QDateTime writes (Qt::ISODateWithMs, UTC), and EventParser's quick quoting
// of plain strings what QJsonDocument writes: both replace Qt's own on the request path, so any
// difference would change the wire.
#include "IsoTime.h"
#include "JsonText.h"
#include "monitor/EventParser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

class TestIsoTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsQDateTime();
    void prefixSameAsQJsonDocument();
};

void TestIsoTime::sameAsQDateTime()
{
    QList<qint64> samples{0,
                          1,
                          999,
                          1000,
                          -1,
                          -999,
                          -1000,
                          -1001,
                          951'782'400'000,      // 2000-02-29
                          4'102'444'799'999,    // 2099-12-31T23:59:59.999
                          253'402'300'799'999}; // 9999-12-31T23:59:59.999
    QRandomGenerator random(42);
    for (int i = 0; i < 20000; ++i)
        samples << qint64(random.bounded(Q_INT64_C(253'402'300'800'000)) -
                          Q_INT64_C(10'000'000'000'000));
    for (const qint64 ms : samples)
        QCOMPARE(
            IsoTime::utcWithMs(ms),
            QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1());
}

void TestIsoTime::prefixSameAsQJsonDocument()
{
    const auto qt = [](const QString &text) {
        return QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    };
    for (const QString &text :
         {QStringLiteral("webhook_received"), QStringLiteral("T6"), QString(),
          QStringLiteral("quote \" and \\ backslash"), QStringLiteral("tab\tnew\nline"),
          QStringLiteral("del \x7f"), QStringLiteral("é ✔ 𝄞"), QStringLiteral("\x01\x1f")})
        QCOMPARE(JsonText::eventPrefix(text, text),
                 "{\"type\":" + qt(text) + ",\"source\":" + qt(text));
}

QTEST_MAIN(TestIsoTime)
#include "tst_isotime.moc"
