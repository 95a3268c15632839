#include "IsoTime.h"

#include <QDateTime>

#include <cstdio>
#include <ctime>

namespace IsoTime {

QByteArray utcWithMs(qint64 msSinceEpoch)
{
    // Floor division: before 1970 the milliseconds still count up within their second.
    qint64 seconds = msSinceEpoch / 1000;
    qint64 ms = msSinceEpoch % 1000;
    if (ms < 0) {
        ms += 1000;
        --seconds;
    }
    const std::time_t time = std::time_t(seconds);
    std::tm utc{};
    if (!gmtime_r(&time, &utc) || utc.tm_year + 1900 < 0 || utc.tm_year + 1900 > 9999)
        return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC)
            .toString(Qt::ISODateWithMs)
            .toLatin1();
    char text[32];
    const int n =
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                      utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, int(ms));
    return QByteArray(text, n);
}

} // namespace IsoTime
