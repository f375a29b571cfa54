#pragma once

#include "config/ConfigJsonReader.h"

// Lantir's own configuration format: a version and one object per section (ConfigSections.h).
namespace Lantir::ConfigParsing {

// The top-level keys of Lantir's format: "version" and the section names.
const Keys& lantirTopLevelKeys();
// Reads every section in order; false (the error in `reader`) at the first invalid value.
bool readLantirFormat(Reader& reader, const QJsonObject& root);
// Every section, every key: readLantirFormat(writeLantirFormat(c)) gives c back.
QJsonObject writeLantirFormat(const SyncConfig& config);

} // namespace Lantir::ConfigParsing
