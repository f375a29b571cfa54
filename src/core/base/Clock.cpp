#include "base/Clock.h"

#include <QElapsedTimer>

namespace Lantir {

namespace {
class SystemClock final : public Clock
{
public:
    SystemClock() { m_timer.start(); }
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
    qint64 monotonicMs() const override { return m_timer.elapsed(); }

private:
    QElapsedTimer m_timer;
};
} // namespace

const Clock* Clock::system()
{
    static const SystemClock clock;
    return &clock;
}

} // namespace Lantir
