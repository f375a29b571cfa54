#include "base/Logging.h"
#include "store/DatabaseConnection.h"
#include "store/PostgresSessions.h"
#include "store/StoreError.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace Lantir {

Result<void> WorklistStore::open(const DatabaseTarget& target, bool readOnly)
{
    if (target.isPostgres())
        return openPostgres(target, readOnly);
    return readOnly ? openReadOnly(target.path, target.busyTimeoutMs)
                    : open(target.path, target.busyTimeoutMs);
}

Result<void> WorklistStore::openPostgres(const DatabaseTarget& target, bool readOnly)
{
    close();
    Result<QSqlDatabase> connected = DatabaseConnection::openPostgres(target, m_connectionName);
    if (!connected)
        return connected.error();
    m_db = connected.value();
    m_postgres = true;
    m_busyTimeoutMs = target.busyTimeoutMs;
    m_path = target.describe();
    m_readOnly = readOnly;
    // A dry run creates nothing in the database: the tables it lacks are TEMP tables of this
    // session, made before the session turns read-only (which forbids CREATE, even of those).
    Result<void> ready = readOnly ? createTemporaryTables() : WorklistSchema::ensure(m_db);
    if (ready && readOnly)
        ready = createRedcapIdsTable();
    if (ready && readOnly) {
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")))
            ready = sqlError(query, QStringLiteral("Opening the worklist database read-only"));
    }
    if (ready)
        ready = prepareStatements();
    if (!ready) {
        close();
        return ready;
    }
    qCInfo(lcStore).noquote() << QStringLiteral("Opened worklist database %1%2 as %3")
                                     .arg(m_path, readOnly ? QStringLiteral(" read-only") : QString(),
                                          DatabaseConnection::nodeName());
    return {};
}

namespace {
// The first key of the two-integer advisory locks of sources ("LNTR"); the second is hashtext(source).
constexpr int SourceLockClass = 0x4C4E5452;

struct SourceHolder
{
    QString label; // "lantir-sync@host:pid (address)", or "another node" when unknown
    QString applicationName;
    qint64 pid = 0;
};

SourceHolder sourceHolder(QSqlDatabase& db, const QString& source)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT a.application_name, host(a.client_addr), a.pid FROM pg_locks l "
                                 "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                                 "AND l.granted AND l.classid = %1 AND l.objsubid = 2 "
                                 "AND l.objid = (hashtext(?)::bigint & 4294967295)::text::oid")
                      .arg(SourceLockClass));
    query.addBindValue(source);
    SourceHolder holder { QStringLiteral("another node"), {}, 0 };
    if (!query.exec() || !query.next())
        return holder;
    holder.applicationName = query.value(0).toString();
    holder.pid = query.value(2).toLongLong();
    const QString address = query.value(1).toString();
    if (holder.applicationName.isEmpty())
        holder.label = address.isEmpty() ? holder.label : address;
    else
        holder.label = address.isEmpty() ? holder.applicationName
                                         : QStringLiteral("%1 (%2)").arg(holder.applicationName, address);
    return holder;
}

Result<bool> tryAdvisoryLock(QSqlDatabase& db, const QString& source)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT pg_try_advisory_lock(%1, hashtext(?))").arg(SourceLockClass));
    query.addBindValue(source);
    if (!query.exec() || !query.next())
        return StoreError::fromSql(db, query.lastError(),
                                   QStringLiteral("Taking the sync of source %1").arg(source));
    return query.value(0).toBool();
}

// A session of this very process holds the lock: a connection the network lost without the server
// noticing (no reset reached it), which would keep the source from this node until the server's
// keepalives end it. It is ended now, and the lock taken once it is gone.
Result<bool> takeFromLostSession(QSqlDatabase& db, const QString& source, const SourceHolder& holder)
{
    QSqlQuery end(db);
    end.prepare(QStringLiteral("SELECT pg_terminate_backend(?)"));
    end.addBindValue(holder.pid);
    if (!end.exec() || !end.next())
        return false;
    // false: the session is no longer there to end (it was already ending); its lock goes with it.
    if (end.value(0).toBool())
        qCInfo(lcStore).noquote() << "Ended this node's lost database session" << holder.pid
                                  << "that still held source" << source;
    for (int attempt = 0; attempt < 50; ++attempt) {
        const Result<bool> taken = tryAdvisoryLock(db, source);
        if (!taken || taken.value())
            return taken;
        QThread::msleep(100);
    }
    return false;
}
} // namespace

Result<QString> WorklistStore::tryLockSource(const QString& source)
{
    if (!m_postgres || m_lockedSources.contains(source))
        return QString();
    if (!isOpen())
        return notOpenError(QStringLiteral("Taking the sync of source %1").arg(source));
    Result<bool> taken = tryAdvisoryLock(m_db, source);
    SourceHolder holder;
    if (taken && !taken.value()) {
        holder = sourceHolder(m_db, source);
        // A holder that lets go between the two queries (a session that was ending as this one
        // asked) leaves no one to name: the lock is free, and taken on the next try.
        if (holder.pid == 0) {
            taken = tryAdvisoryLock(m_db, source);
            if (taken && !taken.value())
                holder = sourceHolder(m_db, source);
        }
    }
    if (taken && !taken.value()) {
        if (holder.applicationName != DatabaseConnection::nodeName()
            || !PostgresSessions::closedHere(holder.pid))
            return holder.label;
        taken = takeFromLostSession(m_db, source, holder);
        if (taken && !taken.value())
            return holder.label;
    }
    if (!taken)
        return taken.error();
    m_lockedSources.insert(source);
    qCInfo(lcStore).noquote() << "This node syncs source" << source << "of" << m_path;
    return QString();
}

void WorklistStore::refreshStatistics(int inserted)
{
    constexpr qint64 Least = 500;
    if (!m_postgres)
        return;
    m_insertedSinceAnalyze += inserted;
    if (m_insertedSinceAnalyze < Least || m_insertedSinceAnalyze * 5 < m_rowsAtAnalyze)
        return;
    QElapsedTimer timer;
    timer.start();
    // A role that does not own the tables gets a warning from the server, not an error.
    QSqlQuery analyze(m_db);
    if (!analyze.exec(QStringLiteral("ANALYZE worklist_items, lantir_entry_keys"))) {
        qCWarning(lcStore).noquote() << "Could not refresh the table statistics:"
                                     << analyze.lastError().text();
        return;
    }
    m_rowsAtAnalyze += m_insertedSinceAnalyze;
    m_insertedSinceAnalyze = 0;
    qCDebug(lcStore) << "Analysed the worklist tables in" << timer.elapsed() << "ms";
}

bool WorklistStore::isConnected()
{
    return isOpen() && DatabaseConnection::isAlive(m_db);
}

void WorklistStore::unlockSource(const QString& source)
{
    if (!m_postgres || !isOpen() || !m_lockedSources.remove(source))
        return;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT pg_advisory_unlock(%1, hashtext(?))").arg(SourceLockClass));
    query.addBindValue(source);
    if (!query.exec())
        qCWarning(lcStore) << "Could not give back the sync of source" << source << ":"
                           << query.lastError().text();
}

} // namespace Lantir
