#pragma once

#include "config/DicomConfig.h"

#include <QString>
#include <QStringList>

namespace Lantir::Dicom {

// Who may open an association and for what (the checks DCMTK 3.6.7 leaves open).
class AssociationPolicy
{
public:
    explicit AssociationPolicy(const DicomConfig& config);

    // The called AE title must be ours when check_called_aet is on (compared without padding).
    bool calledAeAccepted(const QString& calledAe) const;
    // Any calling AE when allowed_calling_aets is empty, else one of them.
    bool callingAeAccepted(const QString& callingAe) const;

    // The SOP classes served: Verification, Modality Worklist FIND, MPPS. Every other abstract
    // syntax is rejected per presentation context (abstract syntax not supported).
    static QStringList sopClasses();
    // Implicit and Explicit VR Little Endian.
    static QStringList transferSyntaxes();

private:
    QString m_aeTitle;
    bool m_checkCalled;
    QStringList m_allowed;
};

} // namespace Lantir::Dicom
