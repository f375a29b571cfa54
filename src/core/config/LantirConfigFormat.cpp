#include "config/LantirConfigFormat.h"

#include "config/ConfigLoader.h"
#include "config/ConfigSections.h"

#include <QJsonArray>

namespace Lantir::ConfigParsing {

namespace {

struct Section
{
    QLatin1String name;
    SectionReader read = nullptr;
    SectionWriter write = nullptr;
};

// The site-wide sections in the order they are read (the first invalid value stops the reading),
// after the sources. A new section: its reader in a file of its own, declared in
// ConfigSections.h, and one line here.
const Section Sections[] = {
    { QLatin1String("database"), readDatabaseSection, writeDatabaseSection },
    { QLatin1String("memory"), readMemorySection, writeMemorySection },
    { QLatin1String("worklist"), readWorklistSection, writeWorklistSection },
    { QLatin1String("dicom"), readDicomSection, writeDicomSection },
};

const QLatin1String SourceKey("source");
const QLatin1String SourcesKey("sources");
const QLatin1String MappingKey("mapping");
const QLatin1String ScheduleKey("schedule");

// The one-source form (`source` with the top-level `mapping` and `schedule`), or the list form
// (`sources`, whose entries take the top-level `mapping` and `schedule` as defaults).
bool readSources(Reader& r, const QJsonObject& root)
{
    QJsonObject mapping;
    QJsonObject schedule;
    if (!r.readObject(root, MappingKey, QString(), mapping)
        || !readMappingSection(r, mapping, QString(MappingKey))
        || !r.readObject(root, ScheduleKey, QString(), schedule)
        || !readScheduleSection(r, schedule, QString(ScheduleKey))) {
        return false;
    }
    if (!root.contains(SourcesKey)) {
        QJsonObject source;
        return r.readObject(root, SourceKey, QString(), source)
            && readSourceSection(r, source, QString(SourceKey));
    }
    if (root.contains(SourceKey)) {
        return r.fail(QString(SourceKey),
                      QStringLiteral("and sources are both given; put the source into the sources list"));
    }
    return readSourcesList(r, root.value(SourcesKey), QString(SourcesKey));
}

bool checkVersion(Reader& r, const QJsonObject& root)
{
    const QJsonValue version = root.value(QLatin1String("version"));
    if (version.isUndefined()
        || (version.isDouble() && version.toDouble() >= 1 && version.toDouble() <= ConfigLoader::FormatVersion
            && version.toDouble() == double(version.toInt())))
        return true;
    return r.fail(
        QStringLiteral("version"),
        QStringLiteral("must be 1 to %1, the formats this Lantir reads (found %2); the file was written by a "
                       "newer Lantir or is not a Lantir configuration")
            .arg(ConfigLoader::FormatVersion)
            .arg(describe(version)));
}

} // namespace

const Keys& lantirTopLevelKeys()
{
    static const Keys keys = [] {
        Keys all { QLatin1String("version"), SourceKey, SourcesKey, MappingKey, ScheduleKey };
        for (const Section& section : Sections)
            all.append(section.name);
        return all;
    }();
    return keys;
}

bool readLantirFormat(Reader& r, const QJsonObject& root)
{
    r.checkKeys(root, QString(), lantirTopLevelKeys());
    if (!checkVersion(r, root) || !readSources(r, root))
        return false;
    for (const Section& section : Sections) {
        QJsonObject object;
        if (!r.readObject(root, section.name, QString(), object)
            || !section.read(r, object, QString(section.name)))
            return false;
    }
    return true;
}

QJsonObject writeLantirFormat(const SyncConfig& config)
{
    QJsonArray sources;
    for (const SourceConfig& source : config.sources)
        sources.append(writeSourceSection(source));
    QJsonObject root { { QStringLiteral("version"), ConfigLoader::FormatVersion },
                       { QString(SourcesKey), sources } };
    for (const Section& section : Sections)
        root.insert(QString(section.name), section.write(config));
    return root;
}

} // namespace Lantir::ConfigParsing
