#include "SchedulePage.h"

#include "FieldMarks.h"
#include "ui_SchedulePage.h"

namespace Lantir {

namespace {
constexpr int MinimumIntervalSeconds = 10; // as ConfigLoader accepts
}

SchedulePage::SchedulePage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::SchedulePage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    m_ui->windowStartEdit->setTimeSpec(Qt::LocalTime);
    m_ui->windowEndEdit->setTimeSpec(Qt::LocalTime);
    watchEdits();
}

SchedulePage::~SchedulePage() = default;

QString SchedulePage::title() const
{
    return tr("Schedule");
}

void SchedulePage::fill(const SyncConfig& c)
{
    m_ui->intervalSpin->setValue(source(c).schedule.intervalSeconds);
    m_ui->windowStartEdit->setTime(source(c).schedule.windowStart);
    m_ui->windowEndEdit->setTime(source(c).schedule.windowEnd);
    m_ui->overlapSpin->setValue(source(c).schedule.overlapSeconds);
}

void SchedulePage::store(SyncConfig& c) const
{
    source(c).schedule.intervalSeconds = m_ui->intervalSpin->value();
    // Whole minutes: the start minute from its first second, the end minute up to its last one
    // (as pylantir includes it); the same minute twice means all day.
    const QTime start = m_ui->windowStartEdit->time();
    const QTime end = m_ui->windowEndEdit->time();
    source(c).schedule.windowStart = QTime(start.hour(), start.minute());
    source(c).schedule.windowEnd = start.hour() == end.hour() && start.minute() == end.minute()
        ? source(c).schedule.windowStart
        : QTime(end.hour(), end.minute(), 59);
    source(c).schedule.overlapSeconds = m_ui->overlapSpin->value();
}

void SchedulePage::validate(const SyncConfig& /*config*/)
{
    QString interval = inputReason(m_ui->intervalSpin, tr("Enter the sync interval in seconds."));
    if (interval.isEmpty() && m_ui->intervalSpin->value() < MinimumIntervalSeconds)
        interval = tr("The shortest sync interval is %1 seconds.").arg(MinimumIntervalSeconds);
    marks().mark(m_ui->intervalSpin, interval);
    FieldMarks::showError(m_ui->intervalError, interval);

    const QString start = inputReason(m_ui->windowStartEdit,
                                      tr("Enter the start of the operation window as "
                                         "hours and minutes, e.g. 08:00."));
    const QString end = inputReason(m_ui->windowEndEdit,
                                    tr("Enter the end of the operation window as hours "
                                       "and minutes, e.g. 18:00."));
    marks().mark(m_ui->windowStartEdit, start);
    marks().mark(m_ui->windowEndEdit, end);
    QStringList window;
    for (const QString& reason : { start, end }) {
        if (!reason.isEmpty())
            window << reason;
    }
    FieldMarks::showErrors(m_ui->windowError, window);

    const QString overlap = inputReason(m_ui->overlapSpin, tr("Enter the overlap in seconds (0 or more)."));
    marks().mark(m_ui->overlapSpin, overlap);
    FieldMarks::showError(m_ui->overlapError, overlap);
    updateHints();
}

void SchedulePage::updateHints()
{
    m_ui->intervalHint->setText(QStringLiteral("= ") + durationText(m_ui->intervalSpin->value()));
    const QTime start = m_ui->windowStartEdit->time();
    const QTime end = m_ui->windowEndEdit->time();
    const QString from = start.toString(QStringLiteral("HH:mm"));
    const QString to = end.toString(QStringLiteral("HH:mm"));
    if (start.hour() == end.hour() && start.minute() == end.minute())
        m_ui->windowHint->setText(tr("Same start and end: Lantir syncs all day."));
    else if (start > end)
        m_ui->windowHint->setText(
            tr("Crosses midnight: Lantir syncs from %1 until %2 the next morning.").arg(from, to));
    else
        m_ui->windowHint->setText(tr("Lantir syncs from %1 to %2 each day.").arg(from, to));
}

void SchedulePage::retranslate()
{
    m_ui->retranslateUi(this);
}

QString SchedulePage::durationText(int seconds)
{
    const int h = seconds / 3600;
    const int m = seconds % 3600 / 60;
    const int s = seconds % 60;
    QStringList parts;
    if (h > 0)
        parts << tr("%1 h").arg(h);
    if (m > 0)
        parts << tr("%1 min").arg(m);
    if (s > 0 || parts.isEmpty())
        parts << tr("%1 s").arg(s);
    return parts.join(QLatin1Char(' '));
}

} // namespace Lantir
