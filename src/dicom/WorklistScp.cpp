#include "dicom/WorklistScp.h"

#include "dicom/DicomLogging.h"
#include "dicom/MppsStore.h"
#include "dicom/QueryMatcher.h"
#include "dicom/WorklistQuery.h"
#include "store/DatabaseConnection.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <cstring>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/ofstd/ofstd.h>

namespace Lantir::Dicom {

namespace {
QAtomicInteger<quint64> s_connections;

QString text(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return QString::fromUtf8(value.c_str()).trimmed();
}

MppsMessage readMpps(DcmDataset* dataset)
{
    MppsMessage message;
    if (!dataset)
        return message;
    message.status = text(*dataset, DCM_PerformedProcedureStepStatus);
    message.patientId = text(*dataset, DCM_PatientID);
    message.patientName = text(*dataset, DCM_PatientName);
    message.startDate = text(*dataset, DCM_PerformedProcedureStepStartDate);
    message.startTime = text(*dataset, DCM_PerformedProcedureStepStartTime);
    message.endDate = text(*dataset, DCM_PerformedProcedureStepEndDate);
    message.endTime = text(*dataset, DCM_PerformedProcedureStepEndTime);
    DcmItem* step = nullptr;
    if (dataset->findAndGetSequenceItem(DCM_ScheduledStepAttributesSequence, step, 0).good() && step) {
        message.studyInstanceUid = text(*step, DCM_StudyInstanceUID);
        message.scheduledStepId = text(*step, DCM_ScheduledProcedureStepID);
        message.accessionNumber = text(*step, DCM_AccessionNumber);
    }
    return message;
}
} // namespace

WorklistScp::WorklistScp(const ServerContext& context)
    : m_context(context)
    , m_policy(context.config)
    , m_connectionName(QStringLiteral("lantir-dicom-%1").arg(s_connections.fetchAndAddRelaxed(1) + 1))
{
}

WorklistScp::~WorklistScp()
{
    DatabaseConnection::closeAndRemove(m_db);
}

QString WorklistScp::peer() const
{
    return QString::fromLatin1(getPeerAETitle().c_str()).trimmed();
}

bool WorklistScp::openDatabase()
{
    if (m_db.isValid() && m_db.isOpen()) {
        // A SQLite file stays usable. A PostgreSQL connection an earlier request of this
        // association opened may have been cut meanwhile (the server restarted, the network
        // failed) and would fail every request from now on: it is checked, and replaced when gone.
        if (DatabaseConnection::isAlive(m_db))
            return m_context.readiness == nullptr || m_context.readiness->ensure(m_db);
        qCInfo(lcDicom).noquote() << "The connection to the worklist database was lost; connecting again for"
                                  << peer();
        DatabaseConnection::closeAndRemove(m_db);
    }
    Result<QSqlDatabase> opened = DatabaseConnection::open(m_context.database, m_connectionName);
    if (!opened) {
        qCWarning(lcDicom).noquote() << "Cannot open the worklist database for" << peer() << ":"
                                     << opened.error().message;
        return false;
    }
    m_db = opened.value();
    return m_context.readiness == nullptr || m_context.readiness->ensure(m_db);
}

OFBool WorklistScp::checkCalledAETitleAccepted(const OFString& calledAE)
{
    const bool ok = m_policy.calledAeAccepted(QString::fromLatin1(calledAE.c_str()));
    if (!ok)
        qCWarning(lcDicom) << "Association refused: called AE title"
                           << QString::fromLatin1(calledAE.c_str()).trimmed() << "is not"
                           << m_context.config.aeTitle;
    return ok;
}

OFBool WorklistScp::checkCallingAETitleAccepted(const OFString& callingAE)
{
    const bool ok = m_policy.callingAeAccepted(QString::fromLatin1(callingAE.c_str()));
    if (!ok)
        qCWarning(lcDicom) << "Association refused: calling AE title"
                           << QString::fromLatin1(callingAE.c_str()).trimmed()
                           << "is not in allowed_calling_aets";
    return ok;
}

void WorklistScp::notifyAssociationAcknowledge()
{
    qCDebug(lcDicom) << "Association accepted from" << peer() << "at" << getPeerIP().c_str();
    if (m_context.events)
        m_context.events->associationAccepted(peer());
}

OFCondition WorklistScp::handleIncomingCommand(T_DIMSE_Message* incomingMsg,
                                               const DcmPresentationContextInfo& presInfo)
{
    const T_ASC_PresentationContextID presId = presInfo.presentationContextID;
    switch (incomingMsg->CommandField) {
    case DIMSE_C_ECHO_RQ:
        return handleECHORequest(incomingMsg->msg.CEchoRQ, presId);
    case DIMSE_C_FIND_RQ:
        return handleFind(incomingMsg->msg.CFindRQ, presId);
    case DIMSE_N_CREATE_RQ:
        return handleCreate(incomingMsg->msg.NCreateRQ, presId);
    case DIMSE_N_SET_RQ:
        return handleSet(incomingMsg->msg.NSetRQ, presId);
    default:
        qCWarning(lcDicom) << "Unsupported DIMSE command" << incomingMsg->CommandField << "from" << peer();
        return DIMSE_BADCOMMANDTYPE;
    }
}

OFCondition WorklistScp::handleFind(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presId)
{
    DcmDataset* received = nullptr;
    OFCondition cond = receiveFINDRequest(request, presId, received);
    if (cond.bad())
        return cond;
    std::unique_ptr<DcmDataset> query(received);
    if (std::strcmp(request.AffectedSOPClassUID, UID_FINDModalityWorklistInformationModel) != 0 || !query)
        return sendFINDResponse(presId, request.MessageID, request.AffectedSOPClassUID, nullptr,
                                STATUS_FIND_Refused_SOPClassNotSupported);
    if (const QString problem = identifierProblem(*query); !problem.isEmpty()) {
        qCWarning(lcDicom) << "C-FIND from" << peer() << "refused:" << problem;
        return sendFINDResponse(presId, request.MessageID, request.AffectedSOPClassUID, nullptr,
                                STATUS_FIND_Failed_IdentifierDoesNotMatchSOPClass);
    }
    return sendFindAnswers(request, presId, *query);
}

OFCondition WorklistScp::sendFindAnswers(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presId,
                                         DcmDataset& query)
{
    const OFString sopClass = request.AffectedSOPClassUID;
    QElapsedTimer timer;
    timer.start();
    if (!openDatabase())
        return sendFINDResponse(presId, request.MessageID, sopClass, nullptr,
                                STATUS_FIND_Failed_UnableToProcess);
    Result<QueryResult> result = WorklistQuery(m_db, m_context.config).run(query, peer());
    if (!result) {
        qCWarning(lcDicom) << "C-FIND from" << peer() << "failed:" << result.error().message;
        return sendFINDResponse(presId, request.MessageID, sopClass, nullptr,
                                STATUS_FIND_Failed_UnableToProcess);
    }
    int sent = 0;
    for (const auto& answer : result.value().answers) {
        if (checkForCANCEL(presId, request.MessageID).good()) {
            qCInfo(lcDicom) << "C-FIND from" << peer() << "cancelled after" << sent << "answers";
            return sendFINDResponse(presId, request.MessageID, sopClass, nullptr, STATUS_FIND_Cancel);
        }
        OFCondition cond = sendFINDResponse(presId, request.MessageID, sopClass, answer.get(),
                                            STATUS_FIND_Pending_MatchesAreContinuing);
        if (cond.bad())
            return cond;
        ++sent;
    }
    const bool truncated = result.value().truncated;
    if (truncated)
        qCWarning(lcDicom) << "C-FIND from" << peer()
                           << "matched more than max_answers =" << m_context.config.maxAnswers
                           << "items: sent the first" << sent;
    const OFCondition cond = sendFINDResponse(presId, request.MessageID, sopClass, nullptr,
                                              truncated ? STATUS_FIND_Cancel : STATUS_FIND_Success);
    const qint64 elapsedUs = timer.nsecsElapsed() / 1000;
    qCInfo(lcDicom) << "C-FIND from" << peer() << ":" << sent << "answers out of" << result.value().candidates
                    << "candidate rows in" << elapsedUs / 1000.0 << "ms";
    if (m_context.events)
        m_context.events->queryAnswered(peer(), sent, elapsedUs);
    return cond;
}

OFCondition WorklistScp::receiveDataset(T_ASC_PresentationContextID presId, bool expected,
                                        DcmDataset*& dataset)
{
    dataset = nullptr;
    if (!expected)
        return EC_Normal;
    T_ASC_PresentationContextID dataPresId = presId;
    return receiveDIMSEDataset(&dataPresId, &dataset);
}

OFCondition WorklistScp::sendNResponse(T_DIMSE_Command command, Uint16 messageId, const char* instanceUid,
                                       Uint16 status, T_ASC_PresentationContextID presId)
{
    T_DIMSE_Message response {};
    std::memset(&response, 0, sizeof(response));
    response.CommandField = command;
    if (command == DIMSE_N_CREATE_RSP) {
        T_DIMSE_N_CreateRSP& r = response.msg.NCreateRSP;
        r.MessageIDBeingRespondedTo = messageId;
        r.DimseStatus = status;
        r.DataSetType = DIMSE_DATASET_NULL;
        OFStandard::strlcpy(r.AffectedSOPClassUID, UID_ModalityPerformedProcedureStepSOPClass,
                            sizeof(r.AffectedSOPClassUID));
        OFStandard::strlcpy(r.AffectedSOPInstanceUID, instanceUid, sizeof(r.AffectedSOPInstanceUID));
        r.opts = O_NCREATE_AFFECTEDSOPCLASSUID | O_NCREATE_AFFECTEDSOPINSTANCEUID;
    } else {
        T_DIMSE_N_SetRSP& r = response.msg.NSetRSP;
        r.MessageIDBeingRespondedTo = messageId;
        r.DimseStatus = status;
        r.DataSetType = DIMSE_DATASET_NULL;
        OFStandard::strlcpy(r.AffectedSOPClassUID, UID_ModalityPerformedProcedureStepSOPClass,
                            sizeof(r.AffectedSOPClassUID));
        OFStandard::strlcpy(r.AffectedSOPInstanceUID, instanceUid, sizeof(r.AffectedSOPInstanceUID));
        r.opts = O_NSET_AFFECTEDSOPCLASSUID | O_NSET_AFFECTEDSOPINSTANCEUID;
    }
    return sendDIMSEMessage(presId, &response, nullptr);
}

void WorklistScp::reportMpps(const MppsMessage& message, const MppsOutcome& outcome, const char* what)
{
    if (outcome.status != MppsStatus::Success) {
        qCWarning(lcDicom).nospace() << what << " of MPPS " << message.instanceUid << " from " << peer()
                                     << " answered 0x" << QString::number(outcome.status, 16) << ": "
                                     << outcome.message;
        return;
    }
    qCInfo(lcDicom).nospace() << what << " of MPPS " << message.instanceUid << " from " << peer() << ": "
                              << (message.status.isEmpty() ? QStringLiteral("(no status)") : message.status)
                              << ", worklist item " << outcome.worklistItemId
                              << (outcome.itemStatus.isEmpty()
                                      ? QStringLiteral(" unchanged")
                                      : QStringLiteral(" now ") + outcome.itemStatus);
    if (m_context.events)
        m_context.events->mppsChanged(message.instanceUid, message.status, outcome.worklistItemId,
                                      outcome.itemStatus);
}

OFCondition WorklistScp::handleCreate(T_DIMSE_N_CreateRQ& request, T_ASC_PresentationContextID presId)
{
    DcmDataset* received = nullptr;
    OFCondition cond = receiveDataset(presId, request.DataSetType != DIMSE_DATASET_NULL, received);
    if (cond.bad())
        return cond;
    std::unique_ptr<DcmDataset> dataset(received);
    MppsMessage message = readMpps(dataset.get());
    message.callingAet = peer();
    char generated[100] = {};
    if ((request.opts & O_NCREATE_AFFECTEDSOPINSTANCEUID) && request.AffectedSOPInstanceUID[0])
        message.instanceUid = QString::fromLatin1(request.AffectedSOPInstanceUID);
    else
        message.instanceUid
            = QString::fromLatin1(dcmGenerateUniqueIdentifier(generated, SITE_INSTANCE_UID_ROOT));
    MppsOutcome outcome;
    if (!openDatabase())
        outcome.status = MppsStatus::ProcessingFailure;
    else
        outcome = MppsStore(m_db).create(message);
    reportMpps(message, outcome, "N-CREATE");
    return sendNResponse(DIMSE_N_CREATE_RSP, request.MessageID, message.instanceUid.toLatin1().constData(),
                         outcome.status, presId);
}

OFCondition WorklistScp::handleSet(T_DIMSE_N_SetRQ& request, T_ASC_PresentationContextID presId)
{
    DcmDataset* received = nullptr;
    OFCondition cond = receiveDataset(presId, request.DataSetType != DIMSE_DATASET_NULL, received);
    if (cond.bad())
        return cond;
    std::unique_ptr<DcmDataset> dataset(received);
    MppsMessage message = readMpps(dataset.get());
    message.callingAet = peer();
    message.instanceUid = QString::fromLatin1(request.RequestedSOPInstanceUID);
    MppsOutcome outcome;
    if (!openDatabase())
        outcome.status = MppsStatus::ProcessingFailure;
    else
        outcome = MppsStore(m_db).set(message);
    reportMpps(message, outcome, "N-SET");
    return sendNResponse(DIMSE_N_SET_RSP, request.MessageID, request.RequestedSOPInstanceUID, outcome.status,
                         presId);
}

} // namespace Lantir::Dicom
