#include "DatabaseReader.h"

#include "store/CycleHistory.h"

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

// Opens `path` read-only on a connection of its own, runs `work`, and removes the connection.
template <typename T>
Result<T> withConnection(const QString& path, int busyTimeoutMs,
                         const std::function<Result<T>(QSqlDatabase&)>& work, const T& whenMissing)
{
    if (path.isEmpty() || !QFileInfo::exists(path))
        return whenMissing;
    const QString name = QStringLiteral("lantir-gui-reader-%1").arg(++s_connectionCounter);
    Result<T> result = whenMissing;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(
            QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(qMax(0, busyTimeoutMs)));
        if (!db.open()) {
            result
                = makeError(Error::Kind::Database,
                            DatabaseReader::tr(
                                "Could not open the worklist database %1 to read it: %2. Check that the file "
                                "exists and that you may read it.")
                                .arg(path, db.lastError().text()));
        } else {
            result = work(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}
} // namespace

Result<QList<CycleReport>> DatabaseReader::loadCycles(const QString& path, int busyTimeoutMs,
                                                      const QDateTime& sinceUtc, int limit)
{
    const std::function<Result<QList<CycleReport>>(QSqlDatabase&)> work
        = [&](QSqlDatabase& db) -> Result<QList<CycleReport>> {
        if (!db.tables().contains(QStringLiteral("sync_cycles")))
            return QList<CycleReport>();
        CycleHistory history(db);
        return history.load(sinceUtc, limit);
    };
    return withConnection(path, busyTimeoutMs, work, QList<CycleReport>());
}

Result<QList<WorklistRow>> DatabaseReader::loadWorklist(const QString& path, int busyTimeoutMs, int limit)
{
    const std::function<Result<QList<WorklistRow>>(QSqlDatabase&)> work
        = [&](QSqlDatabase& db) -> Result<QList<WorklistRow>> {
        if (!db.tables().contains(QStringLiteral("worklist_items")))
            return QList<WorklistRow>();
        // Only the columns this table has: a database from an older pylantir lacks data_source.
        const QStringList present = [&] {
            QStringList names;
            QSqlQuery info(db);
            if (info.exec(QStringLiteral("PRAGMA table_info(worklist_items)"))) {
                while (info.next())
                    names.append(info.value(1).toString());
            }
            return names;
        }();
        QStringList select;
        for (int c = 0; c < Worklist::ColumnCount; ++c) {
            const QString name = Worklist::columnName(static_cast<Worklist::Column>(c));
            select.append(present.contains(name) ? name : QStringLiteral("NULL"));
        }
        QSqlQuery query(db);
        query.setForwardOnly(true);
        const QString sql = QStringLiteral("SELECT ") + select.join(QStringLiteral(", "))
            + QStringLiteral(" FROM worklist_items ORDER BY scheduled_start_date DESC, scheduled_start_time "
                             "DESC, id DESC")
            + (limit > 0 ? QStringLiteral(" LIMIT %1").arg(limit) : QString());
        if (!query.exec(sql)) {
            return makeError(Error::Kind::Database,
                             tr("Could not read the worklist from %1: %2")
                                 .arg(db.databaseName(), query.lastError().text()));
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
    return withConnection(path, busyTimeoutMs, work, QList<WorklistRow>());
}

} // namespace Lantir
