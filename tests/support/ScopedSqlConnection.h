#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Lantir::Test {

// A second, independent SQLite connection to a file (as pylantir's server or a database browser
// would have), removed again when it goes out of scope.
class ScopedSqlConnection
{
public:
    explicit ScopedSqlConnection(const QString& path, const QString& connectOptions = {});
    ~ScopedSqlConnection();

    ScopedSqlConnection(const ScopedSqlConnection&) = delete;
    ScopedSqlConnection& operator=(const ScopedSqlConnection&) = delete;

    bool isOpen() const;
    QSqlDatabase& db();
    // Runs one statement; false on failure (lastError() tells why).
    bool exec(const QString& sql);
    QString lastError() const;

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_lastError;
};

} // namespace Lantir::Test
