#include "Language.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLibraryInfo>
#include <QList>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcLanguage, "t6.ui.language")

namespace {

QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

QString chosen = QStringLiteral("en");

void load(QCoreApplication *app, const QString &name, const QString &folder)
{
    auto *translator = new QTranslator(app);
    if (!translator->load(name, folder)) {
        qCInfo(lcLanguage) << "no translation" << name << "in" << folder;
        delete translator;
        return;
    }
    QCoreApplication::installTranslator(translator);
    installed().append(translator);
}

} // namespace

void Language::install(QCoreApplication *app, const QString &choice)
{
    // A second call (the tests switch languages) replaces the first one's translators.
    for (const QPointer<QTranslator> &translator : std::as_const(installed())) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed().clear();

    const QLocale system = QLocale::system();
    const bool french = choice == QLatin1String("fr") ||
                        (choice != QLatin1String("en") && system.language() == QLocale::French);
    QLocale locale;
    if (french)
        locale = QLocale(QLocale::French, QLocale::France);
    else if (system.language() == QLocale::English)
        locale = system; // keeps en_GB's dates, en_IN's digit groups
    else
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(locale);
    chosen = french ? QStringLiteral("fr") : QStringLiteral("en");

    if (french)
        load(app, QStringLiteral("qtbase_fr"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    // English has its own file too: the plural forms of the "%n webhook(s)" texts.
    load(app, QStringLiteral("terminal6_") + chosen, QStringLiteral(":/i18n"));
    qCInfo(lcLanguage) << "language" << chosen << "locale" << locale.name() << "(asked for"
                       << choice << "system" << system.name() << ")";
}

QString Language::current()
{
    return chosen;
}

QString Language::number(double value, int maxDecimals)
{
    const QLocale locale;
    QString shown = locale.toString(value, 'f', maxDecimals);
    const QString point = locale.decimalPoint();
    if (maxDecimals > 0 && shown.contains(point)) {
        const QString zero = locale.zeroDigit();
        while (shown.endsWith(zero))
            shown.chop(zero.size());
        if (shown.endsWith(point))
            shown.chop(point.size());
    }
    if (shown == locale.negativeSign() + locale.zeroDigit())
        shown = locale.zeroDigit();
    return shown;
}

QString Language::dateTime(const QDateTime &at, bool milliseconds)
{
    if (!at.isValid())
        return {};
    const QLocale locale;
    return locale.toString(
        at, locale.dateFormat(QLocale::ShortFormat) +
                (milliseconds ? QStringLiteral(" HH:mm:ss.zzz") : QStringLiteral(" HH:mm:ss")));
}
