#include "MockClock.h"

namespace Lantir::Test {

MockClock::MockClock(const QDateTime& start)
    : m_now(start.toUTC())
{
}

void MockClock::advanceSeconds(qint64 seconds)
{
    m_now = m_now.addSecs(seconds);
    m_monotonicMs += seconds * 1000;
}

} // namespace Lantir::Test
