#pragma once

#include <QByteArray>
#include <QString>

// UTC timestamps as Qt::ISODateWithMs writes them ("2026-12-02T14:47:04.123Z"), without
// QDateTime: on the request path, where each webhook's events are stamped several times,
// QDateTime's conversions cost more than the rest of the event.
namespace IsoTime {
QByteArray utcWithMs(qint64 msSinceEpoch);
} // namespace IsoTime
