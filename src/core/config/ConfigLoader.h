#pragma once

#include "base/Result.h"
#include "config/SyncConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Lantir {

// Reads Lantir's own JSON configuration and pylantir's mwl_config.json as it is (legacy keys or
// the data_sources list). docs/CONFIGURATION.md describes every key.
//
// - Every key is optional; missing keys keep the SyncConfig defaults (pylantir files: pylantir's
//   defaults, e.g. a 60 s interval and ~/Desktop/worklist.db).
// - Unknown keys are reported in SyncConfig::warnings ("unknown key 'x' in <file> ignored"); keys
//   starting with '_' are comments. pylantir keys Lantir has no use for (allowed_aet, db_echo,
//   users_db_path, api, mri_visit_session_mapping) are ignored silently.
// - Invalid values give an Error of Kind::Config naming the key and the reason.
// - The REDCap API URL comes from REDCAP_API_URL when the file has none (pylantir files never do).
// - `~` is expanded in paths; loadFile resolves relative paths against the file's folder, while
//   loadJson leaves them relative.
class ConfigLoader
{
public:
    static Result<SyncConfig> loadFile(const QString& path);
    static Result<SyncConfig> loadJson(const QByteArray& json, const QString& origin);

    // Lantir's format, every key written; loadJson(toJson(c)) == c (with REDCAP_API_URL unset or
    // c.apiUrl set).
    static QJsonObject toJson(const SyncConfig& config);

    // The REDCap API token: the content of `tokenFile` (trimmed) when given, else REDCAP_API_TOKEN.
    // The token never appears in a message or a log line.
    static Result<QString> loadToken(const QString& tokenFile);
    // One source's token, from the first of: `tokenFileOverride` (--token-file; only when the source
    // is the file's only one), the source's token_file, REDCAP_API_TOKEN_<NAME>, and REDCAP_API_TOKEN
    // (only source). A token of one source is never handed to another.
    static Result<QString> loadSourceToken(const SourceConfig& source, bool onlySource,
                                           const QString& tokenFileOverride = QString());
    // "~" and "~/..." to the home folder, as pylantir does for db_path.
    static QString expandHome(const QString& path);

    // The Lantir config format version toJson writes; loadJson accepts 1 (one source) up to it.
    static constexpr int FormatVersion = 2;
};

} // namespace Lantir
