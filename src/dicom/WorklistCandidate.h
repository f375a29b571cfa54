#pragma once

#include "dicom/WorklistRow.h"

#include <QString>

#include <memory>

class DcmDataset;

namespace Lantir::Dicom {

// What a row answers with, in DICOM terms: the MWL attributes of one worklist entry as a dataset
// (one Scheduled Procedure Step item), values converted to valid VRs (DA, TM, DS in kg), type-1
// keys always filled. Matching and answer building both work on it.
struct CandidateOptions
{
    QString defaultStationAet; // for rows without scheduled_station_aetitle
    QString callingAet; // the last fallback for the Scheduled Station AE Title
};

std::unique_ptr<DcmDataset> buildCandidate(const WorklistRow& row, const CandidateOptions& options);

} // namespace Lantir::Dicom
