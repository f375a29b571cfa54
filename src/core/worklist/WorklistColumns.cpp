#include "worklist/WorklistColumns.h"

namespace Lantir::Worklist {

namespace {
constexpr std::array<QLatin1StringView, ColumnCount> Names { {
    QLatin1StringView("id"),
    QLatin1StringView("study_instance_uid"),
    QLatin1StringView("patient_name"),
    QLatin1StringView("patient_id"),
    QLatin1StringView("patient_birth_date"),
    QLatin1StringView("patient_sex"),
    QLatin1StringView("patient_weight_lb"),
    QLatin1StringView("accession_number"),
    QLatin1StringView("referring_physician_name"),
    QLatin1StringView("modality"),
    QLatin1StringView("study_description"),
    QLatin1StringView("scheduled_station_aetitle"),
    QLatin1StringView("scheduled_start_date"),
    QLatin1StringView("scheduled_start_time"),
    QLatin1StringView("performing_physician"),
    QLatin1StringView("procedure_description"),
    QLatin1StringView("protocol_name"),
    QLatin1StringView("station_name"),
    QLatin1StringView("hisris_coding_designator"),
    QLatin1StringView("performed_procedure_step_status"),
    QLatin1StringView("data_source"),
} };
} // namespace

QLatin1StringView columnName(Column column)
{
    return column >= 0 && column < ColumnCount ? Names[column] : QLatin1StringView();
}

Column columnFromName(QStringView name)
{
    for (int i = 0; i < ColumnCount; ++i) {
        if (name == Names[i])
            return static_cast<Column>(i);
    }
    return ColumnCount;
}

bool isSyncWritable(Column column)
{
    return column != Id && column != StudyInstanceUid && column != PerformedProcedureStepStatus
        && column != ColumnCount;
}

} // namespace Lantir::Worklist
