#include "config/LantirConfigFormat.h"

#include "config/ConfigLoader.h"
#include "config/ConfigSections.h"

namespace Lantir::ConfigParsing {

namespace {

struct Section
{
    QLatin1String name;
    SectionReader read = nullptr;
    SectionWriter write = nullptr;
};

// The sections in the order they are read (the first invalid value stops the reading). A new
// section: its reader in a file of its own, declared in ConfigSections.h, and one line here.
const Section Sections[] = {
    { QLatin1String("source"), readSourceSection, writeSourceSection },
    { QLatin1String("database"), readDatabaseSection, writeDatabaseSection },
    { QLatin1String("schedule"), readScheduleSection, writeScheduleSection },
    { QLatin1String("mapping"), readMappingSection, writeMappingSection },
    { QLatin1String("memory"), readMemorySection, writeMemorySection },
    { QLatin1String("worklist"), readWorklistSection, writeWorklistSection },
    { QLatin1String("dicom"), readDicomSection, writeDicomSection },
};

bool checkVersion(Reader& r, const QJsonObject& root)
{
    const QJsonValue version = root.value(QLatin1String("version"));
    if (version.isUndefined() || (version.isDouble() && version.toDouble() == ConfigLoader::FormatVersion))
        return true;
    return r.fail(
        QStringLiteral("version"),
        QStringLiteral("must be %1, the format this Lantir reads (found %2); the file was written by a "
                       "newer Lantir or is not a Lantir configuration")
            .arg(ConfigLoader::FormatVersion)
            .arg(describe(version)));
}

} // namespace

const Keys& lantirTopLevelKeys()
{
    static const Keys keys = [] {
        Keys all { QLatin1String("version") };
        for (const Section& section : Sections)
            all.append(section.name);
        return all;
    }();
    return keys;
}

bool readLantirFormat(Reader& r, const QJsonObject& root)
{
    r.checkKeys(root, QString(), lantirTopLevelKeys());
    if (!checkVersion(r, root))
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
    QJsonObject root { { QStringLiteral("version"), ConfigLoader::FormatVersion } };
    for (const Section& section : Sections)
        root.insert(QString(section.name), section.write(config));
    return root;
}

} // namespace Lantir::ConfigParsing
