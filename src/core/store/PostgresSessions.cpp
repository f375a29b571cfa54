#include "store/PostgresSessions.h"

#include <QHash>

#include <deque>
#include <mutex>

namespace Lantir::PostgresSessions {

namespace {
constexpr std::size_t ClosedKept = 256; // a process closes a few sessions per failed cycle

struct Session
{
    qint64 backendPid = 0;
    int lockTimeoutMs = -1;
};

struct Registry
{
    std::mutex mutex;
    QHash<QString, Session> open;
    std::deque<qint64> closed;
};

Registry& registry()
{
    static Registry instance;
    return instance;
}
} // namespace

void opened(const QString& connectionName, qint64 backendPid, int lockTimeoutMs)
{
    Registry& r = registry();
    const std::lock_guard<std::mutex> lock(r.mutex);
    r.open.insert(connectionName, Session { backendPid, lockTimeoutMs });
}

void closed(const QString& connectionName)
{
    Registry& r = registry();
    const std::lock_guard<std::mutex> lock(r.mutex);
    const auto found = r.open.constFind(connectionName);
    if (found == r.open.constEnd())
        return;
    r.closed.push_back(found.value().backendPid);
    r.open.erase(found);
    if (r.closed.size() > ClosedKept)
        r.closed.pop_front();
}

bool closedHere(qint64 backendPid)
{
    Registry& r = registry();
    const std::lock_guard<std::mutex> lock(r.mutex);
    for (const qint64 pid : r.closed) {
        if (pid == backendPid)
            return true;
    }
    return false;
}

int lockTimeoutMs(const QString& connectionName)
{
    Registry& r = registry();
    const std::lock_guard<std::mutex> lock(r.mutex);
    const auto found = r.open.constFind(connectionName);
    return found == r.open.constEnd() ? -1 : found.value().lockTimeoutMs;
}

} // namespace Lantir::PostgresSessions
