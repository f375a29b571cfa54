#include "config/ConfigLoader.h"

#include "base/Logging.h"
#include "base/Loopback.h"
#include "config/DicomSectionParser.h"
#include "worklist/WorklistColumns.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QTimeZone>

#include <cmath>
#include <initializer_list>

namespace Lantir {

namespace {

using Keys = std::initializer_list<QLatin1String>;

constexpr qint64 MaxConfigBytes = 4 * 1024 * 1024;
constexpr qint64 MaxTokenBytes = 4096;

// pylantir's defaults.
const QLatin1String PylantirLegacyName("redcap_legacy");
const QLatin1String PylantirDefaultDbPath("~/Desktop/worklist.db");
constexpr int PylantirDefaultInterval = 60;

const Keys LantirSections { QLatin1String("version"),  QLatin1String("source"),  QLatin1String("database"),
                            QLatin1String("schedule"), QLatin1String("mapping"), QLatin1String("memory"),
                            QLatin1String("dicom") };
// pylantir's legacy sync keys, converted to one source when data_sources is absent.
// (PylantirTopLevel below lists them again: initializer lists cannot be joined.)
const Keys PylantirLegacy { QLatin1String("db_update_interval"),
                            QLatin1String("operation_interval"),
                            QLatin1String("site"),
                            QLatin1String("site_id"),
                            QLatin1String("protocol"),
                            QLatin1String("redcap2wl") };
const Keys PylantirTopLevel { QLatin1String("db_path"),
                              QLatin1String("data_sources"),
                              QLatin1String("db_update_interval"),
                              QLatin1String("operation_interval"),
                              QLatin1String("site"),
                              QLatin1String("site_id"),
                              QLatin1String("protocol"),
                              QLatin1String("redcap2wl") };
// pylantir keys for its DICOM server, API and dead features: nothing for Lantir to do.
const Keys PylantirIgnored { QLatin1String("db_echo"), QLatin1String("users_db_path"),
                             QLatin1String("allowed_aet"), QLatin1String("api"),
                             QLatin1String("mri_visit_session_mapping") };
// Keys of a data_sources entry that only pylantir's Calpendo plugin reads.
const Keys PylantirSourceIgnored { QLatin1String("window_mode"), QLatin1String("daily_window") };

const QLatin1String Placeholders[]
    = { QLatin1String("study"), QLatin1String("family"), QLatin1String("session"), QLatin1String("site"),
        QLatin1String("record") };

bool contains(Keys keys, QStringView key)
{
    for (QLatin1String k : keys) {
        if (key == k)
            return true;
    }
    return false;
}

bool hasAny(const QJsonObject& object, Keys keys)
{
    for (QLatin1String k : keys) {
        if (object.contains(k))
            return true;
    }
    return false;
}

QString joinKey(const QString& prefix, const QString& name)
{
    return prefix.isEmpty() ? name : prefix % QLatin1Char('.') % name;
}

QString joinKey(const QString& prefix, QLatin1String name)
{
    return joinKey(prefix, QString(name));
}

// How a JSON value reads in a message: numbers and short strings as they are, else the type.
QString describe(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        return text.size() <= 80 ? QStringLiteral("\"%1\"").arg(text) : QStringLiteral("a long string");
    }
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

// REDCap variable and instrument names: a lower-case letter, then lower-case letters, digits and
// underscores.
bool isRedcapName(QStringView name)
{
    if (name.isEmpty() || name[0] < QLatin1Char('a') || name[0] > QLatin1Char('z'))
        return false;
    for (QChar c : name) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        if (!ok)
            return false;
    }
    return true;
}

QString timeText(const QTime& time)
{
    return time.toString(time.second() == 0 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
}

// Reads one configuration object into a SyncConfig, collecting warnings and stopping at the
// first invalid value.
class Parser
{
public:
    Parser(const QString& origin, const QString& baseDir)
        : m_origin(origin)
        , m_baseDir(baseDir)
    {
    }

    Result<SyncConfig> parse(const QJsonObject& root)
    {
        const bool lantir = hasAny(root, LantirSections);
        const bool pylantir = hasAny(root, PylantirTopLevel) || hasAny(root, PylantirIgnored);
        if (lantir && pylantir) {
            return makeError(
                Error::Kind::Config,
                QStringLiteral("%1 mixes Lantir sections (source, database, schedule, mapping, memory) with "
                               "pylantir keys (db_path, data_sources, site, redcap2wl, ...). Use one format: "
                               "either Lantir's (see docs/CONFIGURATION.md) or pylantir's mwl_config.json "
                               "unchanged.")
                    .arg(m_origin));
        }
        const bool ok = (pylantir ? parsePylantir(root) : parseLantir(root)) && finish();
        if (!ok)
            return m_error;
        Result<DicomConfig> dicom = DicomSectionParser::parse(root, pylantir, m_origin, &m_warnings);
        if (!dicom)
            return dicom.error();
        m_config.dicom = dicom.value();
        // The caller shows the warnings (lantir-sync on stderr, the desktop app in its log view).
        m_config.warnings = m_warnings;
        for (const QString& warning : std::as_const(m_warnings))
            qCDebug(lcConfig).noquote() << warning;
        return m_config;
    }

private:
    // ---- reporting

    bool fail(const QString& key, const QString& reason)
    {
        m_error = makeError(Error::Kind::Config, QStringLiteral("%1: %2 %3").arg(m_origin, key, reason));
        return false;
    }

    bool failType(const QString& key, const QString& expected, const QJsonValue& found)
    {
        return fail(key, QStringLiteral("must be %1 (found %2)").arg(expected, describe(found)));
    }

    void warn(const QString& text) { m_warnings.append(text); }

    // Warns about keys of `object` that are neither in `known` nor in `silent`; '_' keys are comments.
    void checkKeys(const QJsonObject& object, const QString& prefix, Keys known, Keys silent = {})
    {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = it.key();
            if (key.startsWith(QLatin1Char('_')) || contains(known, key) || contains(silent, key))
                continue;
            warn(QStringLiteral("unknown key '%1' in %2 ignored").arg(joinKey(prefix, key), m_origin));
        }
    }

    // ---- typed readers: a missing key (or null) keeps `out`; a wrong value fails.

    bool readObject(const QJsonObject& object, QLatin1String name, const QString& prefix, QJsonObject& out)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull()) {
            out = QJsonObject();
            return true;
        }
        if (!value.isObject())
            return failType(joinKey(prefix, name), QStringLiteral("an object { ... }"), value);
        out = value.toObject();
        return true;
    }

    bool readString(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString())
            return failType(joinKey(prefix, name), QStringLiteral("text in quotes"), value);
        out = value.toString().trimmed();
        return true;
    }

    // Text, or a number taken as text (pylantir's "site": 792).
    bool readText(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out)
    {
        const QJsonValue value = object.value(name);
        if (value.isDouble()) {
            const double number = value.toDouble();
            if (std::trunc(number) == number && std::abs(number) < 1e15) {
                out = QString::number(qint64(number));
                return true;
            }
            return failType(joinKey(prefix, name), QStringLiteral("text or a whole number"), value);
        }
        return readString(object, name, prefix, out);
    }

    bool readBool(const QJsonObject& object, QLatin1String name, const QString& prefix, bool& out)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isBool())
            return failType(joinKey(prefix, name), QStringLiteral("true or false"), value);
        out = value.toBool();
        return true;
    }

    bool readInt(const QJsonObject& object, QLatin1String name, const QString& prefix, int& out, int min,
                 int max, const QString& unit = QString())
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        const QString key = joinKey(prefix, name);
        if (!value.isDouble())
            return failType(key, QStringLiteral("a whole number"), value);
        const double number = value.toDouble();
        if (std::trunc(number) != number)
            return failType(key, QStringLiteral("a whole number"), value);
        if (!checkRange(key, number, min, max, unit))
            return false;
        out = int(number);
        return true;
    }

    bool readDouble(const QJsonObject& object, QLatin1String name, const QString& prefix, double& out,
                    double min, double max, const QString& unit = QString())
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        const QString key = joinKey(prefix, name);
        if (!value.isDouble())
            return failType(key, QStringLiteral("a number"), value);
        const double number = value.toDouble();
        if (!checkRange(key, number, min, max, unit))
            return false;
        out = number;
        return true;
    }

    bool checkRange(const QString& key, double number, double min, double max, const QString& unit)
    {
        if (number >= min && number <= max)
            return true;
        const QString suffix = unit.isEmpty() ? QString() : QLatin1Char(' ') + unit;
        return fail(key,
                    QStringLiteral("must be between %1 and %2%3 (found %4)")
                        .arg(QString::number(min, 'g', 12), QString::number(max, 'g', 12), suffix,
                             QString::number(number, 'g', 12)));
    }

    bool readStringList(const QJsonObject& object, QLatin1String name, const QString& prefix,
                        QStringList& out)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        const QString key = joinKey(prefix, name);
        if (!value.isArray())
            return failType(key, QStringLiteral("a list of texts [\"...\"]"), value);
        QStringList list;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString()) {
                return failType(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("text in quotes"),
                                array.at(i));
            }
            list.append(array.at(i).toString().trimmed());
        }
        out = list;
        return true;
    }

    // ---- checks of single settings

    bool checkFieldName(const QString& key, const QString& value, bool allowEmpty = false)
    {
        if (value.isEmpty() && allowEmpty)
            return true;
        if (isRedcapName(value))
            return true;
        return fail(
            key,
            QStringLiteral("must be a REDCap variable name: lower-case letters, digits and underscores, "
                           "starting with a letter (found \"%1\")")
                .arg(value));
    }

    bool checkPattern(const QString& key, const QString& pattern, bool allowEmpty)
    {
        if (pattern.isEmpty()) {
            return allowEmpty
                || fail(key,
                        QStringLiteral("must not be empty; the default is %1")
                            .arg(key.endsWith(QLatin1String("id_pattern"))
                                     ? MappingConfig().patientIdPattern
                                     : MappingConfig().patientNamePattern));
        }
        qsizetype from = 0;
        while (true) {
            const qsizetype open = pattern.indexOf(QLatin1Char('{'), from);
            if (open < 0)
                break;
            const qsizetype close = pattern.indexOf(QLatin1Char('}'), open);
            if (close < 0)
                break;
            const QStringView name = QStringView(pattern).sliced(open + 1, close - open - 1);
            bool known = false;
            for (QLatin1String p : Placeholders)
                known = known || name == p;
            if (!known) {
                return fail(
                    key,
                    QStringLiteral("uses the unknown placeholder {%1}; the placeholders are {study} {family} "
                                   "{session} {site} {record}")
                        .arg(name));
            }
            from = close + 1;
        }
        return true;
    }

    bool readTimeZone(const QJsonObject& object, QLatin1String name, const QString& prefix)
    {
        QString zone;
        if (!readString(object, name, prefix, zone))
            return false;
        if (!zone.isEmpty() && !QTimeZone(zone.toUtf8()).isValid()) {
            return fail(
                joinKey(prefix, name),
                QStringLiteral("is not a time zone this system knows (found \"%1\"); use an IANA name such "
                               "as America/Edmonton, or leave it empty for the local zone")
                    .arg(zone));
        }
        m_config.serverTimeZone = zone.toUtf8();
        return true;
    }

    bool readUrl(const QJsonObject& object, QLatin1String name, const QString& prefix)
    {
        QString text;
        if (!readString(object, name, prefix, text))
            return false;
        m_urlKey = joinKey(prefix, name);
        m_urlText = text;
        return true;
    }

    bool readPath(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out)
    {
        QString path = out;
        if (!readString(object, name, prefix, path))
            return false;
        out = resolvePath(path);
        return true;
    }

    QString resolvePath(const QString& path) const
    {
        if (path.isEmpty())
            return path;
        const QString expanded = ConfigLoader::expandHome(path);
        if (QDir::isRelativePath(expanded) && !m_baseDir.isEmpty())
            return QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(expanded));
        return expanded;
    }

    // "HH:MM" or "HH:MM:SS".
    bool readClock(const QJsonObject& object, QLatin1String name, const QString& prefix, QTime& out)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        const QString key = joinKey(prefix, name);
        const QString text = value.toString();
        QTime time;
        if (value.isString() && (text.size() == 5 || text.size() == 8))
            time = QTime::fromString(text,
                                     text.size() == 5 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
        if (!time.isValid())
            return failType(key, QStringLiteral("a time of day \"HH:MM\" (24-hour clock)"), value);
        out = time;
        return true;
    }

    // pylantir's [hour, minute].
    bool readHourMinute(const QJsonObject& object, QLatin1String name, const QString& prefix, QTime& out,
                        int seconds)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        const QString key = joinKey(prefix, name);
        const QJsonArray pair = value.toArray();
        const auto whole = [](const QJsonValue& v, int max) {
            return v.isDouble() && std::trunc(v.toDouble()) == v.toDouble() && v.toDouble() >= 0
                && v.toDouble() <= max;
        };
        if (!value.isArray() || pair.size() != 2 || !whole(pair.at(0), 23) || !whole(pair.at(1), 59))
            return failType(key, QStringLiteral("[hour, minute] with hour 0-23 and minute 0-59"), value);
        out = QTime(pair.at(0).toInt(), pair.at(1).toInt(), seconds);
        return true;
    }

    // Object form {"source": "target", ...} (applied in alphabetical order of the sources) or the
    // ordered form [["source", "target"], ...].
    bool readFieldMapping(const QJsonObject& object, QLatin1String name, const QString& prefix)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull())
            return true;
        const QString key = joinKey(prefix, name);
        QList<QPair<QString, QString>> mapping;
        if (value.isObject()) {
            const QJsonObject map = value.toObject();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
                if (!it.value().isString())
                    return failType(joinKey(key, it.key()),
                                    QStringLiteral("a worklist column name in quotes"), it.value());
                mapping.append({ it.key().trimmed(), it.value().toString().trimmed() });
            }
        } else if (value.isArray()) {
            const QJsonArray list = value.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                const QJsonArray pair = list.at(i).toArray();
                if (!list.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString()
                    || !pair.at(1).isString()) {
                    return failType(QStringLiteral("%1[%2]").arg(key).arg(i),
                                    QStringLiteral("a pair [\"redcap_field\", \"worklist_column\"]"),
                                    list.at(i));
                }
                mapping.append({ pair.at(0).toString().trimmed(), pair.at(1).toString().trimmed() });
            }
        } else {
            return failType(key, QStringLiteral("an object {\"redcap_field\": \"worklist_column\"}"), value);
        }

        QHash<int, QString> writers; // column -> first source writing it
        for (const auto& [source, target] : std::as_const(mapping)) {
            const QString entryKey = joinKey(key, source);
            if (!checkFieldName(entryKey, source))
                return false;
            if (target.isEmpty())
                return fail(entryKey, QStringLiteral("must name a worklist column (found \"\")"));
            const Worklist::Column column = Worklist::columnFromName(target);
            if (column == Worklist::ColumnCount)
                continue; // pylantir's study_id, session_id, ...: kept, writes nothing
            if (!Worklist::isSyncWritable(column)) {
                warn(QStringLiteral("%1 in %2: column '%3' is not written by the sync (%4); ignored")
                         .arg(entryKey, m_origin, target,
                              column == Worklist::PerformedProcedureStepStatus
                                  ? QStringLiteral("the scanner's MPPS owns the status")
                                  : QStringLiteral("Lantir manages it")));
                continue;
            }
            const auto previous = writers.constFind(column);
            if (previous != writers.cend()) {
                warn(QStringLiteral("%1 in %2: both '%3' and '%4' write column '%5'; the later one wins when "
                                    "both have a value")
                         .arg(key, m_origin, *previous, source, target));
            } else {
                writers.insert(column, source);
            }
        }
        m_config.mapping.fieldMapping = mapping;
        return true;
    }

    // pylantir's "protocol": "NAME" or {"<site>": "NAME", "mapping": "<coding designator>"}.
    bool readPylantirProtocol(const QJsonObject& object, const QString& prefix)
    {
        const QJsonValue value = object.value(QLatin1String("protocol"));
        if (value.isUndefined() || value.isNull())
            return true;
        const QString key = joinKey(prefix, QStringLiteral("protocol"));
        if (value.isString()) {
            m_config.mapping.protocol = value.toString().trimmed();
            return true;
        }
        if (!value.isObject())
            return failType(key, QStringLiteral("a protocol name or an object {\"<site>\": \"<protocol>\"}"),
                            value);
        const QJsonObject map = value.toObject();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            if (!it.value().isString())
                return failType(joinKey(key, it.key()), QStringLiteral("text in quotes"), it.value());
            if (it.key() == QLatin1String("mapping"))
                m_config.mapping.codingDesignator = it.value().toString().trimmed();
            else
                m_config.mapping.protocolBySite.insert(it.key().trimmed(), it.value().toString().trimmed());
        }
        return true;
    }

    // ---- Lantir's format

    bool parseLantir(const QJsonObject& root)
    {
        checkKeys(root, QString(), LantirSections);
        const QJsonValue version = root.value(QLatin1String("version"));
        if (!version.isUndefined()
            && !(version.isDouble() && version.toDouble() == ConfigLoader::FormatVersion)) {
            return fail(QStringLiteral("version"),
                        QStringLiteral(
                            "must be %1, the format this Lantir reads (found %2); the file was written by a "
                            "newer Lantir or is not a Lantir configuration")
                            .arg(ConfigLoader::FormatVersion)
                            .arg(describe(version)));
        }

        SyncConfig& c = m_config;
        QJsonObject source;
        const QString s = QStringLiteral("source");
        if (!readObject(root, QLatin1String("source"), QString(), source))
            return false;
        checkKeys(source, s,
                  { QLatin1String("name"), QLatin1String("api_url"), QLatin1String("server_time_zone"),
                    QLatin1String("allow_insecure_http"), QLatin1String("ca_file"),
                    QLatin1String("batch_size"), QLatin1String("request_timeout_s"),
                    QLatin1String("max_tries"), QLatin1String("retry_base_delay_ms") });
        double timeoutSeconds = c.requestTimeoutMs / 1000.0;
        if (!readString(source, QLatin1String("name"), s, c.sourceName)
            || !readUrl(source, QLatin1String("api_url"), s)
            || !readTimeZone(source, QLatin1String("server_time_zone"), s)
            || !readBool(source, QLatin1String("allow_insecure_http"), s, c.allowInsecureHttp)
            || !readPath(source, QLatin1String("ca_file"), s, c.caFile)
            || !readInt(source, QLatin1String("batch_size"), s, c.batchSize, 1, 10000,
                        QStringLiteral("records"))
            || !readDouble(source, QLatin1String("request_timeout_s"), s, timeoutSeconds, 1, 3600,
                           QStringLiteral("seconds"))
            || !readInt(source, QLatin1String("max_tries"), s, c.maxTries, 1, 20)
            || !readInt(source, QLatin1String("retry_base_delay_ms"), s, c.retryBaseDelayMs, 0, 600000,
                        QStringLiteral("milliseconds"))) {
            return false;
        }
        c.requestTimeoutMs = int(std::lround(timeoutSeconds * 1000));
        m_caKey = joinKey(s, QStringLiteral("ca_file"));
        m_nameKey = joinKey(s, QStringLiteral("name"));

        QJsonObject database;
        const QString d = QStringLiteral("database");
        if (!readObject(root, QLatin1String("database"), QString(), database))
            return false;
        checkKeys(database, d, { QLatin1String("path"), QLatin1String("busy_timeout_ms") });
        if (!readPath(database, QLatin1String("path"), d, c.databasePath)
            || !readInt(database, QLatin1String("busy_timeout_ms"), d, c.busyTimeoutMs, 0, 600000,
                        QStringLiteral("milliseconds"))) {
            return false;
        }

        QJsonObject schedule;
        QJsonObject window;
        const QString sc = QStringLiteral("schedule");
        const QString w = QStringLiteral("schedule.window");
        if (!readObject(root, QLatin1String("schedule"), QString(), schedule)
            || !readObject(schedule, QLatin1String("window"), sc, window)) {
            return false;
        }
        checkKeys(schedule, sc,
                  { QLatin1String("interval_s"), QLatin1String("window"), QLatin1String("overlap_s") });
        checkKeys(window, w, { QLatin1String("start"), QLatin1String("end") });
        if (!readInt(schedule, QLatin1String("interval_s"), sc, c.schedule.intervalSeconds, 10, 7 * 86400,
                     QStringLiteral("seconds"))
            || !readInt(schedule, QLatin1String("overlap_s"), sc, c.schedule.overlapSeconds, 0, 86400,
                        QStringLiteral("seconds"))
            || !readClock(window, QLatin1String("start"), w, c.schedule.windowStart)
            || !readClock(window, QLatin1String("end"), w, c.schedule.windowEnd)) {
            return false;
        }

        QJsonObject mapping;
        const QString m = QStringLiteral("mapping");
        if (!readObject(root, QLatin1String("mapping"), QString(), mapping))
            return false;
        checkKeys(mapping, m,
                  { QLatin1String("site"), QLatin1String("protocol"), QLatin1String("protocol_by_site"),
                    QLatin1String("coding_designator"), QLatin1String("scan_instrument"),
                    QLatin1String("session_field"), QLatin1String("date_field"), QLatin1String("time_field"),
                    QLatin1String("study_id_field"), QLatin1String("family_id_field"),
                    QLatin1String("record_id_field"), QLatin1String("patient_name_pattern"),
                    QLatin1String("patient_id_pattern"), QLatin1String("field_mapping"),
                    QLatin1String("extra_fields") });
        MappingConfig& mc = c.mapping;
        QJsonObject bySite;
        if (!readText(mapping, QLatin1String("site"), m, mc.site)
            || !readString(mapping, QLatin1String("protocol"), m, mc.protocol)
            || !readObject(mapping, QLatin1String("protocol_by_site"), m, bySite)
            || !readString(mapping, QLatin1String("coding_designator"), m, mc.codingDesignator)
            || !readString(mapping, QLatin1String("scan_instrument"), m, mc.scanInstrument)
            || !readString(mapping, QLatin1String("session_field"), m, mc.sessionField)
            || !readString(mapping, QLatin1String("date_field"), m, mc.dateField)
            || !readString(mapping, QLatin1String("time_field"), m, mc.timeField)
            || !readString(mapping, QLatin1String("study_id_field"), m, mc.studyIdField)
            || !readString(mapping, QLatin1String("family_id_field"), m, mc.familyIdField)
            || !readString(mapping, QLatin1String("record_id_field"), m, mc.recordIdField)
            || !readString(mapping, QLatin1String("patient_name_pattern"), m, mc.patientNamePattern)
            || !readString(mapping, QLatin1String("patient_id_pattern"), m, mc.patientIdPattern)
            || !readFieldMapping(mapping, QLatin1String("field_mapping"), m)
            || !readStringList(mapping, QLatin1String("extra_fields"), m, mc.extraFields)) {
            return false;
        }
        for (auto it = bySite.constBegin(); it != bySite.constEnd(); ++it) {
            if (!it.value().isString()) {
                return failType(joinKey(QStringLiteral("mapping.protocol_by_site"), it.key()),
                                QStringLiteral("a protocol name in quotes"), it.value());
            }
            mc.protocolBySite.insert(it.key().trimmed(), it.value().toString().trimmed());
        }
        for (qsizetype i = 0; i < mc.extraFields.size(); ++i) {
            if (!checkFieldName(QStringLiteral("mapping.extra_fields[%1]").arg(i), mc.extraFields.at(i)))
                return false;
        }

        QJsonObject memory;
        const QString me = QStringLiteral("memory");
        if (!readObject(root, QLatin1String("memory"), QString(), memory))
            return false;
        checkKeys(memory, me, { QLatin1String("warn_growth_mb_per_hour"), QLatin1String("critical_rss_mb") });
        if (!readDouble(memory, QLatin1String("warn_growth_mb_per_hour"), me, c.memoryWarnMbPerHour, 0.01,
                        100000, QStringLiteral("MB per hour"))
            || !readDouble(memory, QLatin1String("critical_rss_mb"), me, c.memoryCriticalMb, 1, 1000000,
                           QStringLiteral("MB"))) {
            return false;
        }

        m_mappingPrefix = m;
        return true;
    }

    // ---- pylantir's mwl_config.json

    bool parsePylantir(const QJsonObject& root)
    {
        const bool hasSources = root.contains(QLatin1String("data_sources"));
        checkKeys(root, QString(), PylantirTopLevel, PylantirIgnored);
        for (QLatin1String key : PylantirLegacy) {
            if (!root.contains(key))
                continue;
            if (hasSources) {
                warn(QStringLiteral(
                         "key '%1' in %2 ignored: data_sources is present, so the legacy keys do not "
                         "apply (as in pylantir)")
                         .arg(key, m_origin));
            }
        }

        SyncConfig& c = m_config;
        c.databasePath = QString(PylantirDefaultDbPath);
        if (!readPath(root, QLatin1String("db_path"), QString(), c.databasePath))
            return false;
        c.apiUrl = QUrl();
        c.schedule.intervalSeconds = PylantirDefaultInterval;
        c.schedule.windowStart = QTime(0, 0);
        c.schedule.windowEnd = QTime(23, 59, 59);

        return hasSources ? parsePylantirSources(root) : parsePylantirLegacy(root);
    }

    bool parsePylantirLegacy(const QJsonObject& root)
    {
        SyncConfig& c = m_config;
        c.sourceName = QString(PylantirLegacyName);
        QJsonObject window;
        if (!readInt(root, QLatin1String("db_update_interval"), QString(), c.schedule.intervalSeconds, 10,
                     7 * 86400, QStringLiteral("seconds"))
            || !readObject(root, QLatin1String("operation_interval"), QString(), window)
            || !readWindow(window, QStringLiteral("operation_interval")) || !readSite(root, QString())
            || !readPylantirProtocol(root, QString())
            || !readFieldMapping(root, QLatin1String("redcap2wl"), QString())) {
            return false;
        }
        return true;
    }

    bool readWindow(const QJsonObject& window, const QString& prefix)
    {
        checkKeys(window, prefix, { QLatin1String("start_time"), QLatin1String("end_time") });
        // pylantir compares the clock with seconds dropped, so its end minute is included whole.
        return readHourMinute(window, QLatin1String("start_time"), prefix, m_config.schedule.windowStart, 0)
            && readHourMinute(window, QLatin1String("end_time"), prefix, m_config.schedule.windowEnd, 59);
    }

    bool readSite(const QJsonObject& object, const QString& prefix)
    {
        QString site;
        if (!readText(object, QLatin1String("site"), prefix, site))
            return false;
        if (site.isEmpty() && !readText(object, QLatin1String("site_id"), prefix, site))
            return false;
        m_config.mapping.site = site;
        return true;
    }

    bool parsePylantirSources(const QJsonObject& root)
    {
        const QJsonValue value = root.value(QLatin1String("data_sources"));
        if (!value.isArray())
            return failType(QStringLiteral("data_sources"), QStringLiteral("a list of sources [ {...} ]"),
                            value);
        const QJsonArray sources = value.toArray();
        qsizetype chosen = -1;
        for (qsizetype i = 0; i < sources.size(); ++i) {
            const QString key = QStringLiteral("data_sources[%1]").arg(i);
            if (!sources.at(i).isObject())
                return failType(key, QStringLiteral("an object {\"name\": ..., \"type\": \"redcap\", ...}"),
                                sources.at(i));
            const QJsonObject source = sources.at(i).toObject();
            bool enabled = true;
            QString type;
            QString name;
            if (!readBool(source, QLatin1String("enabled"), key, enabled)
                || !readString(source, QLatin1String("type"), key, type)
                || !readString(source, QLatin1String("name"), key, name)) {
                return false;
            }
            if (!enabled)
                continue;
            if (type != QLatin1String("redcap")) {
                warn(QStringLiteral("%1 ('%2', type '%3') in %4 ignored: Lantir syncs REDCap sources only")
                         .arg(key, name, type, m_origin));
            } else if (chosen >= 0) {
                warn(QStringLiteral("%1 ('%2') in %3 ignored: Lantir syncs the first enabled REDCap source "
                                    "(data_sources[%4]); run one Lantir per source")
                         .arg(key, name, m_origin)
                         .arg(chosen));
            } else {
                chosen = i;
            }
        }
        if (chosen < 0) {
            QString hint;
            if (root.contains(QLatin1String("redcap2wl"))) {
                hint = QStringLiteral(
                    " The legacy keys (redcap2wl, site, protocol) are not used while data_sources "
                    "is present, even as an empty list; remove data_sources to use them.");
            }
            return fail(QStringLiteral("data_sources"),
                        QStringLiteral(
                            "has no enabled source of type \"redcap\", so there is nothing to sync. Add one "
                            "({\"name\": \"main_redcap\", \"type\": \"redcap\", \"config\": {\"site\": ...}, "
                            "\"field_mapping\": {...}}) or set \"enabled\": true on an existing one.%1")
                            .arg(hint));
        }

        const QString prefix = QStringLiteral("data_sources[%1]").arg(chosen);
        const QJsonObject source = sources.at(chosen).toObject();
        checkKeys(source, prefix,
                  { QLatin1String("name"), QLatin1String("type"), QLatin1String("enabled"),
                    QLatin1String("sync_interval"), QLatin1String("operation_interval"),
                    QLatin1String("config"), QLatin1String("field_mapping") },
                  PylantirSourceIgnored);
        SyncConfig& c = m_config;
        QString name;
        QJsonObject window;
        QJsonObject settings;
        const QString settingsKey = joinKey(prefix, QStringLiteral("config"));
        if (!readString(source, QLatin1String("name"), prefix, name)
            || !readInt(source, QLatin1String("sync_interval"), prefix, c.schedule.intervalSeconds, 10,
                        7 * 86400, QStringLiteral("seconds"))
            || !readObject(source, QLatin1String("operation_interval"), prefix, window)
            || !readWindow(window, joinKey(prefix, QStringLiteral("operation_interval")))
            || !readObject(source, QLatin1String("config"), prefix, settings)) {
            return false;
        }
        checkKeys(settings, settingsKey,
                  { QLatin1String("site"), QLatin1String("site_id"), QLatin1String("protocol") });
        if (!readSite(settings, settingsKey) || !readPylantirProtocol(settings, settingsKey)
            || !readFieldMapping(source, QLatin1String("field_mapping"), prefix)) {
            return false;
        }
        // pylantir writes "REDCap" to data_source whatever the name; Lantir writes the name.
        c.sourceName = name.isEmpty() ? QStringLiteral("REDCap") : name;
        m_nameKey = joinKey(prefix, QStringLiteral("name"));
        return true;
    }

    // ---- checks that apply to both formats

    bool finish()
    {
        SyncConfig& c = m_config;
        MappingConfig& mc = c.mapping;
        const QString m = m_mappingPrefix;
        const auto mk = [&m](const char* name) { return joinKey(m, QLatin1String(name)); };

        if (c.sourceName.isEmpty())
            return fail(m_nameKey, QStringLiteral("must not be empty; it is written to data_source"));
        if (c.sourceName.size() > 255)
            return fail(m_nameKey, QStringLiteral("is longer than the 255 characters data_source holds"));

        if (!checkFieldName(mk("record_id_field"), mc.recordIdField)
            || !checkFieldName(mk("scan_instrument"), mc.scanInstrument)
            || !checkFieldName(mk("session_field"), mc.sessionField)
            || !checkFieldName(mk("date_field"), mc.dateField)
            || !checkFieldName(mk("time_field"), mc.timeField)
            || !checkFieldName(mk("study_id_field"), mc.studyIdField)
            || !checkFieldName(mk("family_id_field"), mc.familyIdField, true)
            || !checkPattern(mk("patient_name_pattern"), mc.patientNamePattern, true)
            || !checkPattern(mk("patient_id_pattern"), mc.patientIdPattern, false)) {
            return false;
        }

        if (!c.caFile.isEmpty()) {
            const QFileInfo info(c.caFile);
            if (!info.isFile() || !info.isReadable()) {
                return fail(
                    m_caKey,
                    QStringLiteral("names \"%1\", which is not a readable file; give a PEM file of CA "
                                   "certificates or leave it empty")
                        .arg(c.caFile));
            }
        }

        // The URL: from the file, else from the environment as pylantir does.
        QString urlKey = m_urlKey;
        QString urlText = m_urlText;
        if (urlText.isEmpty()) {
            urlText = qEnvironmentVariable("REDCAP_API_URL").trimmed();
            urlKey = QStringLiteral("REDCAP_API_URL (environment)");
        }
        if (urlText.isEmpty()) {
            c.apiUrl = QUrl();
            warn(QStringLiteral(
                     "%1 gives no REDCap API URL: set source.api_url or REDCAP_API_URL before syncing")
                     .arg(m_origin));
            return true;
        }
        const QUrl url(urlText, QUrl::StrictMode);
        const QString shown = url.isValid() ? url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                                            : QStringLiteral("the value given");
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            return fail(urlKey,
                        QStringLiteral("is not an http(s) URL with a host (%1); it looks like "
                                       "https://redcap.example.org/api/")
                            .arg(shown));
        }
        if (!url.userInfo().isEmpty())
            return fail(urlKey,
                        QStringLiteral("must not carry a user name or password; REDCap uses the API token"));
        if (url.scheme() == QLatin1String("http") && !isLoopbackHost(url.host()) && !c.allowInsecureHttp) {
            return fail(urlKey,
                        QStringLiteral(
                            "uses plain http:// to %1, which would send the API token unencrypted; use "
                            "https:// or, on a trusted network only, set source.allow_insecure_http to true")
                            .arg(url.host()));
        }
        if (!url.path().endsWith(QLatin1String("/api/"))) {
            warn(QStringLiteral("%1 (%2) does not end with /api/; REDCap's API is usually at "
                                "https://<host>/<redcap folder>/api/")
                     .arg(urlKey, shown));
        }
        c.apiUrl = url;
        return true;
    }

    QString m_origin;
    QString m_baseDir;
    SyncConfig m_config;
    QStringList m_warnings;
    Error m_error;
    QString m_urlKey = QStringLiteral("source.api_url");
    QString m_urlText;
    QString m_caKey = QStringLiteral("source.ca_file");
    QString m_nameKey = QStringLiteral("source.name");
    QString m_mappingPrefix; // "mapping" for Lantir files; pylantir keeps these settings implicit
};

Result<SyncConfig> parseDocument(const QByteArray& json, const QString& origin, const QString& baseDir)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        return makeError(Error::Kind::Config,
                         QStringLiteral("%1 is not valid JSON: %2 at line %3, column %4")
                             .arg(origin, parseError.errorString())
                             .arg(line)
                             .arg(column));
    }
    if (!document.isObject()) {
        return makeError(Error::Kind::Config,
                         QStringLiteral("%1 must hold one JSON object { ... } at the top level").arg(origin));
    }
    return Parser(origin, baseDir).parse(document.object());
}

} // namespace

QString ConfigLoader::expandHome(const QString& path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() % QStringView(path).sliced(1);
    return path;
}

Result<SyncConfig> ConfigLoader::loadFile(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Configuration file %1 does not exist; check the path given with --config")
                .arg(shown));
    }
    if (!info.isFile())
        return makeError(Error::Kind::Config,
                         QStringLiteral("Configuration path %1 is not a file").arg(shown));
    if (info.size() > MaxConfigBytes) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Configuration file %1 is %2 bytes, too large to be a configuration file")
                .arg(shown)
                .arg(info.size()));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Kind::Config,
                         QStringLiteral("Configuration file %1 cannot be read: %2; check its permissions")
                             .arg(shown, file.errorString()));
    }
    const QByteArray json = file.readAll();
    qCDebug(lcConfig).noquote() << "reading configuration" << shown;
    Result<SyncConfig> loaded = parseDocument(json, shown, info.absolutePath());
#ifdef Q_OS_UNIX
    // It names the REDCap server and the worklist file; other users have no business reading it.
    // A log warning rather than an entry in `warnings`: those list problems of the file's content.
    if (loaded && (info.permissions() & (QFile::ReadGroup | QFile::ReadOther))) {
        qCWarning(lcConfig).noquote()
            << QStringLiteral("configuration file %1 can be read by other users; restrict it with chmod 600")
                   .arg(shown);
    }
#endif
    return loaded;
}

Result<SyncConfig> ConfigLoader::loadJson(const QByteArray& json, const QString& origin)
{
    return parseDocument(json, origin.isEmpty() ? QStringLiteral("the configuration") : origin, QString());
}

QJsonObject ConfigLoader::toJson(const SyncConfig& c)
{
    const MappingConfig& m = c.mapping;

    QJsonObject bySite;
    for (auto it = m.protocolBySite.cbegin(); it != m.protocolBySite.cend(); ++it)
        bySite.insert(it.key(), it.value());

    // The object form when it keeps the order (sorted, unique sources), else the ordered pairs.
    bool sortedUnique = true;
    for (qsizetype i = 1; i < m.fieldMapping.size(); ++i)
        sortedUnique = sortedUnique && m.fieldMapping.at(i - 1).first < m.fieldMapping.at(i).first;
    QJsonValue fieldMapping;
    if (sortedUnique) {
        QJsonObject object;
        for (const auto& [source, target] : m.fieldMapping)
            object.insert(source, target);
        fieldMapping = object;
    } else {
        QJsonArray pairs;
        for (const auto& [source, target] : m.fieldMapping)
            pairs.append(QJsonArray { source, target });
        fieldMapping = pairs;
    }

    return QJsonObject {
        { QStringLiteral("version"), FormatVersion },
        { QStringLiteral("source"),
          QJsonObject {
              { QStringLiteral("name"), c.sourceName },
              { QStringLiteral("api_url"), c.apiUrl.toString() },
              { QStringLiteral("server_time_zone"), QString::fromUtf8(c.serverTimeZone) },
              { QStringLiteral("allow_insecure_http"), c.allowInsecureHttp },
              { QStringLiteral("ca_file"), c.caFile },
              { QStringLiteral("batch_size"), c.batchSize },
              { QStringLiteral("request_timeout_s"), c.requestTimeoutMs / 1000.0 },
              { QStringLiteral("max_tries"), c.maxTries },
              { QStringLiteral("retry_base_delay_ms"), c.retryBaseDelayMs },
          } },
        { QStringLiteral("database"),
          QJsonObject {
              { QStringLiteral("path"), c.databasePath },
              { QStringLiteral("busy_timeout_ms"), c.busyTimeoutMs },
          } },
        { QStringLiteral("schedule"),
          QJsonObject {
              { QStringLiteral("interval_s"), c.schedule.intervalSeconds },
              { QStringLiteral("window"),
                QJsonObject {
                    { QStringLiteral("start"), timeText(c.schedule.windowStart) },
                    { QStringLiteral("end"), timeText(c.schedule.windowEnd) },
                } },
              { QStringLiteral("overlap_s"), c.schedule.overlapSeconds },
          } },
        { QStringLiteral("mapping"),
          QJsonObject {
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
              { QStringLiteral("field_mapping"), fieldMapping },
              { QStringLiteral("extra_fields"), QJsonArray::fromStringList(m.extraFields) },
          } },
        { QStringLiteral("memory"),
          QJsonObject {
              { QStringLiteral("warn_growth_mb_per_hour"), c.memoryWarnMbPerHour },
              { QStringLiteral("critical_rss_mb"), c.memoryCriticalMb },
          } },
        { QStringLiteral("dicom"), DicomSectionParser::toJson(c.dicom) },
    };
}

Result<QString> ConfigLoader::loadToken(const QString& tokenFile)
{
    QString token;
    QString from;
    if (!tokenFile.isEmpty()) {
        const QString shown = QDir::toNativeSeparators(tokenFile);
        from = QStringLiteral("The token file %1").arg(shown);
        const QFileInfo info(tokenFile);
        if (!info.exists()) {
            return makeError(
                Error::Kind::Config,
                QStringLiteral("%1 does not exist; check the path given with --token-file").arg(from));
        }
        if (!info.isFile())
            return makeError(Error::Kind::Config, QStringLiteral("%1 is not a file").arg(from));
        if (info.size() > MaxTokenBytes) {
            return makeError(Error::Kind::Config,
                             QStringLiteral("%1 is %2 bytes, too large to hold only an API token")
                                 .arg(from)
                                 .arg(info.size()));
        }
        QFile file(tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(Error::Kind::Config,
                             QStringLiteral("%1 cannot be read: %2; check its owner and permissions")
                                 .arg(from, file.errorString()));
        }
        token = QString::fromUtf8(file.readAll()).trimmed();
        if (token.isEmpty())
            return makeError(Error::Kind::Config,
                             QStringLiteral("%1 is empty; put the REDCap API token in it").arg(from));
#ifdef Q_OS_UNIX
        if (info.permissions() & (QFile::ReadGroup | QFile::ReadOther)) {
            qCWarning(lcConfig).noquote()
                << QStringLiteral("token file %1 can be read by other users; restrict it with chmod 600")
                       .arg(shown);
        }
#endif
    } else {
        from = QStringLiteral("REDCAP_API_TOKEN");
        token = qEnvironmentVariable("REDCAP_API_TOKEN").trimmed();
        if (token.isEmpty()) {
            return makeError(
                Error::Kind::Config,
                QStringLiteral(
                    "No REDCap API token: pass --token-file FILE (a file holding only the token) or set "
                    "REDCAP_API_TOKEN"));
        }
    }
    for (QChar ch : std::as_const(token)) {
        if (ch.isSpace() || ch.unicode() < 0x21 || ch.unicode() > 0x7e) {
            return makeError(
                Error::Kind::Config,
                QStringLiteral(
                    "%1 holds more than the token (spaces, line breaks or non-ASCII characters); it "
                    "must hold only the REDCap API token")
                    .arg(from));
        }
    }
    return token;
}

} // namespace Lantir
