#include "config/ConfigSections.h"
#include "config/FieldRules.h"

#include <QJsonArray>

#include <cmath>

namespace Lantir::ConfigParsing {

namespace {

bool readTimeZone(Reader& r, const QJsonObject& object, QLatin1String name, const QString& prefix)
{
    QString zone;
    if (!r.readString(object, name, prefix, zone))
        return false;
    if (FieldRules::timeZone(zone.toUtf8()) != FieldRules::Problem::None) {
        return r.fail(joinKey(prefix, name),
                      QStringLiteral("is not a time zone this system knows (found \"%1\"); use an IANA name "
                                     "such as America/Edmonton, or leave it empty for the local zone")
                          .arg(zone));
    }
    r.source().serverTimeZone = zone.toUtf8();
    return true;
}

// The URL is checked once the whole file is read (ConfigChecks.cpp): REDCAP_API_URL may stand in.
bool readUrl(Reader& r, const QJsonObject& object, QLatin1String name, const QString& prefix)
{
    QString text;
    if (!r.readString(object, name, prefix, text))
        return false;
    r.keys().url = joinKey(prefix, name);
    r.keys().urlText = text;
    return true;
}

} // namespace

const Keys& sourceKeys()
{
    static const Keys keys { QLatin1String("name"),
                             QLatin1String("enabled"),
                             QLatin1String("api_url"),
                             QLatin1String("server_time_zone"),
                             QLatin1String("allow_insecure_http"),
                             QLatin1String("ca_file"),
                             QLatin1String("token_file"),
                             QLatin1String("batch_size"),
                             QLatin1String("request_timeout_s"),
                             QLatin1String("max_tries"),
                             QLatin1String("retry_base_delay_ms") };
    return keys;
}

namespace {

bool readSourceFields(Reader& r, const QJsonObject& source, const QString& s)
{
    SourceConfig& c = r.source();
    double timeoutSeconds = c.requestTimeoutMs / 1000.0;
    if (!r.readString(source, QLatin1String("name"), s, c.name)
        || !r.readBool(source, QLatin1String("enabled"), s, c.enabled)
        || !readUrl(r, source, QLatin1String("api_url"), s)
        || !readTimeZone(r, source, QLatin1String("server_time_zone"), s)
        || !r.readBool(source, QLatin1String("allow_insecure_http"), s, c.allowInsecureHttp)
        || !r.readPath(source, QLatin1String("ca_file"), s, c.caFile)
        || !r.readPath(source, QLatin1String("token_file"), s, c.tokenFile)
        || !r.readInt(source, QLatin1String("batch_size"), s, c.batchSize, 1, 10000,
                      QStringLiteral("records"))
        || !r.readDouble(source, QLatin1String("request_timeout_s"), s, timeoutSeconds, 1, 3600,
                         QStringLiteral("seconds"))
        || !r.readInt(source, QLatin1String("max_tries"), s, c.maxTries, 1, 20)
        || !r.readInt(source, QLatin1String("retry_base_delay_ms"), s, c.retryBaseDelayMs, 0, 600000,
                      QStringLiteral("milliseconds"))) {
        return false;
    }
    c.requestTimeoutMs = int(std::lround(timeoutSeconds * 1000));
    r.keys().caFile = joinKey(s, QStringLiteral("ca_file"));
    r.keys().sourceName = joinKey(s, QStringLiteral("name"));
    return true;
}

// One entry of `sources`: the source keys plus its own mapping and schedule.
bool readSourceEntry(Reader& r, const QJsonValue& value, const QString& prefix)
{
    if (!value.isObject())
        return r.failType(prefix, QStringLiteral("an object {\"name\": ..., \"api_url\": ...}"), value);
    const QJsonObject entry = value.toObject();
    r.checkKeys(entry, prefix, sourceKeys() + Keys { QLatin1String("mapping"), QLatin1String("schedule") });
    QJsonObject mapping;
    QJsonObject schedule;
    return readSourceFields(r, entry, prefix)
        && r.readObject(entry, QLatin1String("mapping"), prefix, mapping)
        && readMappingSection(r, mapping, joinKey(prefix, QStringLiteral("mapping")))
        && r.readObject(entry, QLatin1String("schedule"), prefix, schedule)
        && readScheduleSection(r, schedule, joinKey(prefix, QStringLiteral("schedule")));
}

} // namespace

bool readSourceSection(Reader& r, const QJsonObject& source, const QString& s)
{
    r.checkKeys(source, s, sourceKeys());
    return readSourceFields(r, source, s);
}

bool readSourcesList(Reader& r, const QJsonValue& value, const QString& prefix)
{
    if (!value.isArray())
        return r.failType(prefix, QStringLiteral("a list of sources [ {\"name\": ..., ...}, ... ]"), value);
    const QJsonArray list = value.toArray();
    if (list.isEmpty())
        return r.fail(prefix,
                      QStringLiteral("is empty; give at least one REDCap source {\"name\": ..., "
                                     "\"api_url\": ...}"));
    // The top-level mapping and schedule, read into the one source a new Reader holds, are every
    // source's defaults.
    const SourceConfig defaults = r.source();
    r.clearSources();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString key = QStringLiteral("%1[%2]").arg(prefix).arg(i);
        r.beginSource(defaults, key);
        if (!readSourceEntry(r, list.at(i), key))
            return false;
    }
    return true;
}

QJsonObject writeSourceSection(const SourceConfig& c)
{
    return QJsonObject {
        { QStringLiteral("name"), c.name },
        { QStringLiteral("enabled"), c.enabled },
        { QStringLiteral("api_url"), c.apiUrl.toString() },
        { QStringLiteral("server_time_zone"), QString::fromUtf8(c.serverTimeZone) },
        { QStringLiteral("allow_insecure_http"), c.allowInsecureHttp },
        { QStringLiteral("ca_file"), c.caFile },
        { QStringLiteral("batch_size"), c.batchSize },
        { QStringLiteral("request_timeout_s"), c.requestTimeoutMs / 1000.0 },
        { QStringLiteral("max_tries"), c.maxTries },
        { QStringLiteral("retry_base_delay_ms"), c.retryBaseDelayMs },
        { QStringLiteral("token_file"), c.tokenFile },
        { QStringLiteral("mapping"), writeMappingSection(c.mapping) },
        { QStringLiteral("schedule"), writeScheduleSection(c.schedule) },
    };
}

} // namespace Lantir::ConfigParsing
