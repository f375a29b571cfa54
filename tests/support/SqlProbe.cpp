#include "SqlProbe.h"

#include "ScopedSqlConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Lantir::Test {

QVariant SqlProbe::scalar(const QString& path, const QString& sql)
{
    ScopedSqlConnection connection(path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    QSqlQuery query(connection.db());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

QStringList SqlProbe::column(const QString& path, const QString& sql)
{
    ScopedSqlConnection connection(path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    QSqlQuery query(connection.db());
    QStringList values;
    if (!query.exec(sql))
        return values;
    while (query.next())
        values.append(query.value(0).toString());
    values.sort();
    return values;
}

QStringList SqlProbe::worklistContent(const QString& path)
{
    ScopedSqlConnection connection(path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    QSqlQuery query(connection.db());
    QStringList rows;
    if (!query.exec(QStringLiteral(
            "SELECT k.source, k.record_id, k.event_name, k.repeat_instance, w.* FROM lantir_entry_keys k "
            "JOIN worklist_items w ON w.id = k.item_id ORDER BY k.source, k.record_id, k.event_name, "
            "k.repeat_instance")))
        return { query.lastError().text() };
    while (query.next()) {
        QStringList cells;
        const QSqlRecord record = query.record();
        for (int i = 0; i < record.count(); ++i) {
            const QString name = record.fieldName(i);
            if (name == QLatin1String("id") || name == QLatin1String("study_instance_uid"))
                continue;
            cells.append(query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
        }
        rows.append(cells.join(QLatin1Char('|')));
    }
    return rows;
}

} // namespace Lantir::Test
