// The first window under the offscreen platform: it shows what the receiver and the model say.
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"
#include "ui/MainWindow.h"
#include "webhook/WebhookEvents.h"

#include <QApplication>
#include <QLabel>
#include <QTableView>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsReceiverStateAndWebhooks()
    {
        Settings settings;
        settings.host = QStringLiteral("0.0.0.0"); // no token: shown as loopback only
        settings.port = 0;
        settings.redis.port = 1; // nothing there
        ReceiverService receiver(settings);
        WebhookHistoryModel webhooks;
        MainWindow window(&receiver, &webhooks);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const auto labelTexts = [&window] {
            QStringList texts;
            for (const QLabel *label : window.findChildren<QLabel *>())
                texts.append(label->text());
            return texts.join(QLatin1Char('\n'));
        };
        QVERIFY2(labelTexts().contains(QStringLiteral("not listening")), qPrintable(labelTexts()));
        QVERIFY(labelTexts().contains(QStringLiteral("loopback only")));

        QCOMPARE(receiver.start(), QString());
        QTRY_VERIFY(receiver.status().listening);
        QVERIFY2(labelTexts().contains(
                     QStringLiteral("http://127.0.0.1:%1/webhook").arg(receiver.port())),
                 qPrintable(labelTexts()));

        WebhookSummary summary;
        summary.traceId = QStringLiteral("6f1c2d4e-8a9b-4c3d-9e7f-0a1b2c3d4e5f");
        summary.symbol = QStringLiteral("BTCUSDT");
        summary.status = WebhookStatus::Received;
        summary.fields.insert(QLatin1String("symbol"), summary.symbol);
        webhooks.apply({WebhookEvents::received(summary)});
        Q_EMIT receiver.webhookAccepted(summary);
        webhooks.apply({WebhookEvents::fateChanged(summary.traceId, Fate::Forwarded, 1)});
        Q_EMIT receiver.webhookFateChanged(summary.traceId, Fate::Forwarded, 1);

        const QTableView *table = window.findChild<QTableView *>();
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, WebhookHistoryModel::Symbol).data().toString(),
                 QStringLiteral("BTCUSDT"));
        QCOMPARE(table->model()->index(0, WebhookHistoryModel::Status).data().toString(),
                 QStringLiteral("forwarded"));
        receiver.stop(std::chrono::milliseconds(0));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
