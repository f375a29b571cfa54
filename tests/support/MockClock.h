#pragma once

#include "base/Clock.h"

namespace Lantir::Test {

// A clock that moves only when the test says so.
class MockClock final : public Clock
{
public:
    explicit MockClock(const QDateTime& start);

    QDateTime nowUtc() const override { return m_now; }
    qint64 monotonicMs() const override { return m_monotonicMs; }

    void advanceSeconds(qint64 seconds);
    void advanceMinutes(qint64 minutes) { advanceSeconds(minutes * 60); }
    void advanceHours(qint64 hours) { advanceSeconds(hours * 3600); }
    // Jumps the wall clock (as an NTP correction would); the monotonic clock does not move.
    void setNow(const QDateTime& time) { m_now = time.toUTC(); }

private:
    QDateTime m_now;
    qint64 m_monotonicMs = 0;
};

} // namespace Lantir::Test
