#include "dicom/WorklistCandidate.h"

#include "dicom/DicomValues.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>

namespace Lantir::Dicom {

QString WorklistRow::selectColumns()
{
    return QStringLiteral(
        "id, study_instance_uid, patient_name, patient_id, patient_birth_date, patient_sex, "
        "patient_weight_lb, accession_number, referring_physician_name, modality, study_description, "
        "scheduled_station_aetitle, scheduled_start_date, scheduled_start_time, performing_physician, "
        "procedure_description, protocol_name, station_name, hisris_coding_designator, "
        "performed_procedure_step_status");
}

namespace {
void put(DcmItem& item, const DcmTagKey& tag, const QString& value)
{
    item.putAndInsertString(tag, value.toUtf8().constData());
}

QString firstNonEmpty(const QString& a, const QString& b, const QString& c = QString())
{
    if (!a.trimmed().isEmpty())
        return a.trimmed();
    if (!b.trimmed().isEmpty())
        return b.trimmed();
    return c.trimmed();
}

void putProtocolCode(DcmItem& step, const WorklistRow& row)
{
    const QString protocol = row.protocolName.trimmed();
    if (protocol.isEmpty())
        return;
    DcmItem* code = nullptr;
    if (step.findOrCreateSequenceItem(DCM_ScheduledProtocolCodeSequence, code).bad() || !code)
        return;
    constexpr int CodeValueMax = 16;
    put(*code, DCM_CodeValue, protocol.left(CodeValueMax));
    put(*code, DCM_CodingSchemeDesignator, firstNonEmpty(row.codingDesignator, QStringLiteral("99LANTIR")));
    put(*code, DCM_CodeMeaning, protocol);
}

void putStep(DcmItem& step, const WorklistRow& row, const CandidateOptions& options)
{
    put(step, DCM_Modality, firstNonEmpty(row.modality, QStringLiteral("MR")));
    put(step, DCM_ScheduledStationAETitle,
        firstNonEmpty(row.scheduledStationAeTitle, options.defaultStationAet, options.callingAet));
    put(step, DCM_ScheduledProcedureStepStartDate, Values::toDa(row.scheduledStartDate));
    put(step, DCM_ScheduledProcedureStepStartTime, Values::toTm(row.scheduledStartTime));
    put(step, DCM_ScheduledPerformingPhysicianName, row.performingPhysician.trimmed());
    put(step, DCM_ScheduledProcedureStepDescription,
        firstNonEmpty(row.procedureDescription, row.protocolName));
    put(step, DCM_ScheduledStationName, row.stationName.trimmed());
    put(step, DCM_ScheduledProcedureStepID, Values::scheduledProcedureStepId(row.id));
    put(step, DCM_ScheduledProcedureStepStatus, Values::toSpsStatus(row.status));
    putProtocolCode(step, row);
}
} // namespace

std::unique_ptr<DcmDataset> buildCandidate(const WorklistRow& row, const CandidateOptions& options)
{
    auto candidate = std::make_unique<DcmDataset>();
    DcmDataset& c = *candidate;
    put(c, DCM_PatientName, row.patientName.trimmed());
    put(c, DCM_PatientID, row.patientId.trimmed());
    put(c, DCM_PatientBirthDate, Values::toDa(row.patientBirthDate));
    put(c, DCM_PatientSex, Values::toSex(row.patientSex));
    put(c, DCM_PatientWeight, Values::poundsToKilograms(row.patientWeightLb));
    put(c, DCM_AccessionNumber, row.accessionNumber.trimmed());
    put(c, DCM_ReferringPhysicianName, row.referringPhysicianName.trimmed());
    put(c, DCM_StudyInstanceUID, row.studyInstanceUid.trimmed());
    put(c, DCM_StudyDescription, row.studyDescription.trimmed());
    put(c, DCM_RequestedProcedureID, Values::requestedProcedureId(row.id));
    put(c, DCM_RequestedProcedureDescription, firstNonEmpty(row.studyDescription, row.procedureDescription));
    DcmItem* step = nullptr;
    if (c.findOrCreateSequenceItem(DCM_ScheduledProcedureStepSequence, step).good() && step)
        putStep(*step, row, options);
    return candidate;
}

} // namespace Lantir::Dicom
