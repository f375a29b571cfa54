#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <array>

namespace Lantir::Worklist {

// The 21 columns of pylantir's `worklist_items` table, in its order. Lantir writes exactly this
// table so pylantir's DICOM server reads a Lantir database unchanged.
enum Column
{
    Id,
    StudyInstanceUid,
    PatientName,
    PatientId,
    PatientBirthDate,
    PatientSex,
    PatientWeightLb,
    AccessionNumber,
    ReferringPhysicianName,
    Modality,
    StudyDescription,
    ScheduledStationAeTitle,
    ScheduledStartDate,
    ScheduledStartTime,
    PerformingPhysician,
    ProcedureDescription,
    ProtocolName,
    StationName,
    HisrisCodingDesignator,
    PerformedProcedureStepStatus,
    DataSource,
    ColumnCount
};

// SQL name of a column, e.g. "patient_id".
QLatin1StringView columnName(Column column);

// Column for a SQL name, or ColumnCount when the name is not a worklist column.
Column columnFromName(QStringView name);

// Columns the sync may write: all but the primary key, the Study Instance UID (made once and
// kept) and the procedure step status (owned by the scanner's MPPS).
bool isSyncWritable(Column column);

// Status a new entry starts with.
inline constexpr QLatin1StringView ScheduledStatus { "SCHEDULED" };
// Status of a row whose visit left REDCap (a DICOM SPS status worklist servers do not serve).
inline constexpr QLatin1StringView CanceledStatus { "CANCELED" };

} // namespace Lantir::Worklist
