#pragma once

#include "config/ConfigJsonReader.h"

// The checks that apply to both formats, once the whole file is read: names, patterns, the CA file
// and the REDCap API URL (from the file, else from REDCAP_API_URL).
namespace Lantir::ConfigParsing {

bool checkParsedConfig(Reader& reader);

} // namespace Lantir::ConfigParsing
