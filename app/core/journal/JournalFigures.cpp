#include "journal/JournalFigures.h"

#include <QList>

#include <functional>

#include <algorithm>
#include <sqlite3.h>

namespace {

double percentile(const QList<qint64> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const qsizetype index = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * sorted.size()));
    return double(sorted.at(index));
}

} // namespace

JournalFigures JournalFigures::fromJournal(const QString &journalPath, qint64 sinceMs,
                                           qint64 untilMs, QString *error)
{
    JournalFigures stats;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(journalPath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return stats;
    }
    sqlite3_busy_timeout(db, 1000);
    auto query = [&](const char *sql, const std::function<void(sqlite3_stmt *)> &row) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
            sqlite3_bind_int64(stmt, 1, sinceMs);
            sqlite3_bind_int64(stmt, 2, untilMs);
            while (sqlite3_step(stmt) == SQLITE_ROW)
                row(stmt);
        } else if (error) {
            *error = QString::fromUtf8(sqlite3_errmsg(db));
        }
        sqlite3_finalize(stmt);
    };

    query(
        "SELECT outcome, fate, COUNT(*) FROM webhooks WHERE received_ms >= ?1 AND received_ms < ?2 "
        "GROUP BY outcome, fate",
        [&](sqlite3_stmt *s) {
            const QByteArray outcome(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
            const QByteArray fate(reinterpret_cast<const char *>(sqlite3_column_text(s, 1)));
            const qint64 n = sqlite3_column_int64(s, 2);
            stats.requests += n;
            if (outcome == "accepted")
                stats.accepted += n;
            else if (outcome == "duplicate")
                stats.duplicates += n;
            else
                stats.rejected += n;
            if (fate == "forwarded" || fate == "replayed")
                stats.forwarded += n;
            else if (fate == "held")
                stats.held += n;
            else if (fate == "expired")
                stats.expired += n;
            else if (fate == "pending")
                stats.pending += n;
        });
    query("SELECT json_extract(CAST(payload AS TEXT), '$.Action'), COUNT(*) FROM webhooks "
          "WHERE received_ms >= ?1 AND received_ms < ?2 AND outcome = 'accepted' "
          "AND json_valid(CAST(payload AS TEXT)) GROUP BY 1",
          [&](sqlite3_stmt *s) {
              const auto *action = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
              stats.byAction.insert(action ? QString::fromUtf8(action) : QStringLiteral("(none)"),
                                    sqlite3_column_int64(s, 1));
          });
    query("SELECT COALESCE(SUM(count), 0) FROM refusals WHERE last_ms >= ?1 AND first_ms < ?2",
          [&](sqlite3_stmt *s) {
              const qint64 n = sqlite3_column_int64(s, 0);
              stats.requests += n;
              stats.rejected += n;
          });
    QList<qint64> latencies;
    query("SELECT fate_at_ms - received_ms FROM webhooks WHERE received_ms >= ?1 AND received_ms < "
          "?2 "
          "AND fate IN ('forwarded', 'replayed') ORDER BY 1",
          [&](sqlite3_stmt *s) { latencies.append(sqlite3_column_int64(s, 0)); });
    sqlite3_close(db);

    stats.latencyP50Ms = percentile(latencies, 0.50);
    stats.latencyP95Ms = percentile(latencies, 0.95);
    stats.latencyP99Ms = percentile(latencies, 0.99);
    const double minutes = std::max(1.0, double(untilMs - sinceMs) / 60000.0);
    stats.perMinute = double(stats.accepted) / minutes;
    return stats;
}

QJsonObject JournalFigures::toJson() const
{
    QJsonObject actions;
    for (auto it = byAction.cbegin(); it != byAction.cend(); ++it)
        actions.insert(it.key(), it.value());
    return {{QLatin1String("requests"), requests},
            {QLatin1String("accepted"), accepted},
            {QLatin1String("duplicates"), duplicates},
            {QLatin1String("rejected"), rejected},
            {QLatin1String("forwarded"), forwarded},
            {QLatin1String("held"), held},
            {QLatin1String("expired"), expired},
            {QLatin1String("pending"), pending},
            {QLatin1String("by_action"), actions},
            {QLatin1String("per_minute"), perMinute},
            {QLatin1String("latency_ms_p50"), latencyP50Ms},
            {QLatin1String("latency_ms_p95"), latencyP95Ms},
            {QLatin1String("latency_ms_p99"), latencyP99Ms}};
}
