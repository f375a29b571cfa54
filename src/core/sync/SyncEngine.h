#pragma once

#include "base/Clock.h"
#include "base/Result.h"
#include "config/SyncConfig.h"
#include "memory/CycleMemoryMeter.h"
#include "platform/ProcessCpu.h"
#include "store/CycleReport.h"
#include "sync/CycleOptions.h"
#include "worklist/ScanVisit.h"

#include <QDateTime>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace Lantir {

struct IdTally;
class RecordIdList;
class RecordMerger;
class RedcapClient;
class WorklistStore;

// One sync cycle, start to end: what changed in REDCap since the high-water mark (minus the
// overlap), exported in batches of whole records, merged, mapped and upserted, one transaction
// per batch. The mark advances only when the whole cycle succeeded, so a failed cycle is redone.
//
// Runs on the sync worker thread; blocking by design (the thread is dedicated to it). Only
// cancel() may be called from another thread.
class SyncEngine
{
public:
    // Syncs `source` into the database `config` names (config's other sources play no part).
    SyncEngine(SyncConfig config, SourceConfig source, QString token, const Clock* clock = Clock::system());
    // A config of one source: syncs that one.
    SyncEngine(const SyncConfig& config, QString token, const Clock* clock = Clock::system());
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // Takes effect from the next cycle. Reopens the database when its path changed.
    void setConfig(SyncConfig config, SourceConfig source, QString token);
    void setConfig(SyncConfig config, QString token); // one source, as the constructor
    const SyncConfig& config() const { return m_config; }
    const SourceConfig& source() const { return m_source; }

    CycleReport runCycle(const CycleOptions& options);

    // Thread-safe: stops the running cycle at the next safe point (between batches, or by
    // aborting the HTTP request in flight). The current batch is committed or rolled back whole.
    void cancel();

    // Closes the database connection and the REDCap client until the next cycle opens them again
    // (the metadata cache and the cycle count stay). With several sources, only the source whose
    // cycle runs holds them, so the memory of several sources is that of one. A PostgreSQL
    // connection that holds the sync of this engine's source stays open: its session is what keeps
    // the source with this node between its cycles.
    void releaseConnections();

    // The store of the last cycle, or nullptr when none could be opened yet.
    WorklistStore* store() const { return m_store.get(); }

private:
    struct BatchSteps;

    // The source's turn (WorklistStore::tryLockSource, kept while the connection lives), then syncSource().
    Result<void> syncHeldSource(const CycleOptions& options, CycleReport& report);
    Result<void> syncSource(const CycleOptions& options, CycleReport& report);
    Result<void> ensureStore(bool dryRun);
    void invalidateMetadata();
    Result<QStringList> resolveFields(RedcapClient& client, int& requests);
    Result<void> syncRecords(RedcapClient& client, const QStringList& fields, const CycleOptions& options,
                             CycleReport& report);
    // The start of the window of changed records: the high-water mark minus the overlap, or an
    // invalid time (every record) for a full export or when no cycle has succeeded yet.
    Result<QDateTime> windowBegin(const CycleOptions& options);
    // One batch of whole records: export, merge, map and upsert in one transaction.
    Result<void> syncBatch(RedcapClient& client, const QStringList& batch, const QStringList& fields,
                           const BatchSteps& steps, CycleReport& report);
    Result<MergeResult> mergeAnswer(const RedcapClient& client, QByteArray answer, const QStringList& batch,
                                    const RecordMerger& merger) const;
    // Worklist hygiene after the batches (SyncEngineHygiene.cpp): the SCHEDULED rows of records
    // REDCap no longer has (at most every reconcile_interval_s, and on every full export) join
    // `missing`; the safety check; the cancel, in one transaction; the retention purge.
    // `seen`: the SCHEDULED rows the batches found; after a full export, when they are every
    // SCHEDULED row of the source, no record was deleted and REDCap's id list is not compared.
    Result<void> reconcileDeletedRecords(RedcapClient& client, const RecordIdList& exported,
                                         const IdTally& seen, const CycleOptions& options,
                                         CycleReport& report, QSet<qint64>& missing, bool& reconciled);
    Result<void> cancelMissing(const QSet<qint64>& missing, const CycleOptions& options, CycleReport& report);
    Result<void> applyRetention(const CycleOptions& options, CycleReport& report);
    void measureEnd(CycleReport& report);
    void finish(CycleReport& report);

    SyncConfig m_config;
    SourceConfig m_source;
    QString m_token;
    const Clock* m_clock;
    std::unique_ptr<WorklistStore> m_store;
    std::unique_ptr<RedcapClient> m_client;
    qint64 m_cycle = 0;
    CycleMemoryMeter m_memory;
    ProcessCpuTimes m_cpuAtStart;

    // Metadata cache: the fields REDCap has, and when and for which request they were checked.
    QStringList m_projectFields;
    QStringList m_fieldsRequestedFor;
    QDateTime m_metadataCheckedAt;

    std::atomic<bool> m_cancelled { false };
    mutable QMutex m_clientMutex; // guards m_client against cancel() from another thread
};

} // namespace Lantir
