#include "SqlFixture.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace Lantir::Test {

namespace {
QString text(const QVariant& value)
{
    return value.isNull() ? SqlFixture::nullMarker() : value.toString();
}
} // namespace

QString SqlFixture::nullMarker()
{
    return QStringLiteral("<NULL>");
}

QString SqlFixture::path(const QString& fileName)
{
    return QStringLiteral(LANTIR_FIXTURES_DIR) + QLatin1Char('/') + fileName;
}

QStringList SqlFixture::statements(const QString& script)
{
    QStringList result;
    QString current;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.trimmed().startsWith(QLatin1String("--")))
            continue;
        if (!current.isEmpty())
            current += QLatin1Char('\n');
        current += line;
        if (line.trimmed().endsWith(QLatin1Char(';'))) {
            QString statement = current.trimmed();
            statement.chop(1);
            if (!statement.trimmed().isEmpty())
                result.append(statement);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        result.append(current.trimmed());
    return result;
}

bool SqlFixture::runScript(QSqlDatabase& db, const QString& fileName, QString* error)
{
    QFile file(path(fileName));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.fileName() + QLatin1String(": ") + file.errorString();
        return false;
    }
    const QStringList all = statements(QString::fromUtf8(file.readAll()));
    // One transaction: one sync to disk instead of one per statement.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN"))) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    for (const QString& statement : all) {
        if (!query.exec(statement)) {
            if (error)
                *error = query.lastError().text() + QLatin1String(" in: ") + statement;
            query.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

QList<QStringList> SqlFixture::tableRows(const QSqlDatabase& db, const QString& table, const QString& orderBy)
{
    QList<QStringList> rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QLatin1String("SELECT * FROM ") + table + QLatin1String(" ORDER BY ") + orderBy))
        return rows;
    while (query.next()) {
        QStringList row;
        for (int i = 0; i < query.record().count(); ++i)
            row.append(text(query.value(i)));
        rows.append(row);
    }
    return rows;
}

QString SqlFixture::scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql) || !query.next())
        return QString();
    return text(query.value(0));
}

QByteArray SqlFixture::fileBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

} // namespace Lantir::Test
