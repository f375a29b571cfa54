#pragma once

#include "base/Result.h"
#include "config/DatabaseTarget.h"

#include <QSqlDatabase>

#include <atomic>

namespace Lantir::Dicom {

// The worklist database as the server needs it: Lantir's tables (WorklistSchema::ensure), the
// MPPS table and the index on the scheduled date. Prepared once per server start, when the database
// is first reached: by start() itself, or, when a PostgreSQL server could not be reached then, by
// the first association that reaches it (see DatabaseReadiness).
class DatabasePreparation
{
public:
    // Opens `database` on a connection of its own and prepares it.
    static Result<void> prepare(const DatabaseTarget& database);
    // Prepares it on an open connection of the calling thread.
    static Result<void> prepare(QSqlDatabase& db);
};

// Whether this server start has prepared its database yet; shared by the associations.
class DatabaseReadiness
{
public:
    bool isReady() const { return m_ready.load(std::memory_order_acquire); }
    void reset(bool ready) { m_ready.store(ready, std::memory_order_release); }
    // Prepares `db` unless done already; false (and a warning) when that fails.
    bool ensure(QSqlDatabase& db);

private:
    std::atomic<bool> m_ready { false };
};

} // namespace Lantir::Dicom
