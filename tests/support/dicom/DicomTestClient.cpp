#include "DicomTestClient.h"

#include <cstring>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/ofstd/ofstd.h>

namespace Lantir::Test {

DicomTestClient::DicomTestClient(quint16 port, const QString& callingAet, const QString& calledAet)
{
    setAETitle(callingAet.toLatin1().constData());
    setPeerAETitle(calledAet.toLatin1().constData());
    setPeerHostName("127.0.0.1");
    setPeerPort(port);
    setACSETimeout(10);
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(20);
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    addPresentationContext(UID_FINDModalityWorklistInformationModel, syntaxes);
    addPresentationContext(UID_ModalityPerformedProcedureStepSOPClass, syntaxes);
}

bool DicomTestClient::connect(QString* error)
{
    OFCondition cond = initNetwork();
    if (cond.good())
        cond = negotiateAssociation();
    if (cond.bad() && error)
        *error = QString::fromLatin1(cond.text());
    return cond.good();
}

void DicomTestClient::release()
{
    if (isConnected())
        releaseAssociation();
}

int DicomTestClient::exchangeN(T_DIMSE_Message& request, DcmDataset* dataset)
{
    const T_ASC_PresentationContextID presId
        = findPresentationContextID(UID_ModalityPerformedProcedureStepSOPClass, "");
    if (presId == 0 || sendDIMSEMessage(presId, &request, dataset).bad())
        return -1;
    T_DIMSE_Message response;
    DcmDataset* statusDetail = nullptr;
    T_ASC_PresentationContextID responseId = presId;
    const OFCondition cond = receiveDIMSECommand(&responseId, &response, &statusDetail);
    delete statusDetail;
    if (cond.bad())
        return -1;
    if (response.CommandField == DIMSE_N_CREATE_RSP)
        return response.msg.NCreateRSP.DimseStatus;
    if (response.CommandField == DIMSE_N_SET_RSP)
        return response.msg.NSetRSP.DimseStatus;
    return -1;
}

int DicomTestClient::nCreate(const QString& instanceUid, DcmDataset& attributes)
{
    T_DIMSE_Message request;
    std::memset(&request, 0, sizeof(request));
    request.CommandField = DIMSE_N_CREATE_RQ;
    T_DIMSE_N_CreateRQ& r = request.msg.NCreateRQ;
    r.MessageID = m_nextId++;
    OFStandard::strlcpy(r.AffectedSOPClassUID, UID_ModalityPerformedProcedureStepSOPClass,
                        sizeof(r.AffectedSOPClassUID));
    OFStandard::strlcpy(r.AffectedSOPInstanceUID, instanceUid.toLatin1().constData(),
                        sizeof(r.AffectedSOPInstanceUID));
    r.opts = O_NCREATE_AFFECTEDSOPINSTANCEUID;
    r.DataSetType = DIMSE_DATASET_PRESENT;
    return exchangeN(request, &attributes);
}

int DicomTestClient::nSet(const QString& instanceUid, DcmDataset& modifications)
{
    T_DIMSE_Message request;
    std::memset(&request, 0, sizeof(request));
    request.CommandField = DIMSE_N_SET_RQ;
    T_DIMSE_N_SetRQ& r = request.msg.NSetRQ;
    r.MessageID = m_nextId++;
    OFStandard::strlcpy(r.RequestedSOPClassUID, UID_ModalityPerformedProcedureStepSOPClass,
                        sizeof(r.RequestedSOPClassUID));
    OFStandard::strlcpy(r.RequestedSOPInstanceUID, instanceUid.toLatin1().constData(),
                        sizeof(r.RequestedSOPInstanceUID));
    r.DataSetType = DIMSE_DATASET_PRESENT;
    return exchangeN(request, &modifications);
}

DicomTestClient::FindOutcome DicomTestClient::find(DcmDataset& query, int cancelAfter)
{
    FindOutcome outcome;
    const T_ASC_PresentationContextID presId
        = findPresentationContextID(UID_FINDModalityWorklistInformationModel, "");
    T_DIMSE_Message request;
    std::memset(&request, 0, sizeof(request));
    request.CommandField = DIMSE_C_FIND_RQ;
    T_DIMSE_C_FindRQ& r = request.msg.CFindRQ;
    r.MessageID = m_nextId++;
    OFStandard::strlcpy(r.AffectedSOPClassUID, UID_FINDModalityWorklistInformationModel,
                        sizeof(r.AffectedSOPClassUID));
    r.Priority = DIMSE_PRIORITY_MEDIUM;
    r.DataSetType = DIMSE_DATASET_PRESENT;
    if (presId == 0 || sendDIMSEMessage(presId, &request, &query).bad())
        return outcome;
    bool cancelled = false;
    for (;;) {
        T_DIMSE_Message response;
        DcmDataset* statusDetail = nullptr;
        T_ASC_PresentationContextID responseId = presId;
        const OFCondition cond = receiveDIMSECommand(&responseId, &response, &statusDetail);
        delete statusDetail;
        if (cond.bad() || response.CommandField != DIMSE_C_FIND_RSP)
            return outcome;
        const T_DIMSE_C_FindRSP& rsp = response.msg.CFindRSP;
        if (rsp.DataSetType != DIMSE_DATASET_NULL) {
            DcmDataset* answer = nullptr;
            if (receiveDIMSEDataset(&responseId, &answer).bad())
                return outcome;
            outcome.answers.emplace_back(answer);
        }
        if (!DICOM_PENDING_STATUS(rsp.DimseStatus)) {
            outcome.finalStatus = rsp.DimseStatus;
            return outcome;
        }
        if (!cancelled && cancelAfter > 0 && int(outcome.answers.size()) >= cancelAfter) {
            T_DIMSE_Message cancel;
            std::memset(&cancel, 0, sizeof(cancel));
            cancel.CommandField = DIMSE_C_CANCEL_RQ;
            cancel.msg.CCancelRQ.MessageIDBeingRespondedTo = r.MessageID;
            cancel.msg.CCancelRQ.DataSetType = DIMSE_DATASET_NULL;
            if (sendDIMSEMessage(presId, &cancel, nullptr).bad())
                return outcome;
            cancelled = true;
        }
    }
}

std::unique_ptr<DcmDataset> mppsInProgress(const QString& studyUid, const QString& stepId,
                                           const QString& accession, const QString& patientId)
{
    auto dataset = std::make_unique<DcmDataset>();
    dataset->putAndInsertString(DCM_PerformedProcedureStepStatus, "IN PROGRESS");
    dataset->putAndInsertString(DCM_PerformedProcedureStepStartDate, "20250401");
    dataset->putAndInsertString(DCM_PerformedProcedureStepStartTime, "103500");
    dataset->putAndInsertString(DCM_PerformedProcedureStepID, "PPS1");
    dataset->putAndInsertString(DCM_PatientID, patientId.toUtf8().constData());
    DcmItem* step = nullptr;
    dataset->findOrCreateSequenceItem(DCM_ScheduledStepAttributesSequence, step);
    step->putAndInsertString(DCM_StudyInstanceUID, studyUid.toLatin1().constData());
    step->putAndInsertString(DCM_ScheduledProcedureStepID, stepId.toLatin1().constData());
    step->putAndInsertString(DCM_AccessionNumber, accession.toLatin1().constData());
    return dataset;
}

std::unique_ptr<DcmDataset> mppsFinal(const QString& status)
{
    auto dataset = std::make_unique<DcmDataset>();
    dataset->putAndInsertString(DCM_PerformedProcedureStepStatus, status.toLatin1().constData());
    dataset->putAndInsertString(DCM_PerformedProcedureStepEndDate, "20250401");
    dataset->putAndInsertString(DCM_PerformedProcedureStepEndTime, "110000");
    return dataset;
}

} // namespace Lantir::Test
