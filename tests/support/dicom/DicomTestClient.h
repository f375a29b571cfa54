#pragma once

#include <QString>
#include <QStringList>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>
#include <memory>
#include <vector>

class DcmDataset;

namespace Lantir::Test {

// A scanner's side of the DICOM conversation, for tests: associates with a worklist server on
// 127.0.0.1 and sends MPPS N-CREATE / N-SET, or a C-FIND that it cancels after some answers.
// DCMTK 3.6.7 has no tool for either, so the DIMSE messages are built here.
class DicomTestClient : public DcmSCU
{
public:
    DicomTestClient(quint16 port, const QString& callingAet = QStringLiteral("SCANNER"),
                    const QString& calledAet = QStringLiteral("LANTIR"));

    // Associates, proposing MWL FIND and MPPS. Returns false (with `error`) when refused.
    bool connect(QString* error = nullptr);
    void release();

    // The DIMSE status of the answer, or -1 when the exchange itself failed.
    int nCreate(const QString& instanceUid, DcmDataset& attributes);
    int nSet(const QString& instanceUid, DcmDataset& modifications);

    struct FindOutcome
    {
        int finalStatus = -1;
        std::vector<std::unique_ptr<DcmDataset>> answers;
    };
    // Sends a C-FIND; after `cancelAfter` pending answers (0: never) sends C-CANCEL, then reads on
    // to the final answer.
    FindOutcome find(DcmDataset& query, int cancelAfter = 0);

private:
    int exchangeN(T_DIMSE_Message& request, DcmDataset* dataset);

    Uint16 m_nextId = 100;
};

// An N-CREATE dataset as a scanner sends it: status IN PROGRESS, the Scheduled Step Attributes
// Sequence with the worklist item's Study Instance UID, SPS ID and accession number.
std::unique_ptr<DcmDataset> mppsInProgress(const QString& studyUid, const QString& stepId,
                                           const QString& accession = QString(),
                                           const QString& patientId = QString());
// An N-SET dataset: the final status (COMPLETED or DISCONTINUED) and the end date and time.
std::unique_ptr<DcmDataset> mppsFinal(const QString& status);

} // namespace Lantir::Test
