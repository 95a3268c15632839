#pragma once

#include <QString>

class QCoreApplication;
class QDateTime;

// The window's language: English (the source) or French, the system's by default. Installs the
// translations embedded under :/i18n and Qt's own, and sets the default QLocale that the views
// write numbers and dates with. Wire formats and exported files never go through here.
class Language
{
public:
    // choice: "auto" (French when the system's language is French, English otherwise), "en", "fr".
    static void install(QCoreApplication *app, const QString &choice);
    // "fr" or "en": what install() chose.
    static QString current();

    // How the views show a number: the locale's separators, at most maxDecimals, no trailing zeros.
    static QString number(double value, int maxDecimals = 8);
    // How the views show a date and time: the locale's short date, a 24-hour clock.
    static QString dateTime(const QDateTime &at, bool milliseconds = false);
};
