#include "mapping/DateTimeNormalizer.h"

namespace Lantir {

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool allDigits(QStringView text)
{
    for (QChar c : text) {
        if (!isDigit(c))
            return false;
    }
    return !text.isEmpty();
}

bool isDateSeparator(QChar c)
{
    return c == QLatin1Char('-') || c == QLatin1Char('/') || c == QLatin1Char('.');
}

// YYYY?MM?DD with ? one of - / . at the start of `text`.
bool startsWithSeparatedDate(QStringView text)
{
    return text.size() >= 10 && allDigits(text.first(4)) && isDateSeparator(text[4])
        && allDigits(text.sliced(5, 2)) && isDateSeparator(text[7]) && allDigits(text.sliced(8, 2));
}

QString dashed(QStringView year, QStringView month, QStringView day)
{
    QString out;
    out.reserve(10);
    out.append(year).append(QLatin1Char('-')).append(month).append(QLatin1Char('-')).append(day);
    return out;
}

QString hoursMinutes(QStringView hours, QStringView minutes)
{
    QString out;
    out.reserve(5);
    if (hours.size() < 2)
        out.append(QLatin1Char('0'));
    out.append(hours).append(QLatin1Char(':'));
    if (minutes.size() < 2)
        out.append(QLatin1Char('0'));
    out.append(minutes);
    return out;
}

} // namespace

QString DateTimeNormalizer::normalizeDate(const QString& value)
{
    if (isNormalizedDate(value))
        return value; // the usual case: shared, not copied
    const QStringView text = QStringView(value).trimmed();
    if (text.isEmpty())
        return QString();

    if (startsWithSeparatedDate(text)) {
        if (text.size() == 10)
            return dashed(text.first(4), text.sliced(5, 2), text.sliced(8, 2));
        // A date with a time after it, as some exports and pylantir's writer accept.
        const QChar next = text[10];
        if (text[4] == QLatin1Char('-') && text[7] == QLatin1Char('-')
            && (next == QLatin1Char(' ') || next == QLatin1Char('T'))) {
            return text.first(10).toString();
        }
    }
    if (text.size() == 8 && allDigits(text))
        return dashed(text.first(4), text.sliced(4, 2), text.sliced(6, 2));

    return text.toString();
}

QString DateTimeNormalizer::normalizeTime(const QString& value)
{
    if (isNormalizedTime(value))
        return value; // the usual case: shared, not copied
    const QStringView text = QStringView(value).trimmed();
    if (text.isEmpty())
        return QString();

    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        const QStringView hours = text.first(colon);
        QStringView rest = text.sliced(colon + 1);
        const qsizetype second = rest.indexOf(QLatin1Char(':'));
        const QStringView minutes = second < 0 ? rest : rest.first(second);
        bool secondsOk = true;
        if (second >= 0) {
            // Seconds, possibly with a fraction: digits, then optionally '.' and digits.
            QStringView seconds = rest.sliced(second + 1);
            const qsizetype dot = seconds.indexOf(QLatin1Char('.'));
            if (dot >= 0) {
                secondsOk = allDigits(seconds.sliced(dot + 1));
                seconds = seconds.first(dot);
            }
            secondsOk = secondsOk && seconds.size() <= 2 && allDigits(seconds);
        }
        if (hours.size() <= 2 && allDigits(hours) && minutes.size() <= 2 && allDigits(minutes) && secondsOk)
            return hoursMinutes(hours, minutes);
        return text.toString();
    }

    if (allDigits(text)) {
        switch (text.size()) {
        case 6:
        case 4:
            return hoursMinutes(text.first(2), text.sliced(2, 2));
        case 2:
            return hoursMinutes(text, QStringView(u"00"));
        default:
            break;
        }
    }
    return text.toString();
}

bool DateTimeNormalizer::isNormalizedDate(QStringView value)
{
    return value.size() == 10 && allDigits(value.first(4)) && value[4] == QLatin1Char('-')
        && allDigits(value.sliced(5, 2)) && value[7] == QLatin1Char('-') && allDigits(value.sliced(8, 2));
}

bool DateTimeNormalizer::isNormalizedTime(QStringView value)
{
    return value.size() == 5 && allDigits(value.first(2)) && value[2] == QLatin1Char(':')
        && allDigits(value.sliced(3, 2));
}

} // namespace Lantir
