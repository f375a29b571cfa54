#pragma once

#include "base/Result.h"
#include "config/DatabaseTarget.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <list>

namespace Lantir {

class TableCopy;

// How many rows of one table a copy wrote.
struct CopiedTableCount
{
    QString table;
    qint64 rows = 0;
};

// What a copy did: the tables FROM has, in the order they were copied, and how long it took.
struct CopySummary
{
    QList<CopiedTableCount> tables;
    qint64 elapsedMs = 0;

    qint64 totalRows() const;
};

// Copies one worklist database into another, e.g. a site's SQLite file into a shared PostgreSQL
// database (lantir-sync --copy-database). Every Lantir table FROM has is copied with every value as
// it is (ids, Study Instance UIDs, statuses, NULLs; the columns FROM's table has): worklist_items,
// lantir_entry_keys, lantir_state, sync_cycles and lantir_mpps.
//
// FROM is read in one snapshot (SQLite: a read transaction; PostgreSQL: REPEATABLE READ READ ONLY),
// so a node may go on syncing into it meanwhile; rows are read in batches, never a whole table at
// once. TO is written in one write transaction that holds the lock every writer takes
// (DatabaseConnection::beginWrite): its tables are created when absent, a TO with any row in a
// Lantir table is refused, and any failure rolls everything back (a SQLite file created for the
// copy is removed again). New rows continue after the copied ids: on PostgreSQL the id sequences
// are set past them; on SQLite the next rowid follows the largest by itself.
//
// Errors of kind Config are refusals (FROM and TO the same, FROM missing or not a worklist database,
// TO not empty): nothing was written. Others are failures of the copy, rolled back.
class DatabaseCopier
{
public:
    DatabaseCopier(DatabaseTarget from, DatabaseTarget to);
    ~DatabaseCopier();
    DatabaseCopier(const DatabaseCopier&) = delete;
    DatabaseCopier& operator=(const DatabaseCopier&) = delete;

    // Called after each batch written into TO, with the table and its rows copied so far.
    using Progress = std::function<void(const QString& table, qint64 rows)>;

    // Rows read from FROM per batch (default 500).
    void setBatchRows(int rows);
    void setProgress(Progress progress);

    Result<CopySummary> run();

private:
    Result<CopySummary> openAndCopy();
    Result<void> refuseSameDatabase() const;
    Result<void> openFrom();
    Result<void> openTo();
    Result<QList<QString>> tablesOfFrom();
    Result<CopySummary> copyInTransaction(const QList<QString>& tables);
    Result<CopySummary> copyLocked(const QList<QString>& tables, std::list<TableCopy>& copies);
    Result<void> refuseRowsInTo();
    Result<void> continueSequences(const QList<QString>& tables);
    void closeAll();
    void removeCreatedFile();

    DatabaseTarget m_from;
    DatabaseTarget m_to;
    int m_batchRows = 500;
    Progress m_progress;
    QSqlDatabase m_fromDb;
    QSqlDatabase m_toDb;
    QString m_createdFile; // a SQLite file TO made for this copy, removed again when it fails
};

} // namespace Lantir
