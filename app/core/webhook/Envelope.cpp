#include "webhook/Envelope.h"

#include <QUuid>

#include <ctime>

namespace Envelope {

QByteArray build(const QByteArray &payloadJson, const QString &receivedAt, const QString &sourceIp,
                 const QString &traceId, const QString &receiver)
{
    // The strings are made here (timestamp, address, UUID) or checked by the settings (the
    // receiver's name): nothing in them needs escaping.
    QByteArray out;
    out.reserve(payloadJson.size() + 128);
    out += "{\"payload\":";
    out += payloadJson;
    out += ",\"received_at\":\"";
    out += receivedAt.toLatin1();
    out += "\",\"source_ip\":\"";
    out += sourceIp.toLatin1();
    out += "\",\"trace_id\":\"";
    out += traceId.toLatin1();
    out += "\",\"receiver\":\"";
    out += receiver.toLatin1();
    out += "\"}";
    return out;
}

QString formatTimestamp(std::chrono::system_clock::time_point time)
{
    using namespace std::chrono;
    const auto micros = duration_cast<microseconds>(time.time_since_epoch()).count();
    const std::time_t seconds = std::time_t(micros / 1'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<long long>(micros % 1'000'000));
    return QString::fromLatin1(text);
}

QString plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    return address.toString();
}

QString newTraceId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace Envelope
