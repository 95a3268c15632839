#include "journal/JournalRecord.h"

#include <array>
#include <utility>

namespace {

constexpr std::array<std::pair<Fate, const char *>, 7> fateNames{{
    {Fate::None, "none"},
    {Fate::Pending, "pending"},
    {Fate::Forwarded, "forwarded"},
    {Fate::Held, "held"},
    {Fate::Expired, "expired"},
    {Fate::Replayed, "replayed"},
    {Fate::Duplicate, "duplicate"},
}};

constexpr std::array<std::pair<Outcome, const char *>, 3> outcomeNames{{
    {Outcome::Accepted, "accepted"},
    {Outcome::Duplicate, "duplicate"},
    {Outcome::Rejected, "rejected"},
}};

template <typename Enum, size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[e, name] : names) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, size_t N>
Enum valueOf(const std::array<std::pair<Enum, const char *>, N> &names, QStringView text)
{
    for (const auto &[e, name] : names) {
        if (text == QLatin1String(name))
            return e;
    }
    return names.front().first;
}

} // namespace

QString fateName(Fate fate)
{
    return nameOf(fateNames, fate);
}

Fate fateFromName(QStringView name)
{
    return valueOf(fateNames, name);
}

QString outcomeName(Outcome outcome)
{
    return nameOf(outcomeNames, outcome);
}

Outcome outcomeFromName(QStringView name)
{
    return valueOf(outcomeNames, name);
}
