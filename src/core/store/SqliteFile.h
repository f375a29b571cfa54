#pragma once

#include "base/Result.h"

#include <QString>

// The file of a SQLite worklist database, before SQLite opens it.
namespace Lantir::SqliteFile {

// Creates the missing folders of `folder`, each with mode 0700.
Result<void> createFolders(const QString& folder);

// Creates an empty database file readable and writable by its owner only (SQLite gives its
// -journal file the same mode). An empty file is a valid, empty SQLite database. A file that
// exists already is left as it is.
Result<void> createPrivateFile(const QString& path);

// A file that exists must be a SQLite database (or empty) before SQLite may touch it.
Result<void> checkHeader(const QString& path);

} // namespace Lantir::SqliteFile
