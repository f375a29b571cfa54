#pragma once

#include "config/SyncConfig.h"
#include "worklist/ScanVisit.h"
#include "worklist/WorklistColumns.h"
#include "worklist/WorklistEntry.h"

#include <QList>
#include <QStringList>

namespace Lantir {

struct MappingOutcome
{
    QList<WorklistEntry> entries;
    qint64 skipped = 0; // visits without a study id
    QStringList warnings; // one line per skipped visit, naming the record
};

// Turns scan visits into worklist entries with pylantir's rules:
// - key {source, record id, event, repeat instance}: stable across edits of any identifier;
// - {study} / {family}: text after the last '-' of the study / family id (all of it without '-');
//   {session}: the session field; {site}, {record}; visits without a study id are skipped;
// - patient_name / patient_id from the patterns; modality "MR"; data_source = source name;
//   hisris_coding_designator = the coding designator when configured;
// - field_mapping source -> column, in order, for non-empty values (overrides the above;
//   targets that are not writable worklist columns are ignored);
// - scheduled_start_date / _time from the date / time fields when the mapping gave none;
//   both normalised (YYYY-MM-DD, HH:MM), patient_birth_date too when it is a full date;
// - protocol_name: protocolBySite[site], else protocol, when the mapping gave none.
// Columns without a value are null (SQL NULL).
class WorklistMapper
{
public:
    WorklistMapper(const MappingConfig& mapping, const QString& sourceName);

    MappingOutcome map(const QList<ScanVisit>& visits) const;

    // Worklist columns this mapping writes (REDCap-owned), in column order. The store updates
    // only these on existing rows.
    QList<Worklist::Column> ownedColumns() const;

    // Text after the last '-' (all of `id` when it has none), as pylantir derives study and
    // family numbers; a view into `id`.
    static QStringView afterLastDash(const QString& id);

private:
    struct Segment
    {
        enum Kind
        {
            Literal,
            Study,
            Family,
            Session,
            Site,
            Record,
        };
        Kind kind;
        QString text;
    };
    static QList<Segment> parsePattern(const QString& pattern);
    static QString expand(const QList<Segment>& segments, const QStringView* values);

    MappingConfig m_mapping;
    QString m_sourceName;
    QString m_protocol; // resolved for the configured site
    QList<Segment> m_nameSegments;
    QList<Segment> m_idSegments;
    QList<QPair<QString, Worklist::Column>> m_targets; // field_mapping with writable targets only
};

} // namespace Lantir
