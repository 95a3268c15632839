#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// What a test reads straight from a receiver's journal file, on a read-only connection of its
// own, so that it sees what is on disk rather than what the receiver says.
namespace JournalQuery {

// The first column of every row `sql` returns (a NULL as a null QByteArray); empty when the file
// or the query fails.
QList<QByteArray> column(const QString &path, const char *sql);
// The first row's value; null when there is none.
QByteArray text(const QString &path, const char *sql);
// The first row's value as a number; -1 when there is none.
qint64 number(const QString &path, const char *sql);

} // namespace JournalQuery
