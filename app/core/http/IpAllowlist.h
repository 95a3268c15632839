#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

// A list of address ranges (IPv4/IPv6 CIDRs or single addresses, "tradingview" for TradingView's
// webhook senders), used both for who may post and for which peers are trusted proxies.
// IPv4-mapped IPv6 addresses match their IPv4 ranges.
class IpAllowlist
{
public:
    // TradingView's published webhook source addresses.
    static const QStringList &tradingViewAddresses();

    IpAllowlist() = default;
    // nullopt with `error` naming the first entry that is not a CIDR, address or alias.
    static std::optional<IpAllowlist> parse(const QStringList &entries, QString *error = nullptr);

    bool isEmpty() const { return m_ranges.isEmpty(); }
    // True when one of the ranges holds `address` (an empty list holds nothing).
    bool contains(const QHostAddress &address) const;
    // Allowlist semantics: an empty list lets everyone in.
    bool allows(const QHostAddress &address) const { return isEmpty() || contains(address); }

private:
    QList<QPair<QHostAddress, int>> m_ranges;
};
