#include "dicom/EchoProbe.h"

#include "dicom/DicomServer.h"

#include <QElapsedTimer>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scu.h>

namespace Lantir::Dicom {

namespace {

Error echoError(const QString& where, const OFCondition& cond, const QString& calledAet)
{
    QString advice;
    if (cond == DUL_ASSOCIATIONREJECTED)
        advice = QStringLiteral(" The server refused the association: check that its AE title is %1 and that "
                                "it lets this calling AE title in.")
                     .arg(calledAet);
    else if (cond == NET_EC_NoAcceptablePresentationContexts)
        advice = QStringLiteral(" The server does not offer Verification.");
    else
        advice = QStringLiteral(" Check that the server runs (its settings saved) and listens there.");
    return makeError(Error::Kind::Network,
                     QStringLiteral("No C-ECHO answer from %1: %2.%3")
                         .arg(where, QString::fromLatin1(cond.text()), advice));
}

} // namespace

Result<qint64> echo(const QString& host, quint16 port, const QString& callingAet, const QString& calledAet,
                    int timeoutSeconds)
{
    if (Result<void> dictionary = checkDataDictionary(); !dictionary)
        return dictionary.error();
    const QString where = QStringLiteral("%1:%2 (AE %3)").arg(host).arg(port).arg(calledAet);
    DcmSCU scu;
    scu.setAETitle(callingAet.toLatin1().constData());
    scu.setPeerAETitle(calledAet.toLatin1().constData());
    scu.setPeerHostName(host.toLatin1().constData());
    scu.setPeerPort(port);
    scu.setConnectionTimeout(timeoutSeconds);
    scu.setACSETimeout(Uint32(timeoutSeconds));
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scu.setDIMSETimeout(Uint32(timeoutSeconds));
    OFList<OFString> syntaxes;
    syntaxes.emplace_back(UID_LittleEndianImplicitTransferSyntax);
    scu.addPresentationContext(UID_VerificationSOPClass, syntaxes);
    QElapsedTimer timer;
    timer.start();
    OFCondition cond = scu.initNetwork();
    if (cond.good())
        cond = scu.negotiateAssociation();
    if (cond.bad())
        return echoError(where, cond, calledAet);
    cond = scu.sendECHORequest(0);
    const qint64 elapsed = timer.elapsed();
    if (cond.bad()) {
        scu.abortAssociation();
        return echoError(where, cond, calledAet);
    }
    scu.releaseAssociation();
    return elapsed;
}

} // namespace Lantir::Dicom
