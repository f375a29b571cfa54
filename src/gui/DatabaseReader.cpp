#include "DatabaseReader.h"

#include "store/CycleHistory.h"
#include "store/DatabaseConnection.h"
#include "store/WorklistSchema.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <functional>

namespace Lantir {

namespace {
QAtomicInteger<quint64> s_connectionCounter;

// A SQLite file that is not there yet has nothing to show; a PostgreSQL database is always asked.
bool mayHoldRows(const DatabaseTarget& target)
{
    if (target.isPostgres())
        return DatabaseReader::isConfigured(target);
    return !target.path.isEmpty() && QFileInfo::exists(target.path);
}

Result<void> makeReadOnly(QSqlDatabase& db)
{
    if (!DatabaseConnection::isPostgres(db))
        return {}; // opened with QSQLITE_OPEN_READONLY
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")))
        return {};
    return makeError(Error::Kind::Database, query.lastError().text());
}

// Opens `target` read-only on a connection of its own, runs `work`, and removes the connection.
template <typename T>
Result<T> withConnection(const DatabaseTarget& target, const std::function<Result<T>(QSqlDatabase&)>& work,
                         const T& whenMissing)
{
    if (!mayHoldRows(target))
        return whenMissing;
    const QString name = QStringLiteral("lantir-gui-reader-%1").arg(++s_connectionCounter);
    Result<T> result = whenMissing;
    {
        // The queries of `work` are gone before the connection is removed.
        Result<QSqlDatabase> opened = DatabaseConnection::open(target, name, true);
        if (!opened) {
            return makeError(Error::Kind::Database,
                             DatabaseReader::tr("Could not open the worklist database %1 to read it: %2")
                                 .arg(target.describe(), opened.error().message));
        }
        QSqlDatabase& db = opened.value();
        if (Result<void> readOnly = makeReadOnly(db); !readOnly)
            result = readOnly.error();
        else
            result = work(db);
        DatabaseConnection::closeAndRemove(db);
    }
    return result;
}

bool hasTable(const QSqlDatabase& db, const QString& table)
{
    const Result<QStringList> columns = WorklistSchema::tableColumns(db, table);
    return columns && !columns.value().isEmpty();
}

// Only the columns this table has: a database from an older pylantir lacks data_source.
QString worklistQuery(const QSqlDatabase& db, const QStringList& present, int limit)
{
    QStringList select;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        const QString name = Worklist::columnName(static_cast<Worklist::Column>(c));
        select.append(present.contains(name) ? name : QStringLiteral("NULL"));
    }
    // SQLite sorts NULL last when descending; PostgreSQL is told to.
    const QString nullsLast = DatabaseConnection::isPostgres(db) ? QStringLiteral(" NULLS LAST") : QString();
    return QStringLiteral("SELECT ") + select.join(QStringLiteral(", "))
        + QStringLiteral(" FROM worklist_items ORDER BY scheduled_start_date DESC%1, "
                         "scheduled_start_time DESC%1, id DESC")
              .arg(nullsLast)
        + (limit > 0 ? QStringLiteral(" LIMIT %1").arg(limit) : QString());
}
} // namespace

bool DatabaseReader::isConfigured(const DatabaseTarget& target)
{
    if (target.isPostgres())
        return !target.postgres.host.isEmpty() && !target.postgres.name.isEmpty();
    return !target.path.isEmpty();
}

Result<QList<CycleReport>> DatabaseReader::loadCycles(const DatabaseTarget& target, const QDateTime& sinceUtc,
                                                      int limit)
{
    const std::function<Result<QList<CycleReport>>(QSqlDatabase&)> work
        = [&](QSqlDatabase& db) -> Result<QList<CycleReport>> {
        if (!hasTable(db, QStringLiteral("sync_cycles")))
            return QList<CycleReport>();
        CycleHistory history(db);
        return history.load(sinceUtc, limit);
    };
    return withConnection(target, work, QList<CycleReport>());
}

Result<QList<WorklistRow>> DatabaseReader::loadWorklist(const DatabaseTarget& target, int limit)
{
    const std::function<Result<QList<WorklistRow>>(QSqlDatabase&)> work
        = [&](QSqlDatabase& db) -> Result<QList<WorklistRow>> {
        const Result<QStringList> present
            = WorklistSchema::tableColumns(db, QStringLiteral("worklist_items"));
        if (!present)
            return present.error();
        if (present.value().isEmpty())
            return QList<WorklistRow>();
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(worklistQuery(db, present.value(), limit))) {
            return makeError(Error::Kind::Database,
                             tr("Could not read the worklist from %1: %2")
                                 .arg(target.describe(), query.lastError().text()));
        }
        QList<WorklistRow> rows;
        while (query.next()) {
            WorklistRow row;
            for (int c = 0; c < Worklist::ColumnCount; ++c)
                row[c] = query.value(c).toString();
            rows.append(std::move(row));
        }
        return rows;
    };
    return withConnection(target, work, QList<WorklistRow>());
}

} // namespace Lantir
