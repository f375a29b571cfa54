#include "store/NativeSqliteQuery.h"

#include "store/SharedSqlite.h"

#include <QAnyStringView>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <algorithm>

#ifdef LANTIR_HAVE_SQLITE3
#include <sqlite3.h>
#endif

namespace Lantir {

#ifdef LANTIR_HAVE_SQLITE3

namespace {
bool qtLookupsRequested()
{
    static const bool requested = qEnvironmentVariableIntValue("LANTIR_STORE_QT_LOOKUPS") == 1;
    return requested;
}
} // namespace

std::unique_ptr<NativeSqliteQuery> NativeSqliteQuery::prepare(const QSqlDatabase& db, const QString& sql,
                                                              QSqlError* error)
{
    if (qtLookupsRequested() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0
        || !qtSqliteDriverSharesLinkedSqlite())
        return nullptr;
    sqlite3* connection = *static_cast<sqlite3* const*>(handle.constData());
    if (!connection)
        return nullptr;
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v2(connection, text.constData(), int(text.size()), &statement, nullptr);
    if (code != SQLITE_OK) {
        if (error)
            *error = QSqlError(QStringLiteral("Unable to execute statement"),
                               QString::fromUtf8(sqlite3_errmsg(connection)), QSqlError::StatementError,
                               QString::number(code));
        sqlite3_finalize(statement);
        return nullptr;
    }
    return std::unique_ptr<NativeSqliteQuery>(new NativeSqliteQuery(connection, statement));
}

NativeSqliteQuery::NativeSqliteQuery(sqlite3* connection, sqlite3_stmt* statement)
    : m_connection(connection)
    , m_statement(statement)
    // Sized once: a short value lives inside its std::string, which must never move while SQLite
    // points at it.
    , m_buffers(std::size_t(std::max(0, sqlite3_bind_parameter_count(statement))))
{
}

NativeSqliteQuery::~NativeSqliteQuery()
{
    sqlite3_finalize(m_statement);
}

void NativeSqliteQuery::bindText(int position, const QString& text)
{
    if (text.isNull()) {
        sqlite3_bind_null(m_statement, position + 1);
        return;
    }
    // The UTF-8 goes into this parameter's own buffer, which SQLite reads in place until the next
    // bind: no copy of SQLite's and no allocation once the buffer has grown to the value's size.
    if (std::size_t(position) >= m_buffers.size())
        return; // no such parameter: SQLite's own bind would refuse it too
    std::string& buffer = m_buffers[std::size_t(position)];
    const qsizetype size = text.size();
    buffer.resize(std::size_t(size));
    const QChar* units = text.constData();
    qsizetype i = 0;
    for (; i < size && units[i].unicode() < 0x80; ++i)
        buffer[std::size_t(i)] = char(units[i].unicode());
    if (i < size) {
        const QByteArray utf8 = text.toUtf8();
        buffer.assign(utf8.constData(), std::size_t(utf8.size()));
    }
    sqlite3_bind_text(m_statement, position + 1, buffer.data(), int(buffer.size()), SQLITE_STATIC);
}

void NativeSqliteQuery::bindInt64(int position, qint64 value)
{
    sqlite3_bind_int64(m_statement, position + 1, value);
}

bool NativeSqliteQuery::run()
{
    const int code = sqlite3_step(m_statement);
    const bool ok = code == SQLITE_DONE || code == SQLITE_ROW;
    setError(ok ? SQLITE_OK : code);
    sqlite3_reset(m_statement);
    return ok;
}

qint64 NativeSqliteQuery::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_connection);
}

bool NativeSqliteQuery::next()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    setError(code == SQLITE_DONE ? SQLITE_OK : code);
    sqlite3_reset(m_statement); // ready to be bound again
    return false;
}

void NativeSqliteQuery::setError(int code)
{
    // Tens of thousands of statements a sync succeed: no QSqlError is made (or assigned) for them.
    if (code != SQLITE_OK)
        m_error = errorOf(code, QStringLiteral("Unable to fetch row"));
    else if (m_error.isValid())
        m_error = QSqlError();
}

qint64 NativeSqliteQuery::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString NativeSqliteQuery::text(int column) const
{
    if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
        return QString();
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

bool NativeSqliteQuery::textEquals(int column, const QString& wanted) const
{
    // sqlite3_column_text() gives no pointer for NULL: one call fewer than asking the type first
    // (each takes the connection's mutex).
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    if (!data) // NULL, or an empty BLOB, which reads as empty text
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL ? wanted.isNull()
                                                                       : wanted.isEmpty() && !wanted.isNull();
    if (wanted.isNull())
        return false;
    const qsizetype size = sqlite3_column_bytes(m_statement, column);
    // ASCII, what worklist values nearly always are, compared unit by unit; anything else by Qt.
    const QChar* units = wanted.constData();
    qsizetype i = 0;
    while (i < size && static_cast<unsigned char>(data[i]) < 0x80) {
        if (i >= wanted.size() || units[i].unicode() != char16_t(data[i]))
            return false;
        ++i;
    }
    if (i == size)
        return wanted.size() == size;
    return QAnyStringView::equal(QUtf8StringView(data, size), wanted);
}

void NativeSqliteQuery::appendText(int column, QString& out) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    if (!data)
        return;
    const qsizetype size = sqlite3_column_bytes(m_statement, column);
    qsizetype ascii = 0;
    while (ascii < size && static_cast<unsigned char>(data[ascii]) < 0x80)
        ++ascii;
    if (ascii == size)
        out.append(QLatin1StringView(data, size)); // ASCII is Latin-1: no string of its own
    else
        out.append(QString::fromUtf8(data, size));
}

void NativeSqliteQuery::finish()
{
    sqlite3_reset(m_statement);
}

QSqlError NativeSqliteQuery::errorOf(int code, const QString& what) const
{
    // Worded as Qt's driver words it, so that StoreError recognises busy, locked and I/O errors.
    return QSqlError(what, QString::fromUtf8(sqlite3_errmsg(m_connection)), QSqlError::StatementError,
                     QString::number(code));
}

#else

std::unique_ptr<NativeSqliteQuery> NativeSqliteQuery::prepare(const QSqlDatabase&, const QString&, QSqlError*)
{
    return nullptr;
}

NativeSqliteQuery::~NativeSqliteQuery() = default;
void NativeSqliteQuery::bindText(int, const QString&) { }
void NativeSqliteQuery::bindInt64(int, qint64) { }
bool NativeSqliteQuery::run()
{
    return false;
}
qint64 NativeSqliteQuery::lastInsertRowId() const
{
    return 0;
}
bool NativeSqliteQuery::next()
{
    return false;
}
qint64 NativeSqliteQuery::int64(int) const
{
    return 0;
}
QString NativeSqliteQuery::text(int) const
{
    return {};
}
bool NativeSqliteQuery::textEquals(int, const QString&) const
{
    return false;
}
void NativeSqliteQuery::appendText(int, QString&) const { }
void NativeSqliteQuery::finish() { }
QSqlError NativeSqliteQuery::errorOf(int, const QString&) const
{
    return {};
}
void NativeSqliteQuery::setError(int) { }

#endif

} // namespace Lantir
