#pragma once

#include "base/Result.h"
#include "store/CycleReport.h"

#include <QDateTime>
#include <QLatin1StringView>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace Lantir {

// The `sync_cycles` table: one row per CycleReport, every field of it including the memory
// figures (NULL where the platform could not tell), so the history survives restarts and the
// desktop app can chart it. Kept bounded by prune().
class CycleHistory
{
public:
    static constexpr QLatin1StringView TableName { "sync_cycles" };
    static constexpr QLatin1StringView StartedAtIndex { "sync_cycles_started_at" };

    explicit CycleHistory(const QSqlDatabase& db);

    // CREATE TABLE/INDEX IF NOT EXISTS; WorklistStore::open calls it.
    static Result<void> createTable(QSqlDatabase& db);
    // Column names of sync_cycles, in table order.
    static QStringList columnNames();
    // The columns a sync_cycles of the first release already had: an older table must have
    // these, and gets the others added by addMissingColumns().
    static QStringList requiredColumnNames();
    // Of the columns added since the first release, those absent from `present`.
    static QStringList missingAddedColumns(const QStringList& present);
    // ALTER TABLE ADD COLUMN for each added column absent from `present`, in the caller's
    // transaction.
    static Result<void> addMissingColumns(QSqlDatabase& db, const QStringList& present);

    // Stores the report; sets report.rowId to the new row's id and changes nothing else.
    Result<void> append(CycleReport& report);
    // Reports started at or after `sinceUtc` (all when invalid), oldest first. With a limit, the
    // newest `limit` of them (still oldest first).
    Result<QList<CycleReport>> load(const QDateTime& sinceUtc = {}, int limit = -1) const;
    // Deletes all but the newest `keepNewest` reports (0: all of them).
    Result<void> prune(int keepNewest);

private:
    QSqlDatabase m_db;
};

} // namespace Lantir
