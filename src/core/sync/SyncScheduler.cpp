#include "sync/SyncScheduler.h"

#include "base/Logging.h"

namespace Lantir {

SyncScheduler::SyncScheduler(const Clock* clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncScheduler::checkSchedule);
    setSchedule(m_schedule);
}

void SyncScheduler::setSchedule(const ScheduleConfig& schedule)
{
    const int oldInterval = m_schedule.intervalSeconds;
    m_schedule = schedule;
    m_window = OperationWindow(schedule.windowStart, schedule.windowEnd);
    // A shorter interval brings the next cycle forward; a longer one pushes it back.
    if (m_nextDue.isValid() && oldInterval != schedule.intervalSeconds)
        setNextDue(m_nextDue.addSecs(schedule.intervalSeconds - oldInterval));
    if (m_started)
        checkSchedule();
}

void SyncScheduler::start()
{
    if (m_started)
        return;
    m_started = true;
    setNextDue(m_clock->nowUtc());
    checkSchedule();
}

void SyncScheduler::stop()
{
    m_started = false;
    m_running = false; // a cycle still ending reports to nobody
    m_timer.stop();
    m_manualPending = false;
    setNextDue(QDateTime());
    setState(State::Stopped);
}

void SyncScheduler::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    qCInfo(lcSync) << (paused ? "Scheduled syncs paused" : "Scheduled syncs resumed");
    if (m_running)
        return; // the state follows when the cycle ends
    if (paused) {
        m_timer.stop();
        setState(m_started ? State::Paused : State::Stopped);
        Q_EMIT nextRunChanged(QDateTime());
    } else {
        checkSchedule();
        Q_EMIT nextRunChanged(nextRunAt());
    }
}

QDateTime SyncScheduler::nextRunAt() const
{
    if (!m_started || m_paused)
        return QDateTime();
    return m_nextDue;
}

void SyncScheduler::syncNow(bool full)
{
    if (m_running) {
        m_manualPending = true;
        m_manualFull = m_manualFull || full;
        qCInfo(lcSync) << "Sync requested while a cycle runs; it will start when this one ends";
        return;
    }
    dispatch(full, true);
}

void SyncScheduler::cycleFinished()
{
    if (!m_running)
        return;
    m_running = false;
    setNextDue(m_clock->nowUtc().addSecs(m_schedule.intervalSeconds));
    if (m_manualPending) {
        const bool full = m_manualFull;
        m_manualPending = false;
        m_manualFull = false;
        dispatch(full, true);
        return;
    }
    checkSchedule();
}

void SyncScheduler::checkSchedule()
{
    if (!m_started || m_running)
        return;
    if (m_paused) {
        m_timer.stop();
        setState(State::Paused);
        return;
    }
    const QDateTime now = m_clock->nowUtc();
    if (!m_nextDue.isValid())
        setNextDue(now);
    if (now >= m_nextDue) {
        const QDateTime local = now.toLocalTime();
        if (m_window.contains(local)) {
            dispatch(false, false);
            return;
        }
        setNextDue(m_window.nextOpening(local).toUTC());
        setState(State::OutsideWindow);
    } else {
        setState(m_window.contains(m_nextDue.toLocalTime()) ? State::Idle : State::OutsideWindow);
    }
    arm();
}

void SyncScheduler::dispatch(bool full, bool manual)
{
    m_timer.stop();
    m_running = true;
    setState(State::Syncing);
    Q_EMIT cycleDue(full, manual);
}

void SyncScheduler::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncScheduler::setNextDue(const QDateTime& utc)
{
    if (m_nextDue == utc)
        return;
    m_nextDue = utc;
    Q_EMIT nextRunChanged(nextRunAt());
}

void SyncScheduler::arm()
{
    const qint64 wait = qBound(qint64(0), m_clock->nowUtc().msecsTo(m_nextDue), qint64(MaxTimerWaitMs));
    m_timer.start(static_cast<int>(wait));
}

} // namespace Lantir
