#include "config/SyncConfig.h"

#include "config/SourceConfig.h"

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

QString SourceConfig::tokenVariable() const
{
    QString variable = QStringLiteral("REDCAP_API_TOKEN_");
    variable.reserve(variable.size() + name.size());
    for (const QChar ch : name.toUpper()) {
        const bool plain = (ch >= QLatin1Char('A') && ch <= QLatin1Char('Z'))
            || (ch >= QLatin1Char('0') && ch <= QLatin1Char('9'));
        variable.append(plain ? ch : QLatin1Char('_'));
    }
    return variable;
}

QString SourceConfig::keychainKeyFor(const QString& sourceName)
{
    return QStringLiteral("redcap-api-token/") + sourceName;
}

bool SourceConfig::operator==(const SourceConfig& other) const
{
    return name == other.name && enabled == other.enabled && apiUrl == other.apiUrl
        && serverTimeZone == other.serverTimeZone && allowInsecureHttp == other.allowInsecureHttp
        && caFile == other.caFile && tokenFile == other.tokenFile && batchSize == other.batchSize
        && requestTimeoutMs == other.requestTimeoutMs && maxTries == other.maxTries
        && retryBaseDelayMs == other.retryBaseDelayMs && mapping == other.mapping
        && schedule == other.schedule;
}

const SourceConfig* SyncConfig::findSource(const QString& name) const
{
    for (const SourceConfig& source : sources) {
        if (source.name == name)
            return &source;
    }
    return nullptr;
}

SourceConfig* SyncConfig::findSource(const QString& name)
{
    for (SourceConfig& source : sources) {
        if (source.name == name)
            return &source;
    }
    return nullptr;
}

QList<SourceConfig> SyncConfig::enabledSources() const
{
    QList<SourceConfig> enabled;
    for (const SourceConfig& source : sources) {
        if (source.enabled)
            enabled.append(source);
    }
    return enabled;
}

DatabaseTarget SyncConfig::databaseTarget() const
{
    DatabaseTarget target;
    target.driver = databaseDriver;
    target.path = databasePath;
    target.busyTimeoutMs = busyTimeoutMs;
    target.postgres = postgres;
    target.password = databasePassword;
    return target;
}

// The settings of the driver not chosen are not part of the configuration (lantir.json holds only
// the chosen one's), so they do not make two configurations differ.
bool SyncConfig::sameDatabase(const SyncConfig& other) const
{
    if (databaseDriver != other.databaseDriver || busyTimeoutMs != other.busyTimeoutMs)
        return false;
    if (databaseDriver == DatabaseDriver::Postgresql)
        return postgres == other.postgres && databasePassword == other.databasePassword;
    return databasePath == other.databasePath;
}

bool SyncConfig::operator==(const SyncConfig& other) const
{
    return sources == other.sources && sameDatabase(other) && dicom == other.dicom
        && memoryWarnMbPerHour == other.memoryWarnMbPerHour && memoryCriticalMb == other.memoryCriticalMb
        && retentionDays == other.retentionDays && maxCancelFraction == other.maxCancelFraction
        && reconcileIntervalSeconds == other.reconcileIntervalSeconds;
}

} // namespace Lantir
