#pragma once

#include "base/Result.h"
#include "config/ConfigLoader.h"
#include "config/SyncConfig.h"

#include <QString>
#include <QStringList>

// What the configuration tests share: reading a configuration given as text, and checking a
// refusal or a warning.
namespace Lantir::Test {

// `json` read as the file "test.json".
inline Result<SyncConfig> load(const QByteArray& json)
{
    return ConfigLoader::loadJson(json, QStringLiteral("test.json"));
}

inline bool anyContains(const QStringList& lines, const QString& text)
{
    for (const QString& line : lines) {
        if (line.contains(text))
            return true;
    }
    return false;
}

// What is wrong with `loaded` as the refusal of a configuration: it must be a Config error that
// names the file (`origin`), the key and the reason. Empty when it is all that.
inline QString configRefusalProblem(const Result<SyncConfig>& loaded, const QString& origin,
                                    const QString& key, const QString& reason)
{
    if (loaded.ok())
        return QStringLiteral("the configuration loaded");
    const Error& error = loaded.error();
    if (error.kind != Error::Kind::Config)
        return QStringLiteral("not a Config error: ") + error.message;
    for (const QString& part : { origin, key, reason }) {
        if (!error.message.contains(part))
            return QStringLiteral("'%1' is not in: %2").arg(part, error.message);
    }
    return QString();
}

} // namespace Lantir::Test
