#pragma once

#include <QString>
#include <QStringList>

namespace Lantir {

// The built-in DICOM Modality Worklist and MPPS server (the `dicom` section of lantir.json).
// Defaults follow pylantir's server where it had one (port 4242, the statuses it serves).
struct DicomConfig
{
    bool enabled = false;
    QString aeTitle = QStringLiteral("LANTIR");
    int port = 4242;
    QString bindAddress; // empty: every interface
    QStringList allowedCallingAets; // empty: any calling AE title
    bool checkCalledAet = true;
    int maxAnswers = 1000;
    // worklist_items.performed_procedure_step_status values a C-FIND may return.
    QStringList servedStatuses { QStringLiteral("SCHEDULED"), QStringLiteral("IN_PROGRESS"),
                                 QStringLiteral("DISCONTINUED") };
    QString defaultStationAet; // ScheduledStationAETitle of rows without one
    bool pnCaseSensitive = false;
    int acseTimeoutSeconds = 30;
    int dimseTimeoutSeconds = 30;
    int maxAssociations = 8;

    bool operator==(const DicomConfig& other) const
    {
        return enabled == other.enabled && aeTitle == other.aeTitle && port == other.port
            && bindAddress == other.bindAddress && allowedCallingAets == other.allowedCallingAets
            && checkCalledAet == other.checkCalledAet && maxAnswers == other.maxAnswers
            && servedStatuses == other.servedStatuses && defaultStationAet == other.defaultStationAet
            && pnCaseSensitive == other.pnCaseSensitive && acseTimeoutSeconds == other.acseTimeoutSeconds
            && dimseTimeoutSeconds == other.dimseTimeoutSeconds && maxAssociations == other.maxAssociations;
    }
    bool operator!=(const DicomConfig& other) const { return !(*this == other); }
};

} // namespace Lantir
