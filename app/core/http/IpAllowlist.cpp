#include "http/IpAllowlist.h"

#include "http/ClientAddress.h"

const QStringList &IpAllowlist::tradingViewAddresses()
{
    // https://www.tradingview.com/support/solutions/43000529348 (webhook source IPs)
    static const QStringList addresses = {
        QStringLiteral("52.89.214.238"), QStringLiteral("34.212.75.30"),
        QStringLiteral("54.218.53.128"), QStringLiteral("52.32.178.7")};
    return addresses;
}

std::optional<IpAllowlist> IpAllowlist::parse(const QStringList &entries, QString *error)
{
    IpAllowlist list;
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue; // "a,,b" or a trailing comma: nothing meant
        if (entry.compare(QLatin1String("tradingview"), Qt::CaseInsensitive) == 0) {
            for (const QString &address : tradingViewAddresses())
                list.m_ranges.append({QHostAddress(address), 32});
            continue;
        }
        // QHostAddress::parseSubnet accepts bare addresses too (full-length prefix).
        const QPair<QHostAddress, int> range = QHostAddress::parseSubnet(entry);
        if (range.first.isNull() || range.second < 0) {
            if (error)
                *error = QStringLiteral("%1 is not an IP address or CIDR (like 203.0.113.0/24, "
                                        "2001:db8::/32 or tradingview)")
                             .arg(entry);
            return std::nullopt;
        }
        list.m_ranges.append(range);
    }
    return list;
}

bool IpAllowlist::contains(const QHostAddress &address) const
{
    const QHostAddress plain = ClientAddress::plain(address);
    for (const auto &range : m_ranges) {
        if (plain.isInSubnet(range))
            return true;
    }
    return false;
}
