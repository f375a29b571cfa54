#pragma once

#include <QDateTime>

namespace Lantir {

// The time source for everything that schedules. The system clock in production; tests pass a
// clock they move by hand, so schedule decisions are checked without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    // Milliseconds since an arbitrary start, never going backwards.
    virtual qint64 monotonicMs() const = 0;

    QDateTime nowLocal() const { return nowUtc().toLocalTime(); }

    // The process-wide system clock.
    static const Clock* system();
};

} // namespace Lantir
