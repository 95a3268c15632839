#pragma once

#include "http/IpAllowlist.h"

#include <QByteArrayList>
#include <QHostAddress>

// Who the client of a request is (WIRE.md §2 source_ip): the TCP peer, unless the peer is a
// configured trusted proxy; then the rightmost X-Forwarded-For hop that is not itself a trusted
// proxy, or X-Real-IP. What an untrusted peer claims in those headers is never believed.
class ClientAddress
{
public:
    explicit ClientAddress(IpAllowlist trustedProxies = {});

    // `forwardedFor`: every X-Forwarded-For header value, in arrival order.
    QHostAddress resolve(const QHostAddress &peer, const QByteArrayList &forwardedFor,
                         const QByteArray &realIp) const;

    // IPv4-mapped IPv6 (::ffff:1.2.3.4) as plain IPv4, without scope id; others unchanged.
    static QHostAddress plain(const QHostAddress &address);
    // One key per client for per-client limits: an IPv4 address (also IPv4-mapped) as its 4
    // bytes, an IPv6 address as its /64 (8 bytes), one subscriber's usual allocation, so that
    // rotating through it buys nothing.
    static QByteArray key(const QHostAddress &address);
    // One X-Forwarded-For / X-Real-IP entry: "1.2.3.4", "1.2.3.4:80", "2001:db8::1",
    // "[2001:db8::1]:80"; a null address for anything else ("unknown", obfuscated ids, junk).
    static QHostAddress parseHop(QByteArrayView text);

private:
    IpAllowlist m_trusted;
};
