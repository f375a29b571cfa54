#pragma once

#include "base/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>

namespace Lantir {

// The rows of one table streamed from one open database into another, inside transactions the
// caller holds on both (DatabaseCopier). Rows are read in key order, in batches: on SQLite by
// stepping one forward-only query, on PostgreSQL through a cursor FETCHed `batchRows` at a time
// (a plain query would bring the whole table into the client's memory). The rows of a batch are
// inserted by one statement, their values bound as they were read, so NULLs, numbers and texts
// arrive unchanged; when it fails, the rows are inserted one by one to name the one that fails.
class TableCopy
{
public:
    // `columns`: the columns to copy (FROM's); `keyColumns`: the table's key, for the order and
    // for naming a row in an error.
    TableCopy(QSqlDatabase& from, QSqlDatabase& to, QString table, QStringList columns,
              QStringList keyColumns);

    void setBatchRows(int rows) { m_batchRows = rows; }
    // Called after each batch with the table and its rows copied so far.
    void setProgress(std::function<void(const QString&, qint64)> progress)
    {
        m_progress = std::move(progress);
    }
    // Copies every row; the number copied, or what failed at which row.
    Result<qint64> run();

    // The key columns of a Lantir table, in the order of its primary key.
    static QStringList keyColumnsOf(const QString& table);

private:
    Result<void> openReader();
    Result<bool> readBatch(QList<QVariantList>& rows);
    Result<void> closeReader();
    int rowsPerInsert() const;
    QString insertSql(int rows) const;
    Result<void> prepareInsert();
    Result<void> execOnTo(const QString& sql);
    Result<void> insertRows(const QList<QVariantList>& rows);
    Result<void> insert(const QVariantList& row);
    QString rowName(const QVariantList& row) const;
    QString selectSql() const;

    QSqlDatabase& m_from;
    QSqlDatabase& m_to;
    QString m_table;
    QStringList m_columns;
    QStringList m_keyColumns;
    int m_batchRows = 500;
    qint64 m_copied = 0;
    std::function<void(const QString&, qint64)> m_progress;
    QSqlQuery m_select; // SQLite: the query stepped batch by batch
    QSqlQuery m_insert; // one row
    QSqlQuery m_insertMany; // m_manyRows rows at once
    int m_manyRows = 0;
};

} // namespace Lantir
