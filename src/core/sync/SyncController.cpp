#include "sync/SyncController.h"

#include "base/HappensBefore.h"
#include "base/Logging.h"
#include "memory/MemoryProbe.h"
#include "sync/SyncWorker.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace Lantir {

namespace {
constexpr int TrendSummaryEvery = 10;
constexpr int ShutdownWarnEveryMs = 5000;
} // namespace

SyncController::SyncController(const Clock* clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
{
    qRegisterMetaType<Lantir::CycleReport>();
    qRegisterMetaType<Lantir::SyncConfig>();
    qRegisterMetaType<Lantir::SourceTokens>();
    qRegisterMetaType<Lantir::MemoryAlarm>();
    qRegisterMetaType<Lantir::MemoryTrendSummary>();
    m_thread.setObjectName(QStringLiteral("lantir-sync"));
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
    m_worker = new SyncWorker(m_config, m_tokens, m_clock);
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

void SyncController::setConfig(const SyncConfig& config, const SourceTokens& tokens)
{
    m_config = config;
    m_tokens = tokens;
    updateSchedulers();
    if (m_worker)
        Q_EMIT requestConfig(config, tokens);
}

void SyncController::setConfig(const SyncConfig& config, const QString& token)
{
    SourceTokens tokens;
    for (const SourceConfig& source : config.sources)
        tokens.insert(source.name, token);
    setConfig(config, tokens);
}

QStringList SyncController::sourceNames() const
{
    QStringList names;
    for (const SourceConfig& source : m_config.sources) {
        if (source.enabled)
            names.append(source.name);
    }
    return names;
}

// One scheduler per enabled source: kept (with its next due time) for a source that stays,
// made for a new one, dropped for one removed or disabled.
void SyncController::updateSchedulers()
{
    std::vector<SourceSchedule> kept;
    for (const QString& name : sourceNames()) {
        auto it = std::find_if(m_schedules.begin(), m_schedules.end(),
                               [&name](const SourceSchedule& s) { return s.source == name; });
        SourceSchedule entry;
        entry.source = name;
        if (it != m_schedules.end()) {
            entry.scheduler = std::move(it->scheduler);
        } else {
            entry.scheduler = std::make_unique<SyncScheduler>(m_clock);
            SyncScheduler* scheduler = entry.scheduler.get();
            connect(scheduler, &SyncScheduler::cycleDue, this, [this, name](bool full, bool) {
                enqueue(Turn { name, full, false });
            });
            connect(scheduler, &SyncScheduler::stateChanged, this, &SyncController::scheduleChanged);
            connect(scheduler, &SyncScheduler::nextRunChanged, this, &SyncController::scheduleChanged);
            scheduler->setPaused(m_paused);
            if (m_started)
                scheduler->start();
        }
        entry.scheduler->setSchedule(m_config.findSource(name)->schedule);
        kept.push_back(std::move(entry));
    }
    m_schedules = std::move(kept);
    m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(),
                                 [this](const Turn& t) { return !m_config.findSource(t.source); }),
                  m_queue.end());
    Q_EMIT scheduleChanged();
}

SyncScheduler* SyncController::scheduler(const QString& source) const
{
    for (const SourceSchedule& s : m_schedules) {
        if (s.source == source)
            return s.scheduler.get();
    }
    return nullptr;
}

SyncScheduler* SyncController::scheduler() const
{
    return m_schedules.empty() ? nullptr : m_schedules.front().scheduler.get();
}

SyncScheduler::State SyncController::state() const
{
    if (m_schedules.empty() || !m_started)
        return isCycleRunning() ? SyncScheduler::State::Syncing : SyncScheduler::State::Stopped;
    if (isCycleRunning())
        return SyncScheduler::State::Syncing;
    if (m_paused)
        return SyncScheduler::State::Paused;
    bool outside = true;
    for (const SourceSchedule& s : m_schedules)
        outside = outside && s.scheduler->state() == SyncScheduler::State::OutsideWindow;
    return outside ? SyncScheduler::State::OutsideWindow : SyncScheduler::State::Idle;
}

QDateTime SyncController::nextRunAt() const
{
    QDateTime earliest;
    for (const SourceSchedule& s : m_schedules) {
        const QDateTime next = s.scheduler->nextRunAt();
        if (next.isValid() && (!earliest.isValid() || next < earliest))
            earliest = next;
    }
    return earliest;
}

bool SyncController::isManualPending() const
{
    for (const SourceSchedule& s : m_schedules) {
        if (s.scheduler->isManualPending())
            return true;
    }
    return false;
}

void SyncController::start()
{
    ensureThread();
    m_started = true;
    for (const SourceSchedule& s : m_schedules)
        s.scheduler->start();
    Q_EMIT scheduleChanged();
}

void SyncController::runCycles(int count, bool full, bool dryRun, const QStringList& sources)
{
    ensureThread();
    const QStringList selected = sources.isEmpty() ? sourceNames() : sources;
    m_batchFailed = 0;
    m_batchRemaining = qMax(1, count) * int(selected.size());
    if (m_batchRemaining == 0) {
        Q_EMIT cyclesDone(0);
        return;
    }
    for (int round = 0; round < qMax(1, count); ++round) {
        for (const QString& name : selected)
            m_queue.append(Turn { name, full, dryRun });
    }
    runNextTurn();
}

bool SyncController::shutdown(int timeoutMs)
{
    m_started = false;
    for (const SourceSchedule& s : m_schedules)
        s.scheduler->stop();
    m_queue.clear();
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
    m_busy = false;
    return true;
}

void SyncController::forceCancelOnce(const QString& source)
{
    ensureThread();
    Q_EMIT requestForceCancel(source);
}

void SyncController::syncNow(bool full, const QString& source)
{
    ensureThread();
    for (const SourceSchedule& s : m_schedules) {
        if (source.isEmpty() || s.source == source)
            s.scheduler->syncNow(full);
    }
}

void SyncController::setPaused(bool paused)
{
    m_paused = paused;
    for (const SourceSchedule& s : m_schedules)
        s.scheduler->setPaused(paused);
    Q_EMIT scheduleChanged();
}

void SyncController::enqueue(const Turn& turn)
{
    ensureThread();
    m_queue.append(turn);
    runNextTurn();
}

void SyncController::runNextTurn()
{
    if (m_busy || m_queue.isEmpty() || !m_worker)
        return;
    const Turn turn = m_queue.takeFirst();
    m_busy = true;
    Q_EMIT requestCycle(turn.source, turn.full, turn.dryRun);
}

void SyncController::observeMemory(const CycleReport& report)
{
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
}

void SyncController::onCycleFinished(const CycleReport& report)
{
    m_busy = false;
    m_lastReport = report;
    m_lastReports.insert(report.source, report);
    observeMemory(report);
    Q_EMIT cycleFinished(report);

    if (m_batchRemaining > 0) {
        if (!report.ok)
            ++m_batchFailed;
        if (--m_batchRemaining == 0) {
            Q_EMIT cyclesDone(m_batchFailed);
            return;
        }
    } else if (SyncScheduler* s = scheduler(report.source)) {
        s->cycleFinished();
    }
    runNextTurn();
}

} // namespace Lantir
