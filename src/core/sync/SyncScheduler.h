#pragma once

#include "base/Clock.h"
#include "config/SyncConfig.h"
#include "sync/OperationWindow.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace Lantir {

// Decides when the next cycle runs. Cycles never overlap: the next one is due `interval` after
// the previous one ended (a re-armed single-shot timer), only inside the operation window, never
// while paused. "Sync now" runs at once, or right after the running cycle when one is running
// (repeated requests collapse into one). Every decision reads the injected Clock, so tests move
// time by hand and call checkSchedule() instead of sleeping.
class SyncScheduler : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Idle, // waiting for the next cycle
        Syncing,
        Paused,
        OutsideWindow, // waiting for the operation window to open
    };
    Q_ENUM(State)

    explicit SyncScheduler(const Clock* clock = Clock::system(), QObject* parent = nullptr);

    void setSchedule(const ScheduleConfig& schedule);
    const ScheduleConfig& schedule() const { return m_schedule; }

    void start(); // the first cycle is due at once
    void stop();
    void setPaused(bool paused);

    bool isPaused() const { return m_paused; }
    bool isCycleRunning() const { return m_running; }
    bool isManualPending() const { return m_manualPending; }
    State state() const { return m_state; }
    // When the next scheduled cycle is due (UTC); invalid while stopped or paused.
    QDateTime nextRunAt() const;

    // Longest single timer wait; the schedule is re-read at least this often, so a suspended
    // machine or a changed wall clock cannot leave it asleep past its due time.
    static constexpr int MaxTimerWaitMs = 60 * 1000;

public Q_SLOTS:
    void syncNow(bool full = false);
    // The worker reports that the cycle it was given has ended.
    void cycleFinished();
    // Runs whatever is due; the timer calls it, and tests call it directly.
    void checkSchedule();

Q_SIGNALS:
    void cycleDue(bool full, bool manual);
    void stateChanged(Lantir::SyncScheduler::State state);
    void nextRunChanged(const QDateTime& utc);

private:
    void dispatch(bool full, bool manual);
    void setState(State state);
    void setNextDue(const QDateTime& utc);
    void arm();

    const Clock* m_clock;
    ScheduleConfig m_schedule;
    OperationWindow m_window;
    QTimer m_timer;
    QDateTime m_nextDue;
    State m_state = State::Stopped;
    bool m_started = false;
    bool m_paused = false;
    bool m_running = false;
    bool m_manualPending = false;
    bool m_manualFull = false;
};

} // namespace Lantir
