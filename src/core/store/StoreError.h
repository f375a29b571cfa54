#pragma once

#include "base/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace Lantir {

// Turns a failed SQLite (or PostgreSQL) call into an Error a site coordinator can act on: it says what was
// being done, why it failed in plain words (locked by another program, read-only, disk full, damaged file, a
// rule that refused the change) and what to do, followed by SQLite's own text.
class StoreError
{
public:
    // `action` says what failed, e.g. "Writing 1000 worklist entries"; `where`, when given, says
    // at which item, e.g. "at record 17".
    static Error fromSql(const QSqlDatabase& db, const QSqlError& error, const QString& action,
                         const QString& where = {});

    // The primary SQLite result code (SQLITE_BUSY = 5, ...) of a driver error, or -1.
    static int sqliteCode(const QSqlError& error);

    // The same for a PostgreSQL connection (StorePostgresError.cpp): by SQLSTATE for a failed
    // statement, by libpq's message for a connection that could not be made.
    static Error fromPostgres(const QSqlDatabase& db, const QSqlError& error, const QString& action,
                              const QString& where = {});

    // The busy timeout set through QSQLITE_BUSY_TIMEOUT on `db`, in ms (Qt's default: 5000).
    static int busyTimeoutMs(const QSqlDatabase& db);
    // A wait as messages show it: "10 s", "0.30 s", "2.5 s".
    static QString seconds(int ms);
};

} // namespace Lantir
