#include "config/LantirConfigFormat.h"

#include "config/ConfigLoader.h"
#include "config/ConfigSections.h"

namespace Lantir::ConfigParsing {

namespace {

struct Section
{
    QLatin1String name;
    SectionReader read;
};

// The sections in the order they are read (the first invalid value stops the reading). A new
// section: its reader in a file of its own, declared in ConfigSections.h, and one line here.
const Section Sections[] = {
    { QLatin1String("source"), readSourceSection },     { QLatin1String("database"), readDatabaseSection },
    { QLatin1String("schedule"), readScheduleSection }, { QLatin1String("mapping"), readMappingSection },
    { QLatin1String("memory"), readMemorySection },
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

} // namespace Lantir::ConfigParsing
