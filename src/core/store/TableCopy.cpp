#include "store/TableCopy.h"

#include "base/Logging.h"
#include "store/DatabaseConnection.h"
#include "store/StoreError.h"
#include "store/WorklistSchema.h"

#include <QSqlError>

namespace Lantir {

namespace {
const QLatin1String CursorName("lantir_copy_rows");
const QLatin1String Savepoint("lantir_copy_rows");
// Bound values per INSERT: below SQLite's limit (32766) and PostgreSQL's (65535).
constexpr int MaxValuesPerInsert = 30000;

QString quoted(const QString& identifier)
{
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString quotedList(const QStringList& identifiers)
{
    QStringList quotedNames;
    for (const QString& name : identifiers)
        quotedNames.append(quoted(name));
    return quotedNames.join(QLatin1String(", "));
}
} // namespace

TableCopy::TableCopy(QSqlDatabase& from, QSqlDatabase& to, QString table, QStringList columns,
                     QStringList keyColumns)
    : m_from(from)
    , m_to(to)
    , m_table(std::move(table))
    , m_columns(std::move(columns))
    , m_keyColumns(std::move(keyColumns))
    , m_select(from)
    , m_insert(to)
    , m_insertMany(to)
{
}

QStringList TableCopy::keyColumnsOf(const QString& table)
{
    if (table == WorklistSchema::EntryKeysTable)
        return { QStringLiteral("source"), QStringLiteral("record_id"), QStringLiteral("event_name"),
                 QStringLiteral("repeat_instance") };
    if (table == WorklistSchema::StateTable)
        return { QStringLiteral("key") };
    if (table == WorklistSchema::MppsTable)
        return { QStringLiteral("sop_instance_uid") };
    return { QStringLiteral("id") }; // worklist_items, sync_cycles
}

QString TableCopy::selectSql() const
{
    return QLatin1String("SELECT ") + quotedList(m_columns) + QLatin1String(" FROM ") + quoted(m_table)
        + QLatin1String(" ORDER BY ") + quotedList(m_keyColumns);
}

Result<qint64> TableCopy::run()
{
    if (Result<void> ready = prepareInsert(); !ready)
        return ready.error();
    if (Result<void> opened = openReader(); !opened)
        return opened.error();
    QList<QVariantList> rows;
    for (;;) {
        const Result<bool> more = readBatch(rows);
        if (!more)
            return more.error();
        for (qsizetype first = 0; first < rows.size(); first += rowsPerInsert()) {
            if (Result<void> inserted = insertRows(rows.mid(first, rowsPerInsert())); !inserted)
                return inserted.error();
        }
        if (m_progress && !rows.isEmpty())
            m_progress(m_table, m_copied);
        if (!more.value())
            break;
    }
    if (Result<void> closed = closeReader(); !closed)
        return closed.error();
    qCInfo(lcStore) << "Copied" << m_copied << "row(s) of table" << m_table;
    return m_copied;
}

Result<void> TableCopy::openReader()
{
    const QString action = QStringLiteral("Reading table %1").arg(m_table);
    m_select.setForwardOnly(true);
    const QString sql = DatabaseConnection::isPostgres(m_from)
        ? QLatin1String("DECLARE ") + CursorName + QLatin1String(" NO SCROLL CURSOR FOR ") + selectSql()
        : selectSql();
    if (!m_select.exec(sql))
        return StoreError::fromSql(m_from, m_select.lastError(), action);
    return {};
}

// Up to m_batchRows rows into `rows`; true while more may follow.
Result<bool> TableCopy::readBatch(QList<QVariantList>& rows)
{
    rows.clear();
    QSqlQuery* query = &m_select;
    QSqlQuery fetch(m_from);
    if (DatabaseConnection::isPostgres(m_from)) {
        fetch.setForwardOnly(true);
        if (!fetch.exec(QStringLiteral("FETCH FORWARD %1 FROM %2").arg(m_batchRows).arg(CursorName)))
            return StoreError::fromSql(m_from, fetch.lastError(),
                                       QStringLiteral("Reading table %1").arg(m_table));
        query = &fetch;
    }
    while (rows.size() < m_batchRows && query->next()) {
        QVariantList row;
        row.reserve(m_columns.size());
        for (int c = 0; c < m_columns.size(); ++c)
            row.append(query->value(c));
        rows.append(std::move(row));
    }
    if (query->lastError().isValid())
        return StoreError::fromSql(m_from, query->lastError(),
                                   QStringLiteral("Reading table %1").arg(m_table));
    return rows.size() == m_batchRows;
}

Result<void> TableCopy::closeReader()
{
    if (!DatabaseConnection::isPostgres(m_from)) {
        m_select.finish();
        return {};
    }
    QSqlQuery close(m_from);
    if (!close.exec(QLatin1String("CLOSE ") + CursorName))
        return StoreError::fromSql(m_from, close.lastError(),
                                   QStringLiteral("Reading table %1").arg(m_table));
    return {};
}

int TableCopy::rowsPerInsert() const
{
    return int(qBound(qsizetype(1), MaxValuesPerInsert / qMax(qsizetype(1), m_columns.size()),
                      qsizetype(m_batchRows)));
}

// INSERT INTO table (columns) VALUES (?, ...), ... for `rows` rows.
QString TableCopy::insertSql(int rows) const
{
    QStringList marks;
    for (int c = 0; c < m_columns.size(); ++c)
        marks.append(QStringLiteral("?"));
    const QString values = QLatin1Char('(') + marks.join(QLatin1String(", ")) + QLatin1Char(')');
    QStringList tuples;
    for (int r = 0; r < rows; ++r)
        tuples.append(values);
    return QLatin1String("INSERT INTO ") + quoted(m_table) + QLatin1String(" (") + quotedList(m_columns)
        + QLatin1String(") VALUES ") + tuples.join(QLatin1String(", "));
}

Result<void> TableCopy::prepareInsert()
{
    if (!m_insert.prepare(insertSql(1)))
        return StoreError::fromSql(m_to, m_insert.lastError(),
                                   QStringLiteral("Copying table %1").arg(m_table));
    return {};
}

Result<void> TableCopy::execOnTo(const QString& sql)
{
    QSqlQuery query(m_to);
    if (query.exec(sql))
        return {};
    return StoreError::fromSql(m_to, query.lastError(), QStringLiteral("Copying table %1").arg(m_table));
}

// The rows in one INSERT, inside a savepoint: when it fails, they are inserted again one by one
// to name the row that fails.
Result<void> TableCopy::insertRows(const QList<QVariantList>& rows)
{
    if (rows.size() == 1)
        return insert(rows.constFirst());
    if (rows.size() != m_manyRows) {
        if (!m_insertMany.prepare(insertSql(int(rows.size()))))
            return StoreError::fromSql(m_to, m_insertMany.lastError(),
                                       QStringLiteral("Copying table %1").arg(m_table));
        m_manyRows = int(rows.size());
    }
    if (Result<void> saved = execOnTo(QLatin1String("SAVEPOINT ") + Savepoint); !saved)
        return saved;
    int index = 0;
    for (const QVariantList& row : rows) {
        for (const QVariant& value : row)
            m_insertMany.bindValue(index++, value);
    }
    if (m_insertMany.exec()) {
        m_copied += rows.size();
        return execOnTo(QLatin1String("RELEASE SAVEPOINT ") + Savepoint);
    }
    const QSqlError failed = m_insertMany.lastError();
    if (!execOnTo(QLatin1String("ROLLBACK TO SAVEPOINT ") + Savepoint))
        return StoreError::fromSql(
            m_to, failed, QStringLiteral("Copying table %1").arg(m_table),
            QStringLiteral("at rows %1 to %2").arg(m_copied + 1).arg(m_copied + rows.size()));
    for (const QVariantList& row : rows) {
        if (Result<void> inserted = insert(row); !inserted)
            return inserted;
    }
    return execOnTo(QLatin1String("RELEASE SAVEPOINT ") + Savepoint);
}

Result<void> TableCopy::insert(const QVariantList& row)
{
    for (int c = 0; c < row.size(); ++c)
        m_insert.bindValue(c, row.at(c));
    if (!m_insert.exec())
        return StoreError::fromSql(m_to, m_insert.lastError(),
                                   QStringLiteral("Copying table %1").arg(m_table),
                                   QStringLiteral("at row %1 (%2)").arg(m_copied + 1).arg(rowName(row)));
    ++m_copied;
    return {};
}

// The row's key, e.g. "id 17" or "source 'REDCap', record_id '5', ...".
QString TableCopy::rowName(const QVariantList& row) const
{
    QStringList parts;
    for (const QString& key : m_keyColumns) {
        const qsizetype c = m_columns.indexOf(key);
        if (c < 0 || c >= row.size())
            continue;
        const QVariant& value = row.at(c);
        if (value.isNull())
            parts.append(key + QLatin1String(" NULL"));
        else if (value.typeId() == QMetaType::QString)
            parts.append(QStringLiteral("%1 '%2'").arg(key, value.toString()));
        else
            parts.append(QStringLiteral("%1 %2").arg(key, value.toString()));
    }
    return parts.join(QLatin1String(", "));
}

} // namespace Lantir
