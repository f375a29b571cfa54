#pragma once

#include "base/Result.h"
#include "config/DatabaseTarget.h"
#include "store/CycleReport.h"
#include "worklist/WorklistColumns.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <array>

namespace Lantir {

using WorklistRow = std::array<QString, Worklist::ColumnCount>;

// Read-only access to the worklist database for the desktop app, a SQLite file or a PostgreSQL
// database. Each call opens its own connection (a unique name; SQLite read-only with the busy
// timeout, PostgreSQL in read-only transactions with the target's password), so it can run on
// any thread next to the sync thread's writer, and closes it before returning. The calls block:
// run them off the GUI thread (QtConcurrent).
class DatabaseReader
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseReader)

public:
    // Cycles from `sync_cycles`, oldest first. A database or table that does not exist yet
    // gives an empty list: nothing has been synced there.
    static Result<QList<CycleReport>> loadCycles(const DatabaseTarget& target,
                                                 const QDateTime& sinceUtc = QDateTime(), int limit = -1);

    // Rows of `worklist_items`, newest scheduled first, at most `limit` of them.
    static Result<QList<WorklistRow>> loadWorklist(const DatabaseTarget& target, int limit);

    // Whether `target` names a database at all: a SQLite path, or a PostgreSQL host and name.
    static bool isConfigured(const DatabaseTarget& target);
};

} // namespace Lantir
