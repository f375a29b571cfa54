#pragma once

#include "base/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace Lantir::Dicom {

// What an N-CREATE or N-SET of a Modality Performed Procedure Step says, in plain values.
struct MppsMessage
{
    QString instanceUid;
    QString status; // PerformedProcedureStepStatus: "IN PROGRESS", "COMPLETED", "DISCONTINUED"
    QString callingAet;
    // From the Scheduled Step Attributes Sequence (N-CREATE), to find the worklist item.
    QString studyInstanceUid;
    QString scheduledStepId;
    QString accessionNumber;
    // From the top level (N-CREATE).
    QString patientId;
    QString patientName;
    QString startDate; // DA, PerformedProcedureStepStartDate
    QString startTime;
    QString endDate;
    QString endTime;
};

// The answer to one MPPS message: the DIMSE status, and what changed (for the log and the app).
struct MppsOutcome
{
    quint16 status = 0;
    qint64 worklistItemId = -1; // -1: no worklist item found
    QString itemStatus; // the status written to the worklist item, empty when none was
    QString message; // why a failure status, for the log
};

// DIMSE statuses of N-CREATE and N-SET (PS3.7 C, PS3.4 F.7.2.2).
namespace MppsStatus {
constexpr quint16 Success = 0x0000;
constexpr quint16 ProcessingFailure = 0x0110; // also: no longer updatable (PS3.4 F.7.2.2.4)
constexpr quint16 DuplicateInstance = 0x0111;
constexpr quint16 NoSuchInstance = 0x0112;
constexpr quint16 InvalidAttributeValue = 0x0106;
constexpr quint16 MissingAttribute = 0x0120;
} // namespace MppsStatus

// Lantir's MPPS table (lantir_mpps, one row per Performed Procedure Step instance: UID, status,
// times, the worklist item) and the status changes of worklist_items it causes. Each message is
// one short BEGIN IMMEDIATE transaction on a connection of the calling thread, waiting for other
// writers up to the connection's busy timeout. A COMPLETED worklist item is never changed.
class MppsStore
{
public:
    explicit MppsStore(const QSqlDatabase& db);

    MppsOutcome create(const MppsMessage& message);
    MppsOutcome set(const MppsMessage& message);

private:
    Result<qint64> findWorklistItem(const MppsMessage& message);
    Result<qint64> nearestByPatient(const MppsMessage& message);
    Result<QString> writeItemStatus(qint64 itemId, const QString& status);
    MppsOutcome fail(quint16 status, const QString& message);

    QSqlDatabase m_db;
};

} // namespace Lantir::Dicom
