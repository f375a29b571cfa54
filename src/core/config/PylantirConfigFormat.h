#pragma once

#include "config/ConfigJsonReader.h"

// pylantir's mwl_config.json as it is: the legacy form (redcap2wl, site, protocol at the top level)
// in PylantirConfigFormat.cpp, the data_sources form in PylantirDataSources.cpp.
namespace Lantir::ConfigParsing {

// The top-level keys pylantir defines for the sync.
const Keys& pylantirTopLevelKeys();
// pylantir keys for its DICOM server, API and dead features: nothing for Lantir to do.
const Keys& pylantirIgnoredKeys();
// Sets pylantir's defaults, then reads the data_sources form when the file has data_sources, else
// the legacy form.
bool readPylantirFormat(Reader& reader, const QJsonObject& root);

// ---- shared by the two forms

// The first enabled REDCap source of data_sources.
bool readPylantirDataSources(Reader& reader, const QJsonObject& root);
// operation_interval: {"start_time": [hour, minute], "end_time": [hour, minute]}.
bool readPylantirWindow(Reader& reader, const QJsonObject& window, const QString& prefix);
// "site", else "site_id".
bool readPylantirSite(Reader& reader, const QJsonObject& object, const QString& prefix);
// "protocol": "NAME" or {"<site>": "NAME", "mapping": "<coding designator>"}.
bool readPylantirProtocol(Reader& reader, const QJsonObject& object, const QString& prefix);

} // namespace Lantir::ConfigParsing
