#include "http/ClientAddress.h"

ClientAddress::ClientAddress(IpAllowlist trustedProxies)
    : m_trusted(std::move(trustedProxies))
{}

QHostAddress ClientAddress::plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4);
    QHostAddress copy = address;
    copy.setScopeId(QString());
    return copy;
}

QByteArray ClientAddress::key(const QHostAddress &address)
{
    const QHostAddress client = plain(address);
    if (client.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = client.toIPv4Address();
        return QByteArray(reinterpret_cast<const char *>(&v4), sizeof v4);
    }
    const Q_IPV6ADDR v6 = client.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 8);
}

QHostAddress ClientAddress::parseHop(QByteArrayView text)
{
    QByteArrayView hop = text.trimmed();
    if (hop.startsWith('"') && hop.endsWith('"') && hop.size() >= 2)
        hop = hop.sliced(1, hop.size() - 2);
    if (hop.startsWith('[')) { // [v6] or [v6]:port
        const qsizetype close = hop.indexOf(']');
        if (close < 0)
            return {};
        hop = hop.sliced(1, close - 1);
    } else if (hop.count(':') == 1) { // v4:port
        hop = hop.first(hop.indexOf(':'));
    }
    if (hop.isEmpty() || hop.size() > 45) // longest textual IPv6 address
        return {};
    QHostAddress address;
    if (!address.setAddress(QString::fromLatin1(hop)))
        return {};
    return plain(address);
}

QHostAddress ClientAddress::resolve(const QHostAddress &peer, const QByteArrayList &forwardedFor,
                                    const QByteArray &realIp) const
{
    const QHostAddress direct = plain(peer);
    if (!m_trusted.contains(direct))
        return direct;

    QList<QHostAddress> hops;
    for (const QByteArray &header : forwardedFor) {
        for (const QByteArray &entry : header.split(',')) {
            const QHostAddress hop = parseHop(entry);
            if (!hop.isNull())
                hops.append(hop);
        }
    }
    // Each trusted proxy appends the address it saw: walk back from our side until someone we
    // do not trust, whose own claims (further left) could be forged.
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        if (!m_trusted.contains(*it))
            return *it;
    }
    const QHostAddress real = parseHop(realIp);
    if (!real.isNull())
        return real;
    // Only trusted hops: the client is the first of them (an internal caller).
    return hops.isEmpty() ? direct : hops.constFirst();
}
