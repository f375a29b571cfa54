#pragma once

#include <QString>

namespace Lantir {

// lantir-sync --copy-database FROM TO: copies the worklist database FROM into the empty database
// TO (DatabaseCopier), prints the rows copied per table and the time taken, and returns the exit
// status: HeadlessRunner's Success, UsageError for a refusal (a wrong name, FROM and TO the same,
// FROM missing, TO not empty; nothing written), CycleFailed when the copy failed (rolled back).
int runDatabaseCopy(const QString& from, const QString& to);

} // namespace Lantir
