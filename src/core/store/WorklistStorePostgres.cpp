#include "base/Logging.h"
#include "store/DatabaseConnection.h"
#include "store/StoreError.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"

#include <QSqlError>
#include <QSqlQuery>

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

QString sourceHolder(QSqlDatabase& db, const QString& source)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT a.application_name, host(a.client_addr) FROM pg_locks l "
                                 "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                                 "AND l.granted AND l.classid = %1 AND l.objsubid = 2 "
                                 "AND l.objid = (hashtext(?)::bigint & 4294967295)::text::oid")
                      .arg(SourceLockClass));
    query.addBindValue(source);
    if (!query.exec() || !query.next())
        return QStringLiteral("another node");
    const QString name = query.value(0).toString();
    const QString address = query.value(1).toString();
    if (name.isEmpty())
        return address.isEmpty() ? QStringLiteral("another node") : address;
    return address.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, address);
}
} // namespace

Result<QString> WorklistStore::tryLockSource(const QString& source)
{
    if (!m_postgres || !isOpen() || m_lockedSources.contains(source))
        return QString();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT pg_try_advisory_lock(%1, hashtext(?))").arg(SourceLockClass));
    query.addBindValue(source);
    if (!query.exec() || !query.next())
        return sqlError(query, QStringLiteral("Taking the sync of source %1").arg(source));
    if (query.value(0).toBool()) {
        m_lockedSources.insert(source);
        qCInfo(lcStore).noquote() << "This node syncs source" << source << "of" << m_path;
        return QString();
    }
    query.finish();
    return sourceHolder(m_db, source);
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
