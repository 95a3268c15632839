#pragma once

#include <QByteArray>
#include <QHash>

#include <iterator>
#include <list>
#include <utility>

// A hash from keys to values that remembers the order they were last used in, for tables that
// stay bounded by dropping their least recently used entry. Every operation is O(1).
template <typename Value> class LruHash
{
public:
    qsizetype size() const { return m_index.size(); }
    bool isEmpty() const { return m_index.isEmpty(); }

    // nullptr when absent; leaves the order alone.
    const Value *find(const QByteArray &key) const
    {
        const auto it = m_index.constFind(key);
        return it == m_index.constEnd() ? nullptr : &(*it)->second;
    }
    // nullptr when absent; else the entry, now the most recently used.
    Value *use(const QByteArray &key)
    {
        const auto it = m_index.constFind(key);
        if (it == m_index.constEnd())
            return nullptr;
        m_order.splice(m_order.end(), m_order, *it);
        return &(*it)->second;
    }
    // `key` must be absent; the new entry is the most recently used.
    Value &insert(const QByteArray &key, Value value)
    {
        m_order.emplace_back(key, std::move(value));
        m_index.insert(key, std::prev(m_order.end()));
        return m_order.back().second;
    }
    void remove(const QByteArray &key)
    {
        const auto it = m_index.constFind(key);
        if (it == m_index.constEnd())
            return;
        m_order.erase(*it);
        m_index.erase(it);
    }

    // The least recently used entry; the table must not be empty.
    const Value &oldest() const { return m_order.front().second; }
    void removeOldest()
    {
        m_index.remove(m_order.front().first);
        m_order.pop_front();
    }

private:
    using Order = std::list<std::pair<QByteArray, Value>>;
    Order m_order; // least recently used first
    QHash<QByteArray, typename Order::iterator> m_index;
};
