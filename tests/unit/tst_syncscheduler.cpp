#include "MockClock.h"
#include "sync/SyncScheduler.h"

#include <QSignalSpy>
#include <QTest>

using Lantir::ScheduleConfig;
using Lantir::SyncScheduler;
using Lantir::Test::MockClock;

namespace {
QDateTime localAt(int hour, int minute = 0, int dayOffset = 0)
{
    return QDateTime(QDate(2026, 3, 10).addDays(dayOffset), QTime(hour, minute), Qt::LocalTime);
}

ScheduleConfig schedule(int intervalSeconds, QTime start = QTime(0, 0), QTime end = QTime(23, 59, 59))
{
    ScheduleConfig s;
    s.intervalSeconds = intervalSeconds;
    s.windowStart = start;
    s.windowEnd = end;
    return s;
}
} // namespace

// Every decision is driven by a MockClock and direct calls to checkSchedule(): no sleeping.
class TestSyncScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstCycleRunsAtStart()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(1800));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.start();
        QCOMPARE(due.count(), 1);
        QCOMPARE(due.at(0).at(0).toBool(), false); // not a full export
        QCOMPARE(due.at(0).at(1).toBool(), false); // not manual
        QCOMPARE(scheduler.state(), SyncScheduler::State::Syncing);
        QVERIFY(scheduler.isCycleRunning());
    }

    void nextCycleIsDueAnIntervalAfterTheLastEnded()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(1800));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.start();
        clock.advanceSeconds(45); // the cycle took 45 s
        scheduler.cycleFinished();
        QCOMPARE(scheduler.state(), SyncScheduler::State::Idle);
        QCOMPARE(scheduler.nextRunAt(), clock.nowUtc().addSecs(1800));

        clock.advanceSeconds(1799);
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 1);
        clock.advanceSeconds(1);
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 2);
    }

    void checkWhileRunningNeverOverlaps()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(60));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.start();
        clock.advanceHours(3); // a very slow cycle
        scheduler.checkSchedule();
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 1);
    }

    void syncNowDuringACycleIsQueuedOnce()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(1800));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.start();
        scheduler.syncNow();
        scheduler.syncNow(true);
        QCOMPARE(due.count(), 1);
        QVERIFY(scheduler.isManualPending());

        clock.advanceSeconds(10);
        scheduler.cycleFinished();
        QCOMPARE(due.count(), 2);
        QCOMPARE(due.at(1).at(0).toBool(), true); // a full request among the clicks wins
        QCOMPARE(due.at(1).at(1).toBool(), true);
        QVERIFY(!scheduler.isManualPending());

        scheduler.cycleFinished();
        QCOMPARE(due.count(), 2); // the two clicks ran one cycle, not two
    }

    void syncNowWhenIdleRunsAtOnce()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(1800));
        scheduler.start();
        scheduler.cycleFinished();
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.syncNow();
        QCOMPARE(due.count(), 1);
        QCOMPARE(due.at(0).at(1).toBool(), true);
    }

    void outsideTheWindowWaitsForItToOpen()
    {
        MockClock clock(localAt(19));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(1800, QTime(8, 0), QTime(18, 0)));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.start();
        QCOMPARE(due.count(), 0);
        QCOMPARE(scheduler.state(), SyncScheduler::State::OutsideWindow);
        QCOMPARE(scheduler.nextRunAt(), localAt(8, 0, 1).toUTC());

        clock.setNow(localAt(7, 59, 1));
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 0);
        clock.setNow(localAt(8, 0, 1));
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 1);
    }

    void windowAcrossMidnight()
    {
        MockClock clock(localAt(12));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(3600, QTime(22, 0), QTime(6, 0)));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.start();
        QCOMPARE(due.count(), 0);
        QCOMPARE(scheduler.nextRunAt(), localAt(22).toUTC());

        clock.setNow(localAt(22));
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 1);
        clock.advanceHours(1);
        scheduler.cycleFinished();
        clock.setNow(localAt(2, 0, 1)); // 02:00 next day, still inside
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 2);
        scheduler.cycleFinished();
        clock.setNow(localAt(6, 30, 1)); // closed again
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 2);
        QCOMPARE(scheduler.state(), SyncScheduler::State::OutsideWindow);
        QCOMPARE(scheduler.nextRunAt(), localAt(22, 0, 1).toUTC());
    }

    void pauseStopsScheduledCyclesButNotSyncNow()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(600));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        QSignalSpy states(&scheduler, &SyncScheduler::stateChanged);
        scheduler.start();
        scheduler.cycleFinished();
        scheduler.setPaused(true);
        QCOMPARE(scheduler.state(), SyncScheduler::State::Paused);
        QVERIFY(!scheduler.nextRunAt().isValid());

        clock.advanceHours(2);
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 1);

        scheduler.syncNow(); // the coordinator asked explicitly
        QCOMPARE(due.count(), 2);
        scheduler.cycleFinished();
        QCOMPARE(scheduler.state(), SyncScheduler::State::Paused);

        scheduler.setPaused(false);
        QCOMPARE(due.count(), 2); // the manual cycle just ended: next one an interval later
        clock.advanceSeconds(600);
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 3);
        QVERIFY(states.count() >= 4);
    }

    void pauseDuringACycleTakesEffectWhenItEnds()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(60));
        scheduler.start();
        scheduler.setPaused(true);
        QCOMPARE(scheduler.state(), SyncScheduler::State::Syncing);
        scheduler.cycleFinished();
        QCOMPARE(scheduler.state(), SyncScheduler::State::Paused);
    }

    void shorterIntervalBringsTheNextCycleForward()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(3600));
        scheduler.start();
        scheduler.cycleFinished();
        const QDateTime before = scheduler.nextRunAt();
        scheduler.setSchedule(schedule(600));
        QCOMPARE(scheduler.nextRunAt(), before.addSecs(600 - 3600));
    }

    void wallClockJumpIsNoticedWithinAMinute()
    {
        // The timer never waits longer than MaxTimerWaitMs, so a suspended laptop or an NTP
        // jump cannot leave the schedule asleep past its due time.
        QVERIFY(SyncScheduler::MaxTimerWaitMs <= 60 * 1000);
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.setSchedule(schedule(24 * 3600));
        QSignalSpy due(&scheduler, &SyncScheduler::cycleDue);
        scheduler.start();
        scheduler.cycleFinished();
        clock.setNow(localAt(10, 0, 2));
        scheduler.checkSchedule();
        QCOMPARE(due.count(), 2);
    }

    void stopClearsEverything()
    {
        MockClock clock(localAt(10));
        SyncScheduler scheduler(&clock);
        scheduler.start();
        scheduler.syncNow();
        scheduler.stop();
        QCOMPARE(scheduler.state(), SyncScheduler::State::Stopped);
        QVERIFY(!scheduler.nextRunAt().isValid());
        QVERIFY(!scheduler.isManualPending());
    }
};

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_syncscheduler.moc"
