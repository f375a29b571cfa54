#pragma once

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>

namespace Lantir::Bench {

// Where a benchmark run keeps its worklist: a SQLite file, or a database in a PostgreSQL server
// on 127.0.0.1 (the one the bench starts with --postgresql).
struct BenchDatabase
{
    BenchDatabase() = default;
    // A SQLite file (so a path converts, as before there was a choice).
    BenchDatabase(const QString& path) // NOLINT(google-explicit-constructor)
        : sqlitePath(path)
    {
    }

    QString sqlitePath;
    QString host;
    quint16 port = 0;
    QString name;
    QString user;
    QString passFile; // PGPASSFILE for lantir-sync
    QString dataDir; // the server's, where postmaster.pid names its process

    bool isPostgres() const { return port != 0; }
    QString label() const { return isPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"); }
    // lantir.json's "database" object.
    QJsonObject json() const;
    // PGPASSFILE for PostgreSQL; nothing for SQLite.
    void addTo(QProcessEnvironment* environment) const;
    // CPU time, in ms, of the PostgreSQL server and the sessions it has ended (its backends'
    // CPU comes to it when they exit); -1 for SQLite or when it cannot be read.
    double serverCpuMs() const;

private:
    double postmasterCpuMs() const;
};

} // namespace Lantir::Bench
