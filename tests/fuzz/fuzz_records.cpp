// libFuzzer target: a REDCap Export Records answer, as bytes off the network, through the whole
// path to worklist entries: RedcapResponse::parseRecords -> RecordMerger -> WorklistMapper; and the
// direct merge from the bytes (RecordMerger::mergeWellFormed), which must give what that path gives
// or nothing at all, never a result where that path finds an error.
#include "config/SyncConfig.h"
#include "mapping/RecordMerger.h"
#include "mapping/WorklistMapper.h"
#include "redcap/RedcapResponse.h"

#include <QByteArray>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

QString describe(const Lantir::MergeResult& result)
{
    QString text = QString::number(result.rows) + u'/' + QString::number(result.records);
    for (const Lantir::ScanVisit& visit : result.visits) {
        QStringList values;
        for (auto it = visit.values.cbegin(); it != visit.values.cend(); ++it)
            values.append(it.key() + u'=' + it.value());
        values.sort();
        text += u';' + visit.recordId + u'/' + visit.eventName + u'/' + visit.repeatInstance + u'{'
            + values.join(u',') + u'}';
    }
    return text;
}

} // namespace

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

    const QByteArray answer(reinterpret_cast<const char*>(data), qsizetype(size));
    Result<QJsonArray> rows = RedcapResponse::parseRecords(answer);
    const Result<QStringList> ids = rows ? RedcapResponse::recordIds(rows.value(), mapping.recordIdField)
                                         : Result<QStringList>(rows.error());
    const QStringList batch = ids ? ids.value() : QStringList { QStringLiteral("1"), QStringLiteral("2") };
    const std::optional<MergeResult> direct = merger.mergeWellFormed(answer, batch);
    Result<MergeResult> merged = rows ? merger.merge(rows.value()) : Result<MergeResult>(rows.error());
    if (direct && (!ids || !merged || describe(*direct) != describe(merged.value())))
        std::abort(); // the direct merge took an answer the QJsonDocument path reads otherwise
    if (!merged)
        return 0;
    const MappingOutcome mapped = mapper.map(merged.value().visits);
    (void)mapped;
    return 0;
}
