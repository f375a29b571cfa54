#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace Lantir::Test {

// Reads a worklist database through a short-lived connection of its own, as another program would.
class SqlProbe
{
public:
    // The first column of the first row of `sql`, or an invalid QVariant when the query fails.
    static QVariant scalar(const QString& path, const QString& sql);
    // The first column of every row of `sql`, as text, sorted (empty when the query fails).
    static QStringList column(const QString& path, const QString& sql);
    // Every entry with its key, one line each, without the columns that differ between two runs
    // of the same sync (row id, Study Instance UID): equal lists mean equal worklists.
    static QStringList worklistContent(const QString& path);
};

} // namespace Lantir::Test
