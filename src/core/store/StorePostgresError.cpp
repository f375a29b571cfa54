#include "store/PostgresSessions.h"
#include "store/StoreError.h"

#include <QStringList>

namespace Lantir {

namespace {
QString describe(const QSqlDatabase& db)
{
    const QString user = db.userName().isEmpty() ? QString() : db.userName() + QLatin1Char('@');
    return QStringLiteral("postgresql://%1%2:%3/%4")
        .arg(user, db.hostName())
        .arg(db.port())
        .arg(db.databaseName());
}

// The connection is gone or was never made: worth trying again later (Error::Kind::Network).
bool isConnectionClass(const QString& state)
{
    const QString cls = state.left(2);
    return cls == QLatin1String("08") || cls == QLatin1String("57");
}

// `lockWaitMs`: the session's lock_timeout, -1 when unknown.
QString statementReason(const QString& state, const QString& where, int lockWaitMs = -1)
{
    const QString cls = state.left(2);
    // The same words as SQLite's busy timeout, and how long the write waited.
    if (state == QLatin1String("55P03") && lockWaitMs >= 0)
        return QStringLiteral("the database %1 is locked by another program: it stayed locked by another "
                              "writer (another Lantir node, or a long transaction) past the lock timeout of "
                              "%2. Nothing was written; the next cycle tries again.")
            .arg(where, StoreError::seconds(lockWaitMs));
    if (state == QLatin1String("55P03") || state == QLatin1String("40P01"))
        return QStringLiteral("the database %1 stayed locked by another writer (another Lantir node, or a "
                              "long transaction) past the lock timeout. Nothing was written; the next "
                              "cycle tries again.")
            .arg(where);
    if (isConnectionClass(state))
        return QStringLiteral("the connection to %1 was lost (the server restarted or the network was cut). "
                              "Nothing was written; the next cycle connects again.")
            .arg(where);
    if (state == QLatin1String("42501"))
        return QStringLiteral(
                   "the database role has no right to do this in %1. Grant it the rights listed in "
                   "docs/OPERATIONS.md. Nothing was written.")
            .arg(where);
    if (state == QLatin1String("53100"))
        return QStringLiteral("the PostgreSQL server of %1 is out of disk space. Nothing was written.")
            .arg(where);
    if (state == QLatin1String("22001"))
        return QStringLiteral("a value is longer than its worklist_items column allows in %1. Nothing was "
                              "written.")
            .arg(where);
    if (state == QLatin1String("25006"))
        return QStringLiteral(
                   "the database %1 is read-only (a standby server, or default_transaction_read_only). "
                   "Nothing was written. Point Lantir at the primary server.")
            .arg(where);
    // Class 23: a constraint. P0001 (RAISE EXCEPTION) and P0004 (ASSERT): a trigger that refuses the
    // row, as SQLite's RAISE(ABORT/FAIL) does.
    if (cls == QLatin1String("23") || state == QLatin1String("P0001") || state == QLatin1String("P0004"))
        return QStringLiteral(
                   "a rule in the database %1 (a constraint or trigger) refused the change. Nothing "
                   "was written.")
            .arg(where);
    return QStringLiteral("the database %1 reported an error. Nothing was written.").arg(where);
}
// A connection that could not be made has no SQLSTATE: libpq's message tells why. `*unreachable`:
// the server was not there or the connection broke, rather than a refusal that retrying won't mend.
QString connectionReason(const QString& text, const QString& where, bool* unreachable)
{
    *unreachable = false;
    if (text.contains(QLatin1String("no connection to the server"))
        || text.contains(QLatin1String("server closed the connection"))
        || text.contains(QLatin1String("terminating connection"))) {
        *unreachable = true;
        return statementReason(QStringLiteral("08006"), where);
    }
    if (text.contains(QLatin1String("password authentication failed"))
        || text.contains(QLatin1String("no password supplied"))
        || text.contains(QLatin1String("no pg_hba.conf entry")))
        return QStringLiteral("the PostgreSQL server %1 refused the login. Check database.user, and the "
                              "password in ~/.pgpass (or PGPASSFILE / PGPASSWORD); pg_hba.conf must allow "
                              "this host.")
            .arg(where);
    if (text.contains(QLatin1String("does not exist")))
        return QStringLiteral("the database %1 does not exist. Create it (createdb, see docs/OPERATIONS.md) "
                              "or correct database.name.")
            .arg(where);
    if (text.contains(QLatin1String("SSL")) || text.contains(QLatin1String("certificate")))
        return QStringLiteral("the TLS connection to %1 failed. Check database.sslmode and database.ca_file.")
            .arg(where);
    *unreachable = true;
    return QStringLiteral("the PostgreSQL server %1 could not be reached (not running, wrong host or port, "
                          "or a firewall). Nothing was written; the next cycle tries again.")
        .arg(where);
}

} // namespace

Error StoreError::fromPostgres(const QSqlDatabase& db, const QSqlError& error, const QString& action,
                               const QString& where)
{
    const QString target = describe(db);
    const QString state = error.nativeErrorCode().trimmed();
    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.driverText().trimmed();
    QString why;
    bool unreachable = isConnectionClass(state);
    if (!state.isEmpty())
        why = statementReason(state, target, PostgresSessions::lockTimeoutMs(db.connectionName()));
    else if (error.type() == QSqlError::ConnectionError || !db.isOpen())
        why = connectionReason(detail, target, &unreachable);
    else { // a statement on a connection that is gone: libpq has no SQLSTATE for that
        unreachable = true;
        why = statementReason(QStringLiteral("08006"), target);
    }
    QString message = action + QLatin1String(" failed");
    if (!where.isEmpty())
        message += QLatin1Char(' ') + where;
    message += QLatin1String(": ") + why;
    if (!detail.isEmpty())
        message += QLatin1String(" (PostgreSQL") + (state.isEmpty() ? QString() : QLatin1Char(' ') + state)
            + QLatin1String(": ") + detail.simplified() + QLatin1Char(')');
    return makeError(unreachable ? Error::Kind::Network : Error::Kind::Database, message);
}

} // namespace Lantir
