#pragma once

#include "dicom/AssociationPolicy.h"
#include "dicom/ServerContext.h"

#include <QSqlDatabase>
#include <QString>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scpthrd.h>

namespace Lantir::Dicom {

struct MppsMessage;

// One association: negotiation with Lantir's policy, then C-ECHO, MWL C-FIND (with C-CANCEL and
// max_answers) and MPPS N-CREATE/N-SET. Lives and dies on its association's thread, with its own
// database connection opened on first use (a PostgreSQL one is checked before each later request
// and opened again when the server dropped it). A failing request gets a failure status and the
// association goes on; only a broken connection ends it.
class WorklistScp : public DcmThreadSCP
{
public:
    explicit WorklistScp(const ServerContext& context);
    ~WorklistScp() override;

    WorklistScp(const WorklistScp&) = delete;
    WorklistScp& operator=(const WorklistScp&) = delete;

protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message* incomingMsg,
                                      const DcmPresentationContextInfo& presInfo) override;
    OFBool checkCalledAETitleAccepted(const OFString& calledAE) override;
    OFBool checkCallingAETitleAccepted(const OFString& callingAE) override;
    void notifyAssociationAcknowledge() override;

private:
    OFCondition handleFind(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presId);
    OFCondition sendFindAnswers(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presId,
                                DcmDataset& query);
    OFCondition handleCreate(T_DIMSE_N_CreateRQ& request, T_ASC_PresentationContextID presId);
    OFCondition handleSet(T_DIMSE_N_SetRQ& request, T_ASC_PresentationContextID presId);
    OFCondition receiveDataset(T_ASC_PresentationContextID presId, bool expected, DcmDataset*& dataset);
    OFCondition sendNResponse(T_DIMSE_Command command, Uint16 messageId, const char* instanceUid,
                              Uint16 status, T_ASC_PresentationContextID presId);
    void reportMpps(const MppsMessage& message, const struct MppsOutcome& outcome, const char* what);
    bool openDatabase();
    QString peer() const;

    const ServerContext& m_context;
    AssociationPolicy m_policy;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace Lantir::Dicom
