#pragma once

#include <memory>

class DcmDataset;
class DcmItem;

namespace Lantir::Dicom {

// The C-FIND answer for one matching candidate (PS3.4 K.2.2.1.2): exactly the keys the query
// holds, with the candidate's values (zero length when it has none); a zero-length sequence, or
// one whose item is empty, returns the candidate's whole sequence. Specific Character Set is
// `ISO_IR 192` whenever a returned value is not ASCII, else returned empty when it was asked for.
std::unique_ptr<DcmDataset> buildAnswer(DcmItem& query, DcmItem& candidate);

} // namespace Lantir::Dicom
