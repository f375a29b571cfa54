#pragma once

#include <QString>

namespace Lantir::Dicom {

// Conversions from what pylantir's worklist_items table holds to DICOM value representations.
namespace Values {

// A stored date as DA (YYYYMMDD): `YYYY-MM-DD` (pylantir's form) and `YYYYMMDD`. Anything else
// (a bare year, free text, an impossible date) is empty: no invented dates.
QString toDa(const QString& stored);
// A stored time as TM (HHMMSS): `HH:MM`, `HH:MM:SS`, `H:MM`, `HHMMSS`, `HHMM`. Else empty.
QString toTm(const QString& stored);
// patient_weight_lb in kilograms as DS with one decimal ("45.4"), empty when unknown, not a
// number, zero, negative or beyond any human weight.
QString poundsToKilograms(const QString& pounds);
// PatientSex (CS): M, F or O; anything else (REDCap codes, free text) is empty.
QString toSex(const QString& stored);
// performed_procedure_step_status as a ScheduledProcedureStepStatus defined term:
// IN_PROGRESS -> STARTED; SCHEDULED, COMPLETED, DISCONTINUED as they are; others empty.
QString toSpsStatus(const QString& stored);
// The stable identifiers derived from the worklist_items row id (SH, at most 16 characters).
QString requestedProcedureId(qint64 rowId);
QString scheduledProcedureStepId(qint64 rowId);
// The row id a ScheduledProcedureStepID names, or -1.
qint64 rowIdFromStepId(const QString& stepId);
// Whether `utf8` holds a byte outside ASCII.
bool isNonAscii(const char* utf8);

} // namespace Values
} // namespace Lantir::Dicom
