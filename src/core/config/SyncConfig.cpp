#include "config/SyncConfig.h"

#include <QSet>

namespace Lantir {

namespace {

// REDCap exports a checkbox field `name` as `name___code` columns but only accepts `name` in
// the `fields` parameter.
QString exportFieldName(const QString& field)
{
    const qsizetype split = field.indexOf(QLatin1String("___"));
    return split > 0 ? field.left(split) : field;
}

} // namespace

QStringList MappingConfig::requestedFields() const
{
    QStringList fields;
    QSet<QString> seen;
    fields.reserve(6 + fieldMapping.size() + extraFields.size());
    auto add = [&fields, &seen](const QString& field) {
        if (field.isEmpty())
            return;
        const QString name = exportFieldName(field);
        if (!seen.contains(name)) {
            seen.insert(name);
            fields.append(name);
        }
    };
    // The record id comes first: REDCap then adds redcap_event_name and redcap_repeat_* itself.
    add(recordIdField);
    add(studyIdField);
    add(familyIdField);
    add(sessionField);
    add(dateField);
    add(timeField);
    for (const auto& pair : fieldMapping)
        add(pair.first);
    for (const QString& field : extraFields)
        add(field);
    return fields;
}

bool MappingConfig::operator==(const MappingConfig& other) const
{
    return recordIdField == other.recordIdField && scanInstrument == other.scanInstrument
        && sessionField == other.sessionField && dateField == other.dateField && timeField == other.timeField
        && studyIdField == other.studyIdField && familyIdField == other.familyIdField
        && patientNamePattern == other.patientNamePattern && patientIdPattern == other.patientIdPattern
        && site == other.site && protocol == other.protocol && protocolBySite == other.protocolBySite
        && codingDesignator == other.codingDesignator && fieldMapping == other.fieldMapping
        && extraFields == other.extraFields;
}

bool ScheduleConfig::operator==(const ScheduleConfig& other) const
{
    return intervalSeconds == other.intervalSeconds && windowStart == other.windowStart
        && windowEnd == other.windowEnd && overlapSeconds == other.overlapSeconds;
}

bool SyncConfig::operator==(const SyncConfig& other) const
{
    return sourceName == other.sourceName && apiUrl == other.apiUrl && serverTimeZone == other.serverTimeZone
        && allowInsecureHttp == other.allowInsecureHttp && caFile == other.caFile
        && batchSize == other.batchSize && requestTimeoutMs == other.requestTimeoutMs
        && maxTries == other.maxTries && retryBaseDelayMs == other.retryBaseDelayMs
        && databasePath == other.databasePath && busyTimeoutMs == other.busyTimeoutMs
        && mapping == other.mapping && schedule == other.schedule && dicom == other.dicom
        && memoryWarnMbPerHour == other.memoryWarnMbPerHour && memoryCriticalMb == other.memoryCriticalMb
        && retentionDays == other.retentionDays && maxCancelFraction == other.maxCancelFraction
        && reconcileIntervalSeconds == other.reconcileIntervalSeconds;
}

} // namespace Lantir
