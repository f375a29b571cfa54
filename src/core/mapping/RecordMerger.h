#pragma once

#include "base/Result.h"
#include "config/SyncConfig.h"
#include "worklist/ScanVisit.h"

#include <QByteArray>
#include <QJsonArray>

#include <optional>

namespace Lantir {

// Turns one REDCap flat JSON export (a list of row objects) into scan visits, as pylantir does:
// rows are grouped by record id (a record's rows need not be next to each other); the baseline
// of a record is its first row with an empty redcap_repeat_instrument; a scan row is one whose
// redcap_repeat_instrument is the scan instrument and whose session, date and time fields are
// non-empty. Each scan row gives one visit whose empty fields are filled from the baseline.
//
// Beyond pylantir:
// - Longitudinal projects: a field empty on the scan row is taken from the baseline row of the
//   same event, else from the record's first baseline row (so identifiers kept in the first
//   event still reach scans of later events).
// - "", null and "NaN" are empty everywhere; numbers and booleans are taken as text
//   (redcap_repeat_instance may be 1, 1.0 or "1").
// - Checkbox fields (`name___code`) of requested fields are kept.
// - Identical duplicate scan rows give one visit; a second, different row for the same
//   (record, event, instance) is dropped with a warning.
// - Wrong JSON types are an Error (Kind::Response) naming the row, record and field.
class RecordMerger
{
public:
    explicit RecordMerger(const MappingConfig& mapping);

    Result<MergeResult> merge(const QJsonArray& rows) const;
    // The same merge straight from the bytes of an Export Records answer for the `batch` records,
    // parsed with simdjson into no more than the merge keeps. For a well-formed flat export whose
    // rows are all of `batch` records it gives what RedcapResponse::parseRecords, the batch check
    // and merge() give together (tst_recordmerger and fuzz_records compare the two); on anything
    // else nullopt, and the caller takes that path, which words the error.
    std::optional<MergeResult> mergeWellFormed(const QByteArray& body, const QStringList& batch) const;

private:
    MappingConfig m_mapping;
    // Requested REDCap field names (checkbox suffixes removed), for filtering row keys.
    QStringList m_requested;
};

} // namespace Lantir
