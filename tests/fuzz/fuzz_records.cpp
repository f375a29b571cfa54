// libFuzzer target: a REDCap Export Records answer, as bytes off the network, through the whole
// path to worklist entries: RedcapResponse::parseRecords -> RecordMerger -> WorklistMapper.
#include "config/SyncConfig.h"
#include "mapping/RecordMerger.h"
#include "mapping/WorklistMapper.h"
#include "redcap/RedcapResponse.h"

#include <QByteArray>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

using namespace Lantir;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const MappingConfig mapping = [] {
        MappingConfig m;
        m.site = QStringLiteral("792");
        m.protocolBySite.insert(QStringLiteral("792"), QStringLiteral("BRAIN_MRI_3T"));
        m.fieldMapping = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") },
                           { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
                           { QStringLiteral("consent___2"), QStringLiteral("study_description") } };
        return m;
    }();
    static const RecordMerger merger(mapping);
    static const WorklistMapper mapper(mapping, QStringLiteral("REDCap"));

    Result<QJsonArray> rows
        = RedcapResponse::parseRecords(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!rows)
        return 0;
    (void)RedcapResponse::recordIds(rows.value(), mapping.recordIdField);
    Result<MergeResult> merged = merger.merge(rows.value());
    if (!merged)
        return 0;
    const MappingOutcome mapped = mapper.map(merged.value().visits);
    (void)mapped;
    return 0;
}
