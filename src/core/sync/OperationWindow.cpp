#include "sync/OperationWindow.h"

namespace Lantir {

namespace {
QTime toSecond(QTime t)
{
    return QTime(t.hour(), t.minute(), t.second());
}
} // namespace

OperationWindow::OperationWindow(QTime start, QTime end)
    : m_start(toSecond(start))
    , m_end(toSecond(end))
{
}

bool OperationWindow::isAllDay() const
{
    return m_start == m_end || (m_start == QTime(0, 0) && m_end == QTime(23, 59, 59));
}

bool OperationWindow::crossesMidnight() const
{
    return m_start > m_end;
}

bool OperationWindow::contains(QTime time) const
{
    if (isAllDay())
        return true;
    const QTime t = toSecond(time);
    if (crossesMidnight())
        return t >= m_start || t <= m_end;
    return t >= m_start && t <= m_end;
}

QDateTime OperationWindow::nextOpening(const QDateTime& localNow) const
{
    if (contains(localNow))
        return localNow;
    // Outside the window: it opens at m_start, today if that is still ahead, else tomorrow.
    QDateTime opening(localNow.date(), m_start, localNow.timeSpec());
    if (opening <= localNow)
        opening = QDateTime(localNow.date().addDays(1), m_start, localNow.timeSpec());
    return opening;
}

} // namespace Lantir
