#pragma once

#include <QString>

namespace Lantir::PostgresSessions {

// The PostgreSQL sessions (server backend pids) this process opened, by connection name, and those
// it has closed since. A session closed here that the server still runs is one the network lost
// without the server noticing: it holds what it held (a source's sync) until the server's
// keepalives end it, and this process may end it at once (WorklistStore::tryLockSource).
void opened(const QString& connectionName, qint64 backendPid, int lockTimeoutMs);
void closed(const QString& connectionName);
bool closedHere(qint64 backendPid);
// How long the open session `connectionName` waits for a lock (its lock_timeout) in ms, for
// messages; -1 when this process did not open it.
int lockTimeoutMs(const QString& connectionName);

} // namespace Lantir::PostgresSessions
