// French and English: the whole window is built once in English and once in French (on the real
// Application against a real redis-server, as GuiRunner builds it, the language installed
// first), every tab visited, and every text a user can read collected by widget path. A text
// that reads the same in both languages and still holds an English word (past the proper names
// and wire names allowed below) is untranslated: the test lists them. It also checks that
// translations/terminal6_fr.ts has nothing unfinished, that the .qm files are in the binary, and
// that Qt's own dialogs and the locale's numbers follow the language.
#include "Application.h"
#include "ForwardingSwitch.h"
#include "Language.h"
#include "LogModel.h"
#include "MainWindow.h"
#include "config/SettingsLoader.h"
#include "receiver/ReceiverService.h"
#include "settings/SettingsDialog.h"
#include "setup/SetupAssistant.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/TestSettings.h"
#include "webhooks/WebhooksTab.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

namespace {

const QByteArray token = QByteArrayLiteral("translations-test-token-7c2a");

// Words that read the same in French, proper names, and wire names shown as they are sent.
const QStringList allowedWords{
    // proper names, products, protocols, formats
    QStringLiteral("terminal"), QStringLiteral("redis"), QStringLiteral("tradingview"),
    QStringLiteral("aristobot"), QStringLiteral("daphne"), QStringLiteral("django"),
    QStringLiteral("api"), QStringLiteral("heartbeat"), QStringLiteral("frontend"),
    QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("jsonl"), QStringLiteral("lines"),
    QStringLiteral("curl"), QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("ip"),
    QStringLiteral("utc"), QStringLiteral("ok"), QStringLiteral("publish"), QStringLiteral("url"),
    // the same word in French
    QStringLiteral("webhook"), QStringLiteral("webhooks"), QStringLiteral("positions"),
    QStringLiteral("position"), QStringLiteral("action"), QStringLiteral("exchange"),
    QStringLiteral("trace"), QStringLiteral("signal"), QStringLiteral("stop"),
    QStringLiteral("loss"), QStringLiteral("take"), QStringLiteral("profit"), QStringLiteral("ms"),
    QStringLiteral("min"),
    // Aristobot3's actions and the symbols and exchanges of the payloads
    QStringLiteral("buy"), QStringLiteral("sell"), QStringLiteral("ping"), QStringLiteral("maj"),
    QStringLiteral("btcusdt"), QStringLiteral("binance"), QStringLiteral("buymarket"),
    QStringLiteral("sellmarket"), QStringLiteral("buylimit"), QStringLiteral("selllimit"),
    // percentiles (p50, p99 once the digits are gone)
    QStringLiteral("p")};

// Whole texts kept as they are: where a terminal's state was read from (a Redis command; "self",
// set by Application for T6 itself), like the channel names beside them.
const QStringList allowedTexts{QStringLiteral("CLIENT LIST"), QStringLiteral("self"),
                               QStringLiteral("PUBSUB NUMSUB webhook_raw"),
                               QStringLiteral("LLEN exchange_requests")};

// What is left of a text to translate: no markup, URLs, numbers, identifiers or accelerators.
QStringList englishWords(QString text)
{
    static const QRegularExpression markup(QStringLiteral("<[^>]*>"));
    static const QRegularExpression url(QStringLiteral("\\S+://\\S+"));
    static const QRegularExpression identifier(QStringLiteral("\\S*[_$/:.@=-]\\S*"));
    static const QRegularExpression word(QStringLiteral("\\p{L}{1,}"));
    text.remove(markup).replace(QStringLiteral("&amp;"), QStringLiteral("&")).remove(u'&');
    text.remove(url).remove(identifier);
    QStringList words;
    for (auto it = word.globalMatch(text); it.hasNext();) {
        const QString w = it.next().captured().toLower();
        if (w.size() > 1 && !allowedWords.contains(w))
            words.append(w);
    }
    return words;
}

// A widget's place in the window, the same in both builds: class#index among its like siblings.
QString pathOf(const QObject *object)
{
    QStringList segments;
    for (const QObject *o = object; o; o = o->parent()) {
        int index = 0;
        if (const QObject *parent = o->parent()) {
            for (const QObject *sibling : parent->children()) {
                if (sibling == o)
                    break;
                if (sibling->metaObject() == o->metaObject())
                    ++index;
            }
        }
        segments.prepend(QString::fromLatin1(o->metaObject()->className()) + u'#' +
                         QString::number(index));
    }
    return segments.join(u'/');
}

// Every text a user can read in `root` and its children, by widget path. The values of the
// settings dialog's editors (a setting's default, its choices) are config values, not prose.
void collectTexts(const QWidget *root, QMap<QString, QString> &texts)
{
    const auto add = [&texts](const QObject *object, const QString &what, const QString &text) {
        if (!text.trimmed().isEmpty())
            texts.insert(pathOf(object) + u':' + what, text);
    };
    const auto isSettingValue = [](const QObject *editor) {
        return SettingsLoader::find(editor->objectName()) != nullptr;
    };
    add(root, QStringLiteral("windowTitle"), root->windowTitle());
    for (const QWidget *w : root->findChildren<QWidget *>())
        add(w, QStringLiteral("toolTip"), w->toolTip());
    for (const QLabel *label : root->findChildren<QLabel *>())
        add(label, QStringLiteral("text"), label->text());
    for (const QAbstractButton *button : root->findChildren<QAbstractButton *>())
        add(button, QStringLiteral("text"), button->text());
    for (const QAction *action : root->findChildren<QAction *>()) {
        add(action, QStringLiteral("text"), action->text());
        add(action, QStringLiteral("actionToolTip"),
            action->toolTip() == QString(action->text()).remove(u'&') ? QString()
                                                                      : action->toolTip());
    }
    for (const QLineEdit *edit : root->findChildren<QLineEdit *>())
        if (!isSettingValue(edit))
            add(edit, QStringLiteral("placeholder"), edit->placeholderText());
    for (const QPlainTextEdit *edit : root->findChildren<QPlainTextEdit *>())
        add(edit, QStringLiteral("placeholder"), edit->placeholderText());
    for (const QGroupBox *box : root->findChildren<QGroupBox *>())
        add(box, QStringLiteral("title"), box->title());
    for (const QComboBox *box : root->findChildren<QComboBox *>())
        for (int i = 0; i < box->count() && !isSettingValue(box); ++i)
            add(box, QStringLiteral("item") + QString::number(i), box->itemText(i));
    for (const QAbstractItemView *view : root->findChildren<QAbstractItemView *>()) {
        const QAbstractItemModel *model = view->model();
        if (!model)
            continue;
        for (int c = 0; c < model->columnCount(); ++c)
            add(view, QStringLiteral("header") + QString::number(c),
                model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    }
    for (const QChartView *view : root->findChildren<QChartView *>()) {
        const QChart *chart = view->chart();
        add(view, QStringLiteral("chartTitle"), chart->title());
        int n = 0;
        for (const QAbstractAxis *axis : chart->axes()) {
            const QString key = QStringLiteral("axis") + QString::number(n++);
            add(view, key, axis->titleText());
            if (auto *categories = qobject_cast<QCategoryAxis *>(const_cast<QAbstractAxis *>(axis)))
                add(view, key + QStringLiteral("labels"),
                    categories->categoriesLabels().join(u'|'));
        }
        n = 0;
        for (const QAbstractSeries *series : chart->series())
            add(view, QStringLiteral("series") + QString::number(n++), series->name());
    }
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void frenchFileIsComplete();
    void translationsAreEmbedded();
    void everyShownTextIsFrench();

private:
    // Builds the window in `language`, visits every tab, returns path -> text.
    QMap<QString, QString> shownTexts(const QString &language);

    RedisServer m_redis;
};

void TestTranslations::initTestCase()
{
    T6_START_REDIS(m_redis);
}

void TestTranslations::cleanupTestCase()
{
    Language::install(qApp, QStringLiteral("en"));
}

void TestTranslations::frenchFileIsComplete()
{
    QFile ts(QStringLiteral(T6_FR_TS));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    const QByteArray text = ts.readAll();
    QVERIFY(text.contains("<TS version=\"2.1\" language=\"fr"));
    QVERIFY2(!text.contains("type=\"unfinished\""), "terminal6_fr.ts has unfinished translations");
    QVERIFY2(!text.contains("type=\"vanished\"") && !text.contains("type=\"obsolete\""),
             "terminal6_fr.ts keeps texts the code no longer has (lupdate -no-obsolete)");
    QVERIFY2(!text.contains("<translation></translation>") && !text.contains("<translation/>") &&
                 !text.contains("<numerusform></numerusform>"),
             "terminal6_fr.ts has empty translations");
}

void TestTranslations::translationsAreEmbedded()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/terminal6_fr.qm")));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/terminal6_en.qm")));

    Language::install(qApp, QStringLiteral("fr"));
    QCOMPARE(Language::current(), QStringLiteral("fr"));
    QCOMPARE(QLocale().language(), QLocale::French);
    QCOMPARE(QCoreApplication::translate("WebhookHistoryModel", "Price"), QStringLiteral("Prix"));
    // Qt's own dialogs (QMessageBox's buttons) are French too.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Annuler"));
    QCOMPARE(Language::number(43500.5),
             QStringLiteral("43") + QLocale().groupSeparator() + QStringLiteral("500,5"));
    QCOMPARE(Language::number(0.01), QStringLiteral("0,01"));

    Language::install(qApp, QStringLiteral("en"));
    QCOMPARE(Language::current(), QStringLiteral("en"));
    QCOMPARE(QLocale().language(), QLocale::English);
    QCOMPARE(QCoreApplication::translate("WebhookHistoryModel", "Price"), QStringLiteral("Price"));
    QCOMPARE(QCoreApplication::translate("WebhooksTab", "%n webhook(s) written to %1", nullptr, 1),
             QStringLiteral("%n webhook written to %1")
                 .replace(QStringLiteral("%n"), QStringLiteral("1")));
    QCOMPARE(Language::number(43500.5), QStringLiteral("43,500.5"));
}

QMap<QString, QString> TestTranslations::shownTexts(const QString &language)
{
    QMap<QString, QString> texts;
    Language::install(qApp, language); // before the Application, as GuiRunner does
    QTemporaryDir data;
    LogModel log;
    Application app(testSettings(m_redis, data.path(), token));
    if (const QString error = app.start(); !error.isEmpty()) {
        qWarning() << error;
        return texts;
    }
    // A webhook in the list, selected: the inspector shows its fields and its steps.
    HttpClient::request(
        app.receiver()->port(), "POST", "/webhook",
        R"({"Symbol":"BTCUSDT","Exchange":"BINANCE","Action":"BUY","Prix":43500.5})",
        {{"X-Webhook-Token", token}});
    ForwardingSwitch forwarding(app.receiver());
    MainWindow window(&app, &forwarding, &log);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return texts;
    QTableView *table = window.webhooks()->table();
    if (!QTest::qWaitFor([table] { return table->model()->rowCount() == 1; }, 5000))
        return texts;
    table->selectRow(0);
    QTest::qWait(300); // the inspector follows the selection within 200 ms

    for (int tab = 0; tab < window.tabs()->count(); ++tab) {
        window.tabs()->setCurrentIndex(tab);
        QTest::qWait(50);
        texts.insert(pathOf(window.tabs()) + QStringLiteral(":tab") + QString::number(tab),
                     window.tabs()->tabText(tab));
        collectTexts(&window, texts);
    }
    // The settings dialog, page by page, and the assistant, page by page, its test alert sent.
    SettingsDialog settings(&app, &window);
    settings.show();
    auto *pages = settings.findChild<QListWidget *>();
    for (int page = 0; page < pages->count(); ++page) {
        pages->setCurrentRow(page);
        QTest::qWait(20);
        texts.insert(pathOf(pages) + QStringLiteral(":item") + QString::number(page),
                     pages->item(page)->text());
        collectTexts(&settings, texts);
    }
    settings.close();
    SetupAssistant assistant(&app, &window);
    assistant.show();
    for (int page = 0; page < 3; ++page) {
        if (page == 2) {
            QSignalSpy finished(&assistant, &SetupAssistant::testFinished);
            assistant.sendTestAlert();
            finished.wait(10000);
        }
        collectTexts(&assistant, texts);
        assistant.next();
        QTest::qWait(20);
    }
    assistant.close();
    window.close();
    app.stop(std::chrono::milliseconds(0));
    return texts;
}

void TestTranslations::everyShownTextIsFrench()
{
    const QMap<QString, QString> english = shownTexts(QStringLiteral("en"));
    const QMap<QString, QString> french = shownTexts(QStringLiteral("fr"));
    QVERIFY2(english.size() > 100, qPrintable(QString::number(english.size())));
    QCOMPARE(french.keys(), english.keys()); // the same window twice

    QStringList untranslated;
    int translated = 0;
    for (auto it = english.cbegin(); it != english.cend(); ++it) {
        const QString fr = french.value(it.key());
        if (fr != it.value()) {
            ++translated;
            continue;
        }
        if (allowedTexts.contains(fr) || SettingsLoader::find(fr))
            continue; // a setting's name labels its field, as on the command line
        if (const QStringList words = englishWords(fr); !words.isEmpty())
            untranslated.append(it.key() + QStringLiteral(": \"") + fr + QStringLiteral("\" (") +
                                words.join(u' ') + u')');
    }
    qInfo("%d texts collected, %d differ in French", int(english.size()), translated);
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(QStringLiteral("%1 text(s) shown in English in the French window:\n")
                            .arg(untranslated.size()) +
                        untranslated.join(u'\n')));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
