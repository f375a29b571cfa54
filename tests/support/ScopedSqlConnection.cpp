#include "ScopedSqlConnection.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

namespace Lantir::Test {

namespace {
QAtomicInteger<quint64> s_counter;
}

ScopedSqlConnection::ScopedSqlConnection(const QString& path, const QString& connectOptions)
    : m_name(QStringLiteral("lantir-test-connection-%1").arg(s_counter.fetchAndAddRelaxed(1) + 1))
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(connectOptions);
    if (!m_db.open())
        m_lastError = m_db.lastError().text();
}

ScopedSqlConnection::~ScopedSqlConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool ScopedSqlConnection::isOpen() const
{
    return m_db.isOpen();
}

QSqlDatabase& ScopedSqlConnection::db()
{
    return m_db;
}

bool ScopedSqlConnection::exec(const QString& sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql)) {
        m_lastError.clear();
        return true;
    }
    m_lastError = query.lastError().text();
    return false;
}

QString ScopedSqlConnection::lastError() const
{
    return m_lastError;
}

} // namespace Lantir::Test
