#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace Lantir {

// One scan row of a REDCap record with the empty fields filled from the record's baseline.
struct ScanVisit
{
    QString recordId;
    QString eventName; // redcap_event_name; empty in classic projects
    QString repeatInstance; // redcap_repeat_instance as text ("1", "2", ...)
    // Requested field -> value: the scan row's value, else the baseline's. Only non-empty values
    // are present; an absent field is empty. Checkbox fields appear as `name___code`.
    QHash<QString, QString> values;

    QString value(const QString& field) const { return values.value(field); }
};

// What one REDCap export gave after merging.
struct MergeResult
{
    QList<ScanVisit> visits;
    qint64 rows = 0; // rows in the export
    qint64 records = 0; // distinct record ids
};

} // namespace Lantir
