#pragma once

#include <QString>
#include <QStringList>

namespace Lantir::Dicom {

// One worklist_items row as the server reads it (pylantir's columns, text as stored).
struct WorklistRow
{
    qint64 id = 0;
    QString studyInstanceUid;
    QString patientName;
    QString patientId;
    QString patientBirthDate;
    QString patientSex;
    QString patientWeightLb;
    QString accessionNumber;
    QString referringPhysicianName;
    QString modality;
    QString studyDescription;
    QString scheduledStationAeTitle;
    QString scheduledStartDate;
    QString scheduledStartTime;
    QString performingPhysician;
    QString procedureDescription;
    QString protocolName;
    QString stationName;
    QString codingDesignator;
    QString status;

    // The SELECT column list, in the order fromValues() reads them.
    static QString selectColumns();
};

} // namespace Lantir::Dicom
