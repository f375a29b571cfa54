// Worklist hygiene of a cycle: rows whose visit left REDCap are cancelled (safely), old final
// rows are purged. Part of SyncEngine.
#include "base/Logging.h"
#include "redcap/RecordIdList.h"
#include "redcap/RedcapClient.h"
#include "store/WorklistStore.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>

#include <algorithm>

namespace Lantir {

namespace {
constexpr qsizetype IdsPerInsert = 1000;
constexpr qint64 PurgeEverySecs = 24 * 3600;

QString reconcileKey(const QString& source)
{
    return QLatin1String("reconciled_at/") + source;
}

QString purgeKey()
{
    return QStringLiteral("purged_at");
}

// Whether `interval` seconds have passed since the time kept under `key` (or none is kept).
Result<bool> isDue(WorklistStore& store, const QString& key, const QDateTime& now, qint64 interval)
{
    const Result<std::optional<QDateTime>> last = store.stateTime(key);
    if (!last)
        return last.error();
    return !last.value().has_value() || last.value()->secsTo(now) >= interval
        || last.value()->secsTo(now) < 0;
}
} // namespace

Result<void> SyncEngine::reconcileDeletedRecords(RedcapClient& client, const RecordIdList& exported,
                                                 const IdTally& seen, const CycleOptions& options,
                                                 CycleReport& report, QSet<qint64>& missing, bool& reconciled)
{
    reconciled = false;
    if (!report.full && !options.full) {
        const Result<bool> due = isDue(*m_store, reconcileKey(m_source.name), report.startedAt,
                                       m_config.reconcileIntervalSeconds);
        if (!due)
            return due.error();
        if (!due.value())
            return {};
    }
    if (report.full) {
        // The batches looked up every record REDCap has: if they found or made every SCHEDULED row
        // of the source (rows they inserted or restored count), none belongs to a deleted record.
        // Any difference (a deleted record, a row adopted from pylantir, a status another program
        // changed) takes the full comparison.
        const Result<IdTally> scheduled = m_store->scheduledTally(m_source.name);
        if (!scheduled)
            return scheduled.error();
        if (scheduled.value() == seen) {
            qCDebug(lcSync) << "Reconciled" << exported.size() << "REDCap records: the export found all"
                            << seen.count << "scheduled rows";
            reconciled = true;
            return {};
        }
    }
    // Every record REDCap has: the full export's list, else one more streamed id export.
    RecordIdList all;
    const RecordIdList* ids = &exported;
    if (!report.full) {
        QElapsedTimer phase;
        phase.start();
        Result<RecordIdList> listed
            = client.exportRecordIds(m_source.mapping.recordIdField, QDateTime(), QDateTime());
        report.fetchMs += phase.elapsed();
        if (!listed)
            return listed.error();
        all = std::move(listed).value();
        ids = &all;
    }
    if (Result<void> cleared = m_store->clearRedcapRecordIds(); !cleared)
        return cleared;
    for (qsizetype first = 0; first < ids->size(); first += IdsPerInsert) {
        if (Result<void> added = m_store->addRedcapRecordIds(ids->mid(first, IdsPerInsert)); !added)
            return added;
    }
    all.clear();
    const Result<QList<qint64>> gone = m_store->scheduledRowsOfDeletedRecords(m_source.name);
    if (!gone)
        return gone.error();
    qCDebug(lcSync) << "Reconciled" << ids->size() << "REDCap records:" << gone.value().size()
                    << "scheduled rows belong to records REDCap no longer has";
    for (const qint64 id : std::as_const(gone.value()))
        missing.insert(id);
    reconciled = true;
    return {};
}

Result<void> SyncEngine::cancelMissing(const QSet<qint64>& missing, const CycleOptions& options,
                                       CycleReport& report)
{
    if (missing.isEmpty())
        return {};
    const Result<qint64> scheduled = m_store->scheduledRowCount(m_source.name);
    if (!scheduled)
        return scheduled.error();
    const qint64 count = missing.size();
    const double limit = m_config.maxCancelFraction * double(scheduled.value());
    if (double(count) > limit && !options.forceCancel) {
        // Checked before anything is cancelled: nothing is.
        report.cancelBlocked = true;
        if (options.dryRun)
            report.cancelled = count;
        return makeError(
            Error::Kind::Response,
            QStringLiteral("This cycle would cancel %1 of the %2 scheduled worklist rows of %3, more "
                           "than worklist.max_cancel_fraction (%4%), so it cancelled none and stopped. "
                           "A token of another project, a filter on the REDCap side or a broken export "
                           "looks like visits being removed; check those first. If the visits really "
                           "were removed in REDCap, confirm it once: lantir-sync --force-cancel, or "
                           "\"Cancel them anyway\" in the desktop app.")
                .arg(count)
                .arg(scheduled.value())
                .arg(m_source.name)
                .arg(m_config.maxCancelFraction * 100, 0, 'g', 3));
    }
    if (options.dryRun) {
        report.cancelled = count;
        return {};
    }
    QList<qint64> ids(missing.cbegin(), missing.cend());
    std::sort(ids.begin(), ids.end());
    QElapsedTimer phase;
    phase.start();
    const Result<qint64> cancelled = m_store->cancelRows(ids);
    report.writeMs += phase.elapsed();
    if (!cancelled)
        return cancelled.error();
    report.cancelled = cancelled.value();
    qCInfo(lcSync).noquote() << QStringLiteral("%1 visit(s) were removed in REDCap: their worklist rows are "
                                               "CANCELED and leave the scanner's list")
                                    .arg(cancelled.value());
    return {};
}

Result<void> SyncEngine::applyRetention(const CycleOptions& options, CycleReport& report)
{
    if (m_config.retentionDays <= 0)
        return {};
    const Result<bool> due = isDue(*m_store, purgeKey(), report.startedAt, PurgeEverySecs);
    if (!due)
        return due.error();
    if (!due.value())
        return {};
    const QDate cutoff = report.startedAt.toLocalTime().date().addDays(-m_config.retentionDays);
    QElapsedTimer phase;
    phase.start();
    const Result<qint64> purged = m_store->purgeFinalRowsBefore(cutoff, options.dryRun);
    report.writeMs += phase.elapsed();
    if (!purged)
        return purged.error();
    report.purged = purged.value();
    if (options.dryRun)
        return {};
    if (purged.value() > 0)
        qCInfo(lcSync) << "Deleted" << purged.value() << "finished worklist rows scheduled before"
                       << cutoff.toString(Qt::ISODate) << "(worklist.retention_days" << m_config.retentionDays
                       << ")";
    return m_store->setStateTime(purgeKey(), report.startedAt);
}

} // namespace Lantir
