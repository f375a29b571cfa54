#pragma once

#include <QDateTime>
#include <QTime>

namespace Lantir {

// The hours of the day in which scheduled syncs run, in local time. A window whose start is
// after its end crosses midnight (22:00-06:00); equal start and end mean all day.
class OperationWindow
{
public:
    OperationWindow() = default;
    OperationWindow(QTime start, QTime end);

    QTime start() const { return m_start; }
    QTime end() const { return m_end; }
    bool isAllDay() const;
    bool crossesMidnight() const;

    // Both ends inclusive, to the second.
    bool contains(QTime time) const;
    bool contains(const QDateTime& localTime) const { return contains(localTime.time()); }

    // The first moment at or after `localNow` inside the window.
    QDateTime nextOpening(const QDateTime& localNow) const;

private:
    QTime m_start = QTime(0, 0);
    QTime m_end = QTime(23, 59, 59);
};

} // namespace Lantir
