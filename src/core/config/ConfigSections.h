#pragma once

#include "config/ConfigJsonReader.h"

// The sections of Lantir's own format, one reader and one writer each, in a file of its own
// (Config<Name>Section.cpp). A reader gets its section's object (empty when the file has none) and
// the section's name as the prefix of the keys it names in messages. LantirConfigFormat.cpp lists
// them in reading order: a new section is a new file, its declaration here, and one line there.
namespace Lantir::ConfigParsing {

using SectionReader = bool (*)(Reader& reader, const QJsonObject& section, const QString& prefix);
// The section as ConfigLoader::toJson writes it: every key, so reading it back gives the same config.
using SectionWriter = QJsonObject (*)(const SyncConfig& config);

// source: one REDCap project and how to talk to it (the one-source form), into Reader::source().
bool readSourceSection(Reader& reader, const QJsonObject& section, const QString& prefix);
// sources: a list of them, each with its own mapping and schedule; the top-level mapping and
// schedule already read are their defaults.
bool readSourcesList(Reader& reader, const QJsonValue& list, const QString& prefix);
// A source as one entry of `sources`, every key, its mapping and schedule included.
QJsonObject writeSourceSection(const SourceConfig& source);
// The keys of a source object.
const Keys& sourceKeys();
// database: the worklist database.
bool readDatabaseSection(Reader& reader, const QJsonObject& section, const QString& prefix);
QJsonObject writeDatabaseSection(const SyncConfig& config);
// schedule: the interval, the operation window and the overlap of the changed-records query.
bool readScheduleSection(Reader& reader, const QJsonObject& section, const QString& prefix);
QJsonObject writeScheduleSection(const ScheduleConfig& schedule);
// mapping: how REDCap fields become worklist columns.
bool readMappingSection(Reader& reader, const QJsonObject& section, const QString& prefix);
QJsonObject writeMappingSection(const MappingConfig& mapping);
// memory: the memory alarms.
bool readMemorySection(Reader& reader, const QJsonObject& section, const QString& prefix);
QJsonObject writeMemorySection(const SyncConfig& config);
// worklist: cancelling rows whose visit left REDCap, and deleting old finished rows.
bool readWorklistSection(Reader& reader, const QJsonObject& section, const QString& prefix);
QJsonObject writeWorklistSection(const SyncConfig& config);
// dicom: the built-in worklist and MPPS server (DicomSectionParser).
bool readDicomSection(Reader& reader, const QJsonObject& section, const QString& prefix);
QJsonObject writeDicomSection(const SyncConfig& config);

// Object form {"source": "target", ...} (applied in alphabetical order of the sources) or the
// ordered form [["source", "target"], ...]. Lantir's mapping.field_mapping and pylantir's
// redcap2wl / field_mapping alike (ConfigFieldMapping.cpp).
bool readFieldMapping(Reader& reader, const QJsonObject& object, QLatin1String name, const QString& prefix);
// The object form when it keeps the order (sorted, unique sources), else the ordered pairs.
QJsonValue writeFieldMapping(const QList<QPair<QString, QString>>& mapping);

} // namespace Lantir::ConfigParsing
