#pragma once

#include <QString>

namespace Lantir::PostgresSessions {

// The PostgreSQL sessions (server backend pids) this process opened, by connection name, and those
// it has closed since. A session closed here that the server still runs is one the network lost
// without the server noticing: it holds what it held (a source's sync) until the server's
// keepalives end it, and this process may end it at once (WorklistStore::tryLockSource).
void opened(const QString& connectionName, qint64 backendPid);
void closed(const QString& connectionName);
bool closedHere(qint64 backendPid);

} // namespace Lantir::PostgresSessions
