#pragma once

#include "base/Result.h"

#include <QString>

namespace Lantir {

// Where Lantir keeps its files by default, and how it keeps them private.
//
// Both programs (the desktop app "lantir" and the headless "lantir-sync") use the same "Lantir"
// folders, the same configuration file lantir.json (the desktop app keeps only its per-user
// preferences in QSettings) and, unless told otherwise, the same worklist database. So the paths
// come from the platform's generic locations plus a fixed "Lantir" folder and never depend on
// QCoreApplication's application name:
//   Linux    ~/.config/Lantir/lantir.json          ~/.local/share/Lantir/worklist.db   (XDG_* honoured)
//   macOS    ~/Library/Preferences/Lantir/...      ~/Library/Application Support/Lantir/...
//   Windows  %LOCALAPPDATA%\Lantir\...              %LOCALAPPDATA%\Lantir\...
//
// Files that hold a token or patient data must not be readable by other accounts: folders Lantir
// creates get 0700, files it creates get 0600. Folders and files that already exist are never
// changed (a site may share the database folder with the worklist server's group on purpose);
// Lantir warns instead. Windows has no POSIX modes: there the per-user folders are already private
// and the checks report nothing.
class AppPaths
{
public:
    static QString folderName(); // "Lantir"

    static QString defaultConfigDir(); // <generic config>/Lantir
    static QString defaultConfigPath(); // <generic config>/Lantir/lantir.json
    static QString defaultTokenPath(); // <generic config>/Lantir/token
    static QString defaultDataDir(); // <generic data>/Lantir
    static QString defaultDatabasePath(); // <generic data>/Lantir/worklist.db

    // Creates `path` and every missing parent with mode 0700. An existing folder is left as it is,
    // with a warning when group or others may enter or read it. Fails when `path` exists but is
    // not a folder, or cannot be created.
    static Result<void> ensurePrivateDir(const QString& path);

    // Makes sure `path` exists: creates its folder with ensurePrivateDir(), then an empty file with
    // mode 0600 (created with that mode, never widened afterwards). An existing file is kept as it
    // is, with a warning when group or others may read or write it.
    static Result<void> ensurePrivateFile(const QString& path);

    // Logs a warning (category lantir.config) that names the path and the fix when group or
    // others may access `path`. Returns true when it warned. Missing paths: false, no warning.
    static bool warnIfReadableByOthers(const QString& path);

    // True when `path` exists and group or others have any permission on it (always false on
    // Windows, where POSIX modes do not apply).
    static bool isAccessibleByOthers(const QString& path);
};

} // namespace Lantir
