// Unit tests of LogModel (lines from any thread, redacted, taken in batches, bounded) and of
// LineBudget (how many of them are written at all).
#include "LineBudget.h"
#include "LogModel.h"
#include "LogRedaction.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <thread>

Q_LOGGING_CATEGORY(lcTest, "t6.test")

class TestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturesRedactedLinesInBatches()
    {
        LogRedaction::install({QByteArrayLiteral("log-model-secret")});
        LogModel model;
        model.capture();
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 50; ++i)
            qCInfo(lcTest) << "line" << i << "token log-model-secret";
        std::thread other([] { qCWarning(lcTest) << "from another thread"; });
        other.join();
        QTRY_COMPARE(model.rowCount(), 51);
        QVERIFY2(inserted.size() <= 2, "taken in batches, not line by line");
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(
                !model.index(row).data().toString().contains(QStringLiteral("log-model-secret")));
        QVERIFY(model.index(0).data().toString().contains(QStringLiteral("line 0")));
        QCOMPARE(model.index(50).data(LogModel::LevelRole).toInt(), int(QtWarningMsg));
    }

    void lineBudgetCountsWhatItHoldsBack()
    {
        LineBudget budget(3);
        int written = 0;
        for (int i = 0; i < 10; ++i)
            written += budget.allow();
        QCOMPARE(written, 3);
        QCOMPARE(budget.takeSkipped(), 0); // told once its second is over
        QTest::qWait(1050);
        QCOMPARE(budget.takeSkipped(), 7);
        QCOMPARE(budget.takeSkipped(), 0);
        QVERIFY(budget.allow()); // a new second
    }

    void keepsTheNewest()
    {
        LogModel model;
        for (int i = 0; i < LogModel::MaxLines + 100; ++i)
            model.append(QtInfoMsg, QStringLiteral("line %1").arg(i));
        QTRY_COMPARE(model.rowCount(), LogModel::MaxLines);
        QVERIFY(model.index(model.rowCount() - 1)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("line %1").arg(LogModel::MaxLines + 99)));
    }
};

QTEST_GUILESS_MAIN(TestLogModel)
#include "tst_logmodel.moc"
