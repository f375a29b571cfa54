#pragma once

#include "base/Result.h"
#include "config/DatabaseTarget.h"
#include "worklist/WorklistColumns.h"
#include "worklist/WorklistEntry.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <utility>

class QSqlError;
class QSqlQuery;

namespace Lantir {

// A set of worklist_items ids as three numbers: two sets with equal tallies are, for any purpose
// but an adversary's, the same set. WorklistStore::scheduledTally() computes the same in SQL.
struct IdTally
{
    qint64 count = 0;
    qint64 sum = 0;
    qint64 mixed = 0; // sum of (id * 2654435761) mod 4294967291

    void add(qint64 id)
    {
        ++count;
        sum += id;
        mixed += (id * 2654435761LL) % 4294967291LL;
    }
    bool operator==(const IdTally& other) const
    {
        return count == other.count && sum == other.sum && mixed == other.mixed;
    }
};

struct UpsertStats
{
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    // Of the updated and unchanged ones: rows pylantir wrote that were matched by patient_id +
    // patient_name and are now tied to their entry's key.
    qint64 adopted = 0;
    // Of the updated and unchanged ones: CANCELED rows whose visit is back, SCHEDULED again.
    qint64 restored = 0;
    // Entries without a row scheduled before the insert cutoff: not inserted (see
    // setInsertCutoff), so that a purged visit does not come back.
    qint64 expired = 0;
};

// The worklist database: pylantir's `worklist_items` table plus Lantir's side tables (see
// WorklistSchema). One store per thread: its QSqlDatabase connection belongs to the thread that
// opened it.
class WorklistStore
{
public:
    // An empty name picks a unique connection name.
    explicit WorklistStore(const QString& connectionName = {});
    // Closes and removes its QSqlDatabase connection.
    ~WorklistStore();

    WorklistStore(const WorklistStore&) = delete;
    WorklistStore& operator=(const WorklistStore&) = delete;

    // Opens the SQLite file at `path`, creating it (and missing folders) when absent: folders
    // 0700, the file 0600. Refuses, without writing to it, a file that is not a SQLite database.
    // Sets the busy timeout, creates worklist_items exactly as pylantir does when absent (never
    // drops or alters it), refuses one that lacks any of the 21 columns (naming them), creates
    // Lantir's side tables and indexes. The journal mode is left as it is (pylantir's server
    // opens the same file with SQLite's defaults).
    Result<void> open(const QString& path, int busyTimeoutMs = 10000);
    // For a dry run: opens an existing database read-only (SQLite's SQLITE_OPEN_READONLY) and
    // writes nothing to it, not even missing tables (those are made as empty TEMP tables of this
    // connection); a missing file is treated as an empty database, in memory, and not created.
    // upsert() then only counts, and the mark and history cannot be written.
    Result<void> openReadOnly(const QString& path, int busyTimeoutMs = 10000);
    // Either driver: open(path) / openReadOnly(path) for SQLite; for PostgreSQL the database
    // target.postgres names (WorklistStorePostgres.cpp), its tables created when absent, as on
    // SQLite. Read-only there means a session whose transactions are READ ONLY.
    Result<void> open(const DatabaseTarget& target, bool readOnly = false);
    bool isPostgres() const { return m_postgres; }
    // Open, and on PostgreSQL still connected: one round trip to the server (after a server
    // restart or a network cut the connection fails only when next used).
    bool isConnected();
    // Many nodes on one PostgreSQL database: the node that syncs `source` holds a session advisory
    // lock on it for as long as its connection lives, so the others stand by instead of asking
    // REDCap for the same records. PostgreSQL frees it when the session ends (the node stopped,
    // was killed, lost power or its network), so another node's next cycle takes the source over,
    // with no lease to expire. Returns an empty text when this connection holds it (or on SQLite,
    // where there is nothing to share), else the node that holds it ("lantir-sync@host:pid", as
    // its application_name says, and its address).
    Result<QString> tryLockSource(const QString& source);
    // Gives the lock back (nothing on SQLite, or when not held); close() does too.
    void unlockSource(const QString& source);
    // Whether this connection holds the sync of a source: closing it would hand the source over.
    bool holdsSourceLock() const { return !m_lockedSources.isEmpty(); }
    void close();
    bool isOpen() const;
    bool isReadOnly() const { return m_readOnly; }

    // While *flag is true, waits for another connection's lock give up at once (the statement
    // fails as "database is locked"), so a shutdown is not held up by a busy timeout of several
    // seconds. Without a flag a lock is waited for up to the busy timeout. The flag must outlive
    // the store; it may be set from any thread.
    void setCancelFlag(const std::atomic<bool>* flag);
    // With worklist.retention_days: an entry that has no row yet and is scheduled before `cutoff`
    // is not inserted (the purge deleted it, or it would be purged at once). Invalid: no cutoff.
    void setInsertCutoff(const QDate& cutoff)
    {
        m_insertCutoff = cutoff.isValid() ? cutoff.toString(QStringLiteral("yyyyMMdd")) : QString();
    }
    QString path() const;

    // Writes `entries` in one transaction (BEGIN IMMEDIATE ... COMMIT): all or nothing. Each
    // entry's row is found by its key; else a row pylantir wrote with the same patient_id and
    // patient_name (only patient_id when the name is empty) that no key points to yet is adopted;
    // else a new row is inserted with every sync-writable column of the entry, status SCHEDULED
    // and a new 2.25 Study Instance UID. An existing row gets those `owned` columns updated whose
    // value differs (NULL-aware); its id, Study Instance UID and procedure step status are never
    // written, whatever the entry or `owned` say. With dryRun the same work is done and counted,
    // then rolled back: no write lock is taken (the lookups run in a read transaction) and no
    // row is written, so it works on a read-only store too. Any failure rolls everything back and returns a
    // Database error that names the cause.
    Result<UpsertStats> upsert(const QList<WorklistEntry>& entries, const QList<Worklist::Column>& owned,
                               bool dryRun = false);
    // upsert() of one batch: the entries of `records` of `source`, which also sets `missing` to
    // what scheduledRowsMissingFrom(source, records, entries) would give, read by the same
    // lookups that find the entries' rows (the SCHEDULED rows as they were before the write).
    // `seen`, when given, also gets every SCHEDULED row of those records as the write found it,
    // and every row the write inserted or restored (SCHEDULED now).
    Result<UpsertStats> upsertBatch(const QString& source, const QStringList& records,
                                    const QList<WorklistEntry>& entries, const QList<Worklist::Column>& owned,
                                    bool dryRun, QList<qint64>& missing, IdTally* seen = nullptr);

    // Worklist hygiene (WorklistStoreHygiene.cpp).
    //
    // The SCHEDULED rows of `source` keyed to one of `records` whose key is not among `present`:
    // visits no longer exported for records REDCap still has. Ids of worklist_items.
    Result<QList<qint64>> scheduledRowsMissingFrom(const QString& source, const QStringList& records,
                                                   const QList<WorklistEntry>& present);
    // The SCHEDULED rows keyed for `source` (what max_cancel_fraction is measured against).
    Result<qint64> scheduledRowCount(const QString& source);
    // The SCHEDULED rows keyed for `source`, tallied.
    Result<IdTally> scheduledTally(const QString& source);
    // The record ids REDCap has, gathered in a TEMP table of this connection (so that a 100,000-
    // record project costs SQLite's page cache, not a set in memory): clear, add in chunks, then
    // ask for the SCHEDULED rows of `source` whose record is not among them.
    Result<void> clearRedcapRecordIds();
    Result<void> addRedcapRecordIds(const QStringList& ids);
    Result<QList<qint64>> scheduledRowsOfDeletedRecords(const QString& source);
    // Sets the rows still SCHEDULED among `ids` to CANCELED in one transaction (all or nothing);
    // a row the scanner started or finished meanwhile is left alone. Returns how many changed.
    Result<qint64> cancelRows(const QList<qint64>& ids);
    // Deletes the rows scheduled before `cutoff` whose status is final (COMPLETED, DISCONTINUED,
    // CANCELED), with their keys and MPPS rows (lantir_mpps, when the table exists), in short
    // transactions of a few hundred rows. A dry run only counts them. Returns how many.
    Result<qint64> purgeFinalRowsBefore(const QDate& cutoff, bool dryRun);
    // A time kept in lantir_state under `key` (UTC), none until set.
    Result<std::optional<QDateTime>> stateTime(const QString& key);
    Result<void> setStateTime(const QString& key, const QDateTime& utc);

    // The incremental high-water mark of `source` (UTC), kept in lantir_state; none until set.
    Result<std::optional<QDateTime>> highWaterMark(const QString& source);
    // `utc` must be valid; it is stored as UTC with millisecond precision.
    Result<void> setHighWaterMark(const QString& source, const QDateTime& utc);
    // Forgets the mark, so the next sync of `source` is a full one.
    Result<void> clearHighWaterMark(const QString& source);

    // The open connection (invalid when closed). Do not keep copies beyond the store's lifetime.
    QSqlDatabase database() const;

    // What an open store keeps in memory is bounded, so that months of cycles cost nothing:
    // SQLite's page cache of the connection (its default, 2 MiB, fills over hundreds of cycles as
    // the database grows, which reads as slow growth), and the UPDATE statements prepared per set
    // of changed columns (records that keep changing keep making new sets).
    static constexpr int PageCacheKiB = 512;
    static constexpr int MaxCachedUpdates = 16;
    // Prepared UPDATE statements held now (at most MaxCachedUpdates).
    int cachedUpdateStatements() const;

private:
    struct Statements;
    struct Lookups;
    struct Row;
    struct Slot;
    struct Window;
    struct MissingScan;

    Result<void> prepareStatements();
    Result<Lookups*> lookupsFor(quint32 columns);
    // INSERT OR IGNORE of RedcapIdsPerInsert ids into temp.lantir_redcap_ids, prepared once.
    static constexpr int RedcapIdsPerInsert = 200;
    Result<QSqlQuery*> redcapIdInsert();
    QString redcapIdsTable() const;
    QString insertKeySql() const;
    static QString keyedInsertSql(const QString& insertItem);
    Result<void> openPostgres(const DatabaseTarget& target, bool readOnly);
    Result<void> createRedcapIdsTable();
    // Loads, for entries [first, last), the rows their keys point to and the unkeyed rows that
    // share their patient_id (adoption candidates): a few queries per window instead of some per
    // entry.
    Result<void> prefetch(QList<WorklistEntry>::const_iterator first,
                          QList<WorklistEntry>::const_iterator last, quint32 columns, Window& window,
                          const QString& action, MissingScan* scan);
    // upsert()'s checks, then write().
    Result<UpsertStats> checkedWrite(const QList<WorklistEntry>& entries,
                                     const QList<Worklist::Column>& owned, bool dryRun, MissingScan* scan);
    template <typename Query>
    QSqlError readByKey(Query& keys, const QString& source, const QStringList& records, qsizetype start,
                        quint32 columns, Window& window, MissingScan* scan);
    // The transaction of upsert() and upsertBatch().
    Result<UpsertStats> write(const QList<WorklistEntry>& entries, quint32 ownedMask, bool dryRun,
                              const QString& action, MissingScan* scan);
    Result<void> upsertOne(const WorklistEntry& entry, Slot& slot, quint32 ownedMask, bool dryRun,
                           Window& window, const QString& action, UpsertStats& stats, MissingScan* scan);
    // The unkeyed row (written by pylantir) an entry without a key takes over, removed from the
    // window's candidates.
    static std::optional<Row> takeAdoptable(const WorklistEntry& entry, Window& window);
    bool isExpired(const WorklistEntry& entry) const;
    static void noteScheduled(MissingScan* scan, const WorklistEntry& entry, qint64 id, bool dryRun);
    // A new worklist_items row for the entry; a dry run only builds it.
    Result<Row> insertItem(const WorklistEntry& entry, bool dryRun, const QString& action);
    Result<void> insertKey(const WorklistEntry& entry, qint64 id, const QString& action);
    // A CANCELED row back to SCHEDULED (a dry run writes nothing).
    Result<void> restoreRow(qint64 id, bool dryRun, const QString& action, const WorklistEntry& entry);
    Result<void> requireWritable(const QString& action) const;
    // One transaction of the purge: up to a few hundred rows; returns how many were deleted.
    Result<qint64> purgeChunk(const QString& cutoff, bool hasMpps);
    // The entry's owned columns onto its row: counted as unchanged or updated.
    Result<void> updateRow(Row& row, const WorklistEntry& entry, quint32 ownedMask, bool dryRun,
                           const QString& action, UpsertStats& stats);
    // The prepared UPDATE of the columns in `changed` (cached by column set).
    Result<QSqlQuery*> updateStatement(quint32 changed, const WorklistEntry& entry, const QString& action);
    Result<void> openConnection(const QString& databaseName, int busyTimeoutMs, bool readOnly);
    Result<void> createTemporaryTables();
    void installBusyHandler();
    static int onBusy(void* data, int count);
    Error sqlError(const QSqlQuery& query, const QString& action) const;
    // PostgreSQL plans its lookups from table statistics, which its autovacuum refreshes only
    // about once a minute: during a first sync it would still believe the tables empty and scan
    // every key for each lookup (time quadratic in the project). After a write that grew the
    // tables by a fifth since the last time, they are analysed. SQLite needs nothing.
    void refreshStatistics(int inserted);
    // SQLite: whether every worklist_items row has a key, so that no row can be adopted. Known
    // when the table is empty, and kept from the end of this store's last write while the
    // connection reads the same total_changes() and data_version since: no statement of its own
    // and no commit of another connection came between. False when not known (and on PostgreSQL).
    bool everyRowKeyed();
    void noteWriteEnd(bool everyRowKeyed);
    std::pair<qint64, qint64> changeCounters();
    // What `action` met on a store that is not open (PostgreSQL: a connection that was lost).
    Error notOpenError(const QString& action) const;
    Error entryError(const QSqlQuery& query, const QString& action, const WorklistEntry& entry) const;
    Error entryError(const QSqlError& error, const QString& action, const WorklistEntry& entry) const;
    void rollback();

    QString m_connectionName;
    QString m_path;
    int m_busyTimeoutMs = 10000;
    bool m_readOnly = false;
    bool m_postgres = false;
    bool m_redcapIdsReady = false; // the TEMP table of REDCap's record ids exists
    QSet<QString> m_lockedSources; // the sources this connection holds (PostgreSQL)
    qint64 m_rowsAtAnalyze = 0; // rows this store had inserted when it last analysed (PostgreSQL)
    qint64 m_insertedSinceAnalyze = 0;
    bool m_everyRowKeyed = false; // when the last write ended, with the counters read then
    std::pair<qint64, qint64> m_countersAtWriteEnd { -1, -1 };
    QString m_insertCutoff; // yyyyMMdd, empty for none
    QSqlDatabase m_db;
    // What SQLite's busy handler reads; kept apart so its address stays fixed.
    struct BusyWait;
    std::unique_ptr<BusyWait> m_busyWait;
    std::unique_ptr<Statements> m_statements;
};

} // namespace Lantir
