#include "JsonText.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace JsonText {

QByteArray string(const QString &text)
{
    // Plain printable ASCII (every type and source we publish) is only quoted.
    bool plain = true;
    for (const QChar c : text)
        plain = plain && c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    if (plain)
        return '"' + text.toLatin1() + '"';
    return QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

QByteArray value(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QByteArrayLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? QByteArrayLiteral("true") : "false";
    case QJsonValue::String: return string(value.toString());
    case QJsonValue::Double: {
        // Stored as an integer or a double, and written as such (qjsonwriter.cpp).
        const QCborValue number = QCborValue::fromJsonValue(value);
        if (number.isInteger())
            return QByteArray::number(number.toInteger());
        const double d = number.toDouble();
        return std::isfinite(d) ? QByteArray::number(d, 'g', QLocale::FloatingPointShortest)
                                : QByteArrayLiteral("null");
    }
    case QJsonValue::Array:
    case QJsonValue::Object: break;
    }
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

QByteArray eventPrefix(const QString &type, const QString &source, const QString &receiver)
{
    // Key order as in WIRE.md; a receiver's name next to its source, so that a monitor tells its
    // own events from another receiver's by their first bytes.
    QByteArray prefix = "{\"type\":" + string(type) + ",\"source\":" + string(source);
    if (!receiver.isEmpty())
        prefix += ",\"receiver\":" + string(receiver);
    return prefix;
}

} // namespace JsonText
