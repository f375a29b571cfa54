#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Lantir {

// Everything one sync cycle did, measured. Kept in `sync_cycles`, appended to --report files,
// charted by the desktop app.
struct CycleReport
{
    qint64 cycle = 0; // 1-based number within this process and source
    QString source; // the name of the source synced
    QDateTime startedAt; // UTC
    bool ok = false;
    QString error; // empty when ok
    // Set when another node held this source's sync (a shared PostgreSQL worklist): the cycle
    // did nothing and is ok; this names that node.
    QString syncedElsewhereBy;
    bool full = false; // full export rather than incremental window
    bool dryRun = false;

    qint64 durationMs = 0;
    qint64 fetchMs = 0;
    qint64 mergeMs = 0;
    qint64 writeMs = 0;
    int httpRequests = 0;
    // CPU time of the whole process during the cycle (every thread), in microseconds; -1 unknown.
    qint64 cpuUserUs = -1;
    qint64 cpuSystemUs = -1;

    qint64 rowsFetched = 0;
    qint64 records = 0;
    qint64 entries = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 skipped = 0;
    // Worklist hygiene: SCHEDULED rows whose visit left REDCap, set to CANCELED; CANCELED rows
    // whose visit came back, SCHEDULED again; old final rows deleted (a dry run: would be).
    qint64 cancelled = 0;
    qint64 restored = 0;
    qint64 purged = 0;
    // The cycle stopped because it would have cancelled more than max_cancel_fraction of the
    // scheduled rows; a person may confirm it once (CycleOptions::forceCancel).
    bool cancelBlocked = false;

    // Memory, in KiB. -1 where the platform cannot tell.
    qint64 rssStartKb = -1;
    qint64 rssPeakKb = -1;
    qint64 rssEndKb = -1;
    qint64 rssReleasedKb = -1; // after free heap went back to the OS
    qint64 heapInUseKb = -1;

    // Incremental window actually exported (REDCap server time), empty for full exports.
    QString windowBegin;
    QString windowEnd;

    // Row id in `sync_cycles` once CycleHistory stored or loaded the report; 0 before.
    qint64 rowId = 0;

    QJsonObject toJson() const;
    static CycleReport fromJson(const QJsonObject& object);
    // One human line for stderr / the log view.
    QString summaryLine() const;
};

} // namespace Lantir

Q_DECLARE_METATYPE(Lantir::CycleReport)
