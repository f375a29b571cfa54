#pragma once

#include <QSqlError>
#include <QString>

#include <memory>
#include <string>
#include <vector>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Lantir {

// A statement run on SQLite's own API over a QSQLITE connection, for the lookups that read tens of
// thousands of rows a sync: a value is read straight into a QString, without the QVariant per value
// and the row cache of QSqlQuery (which made up two thirds of a re-sync's database time). Available
// where the SQLite that Lantir links is the one Qt's driver runs on (qtSqliteDriverSharesLinkedSqlite);
// elsewhere prepare() returns nothing and the caller uses QSqlQuery. Positions are 0-based.
class NativeSqliteQuery
{
public:
    // Null when the connection is not a shared-SQLite QSQLITE one, or LANTIR_STORE_QT_LOOKUPS=1 is
    // set (which runs every lookup through QSqlQuery, so that path stays tested). `error` is set
    // when the statement itself does not compile.
    static std::unique_ptr<NativeSqliteQuery> prepare(const QSqlDatabase& db, const QString& sql,
                                                      QSqlError* error);
    ~NativeSqliteQuery();
    NativeSqliteQuery(const NativeSqliteQuery&) = delete;
    NativeSqliteQuery& operator=(const NativeSqliteQuery&) = delete;

    void bindText(int position, const QString& text);
    void bindInt64(int position, qint64 value);
    // Runs a statement that returns no rows (INSERT, UPDATE); false on an error (see lastError()).
    bool run();
    // The rowid of the last row this connection inserted.
    qint64 lastInsertRowId() const;
    // Steps to the next row; false at the end or on an error (then lastError() is valid).
    bool next();
    qint64 int64(int column) const;
    // The value as text; a null QString for NULL.
    QString text(int column) const;
    // Whether the value is `wanted`, NULL-aware (NULL only equals a null QString), without making a
    // QString of it.
    bool textEquals(int column, const QString& wanted) const;
    // Appends the value's text to `out` (nothing for NULL).
    void appendText(int column, QString& out) const;
    QSqlError lastError() const { return m_error; }
    // Resets the statement (its bindings are kept) and releases its read of the database.
    void finish();

private:
    NativeSqliteQuery(sqlite3* connection, sqlite3_stmt* statement);
    QSqlError errorOf(int code, const QString& what) const;
    // lastError() after a step that gave `code` (SQLITE_OK for none).
    void setError(int code);

    sqlite3* m_connection = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    QSqlError m_error;
    std::vector<std::string> m_buffers; // each text parameter's bound UTF-8, by position
};

} // namespace Lantir
