#pragma once

#include "worklist/WorklistColumns.h"

#include <QString>

#include <array>

namespace Lantir {

// Stable identity of one scan visit in REDCap: it survives edits of the family id, the session
// number or anything else that feeds patient_id / patient_name.
struct EntryKey
{
    QString source; // data source name (SyncConfig::sourceName)
    QString recordId; // REDCap record_id
    QString eventName; // redcap_event_name; empty in classic projects
    QString repeatInstance; // redcap_repeat_instance as text ("1", "2", ...)

    bool operator==(const EntryKey& other) const
    {
        return source == other.source && recordId == other.recordId && eventName == other.eventName
            && repeatInstance == other.repeatInstance;
    }
};

// One worklist row as the sync wants it. A null QString means SQL NULL.
struct WorklistEntry
{
    EntryKey key;
    std::array<QString, Worklist::ColumnCount> columns;

    QString& operator[](Worklist::Column c) { return columns[c]; }
    const QString& operator[](Worklist::Column c) const { return columns[c]; }
};

} // namespace Lantir
