#include "config/ConfigSections.h"

#include <QTime>

namespace Lantir::ConfigParsing {

namespace {

// "HH:MM" or "HH:MM:SS".
bool readClock(Reader& r, const QJsonObject& object, QLatin1String name, const QString& prefix, QTime& out)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    const QString key = joinKey(prefix, name);
    const QString text = value.toString();
    QTime time;
    if (value.isString() && (text.size() == 5 || text.size() == 8))
        time = QTime::fromString(text,
                                 text.size() == 5 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    if (!time.isValid())
        return r.failType(key, QStringLiteral("a time of day \"HH:MM\" (24-hour clock)"), value);
    out = time;
    return true;
}

QString timeText(const QTime& time)
{
    return time.toString(time.second() == 0 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
}

} // namespace

bool readScheduleSection(Reader& r, const QJsonObject& schedule, const QString& sc)
{
    QJsonObject window;
    const QString w = joinKey(sc, QStringLiteral("window"));
    if (!r.readObject(schedule, QLatin1String("window"), sc, window))
        return false;
    r.checkKeys(schedule, sc,
                { QLatin1String("interval_s"), QLatin1String("window"), QLatin1String("overlap_s") });
    r.checkKeys(window, w, { QLatin1String("start"), QLatin1String("end") });
    ScheduleConfig& s = r.source().schedule;
    return r.readInt(schedule, QLatin1String("interval_s"), sc, s.intervalSeconds, 10, 7 * 86400,
                     QStringLiteral("seconds"))
        && r.readInt(schedule, QLatin1String("overlap_s"), sc, s.overlapSeconds, 0, 86400,
                     QStringLiteral("seconds"))
        && readClock(r, window, QLatin1String("start"), w, s.windowStart)
        && readClock(r, window, QLatin1String("end"), w, s.windowEnd);
}

QJsonObject writeScheduleSection(const ScheduleConfig& s)
{
    return QJsonObject {
        { QStringLiteral("interval_s"), s.intervalSeconds },
        { QStringLiteral("window"),
          QJsonObject {
              { QStringLiteral("start"), timeText(s.windowStart) },
              { QStringLiteral("end"), timeText(s.windowEnd) },
          } },
        { QStringLiteral("overlap_s"), s.overlapSeconds },
    };
}

} // namespace Lantir::ConfigParsing
