#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Lantir::Test {

// Helpers for tests that look at SQLite files directly, the way another program would.
class SqlFixture
{
public:
    // Marker for SQL NULL in tableRows().
    static QString nullMarker();

    // Absolute path of a file in tests/fixtures.
    static QString path(const QString& fileName);

    // The statements of an SQL script: split at a ';' that ends a line, `--` comment lines dropped.
    static QStringList statements(const QString& script);

    // Runs every statement of tests/fixtures/<fileName> on `db`; false (with the reason in
    // *error) at the first failure.
    static bool runScript(QSqlDatabase& db, const QString& fileName, QString* error = nullptr);

    // Every row of `table` ordered by `orderBy`, each value as text (NULL as nullMarker()).
    static QList<QStringList> tableRows(const QSqlDatabase& db, const QString& table,
                                        const QString& orderBy = QStringLiteral("rowid"));

    // One value of the first row a query returns, as text (NULL as nullMarker(); empty on error).
    static QString scalar(const QSqlDatabase& db, const QString& sql);

    // The whole content of a file (empty when unreadable).
    static QByteArray fileBytes(const QString& path);
};

} // namespace Lantir::Test
