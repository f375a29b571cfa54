#include "DatabaseSnapshot.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace Lantir::Test {

DatabaseSnapshot DatabaseSnapshot::take(const QString& path, const QStringList& tables)
{
    DatabaseSnapshot snapshot;
    const QString name = QStringLiteral("snapshot-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            for (const QString& table : tables) {
                QSqlQuery query(db);
                query.setForwardOnly(true);
                if (!query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2, 3").arg(table)))
                    continue;
                while (query.next()) {
                    QVariantList row { table };
                    const QSqlRecord record = query.record();
                    for (int i = 0; i < record.count(); ++i)
                        row.append(query.value(i));
                    snapshot.m_rows.append(row);
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return snapshot;
}

QString DatabaseSnapshot::describe() const
{
    QStringList lines;
    for (const QVariantList& row : m_rows) {
        QStringList cells;
        for (const QVariant& v : row)
            cells.append(v.isNull() ? QStringLiteral("NULL") : v.toString());
        lines.append(cells.join(QLatin1Char('|')));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace Lantir::Test
