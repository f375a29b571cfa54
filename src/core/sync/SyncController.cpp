#include "sync/SyncController.h"

#include "base/HappensBefore.h"
#include "base/Logging.h"
#include "memory/MemoryProbe.h"
#include "sync/SyncWorker.h"

#include <QDeadlineTimer>

namespace Lantir {

namespace {
constexpr int TrendSummaryEvery = 10;
constexpr int ShutdownWarnEveryMs = 5000;
} // namespace

SyncController::SyncController(const Clock* clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
    , m_scheduler(m_clock)
{
    qRegisterMetaType<Lantir::CycleReport>();
    qRegisterMetaType<Lantir::SyncConfig>();
    qRegisterMetaType<Lantir::MemoryAlarm>();
    qRegisterMetaType<Lantir::MemoryTrendSummary>();
    m_thread.setObjectName(QStringLiteral("lantir-sync"));
    connect(&m_scheduler, &SyncScheduler::cycleDue, this, &SyncController::onCycleDue);
    // Runs in the sync thread as it ends; shutdown() pairs it with the return of wait().
    connect(
        &m_thread, &QThread::finished, this, [this] { HappensBefore::release(&m_thread); },
        Qt::DirectConnection);
}

SyncController::~SyncController()
{
    // Destroying a QThread that still runs aborts the process, so this waits for the thread to
    // end however long it takes. shutdown() has cancelled the cycle: HTTP requests are aborted
    // and waits for another process's database lock give up, so the thread ends promptly.
    if (shutdown())
        return;
    while (!m_thread.wait(QDeadlineTimer(ShutdownWarnEveryMs)))
        qCWarning(lcSync) << "Still waiting for the sync thread to end";
    delete m_worker;
    m_worker = nullptr;
}

void SyncController::ensureThread()
{
    if (m_worker)
        return;
    m_worker = new SyncWorker(m_config, m_token, m_clock);
    m_worker->moveToThread(&m_thread);
    connect(this, &SyncController::requestCycle, m_worker, &SyncWorker::runCycle, Qt::QueuedConnection);
    connect(this, &SyncController::requestConfig, m_worker, &SyncWorker::setConfig, Qt::QueuedConnection);
    connect(this, &SyncController::requestForceCancel, m_worker, &SyncWorker::forceCancelNextCycle,
            Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::cycleStarted, this, &SyncController::cycleStarted, Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::cycleFinished, this, &SyncController::onCycleFinished,
            Qt::QueuedConnection);
    m_thread.start();
}

void SyncController::setConfig(const SyncConfig& config, const QString& token)
{
    m_config = config;
    m_token = token;
    m_scheduler.setSchedule(config.schedule);
    if (m_worker)
        Q_EMIT requestConfig(config, token);
}

void SyncController::start()
{
    ensureThread();
    m_scheduler.start();
}

void SyncController::runCycles(int count, bool full, bool dryRun)
{
    ensureThread();
    m_batchRemaining = qMax(1, count);
    m_batchFailed = 0;
    m_batchDryRun = dryRun;
    m_batchFull = full;
    Q_EMIT requestCycle(full, dryRun);
}

bool SyncController::shutdown(int timeoutMs)
{
    m_scheduler.stop();
    m_batchRemaining = 0;
    if (!m_worker)
        return true;
    m_worker->cancel();
    m_thread.quit();
    const bool ended = m_thread.wait(QDeadlineTimer(timeoutMs));
    if (!ended) {
        qCWarning(lcSync) << "The sync thread did not stop within" << timeoutMs << "ms";
        return false;
    }
    HappensBefore::acquire(&m_thread);
    // The thread has ended, so the worker can go from here; deleting it also drops any queued
    // request still addressed to it (a deleteLater on QThread::finished would never run and
    // would leave those events, and the thread's data, behind).
    delete m_worker;
    m_worker = nullptr;
    return true;
}

void SyncController::forceCancelOnce()
{
    ensureThread();
    Q_EMIT requestForceCancel();
}

void SyncController::syncNow(bool full)
{
    ensureThread();
    m_scheduler.syncNow(full);
}

void SyncController::setPaused(bool paused)
{
    m_scheduler.setPaused(paused);
}

void SyncController::onCycleDue(bool full, bool manual)
{
    Q_UNUSED(manual)
    ensureThread();
    Q_EMIT requestCycle(full, false);
}

void SyncController::onCycleFinished(const CycleReport& report)
{
    m_lastReport = report;
    ++m_cyclesSeen;
    const qint64 rssKb = report.rssEndKb >= 0 ? report.rssEndKb : MemoryProbe::currentRssKb();
    if (rssKb >= 0)
        m_trend.add(report.startedAt.addMSecs(report.durationMs), rssKb / 1024.0);
    const MemoryTrendSummary summary = m_trend.summary();
    Q_EMIT memoryTrendUpdated(summary);
    if (m_cyclesSeen % TrendSummaryEvery == 0)
        qCInfo(lcMemory).noquote() << MemoryTrend::logLine(summary);
    const MemoryAlarm alarm
        = evaluateMemoryAlarm(summary, m_config.memoryWarnMbPerHour, m_config.memoryCriticalMb);
    if (alarm.level != m_alarm.level) {
        m_alarm = alarm;
        if (alarm.level == MemoryAlarmLevel::Critical)
            qCCritical(lcMemory).noquote() << alarm.message;
        else if (alarm.level == MemoryAlarmLevel::Warning)
            qCWarning(lcMemory).noquote() << alarm.message;
        else
            qCInfo(lcMemory) << "Memory back within its limits";
        Q_EMIT memoryAlarmChanged(alarm);
    }
    Q_EMIT cycleFinished(report);

    if (m_batchRemaining > 0) {
        if (!report.ok)
            ++m_batchFailed;
        if (--m_batchRemaining > 0) {
            Q_EMIT requestCycle(m_batchFull, m_batchDryRun);
        } else {
            Q_EMIT cyclesDone(m_batchFailed);
        }
        return;
    }
    m_scheduler.cycleFinished();
}

} // namespace Lantir
