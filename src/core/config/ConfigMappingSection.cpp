#include "config/ConfigSections.h"

#include <QJsonArray>

namespace Lantir::ConfigParsing {

namespace {

// {"<site>": "<protocol>", ...}
bool readProtocolBySite(Reader& r, const QJsonObject& bySite, const QString& key)
{
    for (auto it = bySite.constBegin(); it != bySite.constEnd(); ++it) {
        if (!it.value().isString())
            return r.failType(joinKey(key, it.key()), QStringLiteral("a protocol name in quotes"),
                              it.value());
        r.source().mapping.protocolBySite.insert(it.key().trimmed(), it.value().toString().trimmed());
    }
    return true;
}

bool checkExtraFields(Reader& r, const QString& key)
{
    const QStringList& extraFields = r.source().mapping.extraFields;
    for (qsizetype i = 0; i < extraFields.size(); ++i) {
        if (!r.checkFieldName(QStringLiteral("%1[%2]").arg(key).arg(i), extraFields.at(i)))
            return false;
    }
    return true;
}

} // namespace

bool readMappingSection(Reader& r, const QJsonObject& mapping, const QString& m)
{
    r.checkKeys(mapping, m,
                { QLatin1String("site"), QLatin1String("protocol"), QLatin1String("protocol_by_site"),
                  QLatin1String("coding_designator"), QLatin1String("scan_instrument"),
                  QLatin1String("session_field"), QLatin1String("date_field"), QLatin1String("time_field"),
                  QLatin1String("study_id_field"), QLatin1String("family_id_field"),
                  QLatin1String("record_id_field"), QLatin1String("patient_name_pattern"),
                  QLatin1String("patient_id_pattern"), QLatin1String("field_mapping"),
                  QLatin1String("extra_fields") });
    MappingConfig& mc = r.source().mapping;
    QJsonObject bySite;
    if (!r.readText(mapping, QLatin1String("site"), m, mc.site)
        || !r.readString(mapping, QLatin1String("protocol"), m, mc.protocol)
        || !r.readObject(mapping, QLatin1String("protocol_by_site"), m, bySite)
        || !r.readString(mapping, QLatin1String("coding_designator"), m, mc.codingDesignator)
        || !r.readString(mapping, QLatin1String("scan_instrument"), m, mc.scanInstrument)
        || !r.readString(mapping, QLatin1String("session_field"), m, mc.sessionField)
        || !r.readString(mapping, QLatin1String("date_field"), m, mc.dateField)
        || !r.readString(mapping, QLatin1String("time_field"), m, mc.timeField)
        || !r.readString(mapping, QLatin1String("study_id_field"), m, mc.studyIdField)
        || !r.readString(mapping, QLatin1String("family_id_field"), m, mc.familyIdField)
        || !r.readString(mapping, QLatin1String("record_id_field"), m, mc.recordIdField)
        || !r.readString(mapping, QLatin1String("patient_name_pattern"), m, mc.patientNamePattern)
        || !r.readString(mapping, QLatin1String("patient_id_pattern"), m, mc.patientIdPattern)
        || !readFieldMapping(r, mapping, QLatin1String("field_mapping"), m)
        || !r.readStringList(mapping, QLatin1String("extra_fields"), m, mc.extraFields)
        || !readProtocolBySite(r, bySite, joinKey(m, QStringLiteral("protocol_by_site")))
        || !checkExtraFields(r, joinKey(m, QStringLiteral("extra_fields")))) {
        return false;
    }
    r.keys().mappingPrefix = m;
    return true;
}

QJsonObject writeMappingSection(const MappingConfig& m)
{
    QJsonObject bySite;
    for (auto it = m.protocolBySite.cbegin(); it != m.protocolBySite.cend(); ++it)
        bySite.insert(it.key(), it.value());
    return QJsonObject {
        { QStringLiteral("site"), m.site },
        { QStringLiteral("protocol"), m.protocol },
        { QStringLiteral("protocol_by_site"), bySite },
        { QStringLiteral("coding_designator"), m.codingDesignator },
        { QStringLiteral("scan_instrument"), m.scanInstrument },
        { QStringLiteral("session_field"), m.sessionField },
        { QStringLiteral("date_field"), m.dateField },
        { QStringLiteral("time_field"), m.timeField },
        { QStringLiteral("study_id_field"), m.studyIdField },
        { QStringLiteral("family_id_field"), m.familyIdField },
        { QStringLiteral("record_id_field"), m.recordIdField },
        { QStringLiteral("patient_name_pattern"), m.patientNamePattern },
        { QStringLiteral("patient_id_pattern"), m.patientIdPattern },
        { QStringLiteral("field_mapping"), writeFieldMapping(m.fieldMapping) },
        { QStringLiteral("extra_fields"), QJsonArray::fromStringList(m.extraFields) },
    };
}

} // namespace Lantir::ConfigParsing
