#pragma once

#include <QString>

class DcmItem;
class DcmTagKey;

namespace Lantir::Dicom {

// C-FIND matching of a query identifier against one candidate (PS3.4 C.2.2.2, K.2.2.1): universal,
// single value, wildcard (* ?), range (DA, TM, and the combined Scheduled Procedure Step start
// date and time), list of UIDs, and sequence matching (an item matches when any candidate item
// matches; an empty query item is universal). Specific Character Set, group lengths and private
// elements are never matched; keys the candidate does not hold are treated as universal.
// Person names match case-insensitively unless asked otherwise.
struct MatchOptions
{
    bool pnCaseSensitive = false;
};

bool matchesCandidate(DcmItem& query, DcmItem& candidate, const MatchOptions& options);

// Whether an element with `tag` takes part in neither matching nor the answer: group lengths
// (gggg,0000), private elements and Specific Character Set.
bool isIgnoredQueryTag(const DcmTagKey& tag);

// Why a C-FIND identifier cannot be a worklist query, or empty when it can: every key that takes
// part in matching must be a sequence or hold text (no OB, OW, UN... values) of at most
// MaxQueryValueBytes. A hostile peer's huge binary value is refused before anything reads it.
QString identifierProblem(DcmItem& query);
constexpr unsigned long MaxQueryValueBytes = 64 * 1024; // a list of 1,000 UIDs fits

} // namespace Lantir::Dicom
