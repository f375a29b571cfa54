#include "dicom/AssociationPolicy.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace Lantir::Dicom {

AssociationPolicy::AssociationPolicy(const DicomConfig& config)
    : m_aeTitle(config.aeTitle.trimmed())
    , m_checkCalled(config.checkCalledAet)
{
    for (const QString& ae : config.allowedCallingAets) {
        if (!ae.trimmed().isEmpty())
            m_allowed << ae.trimmed();
    }
}

bool AssociationPolicy::calledAeAccepted(const QString& calledAe) const
{
    return !m_checkCalled || calledAe.trimmed() == m_aeTitle;
}

bool AssociationPolicy::callingAeAccepted(const QString& callingAe) const
{
    return m_allowed.isEmpty() || m_allowed.contains(callingAe.trimmed());
}

QStringList AssociationPolicy::sopClasses()
{
    return { QLatin1String(UID_VerificationSOPClass), QLatin1String(UID_FINDModalityWorklistInformationModel),
             QLatin1String(UID_ModalityPerformedProcedureStepSOPClass) };
}

QStringList AssociationPolicy::transferSyntaxes()
{
    return { QLatin1String(UID_LittleEndianExplicitTransferSyntax),
             QLatin1String(UID_LittleEndianImplicitTransferSyntax) };
}

} // namespace Lantir::Dicom
