#pragma once

#include <QString>

namespace Lantir {

// Brings REDCap date and time text to the forms pylantir stores ("legacy" format):
// dates YYYY-MM-DD, times HH:MM. Text in any other form is returned as it is (trimmed), as
// pylantir does, so nothing a coordinator typed is lost. Empty or blank input gives a null
// QString (SQL NULL).
class DateTimeNormalizer
{
public:
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (separators may differ), YYYYMMDD, and a date
    // followed by a time ("2025-03-21 14:30", "2025-03-21T14:30:00") -> YYYY-MM-DD.
    static QString normalizeDate(const QString& value);

    // HH:MM, HH:MM:SS[.fff], H:MM, H:M -> zero-padded HH:MM; HHMMSS and HHMM -> HH:MM;
    // HH -> HH:00.
    static QString normalizeTime(const QString& value);

    // True when `value` is a full date in the normalised form YYYY-MM-DD (digits and dashes
    // only; the calendar is not checked, as pylantir does not).
    static bool isNormalizedDate(QStringView value);
    // True when `value` is a time in the normalised form HH:MM (digits only).
    static bool isNormalizedTime(QStringView value);
};

} // namespace Lantir
