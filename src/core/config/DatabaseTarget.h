#pragma once

#include <QString>

#include <optional>

namespace Lantir {

// Which database server keeps the worklist.
enum class DatabaseDriver
{
    Sqlite, // a file on this machine (the default; pylantir's server reads the same file)
    Postgresql, // a PostgreSQL server that several Lantir nodes share
};

// "sqlite" / "postgresql", as lantir.json spells them.
QString databaseDriverName(DatabaseDriver driver);
std::optional<DatabaseDriver> databaseDriverFromName(const QString& name);

// How to reach a PostgreSQL database. The password is not here: libpq finds it itself
// (~/.pgpass, PGPASSFILE, PGPASSWORD), or the desktop app hands one over from the keychain.
struct PostgresSettings
{
    QString host;
    int port = 5432;
    QString name; // the database
    QString user; // empty: libpq's default (PGUSER, else the operating system user)
    QString sslmode
        = QStringLiteral("prefer"); // libpq's: disable, allow, prefer, require, verify-ca, verify-full
    QString caFile; // sslrootcert; empty: libpq's default (~/.postgresql/root.crt)

    bool operator==(const PostgresSettings& other) const;
    bool operator!=(const PostgresSettings& other) const { return !(*this == other); }
};

// The worklist database one program writes and serves: a SQLite file or a PostgreSQL database.
struct DatabaseTarget
{
    DatabaseDriver driver = DatabaseDriver::Sqlite;
    QString path; // SQLite
    // SQLite: how long a write waits for another program's lock. PostgreSQL: the same bound on
    // lock waits (lock_timeout).
    int busyTimeoutMs = 10000;
    PostgresSettings postgres;
    QString password; // PostgreSQL, from the keychain; empty: libpq's own sources

    bool isPostgres() const { return driver == DatabaseDriver::Postgresql; }
    bool operator==(const DatabaseTarget& other) const;
    bool operator!=(const DatabaseTarget& other) const { return !(*this == other); }
    // For messages: the file's native path, or postgresql://user@host:port/name (no password).
    QString describe() const;
};

// The libpq sslmode values.
bool isValidSslMode(const QString& mode);

} // namespace Lantir
