#include "store/StoreError.h"

#include <QDir>
#include <QStringList>

namespace Lantir {

namespace {
// Primary SQLite result codes (sqlite3.h); the driver reports extended codes, whose low byte
// is the primary one.
enum SqliteCode
{
    SqlitePerm = 3,
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteNoMem = 7,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteConstraint = 19,
    SqliteAuth = 23,
    SqliteNotADb = 26,
};

} // namespace

QString StoreError::seconds(int ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QLatin1String(" s");
    return QString::number(ms / 1000.0, 'f', ms < 1000 ? 2 : 1) + QLatin1String(" s");
}

int StoreError::sqliteCode(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

int StoreError::busyTimeoutMs(const QSqlDatabase& db)
{
    const QStringList options = db.connectOptions().split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString& option : options) {
        const QString trimmed = option.trimmed();
        if (!trimmed.startsWith(QLatin1String("QSQLITE_BUSY_TIMEOUT")))
            continue;
        const qsizetype eq = trimmed.indexOf(QLatin1Char('='));
        bool ok = false;
        const int ms = eq < 0 ? 0 : trimmed.mid(eq + 1).trimmed().toInt(&ok);
        if (ok)
            return ms;
    }
    return 5000;
}

Error StoreError::fromSql(const QSqlDatabase& db, const QSqlError& error, const QString& action,
                          const QString& where)
{
    if (db.driverName() == QLatin1String("QPSQL"))
        return fromPostgres(db, error, action, where);
    const QString path = QDir::toNativeSeparators(db.databaseName());
    QString why;
    switch (sqliteCode(error)) {
    case SqliteBusy:
    case SqliteLocked:
        why = QStringLiteral(
                  "the worklist database %1 is locked by another program and was still busy after %2 "
                  "(pylantir's DICOM server, another Lantir or a database browser may be reading or "
                  "writing it). Nothing was written; the next cycle tries again. If this keeps "
                  "happening, close the program that holds the file open.")
                  .arg(path, seconds(busyTimeoutMs(db)));
        break;
    case SqliteReadOnly:
        why = QStringLiteral("the worklist database %1 is read-only for this user. Nothing was written. Make "
                             "the file and its folder writable (SQLite also creates a -journal file next to "
                             "it), or choose another database file.")
                  .arg(path);
        break;
    case SqlitePerm:
    case SqliteAuth:
        why = QStringLiteral("the operating system denied access to the worklist database %1. Nothing was "
                             "written. Check the permissions of the file and its folder.")
                  .arg(path);
        break;
    case SqliteFull:
        why = QStringLiteral("the disk holding the worklist database %1 is full (or the database reached its "
                             "size limit). Nothing was written. Free some disk space; the next cycle tries "
                             "again.")
                  .arg(path);
        break;
    case SqliteIoErr:
        why = QStringLiteral("the disk reported an input/output error on the worklist database %1. Nothing "
                             "was written. Check the disk, the file system or the network share.")
                  .arg(path);
        break;
    case SqliteCorrupt:
    case SqliteNotADb:
        why = QStringLiteral(
                  "the worklist database %1 is damaged or is not a SQLite database. Restore it from "
                  "a backup or point Lantir at another file.")
                  .arg(path);
        break;
    case SqliteCantOpen:
        why = QStringLiteral("the worklist database %1 cannot be opened. Check that its folder exists and is "
                             "writable for this user.")
                  .arg(path);
        break;
    case SqliteConstraint:
        why = QStringLiteral(
                  "a rule in the worklist database %1 (a constraint or trigger added to it) refused "
                  "the change. Nothing was written.")
                  .arg(path);
        break;
    case SqliteNoMem:
        why = QStringLiteral("SQLite ran out of memory while using %1. Nothing was written.").arg(path);
        break;
    default:
        why = QStringLiteral("the worklist database %1 reported an error. Nothing was written.").arg(path);
        break;
    }

    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.driverText().trimmed();
    QString message = action + QLatin1String(" failed");
    if (!where.isEmpty())
        message += QLatin1Char(' ') + where;
    message += QLatin1String(": ") + why;
    if (!detail.isEmpty())
        message += QLatin1String(" (SQLite: ") + detail + QLatin1Char(')');
    return makeError(Error::Kind::Database, message);
}

} // namespace Lantir
