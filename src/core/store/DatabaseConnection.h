#pragma once

#include "base/Result.h"
#include "config/DatabaseTarget.h"

#include <QSqlDatabase>
#include <QString>

namespace Lantir::DatabaseConnection {

// Opens a QPSQL connection named `connectionName` to target.postgres: connect_timeout 10 s,
// TCP keepalives (a cut network fails a statement within a minute instead of hanging),
// lock_timeout = target.busyTimeoutMs, the program and host as application_name (so another
// node can say who holds a source), and sslmode / sslrootcert from the settings. On failure the
// connection is removed and the error says what to fix (server down, password, database
// missing, TLS).
Result<QSqlDatabase> openPostgres(const DatabaseTarget& target, const QString& connectionName);

// Opens `target` with either driver, for a reader or the DICOM server: SQLite through QSQLITE
// with the busy timeout (read-only when asked), PostgreSQL as openPostgres().
Result<QSqlDatabase> open(const DatabaseTarget& target, const QString& connectionName, bool readOnly = false);

// Loads the driver of `driver` (PostgreSQL: Qt's QPSQL plugin and libpq) at a program's start, so
// that a missing one is said at once rather than at every cycle; SQLite needs nothing.
Result<void> loadDriver(DatabaseDriver driver);

// Closes and removes the connection named like `db`; `db` is left invalid. Every connection
// open() made ends here, in the thread that opened it (a thread's last PostgreSQL connection
// hands back its OpenSSL state: store/ThreadCryptoState.h).
void closeAndRemove(QSqlDatabase& db);

// Whether `db` is open and, on PostgreSQL, still connected: one round trip to the server (after a
// server restart or a network cut a connection fails only when next used). A SQLite file stays usable.
bool isAlive(const QSqlDatabase& db);

// Whether `db` talks to PostgreSQL.
bool isPostgres(const QSqlDatabase& db);

// Starts a write transaction that no other writer of the same database runs beside: SQLite's
// BEGIN IMMEDIATE; on PostgreSQL BEGIN plus a transaction-level advisory lock every Lantir node
// takes before writing (released by COMMIT or ROLLBACK, or when the connection dies). Writes
// therefore queue exactly as on one SQLite file, up to the busy timeout.
bool beginWrite(QSqlDatabase& db, QSqlError* error);

// What this process calls itself to other nodes: "<program>@<host>:<pid>".
QString nodeName();

} // namespace Lantir::DatabaseConnection
