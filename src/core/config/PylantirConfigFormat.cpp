#include "config/PylantirConfigFormat.h"

#include "config/ConfigSections.h"
#include "config/DicomSectionParser.h"

#include <QJsonArray>
#include <QTime>

#include <cmath>

namespace Lantir::ConfigParsing {

namespace {

// pylantir's defaults.
const QLatin1String PylantirLegacyName("redcap_legacy");
const QLatin1String PylantirDefaultDbPath("~/Desktop/worklist.db");
constexpr int PylantirDefaultInterval = 60;

// pylantir's legacy sync keys, converted to one source when data_sources is absent.
const Keys& legacyKeys()
{
    static const Keys keys { QLatin1String("db_update_interval"),
                             QLatin1String("operation_interval"),
                             QLatin1String("site"),
                             QLatin1String("site_id"),
                             QLatin1String("protocol"),
                             QLatin1String("redcap2wl") };
    return keys;
}

// pylantir's [hour, minute].
bool readHourMinute(Reader& r, const QJsonObject& object, QLatin1String name, const QString& prefix,
                    QTime& out, int seconds)
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
        return r.failType(key, QStringLiteral("[hour, minute] with hour 0-23 and minute 0-59"), value);
    out = QTime(pair.at(0).toInt(), pair.at(1).toInt(), seconds);
    return true;
}

bool readLegacyForm(Reader& r, const QJsonObject& root)
{
    SourceConfig& c = r.source();
    c.name = QString(PylantirLegacyName);
    QJsonObject window;
    return r.readInt(root, QLatin1String("db_update_interval"), QString(), c.schedule.intervalSeconds, 10,
                     7 * 86400, QStringLiteral("seconds"))
        && r.readObject(root, QLatin1String("operation_interval"), QString(), window)
        && readPylantirWindow(r, window, QStringLiteral("operation_interval"))
        && readPylantirSite(r, root, QString()) && readPylantirProtocol(r, root, QString())
        && readFieldMapping(r, root, QLatin1String("redcap2wl"), QString());
}

} // namespace

const Keys& pylantirTopLevelKeys()
{
    static const Keys keys = Keys { QLatin1String("db_path"), QLatin1String("data_sources") } + legacyKeys();
    return keys;
}

const Keys& pylantirIgnoredKeys()
{
    static const Keys keys { QLatin1String("db_echo"), QLatin1String("users_db_path"),
                             QLatin1String("allowed_aet"), QLatin1String("api"),
                             QLatin1String("mri_visit_session_mapping") };
    return keys;
}

bool readPylantirFormat(Reader& r, const QJsonObject& root)
{
    const bool hasSources = root.contains(QLatin1String("data_sources"));
    r.checkKeys(root, QString(), pylantirTopLevelKeys(), pylantirIgnoredKeys());
    for (QLatin1String key : legacyKeys()) {
        if (hasSources && root.contains(key)) {
            r.warn(
                QStringLiteral("key '%1' in %2 ignored: data_sources is present, so the legacy keys do not "
                               "apply (as in pylantir)")
                    .arg(key, r.origin()));
        }
    }

    SyncConfig& c = r.config();
    c.databasePath = QString(PylantirDefaultDbPath);
    if (!r.readPath(root, QLatin1String("db_path"), QString(), c.databasePath))
        return false;
    // pylantir's server setting: the calling AE titles Lantir's worklist server lets in.
    if (!r.readStringList(root, QLatin1String("allowed_aet"), QString(), c.dicom.allowedCallingAets))
        return false;
    c.dicom.allowedCallingAets.removeAll(QString());
    // The same AE title rules as the dicom section's, so what Lantir writes it reads back.
    for (QString& title : c.dicom.allowedCallingAets) {
        title = title.trimmed();
        if (const QString problem = DicomSectionParser::aeTitleProblem(title); !problem.isEmpty())
            return r.fail(QStringLiteral("allowed_aet"),
                          QStringLiteral("holds '%1': %2").arg(title, problem));
    }
    SourceConfig& source = r.source();
    source.apiUrl = QUrl();
    source.schedule.intervalSeconds = PylantirDefaultInterval;
    source.schedule.windowStart = QTime(0, 0);
    source.schedule.windowEnd = QTime(23, 59, 59);

    return hasSources ? readPylantirDataSources(r, root) : readLegacyForm(r, root);
}

bool readPylantirWindow(Reader& r, const QJsonObject& window, const QString& prefix)
{
    r.checkKeys(window, prefix, { QLatin1String("start_time"), QLatin1String("end_time") });
    // pylantir compares the clock with seconds dropped, so its end minute is included whole.
    ScheduleConfig& s = r.source().schedule;
    return readHourMinute(r, window, QLatin1String("start_time"), prefix, s.windowStart, 0)
        && readHourMinute(r, window, QLatin1String("end_time"), prefix, s.windowEnd, 59);
}

bool readPylantirSite(Reader& r, const QJsonObject& object, const QString& prefix)
{
    QString site;
    if (!r.readText(object, QLatin1String("site"), prefix, site))
        return false;
    if (site.isEmpty() && !r.readText(object, QLatin1String("site_id"), prefix, site))
        return false;
    r.source().mapping.site = site;
    return true;
}

bool readPylantirProtocol(Reader& r, const QJsonObject& object, const QString& prefix)
{
    const QJsonValue value = object.value(QLatin1String("protocol"));
    if (value.isUndefined() || value.isNull())
        return true;
    const QString key = joinKey(prefix, QStringLiteral("protocol"));
    MappingConfig& mc = r.source().mapping;
    if (value.isString()) {
        mc.protocol = value.toString().trimmed();
        return true;
    }
    if (!value.isObject())
        return r.failType(key, QStringLiteral("a protocol name or an object {\"<site>\": \"<protocol>\"}"),
                          value);
    const QJsonObject map = value.toObject();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.value().isString())
            return r.failType(joinKey(key, it.key()), QStringLiteral("text in quotes"), it.value());
        if (it.key() == QLatin1String("mapping"))
            mc.codingDesignator = it.value().toString().trimmed();
        else
            mc.protocolBySite.insert(it.key().trimmed(), it.value().toString().trimmed());
    }
    return true;
}

} // namespace Lantir::ConfigParsing
