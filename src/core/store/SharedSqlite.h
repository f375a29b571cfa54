#pragma once

namespace Lantir {

// Whether the SQLite library that lantir_core links is the very one Qt's QSQLITE driver runs on,
// so that a `sqlite3*` from QSqlDriver::handle() may be passed to it. Debian's Qt links the system
// SQLite; Qt's own binary builds carry a private copy in the plugin, and a handle of one copy must
// never reach the other. Call it after a QSQLITE connection was opened (the plugin is loaded).
bool qtSqliteDriverSharesLinkedSqlite();

} // namespace Lantir
