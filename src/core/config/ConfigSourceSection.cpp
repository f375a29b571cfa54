#include "config/ConfigSections.h"

#include <QTimeZone>

#include <cmath>

namespace Lantir::ConfigParsing {

namespace {

bool readTimeZone(Reader& r, const QJsonObject& object, QLatin1String name, const QString& prefix)
{
    QString zone;
    if (!r.readString(object, name, prefix, zone))
        return false;
    if (!zone.isEmpty() && !QTimeZone(zone.toUtf8()).isValid()) {
        return r.fail(joinKey(prefix, name),
                      QStringLiteral("is not a time zone this system knows (found \"%1\"); use an IANA name "
                                     "such as America/Edmonton, or leave it empty for the local zone")
                          .arg(zone));
    }
    r.config().serverTimeZone = zone.toUtf8();
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

bool readSourceSection(Reader& r, const QJsonObject& source, const QString& s)
{
    r.checkKeys(source, s,
                { QLatin1String("name"), QLatin1String("api_url"), QLatin1String("server_time_zone"),
                  QLatin1String("allow_insecure_http"), QLatin1String("ca_file"), QLatin1String("batch_size"),
                  QLatin1String("request_timeout_s"), QLatin1String("max_tries"),
                  QLatin1String("retry_base_delay_ms") });
    SyncConfig& c = r.config();
    double timeoutSeconds = c.requestTimeoutMs / 1000.0;
    if (!r.readString(source, QLatin1String("name"), s, c.sourceName)
        || !readUrl(r, source, QLatin1String("api_url"), s)
        || !readTimeZone(r, source, QLatin1String("server_time_zone"), s)
        || !r.readBool(source, QLatin1String("allow_insecure_http"), s, c.allowInsecureHttp)
        || !r.readPath(source, QLatin1String("ca_file"), s, c.caFile)
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

QJsonObject writeSourceSection(const SyncConfig& c)
{
    return QJsonObject {
        { QStringLiteral("name"), c.sourceName },
        { QStringLiteral("api_url"), c.apiUrl.toString() },
        { QStringLiteral("server_time_zone"), QString::fromUtf8(c.serverTimeZone) },
        { QStringLiteral("allow_insecure_http"), c.allowInsecureHttp },
        { QStringLiteral("ca_file"), c.caFile },
        { QStringLiteral("batch_size"), c.batchSize },
        { QStringLiteral("request_timeout_s"), c.requestTimeoutMs / 1000.0 },
        { QStringLiteral("max_tries"), c.maxTries },
        { QStringLiteral("retry_base_delay_ms"), c.retryBaseDelayMs },
    };
}

} // namespace Lantir::ConfigParsing
