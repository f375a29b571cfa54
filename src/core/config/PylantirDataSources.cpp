#include "config/ConfigSections.h"
#include "config/PylantirConfigFormat.h"

#include <QJsonArray>

namespace Lantir::ConfigParsing {

namespace {

// Keys of a data_sources entry that only pylantir's Calpendo plugin reads.
const Keys& calpendoOnlyKeys()
{
    static const Keys keys { QLatin1String("window_mode"), QLatin1String("daily_window") };
    return keys;
}

// The indexes of the enabled sources of type "redcap", warning about the other enabled ones;
// false when an entry is invalid.
bool findRedcapSources(Reader& r, const QJsonArray& sources, QList<qsizetype>& chosen)
{
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const QString key = QStringLiteral("data_sources[%1]").arg(i);
        if (!sources.at(i).isObject())
            return r.failType(key, QStringLiteral("an object {\"name\": ..., \"type\": \"redcap\", ...}"),
                              sources.at(i));
        const QJsonObject source = sources.at(i).toObject();
        bool enabled = true;
        QString type;
        QString name;
        if (!r.readBool(source, QLatin1String("enabled"), key, enabled)
            || !r.readString(source, QLatin1String("type"), key, type)
            || !r.readString(source, QLatin1String("name"), key, name)) {
            return false;
        }
        if (!enabled)
            continue;
        if (type != QLatin1String("redcap")) {
            r.warn(QStringLiteral("%1 ('%2', type '%3') in %4 skipped: Lantir syncs REDCap sources only")
                       .arg(key, name, type, r.origin()));
        } else {
            chosen.append(i);
        }
    }
    return true;
}

bool failNoRedcapSource(Reader& r, const QJsonObject& root)
{
    QString hint;
    if (root.contains(QLatin1String("redcap2wl"))) {
        hint = QStringLiteral(" The legacy keys (redcap2wl, site, protocol) are not used while data_sources "
                              "is present, even as an empty list; remove data_sources to use them.");
    }
    return r.fail(
        QStringLiteral("data_sources"),
        QStringLiteral("has no enabled source of type \"redcap\", so there is nothing to sync. Add one "
                       "({\"name\": \"main_redcap\", \"type\": \"redcap\", \"config\": {\"site\": ...}, "
                       "\"field_mapping\": {...}}) or set \"enabled\": true on an existing one.%1")
            .arg(hint));
}

bool readRedcapSource(Reader& r, const QJsonObject& source, const QString& prefix)
{
    r.checkKeys(source, prefix,
                { QLatin1String("name"), QLatin1String("type"), QLatin1String("enabled"),
                  QLatin1String("sync_interval"), QLatin1String("operation_interval"),
                  QLatin1String("config"), QLatin1String("field_mapping") },
                calpendoOnlyKeys());
    SourceConfig& c = r.source();
    QString name;
    QJsonObject window;
    QJsonObject settings;
    const QString settingsKey = joinKey(prefix, QStringLiteral("config"));
    if (!r.readString(source, QLatin1String("name"), prefix, name)
        || !r.readInt(source, QLatin1String("sync_interval"), prefix, c.schedule.intervalSeconds, 10,
                      7 * 86400, QStringLiteral("seconds"))
        || !r.readObject(source, QLatin1String("operation_interval"), prefix, window)
        || !readPylantirWindow(r, window, joinKey(prefix, QStringLiteral("operation_interval")))
        || !r.readObject(source, QLatin1String("config"), prefix, settings)) {
        return false;
    }
    r.checkKeys(settings, settingsKey,
                { QLatin1String("site"), QLatin1String("site_id"), QLatin1String("protocol") });
    if (!readPylantirSite(r, settings, settingsKey) || !readPylantirProtocol(r, settings, settingsKey)
        || !readFieldMapping(r, source, QLatin1String("field_mapping"), prefix)) {
        return false;
    }
    // pylantir writes "REDCap" to data_source whatever the name; Lantir writes the name.
    c.name = name.isEmpty() ? QStringLiteral("REDCap") : name;
    r.keys().sourceName = joinKey(prefix, QStringLiteral("name"));
    return true;
}

} // namespace

bool readPylantirDataSources(Reader& r, const QJsonObject& root)
{
    const QJsonValue value = root.value(QLatin1String("data_sources"));
    if (!value.isArray())
        return r.failType(QStringLiteral("data_sources"), QStringLiteral("a list of sources [ {...} ]"),
                          value);
    const QJsonArray sources = value.toArray();
    QList<qsizetype> chosen;
    if (!findRedcapSources(r, sources, chosen))
        return false;
    if (chosen.isEmpty())
        return failNoRedcapSource(r, root);
    // Every enabled REDCap source, each from pylantir's defaults (a 60 s interval, all day).
    const SourceConfig defaults = r.source();
    r.clearSources();
    for (const qsizetype index : std::as_const(chosen)) {
        const QString key = QStringLiteral("data_sources[%1]").arg(index);
        r.beginSource(defaults, key);
        r.keys().url = QStringLiteral("REDCAP_API_URL (environment)");
        r.keys().caFile = QStringLiteral("ca_file");
        r.keys().mappingPrefix = QString();
        if (!readRedcapSource(r, sources.at(index).toObject(), key))
            return false;
    }
    return true;
}

} // namespace Lantir::ConfigParsing
