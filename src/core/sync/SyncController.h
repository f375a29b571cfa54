#pragma once

#include "base/Clock.h"
#include "config/SyncConfig.h"
#include "memory/MemoryAlarm.h"
#include "memory/MemoryTrend.h"
#include "store/CycleReport.h"
#include "sync/SyncScheduler.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>

#include <memory>
#include <vector>

namespace Lantir {

class SyncWorker;

// The one object the desktop app and lantir-sync drive: it owns the sync thread and its
// worker, one schedule per enabled source, and the memory trend fed by every cycle's report.
// Lives on the main thread; all work happens on the sync thread, results come back as queued
// signals. Sources take turns: a due source waits in a queue while another's cycle runs, so two
// cycles never run at once and the memory peak stays one batch.
class SyncController : public QObject
{
    Q_OBJECT

public:
    explicit SyncController(const Clock* clock = Clock::system(), QObject* parent = nullptr);
    // Calls shutdown() and, if the thread has not ended by then, keeps waiting for it: a running
    // thread is never destroyed.
    ~SyncController() override;

    // Applies to the next cycle of each source; the schedules are re-read at once. A source
    // removed from the configuration stops syncing (its rows stay).
    void setConfig(const SyncConfig& config, const SourceTokens& tokens);
    // A configuration of one source and its token.
    void setConfig(const SyncConfig& config, const QString& token);
    const SyncConfig& config() const { return m_config; }
    // The enabled sources, in the configuration's order: the ones that sync.
    QStringList sourceNames() const;

    // Scheduled mode: every source's first cycle at once (in turn), then on its schedule.
    void start();
    // Runs `count` rounds back to back, one cycle of each of `sources` (all enabled ones when
    // empty) per round, each a full export if asked; then emits cyclesDone() with the number of
    // failed cycles. For --once / --cycles N.
    void runCycles(int count, bool full, bool dryRun, const QStringList& sources = {});
    // Stops the schedule, asks the running cycle to stop at its next safe point, and ends the
    // sync thread. Returns false when the thread had not ended within `timeoutMs`; it still ends
    // soon after (a cancelled cycle gives up its HTTP request and any database lock wait), and
    // shutdown() may be called again to wait for it.
    bool shutdown(int timeoutMs = 5000);

    // Every enabled source, or the one named.
    void syncNow(bool full = false, const QString& source = QString());
    // A person confirmed that the visits a blocked cycle would cancel really left REDCap: the
    // source's next cycle (any source's when empty) cancels them even past max_cancel_fraction
    // (once). Call before syncNow() or runCycles().
    void forceCancelOnce(const QString& source = QString());
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    // The schedule of one source (nullptr: no such enabled source), or of the first one.
    SyncScheduler* scheduler(const QString& source) const;
    SyncScheduler* scheduler() const;
    // All sources at a glance: Syncing while a cycle runs or waits its turn, else Idle when one
    // waits for its next cycle, OutsideWindow when all wait for their windows; Paused, Stopped.
    SyncScheduler::State state() const;
    // The earliest next scheduled cycle of any source (UTC); invalid while stopped or paused.
    QDateTime nextRunAt() const;
    bool isManualPending() const;
    bool isCycleRunning() const { return m_busy || !m_queue.isEmpty() || m_batchRemaining > 0; }
    // The last cycle of any source, and the last of each.
    const CycleReport& lastReport() const { return m_lastReport; }
    QHash<QString, CycleReport> lastReports() const { return m_lastReports; }
    const MemoryTrend& memoryTrend() const { return m_trend; }
    MemoryAlarm memoryAlarm() const { return m_alarm; }

Q_SIGNALS:
    void cycleStarted(qint64 cycle, const QString& source);
    // Any source's schedule changed state or next run.
    void scheduleChanged();
    void cycleFinished(const Lantir::CycleReport& report);
    void cyclesDone(int failed);
    void memoryAlarmChanged(const Lantir::MemoryAlarm& alarm);
    void memoryTrendUpdated(const Lantir::MemoryTrendSummary& summary);
    // Internal: hand work to the sync thread.
    void requestCycle(const QString& source, bool full, bool dryRun);
    void requestConfig(const Lantir::SyncConfig& config, const Lantir::SourceTokens& tokens);
    void requestForceCancel(const QString& source);

private:
    struct Turn
    {
        QString source;
        bool full = false;
        bool dryRun = false;
    };
    struct SourceSchedule
    {
        QString source;
        std::unique_ptr<SyncScheduler> scheduler;
    };

    void ensureThread();
    void updateSchedulers();
    void onCycleFinished(const CycleReport& report);
    void enqueue(const Turn& turn);
    void runNextTurn();
    void observeMemory(const CycleReport& report);

    const Clock* m_clock;
    SyncConfig m_config;
    SourceTokens m_tokens;
    QThread m_thread;
    SyncWorker* m_worker = nullptr;
    std::vector<SourceSchedule> m_schedules; // one per enabled source, in order
    QList<Turn> m_queue; // cycles due, waiting for the sync thread
    bool m_busy = false; // a cycle runs on the sync thread
    bool m_started = false;
    bool m_paused = false;
    CycleReport m_lastReport;
    QHash<QString, CycleReport> m_lastReports;
    MemoryTrend m_trend;
    MemoryAlarm m_alarm;
    int m_batchRemaining = 0;
    int m_batchFailed = 0;
    qint64 m_cyclesSeen = 0;
};

} // namespace Lantir
