#pragma once

#include "base/Clock.h"
#include "config/SyncConfig.h"
#include "memory/MemoryAlarm.h"
#include "memory/MemoryTrend.h"
#include "store/CycleReport.h"
#include "sync/SyncScheduler.h"

#include <QObject>
#include <QThread>

namespace Lantir {

class SyncWorker;

// The one object the desktop app and lantir-sync drive: it owns the sync thread and its
// worker, the schedule, and the memory trend fed by every cycle's report. Lives on the main
// thread; all work happens on the sync thread, results come back as queued signals.
class SyncController : public QObject
{
    Q_OBJECT

public:
    explicit SyncController(const Clock* clock = Clock::system(), QObject* parent = nullptr);
    // Calls shutdown() and, if the thread has not ended by then, keeps waiting for it: a running
    // thread is never destroyed.
    ~SyncController() override;

    // Applies to the next cycle; the schedule is re-read at once.
    void setConfig(const SyncConfig& config, const QString& token);
    const SyncConfig& config() const { return m_config; }

    // Scheduled mode: the first cycle at once, then on the schedule.
    void start();
    // Runs `count` cycles back to back (each a full export if asked), then emits
    // cyclesDone(). For --once / --cycles N.
    void runCycles(int count, bool full, bool dryRun);
    // Stops the schedule, asks the running cycle to stop at its next safe point, and ends the
    // sync thread. Returns false when the thread had not ended within `timeoutMs`; it still ends
    // soon after (a cancelled cycle gives up its HTTP request and any database lock wait), and
    // shutdown() may be called again to wait for it.
    bool shutdown(int timeoutMs = 5000);

    void syncNow(bool full = false);
    // A person confirmed that the visits a blocked cycle would cancel really left REDCap: the
    // next cycle cancels them even past max_cancel_fraction (once). Call before syncNow() or
    // runCycles().
    void forceCancelOnce();
    void setPaused(bool paused);

    SyncScheduler* scheduler() { return &m_scheduler; }
    bool isCycleRunning() const { return m_scheduler.isCycleRunning() || m_batchRemaining > 0; }
    const CycleReport& lastReport() const { return m_lastReport; }
    const MemoryTrend& memoryTrend() const { return m_trend; }
    MemoryAlarm memoryAlarm() const { return m_alarm; }

Q_SIGNALS:
    void cycleStarted(qint64 cycle);
    void cycleFinished(const Lantir::CycleReport& report);
    void cyclesDone(int failed);
    void memoryAlarmChanged(const Lantir::MemoryAlarm& alarm);
    void memoryTrendUpdated(const Lantir::MemoryTrendSummary& summary);
    // Internal: hand work to the sync thread.
    void requestCycle(bool full, bool dryRun);
    void requestConfig(const Lantir::SyncConfig& config, const QString& token);
    void requestForceCancel();

private:
    void ensureThread();
    void onCycleFinished(const CycleReport& report);
    void onCycleDue(bool full, bool manual);

    const Clock* m_clock;
    SyncConfig m_config;
    QString m_token;
    QThread m_thread;
    SyncWorker* m_worker = nullptr;
    SyncScheduler m_scheduler;
    CycleReport m_lastReport;
    MemoryTrend m_trend;
    MemoryAlarm m_alarm;
    int m_batchRemaining = 0;
    int m_batchFailed = 0;
    bool m_batchDryRun = false;
    bool m_batchFull = false;
    qint64 m_cyclesSeen = 0;
};

} // namespace Lantir
