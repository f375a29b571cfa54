#include "sync/SyncEngine.h"

#include "base/Logging.h"
#include "mapping/RecordMerger.h"
#include "mapping/WorklistMapper.h"
#include "memory/CycleMemoryMeter.h"
#include "memory/MemoryProbe.h"
#include "redcap/RedcapClient.h"
#include "redcap/RedcapErrorParser.h"
#include "redcap/RedcapResponse.h"
#include "store/CycleHistory.h"
#include "store/WorklistStore.h"

#include <QElapsedTimer>
#include <QMutexLocker>
#include <QSet>

namespace Lantir {

namespace {
constexpr qint64 MetadataMaxAgeSecs = 24 * 3600;
constexpr int HistoryKept = 20000;
constexpr int HistoryPruneEvery = 100;

RedcapClientOptions clientOptions(const SourceConfig& config, const QString& token)
{
    RedcapClientOptions o;
    o.apiUrl = config.apiUrl;
    o.token = token;
    o.timeoutMs = config.requestTimeoutMs;
    o.maxTries = config.maxTries;
    o.retryBaseDelayMs = config.retryBaseDelayMs;
    o.caFile = config.caFile;
    o.allowInsecureHttp = config.allowInsecureHttp;
    o.serverTimeZone = config.serverTimeZone;
    return o;
}

// REDCap exports a checkbox field `name` as `name___code`; metadata lists only `name`.
QString metadataName(const QString& field)
{
    const int at = field.indexOf(QLatin1String("___"));
    return at > 0 ? field.left(at) : field;
}

// Rows of a record that was not asked for mean REDCap ignored the records[] filter (or a proxy
// mixed answers up): such a record may be split across batches, so nothing of the batch is used.
Result<void> checkBatchRecords(const QJsonArray& rows, const QStringList& batch, const QString& recordIdField)
{
    Result<QStringList> ids = RedcapResponse::recordIds(rows, recordIdField);
    if (!ids)
        return ids.error();
    const QSet<QString> asked(batch.cbegin(), batch.cend());
    for (const QString& id : std::as_const(ids.value())) {
        if (!asked.contains(id)) {
            return makeError(
                Error::Kind::Response,
                QStringLiteral("REDCap sent rows of record '%1', which was not requested in this batch: "
                               "the answer does not match the request, so none of it was written. "
                               "If this repeats, check that nothing between Lantir and REDCap "
                               "(a proxy or cache) alters API answers.")
                    .arg(RedcapErrorParser::shorten(id, 60)));
        }
    }
    return {};
}

// REDCap's 400 for a fields[] value the project does not have ("The following values in the
// parameter "fields" are not valid: ..."): the project's fields changed since its metadata was read.
bool rejectsFields(const Error& error)
{
    return error.kind == Error::Kind::Http && error.message.contains(QLatin1String("\"fields\""))
        && error.message.contains(QLatin1String("not valid"), Qt::CaseInsensitive);
}

Error cancelledError()
{
    return makeError(Error::Kind::Cancelled,
                     QStringLiteral("The cycle was stopped before it finished; nothing was half-written."));
}
} // namespace

SyncEngine::SyncEngine(const SyncConfig& config, QString token, const Clock* clock)
    : SyncEngine(config, config.sources.value(0), std::move(token), clock)
{
}

SyncEngine::SyncEngine(SyncConfig config, SourceConfig source, QString token, const Clock* clock)
    : m_config(std::move(config))
    , m_source(std::move(source))
    , m_token(std::move(token))
    , m_clock(clock ? clock : Clock::system())
{
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::setConfig(SyncConfig config, QString token)
{
    SourceConfig source = config.sources.value(0);
    setConfig(std::move(config), std::move(source), std::move(token));
}

void SyncEngine::setConfig(SyncConfig config, SourceConfig source, QString token)
{
    const bool sourceChanged = source.apiUrl != m_source.apiUrl || token != m_token
        || source.mapping.requestedFields() != m_source.mapping.requestedFields();
    if (!config.sameDatabase(m_config))
        m_store.reset();
    if (sourceChanged)
        invalidateMetadata();
    m_config = std::move(config);
    m_source = std::move(source);
    m_token = std::move(token);
    QMutexLocker lock(&m_clientMutex);
    m_client.reset();
}

void SyncEngine::releaseConnections()
{
    {
        QMutexLocker lock(&m_clientMutex);
        m_client.reset();
    }
    if (!m_store || !m_store->holdsSourceLock())
        m_store.reset();
}

void SyncEngine::cancel()
{
    m_cancelled.store(true);
    QMutexLocker lock(&m_clientMutex);
    if (m_client)
        m_client->cancel();
}

Result<void> SyncEngine::ensureStore(bool dryRun)
{
    // A dry run reads the database as it is now, read-only (a missing file stays missing); a
    // real cycle after it needs a writable store again.
    // A PostgreSQL connection cut since the last cycle is replaced now rather than failing this one.
    if (m_store && m_store->isConnected() && !dryRun && !m_store->isReadOnly())
        return {};
    m_store.reset();
    const DatabaseTarget target = m_config.databaseTarget();
    if (!target.isPostgres() && target.path.isEmpty())
        return makeError(Error::Kind::Config,
                         QStringLiteral("No worklist database is configured. Set database.path in the "
                                        "configuration or pass --db PATH."));
    auto store = std::make_unique<WorklistStore>();
    store->setCancelFlag(&m_cancelled);
    const Result<void> opened = store->open(target, dryRun);
    if (!opened)
        return opened.error();
    m_store = std::move(store);
    return {};
}

void SyncEngine::invalidateMetadata()
{
    m_projectFields.clear();
    m_fieldsRequestedFor.clear();
    m_metadataCheckedAt = QDateTime();
}

Result<QStringList> SyncEngine::resolveFields(RedcapClient& client, int& requests)
{
    const QStringList wanted = m_source.mapping.requestedFields();
    const QDateTime now = m_clock->nowUtc();
    const bool stale = m_projectFields.isEmpty() || wanted != m_fieldsRequestedFor
        || !m_metadataCheckedAt.isValid() || m_metadataCheckedAt.secsTo(now) >= MetadataMaxAgeSecs;
    if (stale) {
        const int before = client.requestCount();
        Result<QStringList> fields = client.exportFieldNames();
        requests += client.requestCount() - before;
        if (!fields)
            return fields.error();
        m_projectFields = std::move(fields).value();
        m_fieldsRequestedFor = wanted;
        m_metadataCheckedAt = now;
    }
    if (m_projectFields.isEmpty())
        return makeError(
            Error::Kind::Response,
            QStringLiteral("REDCap returned an empty data dictionary: the project has no fields this token "
                           "can see. Check the token's project and its export rights."));

    const QString& recordIdField = m_source.mapping.recordIdField;
    if (!m_projectFields.contains(recordIdField)) {
        return makeError(Error::Kind::Config,
                         QStringLiteral("The record id field '%1' is not in the REDCap project; its record "
                                        "id field is '%2'. Set mapping.record_id_field.")
                             .arg(recordIdField, m_projectFields.constFirst()));
    }
    const QSet<QString> known(m_projectFields.cbegin(), m_projectFields.cend());
    QStringList present;
    QStringList dropped;
    present.reserve(wanted.size());
    for (const QString& field : wanted) {
        const QString name = metadataName(field);
        if (!known.contains(name))
            dropped.append(field);
        else if (!present.contains(name))
            present.append(name);
    }
    if (!dropped.isEmpty() && stale)
        qCWarning(lcSync).noquote() << "REDCap project has no field(s)" << dropped.join(QLatin1String(", "))
                                    << "- they are not requested; check the field names in the mapping";
    return present;
}

// What every batch of a cycle is put through.
struct SyncEngine::BatchSteps
{
    const RecordMerger& merger;
    const WorklistMapper& mapper;
    const QList<Worklist::Column>& owned;
    bool dryRun;
    QSet<qint64>* missing; // rows whose visit an exported record no longer has
    IdTally* seen; // every SCHEDULED row of the batches' records, as the writes found them
};

Result<QDateTime> SyncEngine::windowBegin(const CycleOptions& options)
{
    if (options.full)
        return QDateTime();
    Result<std::optional<QDateTime>> mark = m_store->highWaterMark(m_source.name);
    if (!mark)
        return mark.error();
    if (!mark.value().has_value())
        return QDateTime();
    return mark.value()->addSecs(-m_source.schedule.overlapSeconds);
}

Result<void> SyncEngine::syncRecords(RedcapClient& client, const QStringList& fields,
                                     const CycleOptions& options, CycleReport& report)
{
    const MappingConfig& mapping = m_source.mapping;
    Result<QDateTime> windowStart = windowBegin(options);
    if (!windowStart)
        return windowStart.error();
    const QDateTime begin = windowStart.value();
    const QDateTime end = report.startedAt;
    report.full = !begin.isValid();
    if (!report.full) {
        report.windowBegin = begin.toUTC().toString(Qt::ISODate);
        report.windowEnd = end.toUTC().toString(Qt::ISODate);
    }

    QElapsedTimer phase;
    phase.start();
    const int before = client.requestCount();
    Result<RecordIdList> ids
        = client.exportRecordIds(mapping.recordIdField, begin, report.full ? QDateTime() : end);
    report.fetchMs += phase.elapsed();
    if (!ids)
        return ids.error();
    const RecordIdList recordIds = std::move(ids).value();
    qCDebug(lcSync) << recordIds.size() << "records touched"
                    << (report.full ? "(full export)" : "since the high-water mark");

    const RecordMerger merger(mapping);
    const WorklistMapper mapper(mapping, m_source.name);
    const QList<Worklist::Column> owned = mapper.ownedColumns();
    QSet<qint64> missing;
    IdTally seen;
    const BatchSteps steps { merger, mapper, owned, options.dryRun, &missing, &seen };
    m_store->setInsertCutoff(m_config.retentionDays > 0
                                 ? report.startedAt.toLocalTime().date().addDays(-m_config.retentionDays)
                                 : QDate());
    const int batchSize = qMax(1, m_source.batchSize);
    Result<void> outcome;
    for (int first = 0; first < recordIds.size() && outcome; first += batchSize) {
        if (m_cancelled.load())
            outcome = cancelledError();
        else
            outcome = syncBatch(client, recordIds.mid(first, batchSize), fields, steps, report);
    }
    bool reconciled = false;
    if (outcome)
        outcome = reconcileDeletedRecords(client, recordIds, seen, options, report, missing, reconciled);
    report.httpRequests += client.requestCount() - before;
    if (outcome)
        outcome = cancelMissing(missing, options, report);
    if (!outcome || options.dryRun)
        return outcome ? applyRetention(options, report) : outcome;

    if (Result<void> marked = m_store->setHighWaterMark(m_source.name, end); !marked)
        return marked;
    if (reconciled) {
        const QString key = QLatin1String("reconciled_at/") + m_source.name;
        if (Result<void> saved = m_store->setStateTime(key, end); !saved)
            return saved;
    }
    return applyRetention(options, report);
}

// The rows of one batch's answer, merged: straight from its bytes when it is a well-formed export
// of the batch, else through QJsonDocument, which words what is wrong with it.
Result<MergeResult> SyncEngine::mergeAnswer(const RedcapClient& client, QByteArray answer,
                                            const QStringList& batch, const RecordMerger& merger) const
{
    if (std::optional<MergeResult> merged = merger.mergeWellFormed(answer, batch))
        return std::move(*merged);
    Result<QJsonArray> rows = client.recordsOf(std::move(answer));
    if (!rows)
        return rows.error();
    if (Result<void> whole = checkBatchRecords(rows.value(), batch, m_source.mapping.recordIdField); !whole)
        return whole.error();
    return merger.merge(rows.value());
}

Result<void> SyncEngine::syncBatch(RedcapClient& client, const QStringList& batch, const QStringList& fields,
                                   const BatchSteps& steps, CycleReport& report)
{
    QElapsedTimer phase;
    phase.start();
    Result<QByteArray> answer = client.exportRecordsAnswer(batch, fields);
    report.fetchMs += phase.elapsed();
    if (!answer) {
        if (rejectsFields(answer.error())) {
            qCInfo(lcSync) << "REDCap no longer has a requested field; its metadata is read again next cycle";
            invalidateMetadata();
        }
        return answer.error();
    }

    phase.restart();
    Result<MergeResult> merged = mergeAnswer(client, std::move(answer).value(), batch, steps.merger);
    if (!merged)
        return merged.error();
    report.rowsFetched += merged.value().rows;
    report.records += merged.value().records;
    MappingOutcome mapped = steps.mapper.map(merged.value().visits);
    merged = MergeResult();
    report.mergeMs += phase.elapsed();
    report.entries += mapped.entries.size();
    report.skipped += mapped.skipped; // the mapper logged a warning for each

    phase.restart();
    // Also the record's visits that REDCap no longer exports (instance deleted, date or time cleared).
    QList<qint64> gone;
    Result<UpsertStats> written = m_store->upsertBatch(m_source.name, batch, mapped.entries, steps.owned,
                                                       steps.dryRun, gone, steps.seen);
    report.writeMs += phase.elapsed();
    if (!written) {
        // A stop gives up a wait for another process's lock: the batch was rolled back whole.
        return m_cancelled.load() ? Result<void>(cancelledError()) : Result<void>(written.error());
    }
    report.inserted += written.value().inserted;
    report.updated += written.value().updated;
    report.unchanged += written.value().unchanged;
    report.restored += written.value().restored;
    report.skipped += written.value().expired; // older than the retention period: not inserted
    for (const qint64 id : std::as_const(gone))
        steps.missing->insert(id);
    return {};
}

CycleReport SyncEngine::runCycle(const CycleOptions& options)
{
    m_cancelled.store(false);
    CycleReport report;
    report.cycle = ++m_cycle;
    report.source = m_source.name;
    report.startedAt = m_clock->nowUtc();
    report.dryRun = options.dryRun;
    report.full = options.full;
    m_memory.begin();
    m_cpuAtStart = ProcessCpuTimes::now();
    QElapsedTimer total;
    total.start();

    const auto fail = [&](const Error& error) {
        report.ok = false;
        report.error = error.message;
    };

    if (Result<void> valid = RedcapClient::validateUrl(m_source.apiUrl, m_source.allowInsecureHttp); !valid) {
        fail(valid.error());
    } else if (Result<void> token = RedcapClient::validateToken(m_token); !token) {
        fail(token.error());
    } else if (Result<void> store = ensureStore(options.dryRun); !store) {
        fail(store.error());
    } else {
        {
            QMutexLocker lock(&m_clientMutex);
            if (!m_client)
                m_client = std::make_unique<RedcapClient>(clientOptions(m_source, m_token));
            else if (!m_cancelled.load())
                m_client->resetCancel(); // a stop asked for an earlier cycle must not end this one
        }
        if (Result<void> synced = syncHeldSource(options, report); !synced)
            fail(synced.error());
    }
    report.durationMs = total.elapsed();
    finish(report);
    return report;
}

Result<void> SyncEngine::syncHeldSource(const CycleOptions& options, CycleReport& report)
{
    // A dry run writes nothing: it needs no turn.
    const Result<QString> holder
        = options.dryRun ? Result<QString>(QString()) : m_store->tryLockSource(m_source.name);
    if (!holder)
        return holder.error();
    if (!holder.value().isEmpty()) {
        report.ok = true;
        report.syncedElsewhereBy = holder.value();
        return {};
    }
    // The turn is kept for the next cycles: the source stays with this node while it lives.
    return syncSource(options, report);
}

Result<void> SyncEngine::syncSource(const CycleOptions& options, CycleReport& report)
{
    RedcapClient& client = *m_client;
    QElapsedTimer phase;
    phase.start();
    Result<QStringList> fields = resolveFields(client, report.httpRequests);
    report.fetchMs += phase.elapsed();
    if (!fields)
        return fields.error();
    if (m_cancelled.load())
        return cancelledError();
    if (Result<void> synced = syncRecords(client, fields.value(), options, report); !synced)
        return synced;
    report.ok = true;
    return {};
}

void SyncEngine::measureEnd(CycleReport& report)
{
    const MemorySample memory = m_memory.finish();
    report.rssStartKb = memory.startKb;
    report.rssPeakKb = memory.peakKb;
    report.rssEndKb = memory.endKb;
    report.rssReleasedKb = memory.releasedKb;
    report.heapInUseKb = memory.heapInUseKb;
    const ProcessCpuTimes cpu = ProcessCpuTimes::between(m_cpuAtStart, ProcessCpuTimes::now());
    report.cpuUserUs = cpu.userUs;
    report.cpuSystemUs = cpu.systemUs;
}

void SyncEngine::finish(CycleReport& report)
{
    measureEnd(report);
    if (report.ok)
        qCInfo(lcSync).noquote() << report.summaryLine();
    else
        qCWarning(lcSync).noquote() << report.summaryLine();
    qCInfo(lcMemory).noquote() << MemoryProbe::cleanupLogLine(
        report.rssStartKb, report.rssEndKb, report.rssReleasedKb, report.rowsFetched + report.entries);
    if (m_store && m_store->isOpen() && !report.dryRun && report.syncedElsewhereBy.isEmpty()) {
        CycleHistory history(m_store->database());
        if (Result<void> kept = history.append(report); !kept)
            qCWarning(lcStore).noquote()
                << "Could not record the cycle in sync_cycles:" << kept.error().message;
        else if (report.cycle % HistoryPruneEvery == 1)
            history.prune(HistoryKept); // a year of 30-minute cycles is 17,520 rows
    }
    // A PostgreSQL connection does not come back by itself after the server restarted or the
    // network was cut: a failed cycle opens a new one next time.
    if (!report.ok && m_store && m_store->isPostgres())
        m_store.reset();
}

} // namespace Lantir
