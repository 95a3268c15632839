#include "JournalQuery.h"

#include <sqlite3.h>

namespace JournalQuery {

QList<QByteArray> column(const QString &path, const char *sql)
{
    QList<QByteArray> values;
    sqlite3 *db = nullptr;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW)
            values.append(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return values;
}

QByteArray text(const QString &path, const char *sql)
{
    return column(path, sql).value(0);
}

qint64 number(const QString &path, const char *sql)
{
    const QList<QByteArray> values = column(path, sql);
    return values.isEmpty() ? -1 : values.first().toLongLong();
}

} // namespace JournalQuery
