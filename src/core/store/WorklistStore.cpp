#include "store/WorklistStore.h"

#include "base/Logging.h"
#include "store/DatabaseConnection.h"
#include "store/NativeSqliteQuery.h"
#include "store/SharedSqlite.h"
#include "store/SqlPlaceholders.h"
#include "store/SqliteFile.h"
#include "store/StoreError.h"
#include "store/WorklistSchema.h"
#include "worklist/StudyUid.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

#ifdef LANTIR_HAVE_SQLITE3
#include <sqlite3.h>
#endif

namespace Lantir {

using Sql::bind;
using Sql::placeholderNames;
using Sql::placeholders;
using Worklist::Column;

namespace {
QAtomicInteger<quint64> s_connectionCounter;

constexpr quint32 bit(int column)
{
    return quint32(1) << column;
}

QVariant sqlText(const QString& text)
{
    return text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QString keyPart(const QString& text)
{
    return text.isNull() ? QLatin1String("") : text;
}

// NULL-aware: NULL equals only NULL, '' is a value.
bool differs(const QString& stored, const QString& wanted)
{
    return stored.isNull() != wanted.isNull() || stored != wanted;
}

QString stateKeyForMark(const QString& source)
{
    return QLatin1String("high_water_mark/") + source;
}

// The columns in `columns` (a bit per Worklist::Column), in table order, as alias.name.
QString selectColumns(const QString& alias, quint32 columns)
{
    QString list;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (!(columns & (quint32(1) << c)))
            continue;
        if (!list.isEmpty())
            list += QLatin1String(", ");
        list += alias + QLatin1Char('.') + Worklist::columnName(static_cast<Column>(c));
    }
    return list;
}

// Record ids / patient ids per lookup query, and entries per prefetch window.
constexpr int LookupChunk = 200;
constexpr qsizetype WindowSize = 1000;
constexpr char16_t KeySeparator = u'\x1f';

static_assert(LookupChunk + 1 <= Sql::PlaceholderCount && Worklist::ColumnCount + 1 <= Sql::PlaceholderCount);

QString keyText(const QString& source, const QString& record, const QString& event, const QString& instance)
{
    const QChar separator(KeySeparator);
    return source + separator + record + separator + event + separator + instance;
}

QString keyText(const EntryKey& key)
{
    return keyText(key.source, key.recordId, keyPart(key.eventName), keyPart(key.repeatInstance));
}

// Reads the columns in `columns`, listed as selectColumns() lists them from `firstColumn` on,
// of the current result row into row.values. The others stay null.
QString textOf(const QSqlQuery& query, int column)
{
    const QVariant value = query.value(column);
    return value.isNull() ? QString() : value.toString();
}

template <typename Row> void readColumns(const QSqlQuery& query, int firstColumn, quint32 columns, Row& row)
{
    int index = firstColumn;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (columns & bit(c))
            row.values[static_cast<std::size_t>(c)] = textOf(query, index++);
    }
}

// The same calls on QSqlQuery and NativeSqliteQuery, for WorklistStore::readByKey().
void bindText(QSqlQuery& query, int position, const QString& text)
{
    bind(query, position, text);
}
void bindText(NativeSqliteQuery& query, int position, const QString& text)
{
    query.bindText(position, text);
}
void bindInt64(QSqlQuery& query, int position, qint64 value)
{
    bind(query, position, value);
}
void bindInt64(NativeSqliteQuery& query, int position, qint64 value)
{
    query.bindInt64(position, value);
}
// Runs a statement that returns no rows and releases it (a failed one keeps its lastError()).
bool runStatement(QSqlQuery& query)
{
    if (!query.exec())
        return false;
    query.finish();
    return true;
}
bool runStatement(NativeSqliteQuery& query)
{
    return query.run();
}
bool execute(QSqlQuery& query)
{
    return query.exec();
}
bool execute(NativeSqliteQuery&)
{
    return true; // the first next() runs it
}
QString textOf(const NativeSqliteQuery& query, int column)
{
    return query.text(column);
}
bool textEquals(const QSqlQuery& query, int column, const QString& wanted)
{
    return !differs(textOf(query, column), wanted);
}
bool textEquals(const NativeSqliteQuery& query, int column, const QString& wanted)
{
    return query.textEquals(column, wanted);
}
void appendText(const QSqlQuery& query, int column, QString& out)
{
    out += query.value(column).toString();
}
void appendText(const NativeSqliteQuery& query, int column, QString& out)
{
    query.appendText(column, out);
}
const QString& scheduledStatus()
{
    static const QString Scheduled(Worklist::ScheduledStatus);
    return Scheduled;
}
// The row's status: nearly always SCHEDULED, which shares one string instead of making its own.
template <typename Query> QString statusOf(const Query& query, int column)
{
    return textEquals(query, column, scheduledStatus()) ? scheduledStatus() : textOf(query, column);
}
// keyText() of the row's first three columns (record_id, event_name, repeat_instance), in one string.
template <typename Query> QString keyOfRow(const Query& query, const QString& source)
{
    QString key;
    key.reserve(source.size() + 48);
    key += source;
    for (int column = 0; column < 3; ++column) {
        key += QChar(KeySeparator);
        appendText(query, column, key);
    }
    return key;
}
qint64 int64Of(const QSqlQuery& query, int column)
{
    return query.value(column).toLongLong();
}
qint64 int64Of(const NativeSqliteQuery& query, int column)
{
    return query.int64(column);
}

// The records of `source` among `records` that none of `entries` names (an entry of a record
// mostly follows another of the same record: those are not looked up again).
QStringList recordsWithoutEntries(const QString& source, const QStringList& records,
                                  const QList<WorklistEntry>& entries)
{
    QSet<QString> withEntries;
    const QString* previous = nullptr;
    for (const WorklistEntry& entry : entries) {
        if (entry.key.source != source || (previous && *previous == entry.key.recordId))
            continue;
        previous = &entry.key.recordId;
        withEntries.insert(entry.key.recordId);
    }
    QStringList without;
    for (const QString& record : records) {
        if (!withEntries.contains(record))
            without.append(record);
    }
    return without;
}

// How often a wait for another connection's lock looks at the cancel flag and the deadline.
constexpr int BusyPollMs = 10;

Error readOnlyError(const QString& action)
{
    return makeError(
        Error::Kind::Database,
        action
            + QStringLiteral(" is not possible: the worklist database was opened read-only for a dry "
                             "run. Nothing was written."));
}
} // namespace

// Read by SQLite's busy handler on the thread that runs the statement; `cancel` may be set from
// any thread.
struct WorklistStore::BusyWait
{
    const std::atomic<bool>* cancel = nullptr;
    int totalMs = 10000;
    QElapsedTimer waited;
};

// SQLite calls this while another connection holds the lock a statement needs: non-zero retries,
// zero gives up with SQLITE_BUSY. `count` is 0 on the first call of each wait.
int WorklistStore::onBusy(void* data, int count)
{
    auto* wait = static_cast<BusyWait*>(data);
    if (count == 0)
        wait->waited.start();
    if (wait->cancel && wait->cancel->load())
        return 0;
    const qint64 left = wait->totalMs - wait->waited.elapsed();
    if (left <= 0)
        return 0;
    QThread::msleep(static_cast<unsigned long>(std::min<qint64>(left, BusyPollMs)));
    return 1;
}

struct WorklistStore::Row
{
    qint64 id = 0;
    std::array<QString, Worklist::ColumnCount> values;
    QString status; // performed_procedure_step_status, read for rows found by key
    // Set instead of `values` when the row, read by key, already held every compared value of this
    // entry (the first of the window with its key): nothing to write, and no value to keep.
    const WorklistEntry* matches = nullptr;
};

// Lookups that read the columns a sync compares (one pair per set of columns).
struct WorklistStore::Lookups
{
    explicit Lookups(const QSqlDatabase& db)
        : keys(db)
        , candidates(db)
    {
    }
    QSqlQuery keys; // rows by key, for up to LookupChunk record ids of one source
    std::unique_ptr<NativeSqliteQuery> nativeKeys; // the same on SQLite's API, where it can be
    QSqlQuery candidates; // unkeyed rows for up to LookupChunk patient_ids
};

struct WorklistStore::Statements
{
    explicit Statements(const QSqlDatabase& db)
        : insertItem(db)
        , insertKey(db)
        , dropStaleKey(db)
    {
    }

    QSqlQuery insertItem;
    QSqlQuery insertKey;
    // PostgreSQL: drops the key that still names an id the server hands out again (see insertKeySql).
    QSqlQuery dropStaleKey;
    // The same two on SQLite's API, where it can be (a first sync inserts tens of thousands).
    std::unique_ptr<NativeSqliteQuery> nativeInsertItem;
    std::unique_ptr<NativeSqliteQuery> nativeInsertKey;
    std::optional<QSqlQuery> insertRedcapIds; // prepared once the TEMP table exists
    std::unordered_map<quint32, Lookups> lookups;
    // UPDATE statements by the set of columns they write.
    std::unordered_map<quint32, QSqlQuery> updates;
};

// For upsertBatch(): the SCHEDULED rows of the source the write found by key, inserted or restored.
// A row whose key an entry of the window that read it has is written for that entry, so it is
// no visit REDCap stopped exporting: only its id is kept. The others are kept with their keys,
// until the end of the write tells whether an entry of another window had it.
struct WorklistStore::MissingScan
{
    QString source;
    std::vector<qint64> claimed; // ids, a row read by several windows more than once
    QHash<QString, qint64> unclaimed; // keyText() -> id
};

// One key of the window's entries: its first entry, and the row the key points to once found or
// written.
struct WorklistStore::Slot
{
    const WorklistEntry* first = nullptr;
    std::optional<Row> row;
};

struct WorklistStore::Window
{
    std::vector<Slot> slots; // one per distinct key
    QHash<QString, qsizetype> slotNumber; // keyText() -> 1 + its index in slots
    std::vector<qsizetype> slotOf; // the index in slots of each entry of the window, in order
    Slot& slotFor(qsizetype entry) { return slots[std::size_t(slotOf[std::size_t(entry)])]; }
    bool everyRowKeyed = false; // no row to adopt: the adoption candidates are not looked up
    QHash<QString, QList<Row>> candidates; // patient_id -> unkeyed rows, lowest id first
};

WorklistStore::WorklistStore(const QString& connectionName)
    : m_connectionName(connectionName)
    , m_busyWait(std::make_unique<BusyWait>())
{
    if (m_connectionName.isEmpty())
        m_connectionName
            = QStringLiteral("lantir-store-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1) + 1);
}

WorklistStore::~WorklistStore()
{
    close();
}

void WorklistStore::setCancelFlag(const std::atomic<bool>* flag)
{
    m_busyWait->cancel = flag;
}

void WorklistStore::installBusyHandler()
{
    m_busyWait->totalMs = m_busyTimeoutMs;
#ifdef LANTIR_HAVE_SQLITE3
    const QVariant handle = m_db.driver() ? m_db.driver()->handle() : QVariant();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
        && qtSqliteDriverSharesLinkedSqlite()) {
        sqlite3* connection = *static_cast<sqlite3* const*>(handle.constData());
        if (connection) {
            // Replaces the plain busy timeout QSQLITE_BUSY_TIMEOUT set: same total wait, but it
            // gives up as soon as the cancel flag is set.
            sqlite3_busy_handler(connection, &WorklistStore::onBusy, m_busyWait.get());
            return;
        }
    }
#endif
    qCDebug(lcStore) << "SQLite's busy handler is not available: lock waits last up to the busy timeout";
}

Result<void> WorklistStore::openConnection(const QString& databaseName, int busyTimeoutMs, bool readOnly)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return makeError(
            Error::Kind::Database,
            QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed. Install the Qt 6 SQLite "
                           "plugin (Debian/Ubuntu: libqt6sql6-sqlite)."));

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(databaseName);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
    if (readOnly)
        options += QLatin1String(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    m_busyTimeoutMs = busyTimeoutMs;
    if (!m_db.open()) {
        const Error error
            = StoreError::fromSql(m_db, m_db.lastError(), QStringLiteral("Opening the worklist database"));
        close();
        return error;
    }
    installBusyHandler();
    return {};
}

namespace {
Result<void> requirePath(const QString& path)
{
    if (path.trimmed().isEmpty())
        return makeError(
            Error::Kind::Config,
            QStringLiteral("No worklist database path is set. Set db_path in the configuration or "
                           "pass --db PATH."));
    return {};
}
} // namespace

Result<void> WorklistStore::open(const QString& path, int busyTimeoutMs)
{
    close();
    if (Result<void> named = requirePath(path); !named)
        return named;
    if (busyTimeoutMs < 0)
        busyTimeoutMs = 0;

    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (info.exists()) {
        if (info.isDir())
            return makeError(
                Error::Kind::Database,
                QStringLiteral("The worklist database path %1 is a folder. Give the path of a file "
                               "inside it, e.g. %2.")
                    .arg(QDir::toNativeSeparators(absolute),
                         QDir::toNativeSeparators(absolute + QLatin1String("/worklist.db"))));
        const Result<void> isSqlite = SqliteFile::checkHeader(absolute);
        if (!isSqlite)
            return isSqlite;
        if (!info.isWritable())
            qCWarning(lcStore) << "The worklist database" << QDir::toNativeSeparators(absolute)
                               << "is read-only for this user: writes will fail";
    } else {
        Result<void> created = SqliteFile::createFolders(info.absolutePath());
        if (created)
            created = SqliteFile::createPrivateFile(absolute);
        if (!created)
            return created;
    }

    m_readOnly = false;
    if (Result<void> connected = openConnection(absolute, busyTimeoutMs, false); !connected)
        return connected;
    m_path = absolute;

    // Reading the journal mode reads the file's header: a damaged or encrypted file fails here.
    QString journalMode;
    {
        QSqlQuery pragma(m_db);
        pragma.setForwardOnly(true);
        if (!pragma.exec(QStringLiteral("PRAGMA journal_mode")) || !pragma.next()) {
            const Error error = StoreError::fromSql(m_db, pragma.lastError(),
                                                    QStringLiteral("Opening the worklist database"));
            pragma.finish();
            close();
            return error;
        }
        journalMode = pragma.value(0).toString();
    }

    {
        QSqlQuery pragma(m_db);
        if (!pragma.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(PageCacheKiB))) {
            const Error error = StoreError::fromSql(m_db, pragma.lastError(),
                                                    QStringLiteral("Opening the worklist database"));
            pragma.finish();
            close();
            return error;
        }
    }

    Result<void> ready = WorklistSchema::ensure(m_db);
    if (ready)
        ready = prepareStatements();
    if (!ready) {
        close();
        return ready;
    }
    qCInfo(lcStore) << "Opened worklist database" << QDir::toNativeSeparators(absolute) << "journal mode"
                    << journalMode << "busy timeout" << busyTimeoutMs << "ms";
    return {};
}

Result<void> WorklistStore::openReadOnly(const QString& path, int busyTimeoutMs)
{
    close();
    if (Result<void> named = requirePath(path); !named)
        return named;
    busyTimeoutMs = std::max(busyTimeoutMs, 0);
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    const bool exists = info.exists();
    if (exists) {
        if (info.isDir())
            return makeError(Error::Kind::Database,
                             QStringLiteral("The worklist database path %1 is a folder. Give the path of a "
                                            "file inside it.")
                                 .arg(QDir::toNativeSeparators(absolute)));
        if (const Result<void> isSqlite = SqliteFile::checkHeader(absolute); !isSqlite)
            return isSqlite;
    }
    // A database that does not exist yet is an empty one: kept in memory, the file not created.
    Result<void> ready
        = openConnection(exists ? absolute : QStringLiteral(":memory:"), busyTimeoutMs, exists);
    if (!ready)
        return ready;
    m_path = absolute;
    m_readOnly = true;
    ready = exists ? createTemporaryTables() : WorklistSchema::ensure(m_db);
    if (ready)
        ready = prepareStatements();
    if (!ready) {
        close();
        return ready;
    }
    qCInfo(lcStore) << "Opened worklist database" << QDir::toNativeSeparators(absolute)
                    << (exists ? "read-only" : "as empty (the file does not exist and is not created)");
    return {};
}

Result<void> WorklistStore::createTemporaryTables()
{
    const QString action = QStringLiteral("Opening the worklist database read-only");
    const Result<QStringList> worklist = WorklistSchema::tableColumns(m_db, WorklistSchema::WorklistTable);
    if (!worklist)
        return worklist.error();
    if (!worklist.value().isEmpty()) {
        const QStringList missing = WorklistSchema::missingWorklistColumns(worklist.value());
        if (!missing.isEmpty())
            return makeError(Error::Kind::Database,
                             QStringLiteral("The worklist_items table of %1 lacks the column(s) %2, so it is "
                                            "not a pylantir worklist. Choose another database path.")
                                 .arg(QDir::toNativeSeparators(m_path), missing.join(QLatin1String(", "))));
    }
    // The tables the file lacks, as empty TEMP tables of this connection: the file is not touched.
    QStringList ddl { WorklistSchema::worklistItemsDdl() };
    ddl += WorklistSchema::sideTableDdl(m_db);
    for (const QString& statement : std::as_const(ddl)) {
        if (!statement.startsWith(QLatin1String("CREATE TABLE")))
            continue; // indexes: not needed for reading
        const QString table = statement.section(QLatin1Char(' '), 2, 2).startsWith(QLatin1String("IF"))
            ? statement.section(QLatin1Char(' '), 5, 5)
            : statement.section(QLatin1Char(' '), 2, 2);
        const QString name = table.section(QLatin1Char('('), 0, 0).trimmed();
        const Result<QStringList> columns = WorklistSchema::tableColumns(m_db, name);
        if (!columns)
            return columns.error();
        if (!columns.value().isEmpty())
            continue;
        QString temporary = statement;
        temporary.replace(0, int(qstrlen("CREATE TABLE")), QStringLiteral("CREATE TEMP TABLE"));
        QSqlQuery query(m_db);
        if (!query.exec(temporary))
            return sqlError(query, action);
    }
    return {};
}

void WorklistStore::close()
{
    m_statements.reset();
    DatabaseConnection::closeAndRemove(m_db);
    m_path.clear();
    m_readOnly = false;
    m_postgres = false;
    m_redcapIdsReady = false;
    m_lockedSources.clear(); // the session's end frees them
    m_rowsAtAnalyze = 0;
    m_insertedSinceAnalyze = 0;
    m_everyRowKeyed = false;
}

Error WorklistStore::notOpenError(const QString& action) const
{
    // A PostgreSQL connection libpq found broken is no longer open: the connection was lost.
    if (m_postgres && m_db.isValid())
        return StoreError::fromPostgres(
            m_db, QSqlError(QStringLiteral("no connection to the server"), {}, QSqlError::ConnectionError),
            action);
    return makeError(Error::Kind::Database,
                     QStringLiteral("%1 failed: the worklist database is not open.").arg(action));
}

bool WorklistStore::isOpen() const
{
    return m_statements != nullptr && m_db.isOpen();
}

QString WorklistStore::path() const
{
    return m_path;
}

int WorklistStore::cachedUpdateStatements() const
{
    return m_statements ? static_cast<int>(m_statements->updates.size()) : 0;
}

QSqlDatabase WorklistStore::database() const
{
    return m_db;
}

Result<void> WorklistStore::prepareStatements()
{
    auto statements = std::make_unique<Statements>(m_db);

    QString insertColumns;
    for (int c = Worklist::Id + 1; c < Worklist::ColumnCount; ++c) {
        if (!insertColumns.isEmpty())
            insertColumns += QLatin1String(", ");
        insertColumns += Worklist::columnName(static_cast<Column>(c));
    }
    const QString insertItem = QLatin1String("INSERT INTO worklist_items (") + insertColumns
        + QLatin1String(") VALUES (") + placeholders(0, Worklist::ColumnCount - 1) + QLatin1Char(')');
    const std::array<std::pair<QSqlQuery*, QString>, 2> sql { {
        { &statements->insertItem, m_postgres ? keyedInsertSql(insertItem) : insertItem },
        { &statements->insertKey, insertKeySql() },
    } };
    for (const auto& [query, text] : sql) {
        query->setForwardOnly(true);
        if (!query->prepare(text))
            return sqlError(*query, QStringLiteral("Preparing the worklist statements"));
    }
    if (m_postgres
        && !statements->dropStaleKey.prepare(QStringLiteral("DELETE FROM lantir_entry_keys WHERE item_id = ")
                                             + placeholders(0, 1)))
        return sqlError(statements->dropStaleKey, QStringLiteral("Preparing the worklist statements"));
    QSqlError nativeError;
    statements->nativeInsertItem = NativeSqliteQuery::prepare(m_db, sql[0].second, &nativeError);
    if (!nativeError.isValid())
        statements->nativeInsertKey = NativeSqliteQuery::prepare(m_db, sql[1].second, &nativeError);
    if (nativeError.isValid())
        return StoreError::fromSql(m_db, nativeError, QStringLiteral("Preparing the worklist statements"));
    m_statements = std::move(statements);
    // The usual case: a sync that owns every column it may write.
    quint32 writable = 0;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (Worklist::isSyncWritable(static_cast<Column>(c)))
            writable |= bit(c);
    }
    const Result<Lookups*> lookups = lookupsFor(writable);
    if (!lookups)
        return lookups.error();
    return {};
}

QString WorklistStore::redcapIdsTable() const
{
    return m_postgres ? QStringLiteral("pg_temp.lantir_redcap_ids")
                      : QStringLiteral("temp.lantir_redcap_ids");
}

// PostgreSQL: the row and its key in one statement, so one round trip to the server per new entry
// (the key's values follow the row's: placeholders ColumnCount - 1 onwards). A key still naming the
// new id (a sequence set back, see insertKeySql) is deleted first: the aggregate over `stale` makes
// the DELETE run to its end before the key is inserted, and a key this transaction deleted does not
// conflict.
QString WorklistStore::keyedInsertSql(const QString& insertItem)
{
    return QLatin1String("WITH item AS (") + insertItem
        + QLatin1String(
               " RETURNING id), stale AS (DELETE FROM lantir_entry_keys k USING item "
               "WHERE k.item_id = item.id RETURNING k.item_id) "
               "INSERT INTO lantir_entry_keys (source, record_id, event_name, repeat_instance, item_id) "
               "SELECT ")
        + placeholders(Worklist::ColumnCount - 1, 4)
        + QLatin1String(", item.id FROM item CROSS JOIN (SELECT count(*) FROM stale) AS dropped "
                        "ON CONFLICT (source, record_id, event_name, repeat_instance) "
                        "DO UPDATE SET item_id = excluded.item_id RETURNING item_id");
}

QString WorklistStore::insertKeySql() const
{
    const QString insert
        = QLatin1String("INTO lantir_entry_keys (source, record_id, event_name, repeat_instance, "
                        "item_id) VALUES (")
        + placeholders(0, 5) + QLatin1Char(')');
    // SQLite: REPLACE also drops a stale key that names the id SQLite handed out again. A
    // PostgreSQL sequence hands an id out again once it is set back (a restored dump, setval,
    // TRUNCATE ... RESTART IDENTITY): insertKey() drops such a stale key first (dropStaleKey), and
    // only the key itself can conflict here.
    if (!m_postgres)
        return QLatin1String("INSERT OR REPLACE ") + insert;
    return QLatin1String("INSERT ") + insert
        + QLatin1String(" ON CONFLICT (source, record_id, event_name, repeat_instance) "
                        "DO UPDATE SET item_id = excluded.item_id");
}

Result<QSqlQuery*> WorklistStore::redcapIdInsert()
{
    std::optional<QSqlQuery>& insert = m_statements->insertRedcapIds;
    if (insert)
        return &*insert;
    QSqlQuery query(m_db);
    const QString values = placeholders(0, RedcapIdsPerInsert, QLatin1String("("), QLatin1String(")"));
    const QString sql = m_postgres
        ? QString(QLatin1String("INSERT INTO pg_temp.lantir_redcap_ids (record_id) VALUES ") + values
                  + QLatin1String(" ON CONFLICT DO NOTHING"))
        : QString(QLatin1String("INSERT OR IGNORE INTO temp.lantir_redcap_ids (record_id) VALUES ") + values);
    if (!query.prepare(sql))
        return sqlError(query, QStringLiteral("Keeping the list of REDCap's record ids"));
    insert.emplace(std::move(query));
    return &*insert;
}

Result<WorklistStore::Lookups*> WorklistStore::lookupsFor(quint32 columns)
{
    auto found = m_statements->lookups.find(columns);
    if (found != m_statements->lookups.end())
        return &found->second;
    Lookups lookups(m_db);
    // The id, then the compared columns; for candidates also what adoption matches on.
    const quint32 candidateColumns = columns | bit(Worklist::PatientId) | bit(Worklist::PatientName);
    const QString keyColumns = QLatin1String("w.id")
        + (columns ? QLatin1String(", ") + selectColumns(QStringLiteral("w"), columns) : QString());
    const std::array<std::pair<QSqlQuery*, QString>, 2> sql { {
        { &lookups.keys,
          QLatin1String("SELECT k.record_id, k.event_name, k.repeat_instance, ") + keyColumns
              + QLatin1String(", w.performed_procedure_step_status"
                              " FROM lantir_entry_keys k JOIN worklist_items w ON w.id = k.item_id "
                              "WHERE k.source = :p0 AND k.record_id IN (")
              + placeholders(1, LookupChunk) + QLatin1Char(')') },
        { &lookups.candidates,
          QLatin1String("SELECT w.id, ") + selectColumns(QStringLiteral("w"), candidateColumns)
              + QLatin1String(" FROM worklist_items w WHERE w.patient_id IN (") + placeholders(0, LookupChunk)
              + QLatin1String(") AND NOT EXISTS (SELECT 1 FROM lantir_entry_keys k WHERE k.item_id = w.id) "
                              "ORDER BY w.id") },
    } };
    for (const auto& [query, text] : sql) {
        query->setForwardOnly(true);
        if (!query->prepare(text))
            return sqlError(*query, QStringLiteral("Preparing the worklist statements"));
    }
    QSqlError nativeError;
    lookups.nativeKeys = NativeSqliteQuery::prepare(m_db, sql[0].second, &nativeError);
    if (nativeError.isValid())
        return StoreError::fromSql(m_db, nativeError, QStringLiteral("Preparing the worklist statements"));
    return &m_statements->lookups.emplace(columns, std::move(lookups)).first->second;
}

Error WorklistStore::sqlError(const QSqlQuery& query, const QString& action) const
{
    return StoreError::fromSql(m_db, query.lastError(), action);
}

Error WorklistStore::entryError(const QSqlQuery& query, const QString& action,
                                const WorklistEntry& entry) const
{
    return entryError(query.lastError(), action, entry);
}

Error WorklistStore::entryError(const QSqlError& error, const QString& action,
                                const WorklistEntry& entry) const
{
    QString where = QStringLiteral("at record %1").arg(entry.key.recordId);
    if (!entry.key.eventName.isEmpty())
        where += QStringLiteral(", event %1").arg(entry.key.eventName);
    if (!entry.key.repeatInstance.isEmpty())
        where += QStringLiteral(", instance %1").arg(entry.key.repeatInstance);
    if (!entry[Worklist::PatientId].isEmpty())
        where += QStringLiteral(" (patient_id %1)").arg(entry[Worklist::PatientId]);
    return StoreError::fromSql(m_db, error, action, where);
}

void WorklistStore::rollback()
{
    // SQLite rolls back by itself after some errors (disk full, I/O error, some busy commits);
    // then there is nothing left to undo.
    QSqlQuery undo(m_db);
    if (!undo.exec(QStringLiteral("ROLLBACK"))
        && !undo.lastError().databaseText().contains(QLatin1String("no transaction is active")))
        qCWarning(lcStore) << "Rollback failed:" << undo.lastError().text();
}

Result<UpsertStats> WorklistStore::upsert(const QList<WorklistEntry>& entries, const QList<Column>& owned,
                                          bool dryRun)
{
    return checkedWrite(entries, owned, dryRun, nullptr);
}

Result<UpsertStats> WorklistStore::upsertBatch(const QString& source, const QStringList& records,
                                               const QList<WorklistEntry>& entries,
                                               const QList<Column>& owned, bool dryRun,
                                               QList<qint64>& missing, IdTally* seen)
{
    missing.clear();
    MissingScan scan { source, {}, {} };
    Result<UpsertStats> written = checkedWrite(entries, owned, dryRun, &scan);
    if (!written)
        return written;
    std::vector<qint64>& found = scan.claimed;
    if (!scan.unclaimed.isEmpty()) {
        QSet<QString> keys; // the keys of every entry: an unclaimed row with one of them was written
        keys.reserve(entries.size());
        for (const WorklistEntry& entry : entries)
            keys.insert(keyText(entry.key));
        for (auto it = scan.unclaimed.cbegin(); it != scan.unclaimed.cend(); ++it) {
            found.push_back(it.value());
            if (!keys.contains(it.key()))
                missing.append(it.value());
        }
    }
    if (seen) {
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        for (const qint64 id : found)
            seen->add(id);
    }
    const QStringList without = recordsWithoutEntries(source, records, entries);
    if (without.isEmpty())
        return written;
    const Result<QList<qint64>> rest = scheduledRowsMissingFrom(source, without, {});
    if (!rest)
        return rest.error();
    missing += rest.value();
    for (const qint64 id : rest.value()) {
        if (seen)
            seen->add(id); // every SCHEDULED row of a record without entries
    }
    return written;
}

Result<UpsertStats> WorklistStore::checkedWrite(const QList<WorklistEntry>& entries,
                                                const QList<Column>& owned, bool dryRun, MissingScan* scan)
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Writing worklist entries"));
    quint32 ownedMask = 0;
    for (const Column column : owned) {
        if (Worklist::isSyncWritable(column))
            ownedMask |= bit(column);
    }

    if (entries.isEmpty())
        return UpsertStats();
    if (m_readOnly && !dryRun)
        return readOnlyError(QStringLiteral("Writing worklist entries"));
    const QString action = QStringLiteral("Writing %1 worklist entries").arg(entries.size());
    for (const WorklistEntry& entry : entries) {
        if (entry.key.source.isEmpty() || entry.key.recordId.isEmpty())
            return makeError(
                Error::Kind::Database,
                action
                    + QStringLiteral(" failed: an entry (patient_id \"%1\") has no data source name or "
                                     "record id, so it cannot be identified. Nothing was written.")
                          .arg(entry[Worklist::PatientId]));
    }
    return write(entries, ownedMask, dryRun, action, scan);
}

Result<UpsertStats> WorklistStore::write(const QList<WorklistEntry>& entries, quint32 ownedMask, bool dryRun,
                                         const QString& action, MissingScan* scan)
{
    UpsertStats stats;
    QElapsedTimer timer;
    timer.start();
    {
        // A dry run only reads: a deferred transaction gives its lookups one consistent view
        // without the write lock pylantir's server would have to wait for.
        QSqlQuery begin(m_db);
        QSqlError failed;
        const bool begun
            = dryRun ? begin.exec(QStringLiteral("BEGIN")) : DatabaseConnection::beginWrite(m_db, &failed);
        if (!begun) {
            const Error error = StoreError::fromSql(m_db, dryRun ? begin.lastError() : failed, action);
            qCWarning(lcStore).noquote() << error.message;
            return error;
        }
    }
    const bool everyKeyed = everyRowKeyed();
    for (auto first = entries.cbegin(); first != entries.cend();) {
        const auto last = entries.cend() - first > WindowSize ? first + WindowSize : entries.cend();
        Window window;
        window.everyRowKeyed = everyKeyed;
        window.slots.reserve(std::size_t(last - first));
        window.slotNumber.reserve(last - first);
        window.slotOf.reserve(std::size_t(last - first));
        for (auto it = first; it != last; ++it) {
            qsizetype& number = window.slotNumber[keyText(it->key)];
            if (number == 0) {
                window.slots.push_back(Slot { &*it, std::nullopt });
                number = qsizetype(window.slots.size());
            }
            window.slotOf.push_back(number - 1);
        }
        Result<void> written = prefetch(first, last, ownedMask, window, action, scan);
        for (auto it = first; written && it != last; ++it)
            written
                = upsertOne(*it, window.slotFor(it - first), ownedMask, dryRun, window, action, stats, scan);
        if (!written) {
            rollback();
            noteWriteEnd(false);
            qCWarning(lcStore).noquote() << written.error().message;
            return written.error();
        }
        first = last;
    }
    if (dryRun) {
        rollback();
        noteWriteEnd(everyKeyed);
        qCInfo(lcStore) << "Dry run of" << entries.size() << "entries:" << stats.inserted
                        << "would be inserted," << stats.updated << "updated," << stats.unchanged
                        << "unchanged; nothing written";
        return stats;
    }
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const Error error = sqlError(commit, action);
        rollback();
        noteWriteEnd(false);
        qCWarning(lcStore).noquote() << error.message;
        return error;
    }
    // Every row this write inserted or adopted got its key in the same transaction.
    noteWriteEnd(everyKeyed);
    refreshStatistics(stats.inserted);
    qCDebug(lcStore) << "Wrote" << entries.size() << "entries in" << timer.elapsed()
                     << "ms:" << stats.inserted << "inserted," << stats.updated << "updated,"
                     << stats.unchanged << "unchanged," << stats.adopted << "adopted";
    return stats;
}

// Reads the rows keyed to records[start, start + LookupChunk) of `source` into the window.
template <typename Query>
QSqlError WorklistStore::readByKey(Query& keys, const QString& source, const QStringList& records,
                                   qsizetype start, quint32 columns, Window& window, MissingScan* scan)
{
    bindText(keys, 0, source);
    for (int i = 0; i < LookupChunk; ++i) {
        const qsizetype index = start + i < records.size() ? start + i : start;
        bindText(keys, 1 + i, records.at(index));
    }
    if (!execute(keys))
        return keys.lastError();
    const bool scanned = scan && source == scan->source;
    const int statusColumn = 4 + qPopulationCount(columns);
    while (keys.next()) {
        const qint64 id = int64Of(keys, 3);
        const QString key = keyOfRow(keys, source);
        const auto number = window.slotNumber.constFind(key);
        if (number == window.slotNumber.cend()) {
            // No entry of this window has the key: only a SCHEDULED row matters, to the scan.
            if (scanned && textEquals(keys, statusColumn, scheduledStatus()))
                scan->unclaimed.insert(key, id);
            continue;
        }
        Slot& slot = window.slots[std::size_t(*number - 1)];
        if (slot.row)
            continue; // a key names one row: read already
        Row& row = slot.row.emplace();
        row.id = id;
        // Compared where they are read: an unchanged row (the usual case) costs no string.
        const WorklistEntry* entry = slot.first;
        int index = 4;
        for (int c = 0; entry && c < Worklist::ColumnCount; ++c) {
            if ((columns & bit(c)) && !textEquals(keys, index++, (*entry)[static_cast<Column>(c)]))
                entry = nullptr;
        }
        row.matches = entry;
        index = 4;
        for (int c = 0; c < Worklist::ColumnCount; ++c) {
            if (!(columns & bit(c)))
                continue;
            if (!row.matches)
                row.values[static_cast<std::size_t>(c)] = textOf(keys, index);
            ++index;
        }
        row.status = statusOf(keys, index);
        if (scanned && row.status == Worklist::ScheduledStatus)
            scan->claimed.push_back(id);
    }
    const QSqlError failed = keys.lastError();
    keys.finish();
    return failed;
}

Result<void> WorklistStore::prefetch(QList<WorklistEntry>::const_iterator first,
                                     QList<WorklistEntry>::const_iterator last, quint32 columns,
                                     Window& window, const QString& action, MissingScan* scan)
{
    const Result<Lookups*> lookups = lookupsFor(columns);
    if (!lookups)
        return lookups.error();
    QSqlQuery& candidates = lookups.value()->candidates;

    // Rows by key: the record ids of the window, per source, LookupChunk at a time (the last
    // chunk padded by repeating an id).
    QHash<QString, QStringList> recordsBySource;
    {
        QHash<QString, QSet<QString>> seen;
        const EntryKey* previous = nullptr; // entries of a record mostly follow each other
        for (auto it = first; it != last; ++it) {
            const EntryKey& key = it->key;
            if (previous && previous->recordId == key.recordId && previous->source == key.source)
                continue;
            previous = &key;
            QSet<QString>& records = seen[key.source];
            if (!records.contains(key.recordId)) {
                records.insert(key.recordId);
                recordsBySource[key.source].append(key.recordId);
            }
        }
    }
    for (auto source = recordsBySource.cbegin(); source != recordsBySource.cend(); ++source) {
        const QStringList& records = source.value();
        for (qsizetype start = 0; start < records.size(); start += LookupChunk) {
            const QSqlError failed = lookups.value()->nativeKeys
                ? readByKey(*lookups.value()->nativeKeys, source.key(), records, start, columns, window, scan)
                : readByKey(lookups.value()->keys, source.key(), records, start, columns, window, scan);
            if (failed.isValid())
                return StoreError::fromSql(m_db, failed, action);
        }
    }

    // Adoption candidates, only for entries no key points to yet.
    QStringList patientIds;
    if (!window.everyRowKeyed) {
        QSet<QString> seen;
        for (auto it = first; it != last; ++it) {
            const QString& patientId = (*it)[Worklist::PatientId];
            if (patientId.isEmpty() || seen.contains(patientId) || window.slotFor(it - first).row)
                continue;
            seen.insert(patientId);
            patientIds.append(patientId);
        }
    }
    for (qsizetype start = 0; start < patientIds.size(); start += LookupChunk) {
        for (int i = 0; i < LookupChunk; ++i) {
            const qsizetype index = start + i < patientIds.size() ? start + i : start;
            bind(candidates, i, patientIds.at(index));
        }
        if (!candidates.exec())
            return sqlError(candidates, action);
        while (candidates.next()) {
            Row row;
            row.id = candidates.value(0).toLongLong();
            readColumns(candidates, 1, columns | bit(Worklist::PatientId) | bit(Worklist::PatientName), row);
            window.candidates[row.values[Worklist::PatientId]].append(row);
        }
        if (candidates.lastError().isValid())
            return sqlError(candidates, action);
        candidates.finish();
    }
    return {};
}

// total_changes() (rows this connection changed, whatever the table) and data_version (changes
// when another connection commits); {-1, -1} when they cannot be read.
std::pair<qint64, qint64> WorklistStore::changeCounters()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT total_changes(), (SELECT data_version FROM pragma_data_version())"))
        || !query.next())
        return { -1, -1 };
    return { query.value(0).toLongLong(), query.value(1).toLongLong() };
}

bool WorklistStore::everyRowKeyed()
{
    if (m_postgres)
        return false;
    if (m_everyRowKeyed && changeCounters() == m_countersAtWriteEnd)
        return true;
    m_everyRowKeyed = false;
    QSqlQuery empty(m_db);
    empty.setForwardOnly(true);
    return empty.exec(QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM worklist_items)")) && empty.next()
        && empty.value(0).toInt() == 1;
}

void WorklistStore::noteWriteEnd(bool everyRowKeyed)
{
    m_everyRowKeyed = false;
    if (!everyRowKeyed || m_postgres)
        return;
    m_countersAtWriteEnd = changeCounters();
    m_everyRowKeyed = m_countersAtWriteEnd.first >= 0;
}

Result<void> WorklistStore::upsertOne(const WorklistEntry& entry, Slot& slot, quint32 ownedMask, bool dryRun,
                                      Window& window, const QString& action, UpsertStats& stats,
                                      MissingScan* scan)
{
    if (!slot.row) {
        std::optional<Row> adopted = takeAdoptable(entry, window);
        Row row;
        if (adopted) {
            row = *adopted;
        } else if (isExpired(entry)) {
            ++stats.expired;
            return {};
        } else {
            Result<Row> inserted = insertItem(entry, dryRun, action);
            if (!inserted)
                return inserted.error();
            row = std::move(inserted).value();
        }
        if (!dryRun && (adopted || !m_postgres)) { // PostgreSQL keys a new row as it inserts it
            if (Result<void> keyed = insertKey(entry, row.id, action); !keyed)
                return keyed;
        }
        slot.row = std::move(row);
        if (!adopted) {
            ++stats.inserted;
            noteScheduled(scan, entry, slot.row->id, dryRun);
            return {};
        }
        ++stats.adopted;
    } else if (slot.row->status == Worklist::CanceledStatus) {
        // The visit came back to REDCap: its row is offered again, with the same UID.
        if (Result<void> restored = restoreRow(slot.row->id, dryRun, action, entry); !restored)
            return restored;
        slot.row->status = QString(Worklist::ScheduledStatus);
        ++stats.restored;
        noteScheduled(scan, entry, slot.row->id, dryRun);
    }
    return updateRow(*slot.row, entry, ownedMask, dryRun, action, stats);
}

// A row this write made SCHEDULED (inserted or restored) counts among the rows the export found,
// so that a full export which only added visits still proves no record was deleted.
void WorklistStore::noteScheduled(MissingScan* scan, const WorklistEntry& entry, qint64 id, bool dryRun)
{
    if (scan && !dryRun && entry.key.source == scan->source)
        scan->claimed.push_back(id);
}

bool WorklistStore::isExpired(const WorklistEntry& entry) const
{
    // pylantir writes YYYY-MM-DD, DICOM has YYYYMMDD: compared as digits.
    QString date = entry[Worklist::ScheduledStartDate];
    date.remove(QLatin1Char('-'));
    return !m_insertCutoff.isEmpty() && date.size() == 8 && date < m_insertCutoff;
}

std::optional<WorklistStore::Row> WorklistStore::takeAdoptable(const WorklistEntry& entry, Window& window)
{
    // pylantir looks rows up by patient_id and patient_name, by patient_id alone when the name
    // is empty; of several, the oldest.
    const QString& patientId = entry[Worklist::PatientId];
    const QString& patientName = entry[Worklist::PatientName];
    if (patientId.isEmpty())
        return std::nullopt;
    const auto candidates = window.candidates.find(patientId);
    if (candidates == window.candidates.end())
        return std::nullopt;
    QList<Row>& rows = candidates.value();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (patientName.isEmpty() || rows.at(i).values[Worklist::PatientName] == patientName)
            return rows.takeAt(i);
    }
    return std::nullopt;
}

Result<WorklistStore::Row> WorklistStore::insertItem(const WorklistEntry& entry, bool dryRun,
                                                     const QString& action)
{
    Row row;
    if (dryRun) {
        // Counted as the insert would be; later entries of this write compare with it.
        for (int c = Worklist::Id + 1; c < Worklist::ColumnCount; ++c)
            row.values[static_cast<std::size_t>(c)] = entry[static_cast<Column>(c)];
        return row;
    }
    NativeSqliteQuery* native = m_statements->nativeInsertItem.get();
    QSqlQuery& insert = m_statements->insertItem;
    for (int c = Worklist::Id + 1; c < Worklist::ColumnCount; ++c) {
        QString& value = row.values[static_cast<std::size_t>(c)];
        if (c == Worklist::StudyInstanceUid)
            value = StudyUid::generate();
        else if (c == Worklist::PerformedProcedureStepStatus)
            value = QString(Worklist::ScheduledStatus);
        else
            value = entry[static_cast<Column>(c)];
        if (native)
            native->bindText(c - 1, value);
        else
            bind(insert, c - 1, sqlText(value));
    }
    if (m_postgres) {
        bindText(insert, Worklist::ColumnCount - 1, entry.key.source);
        bindText(insert, Worklist::ColumnCount, entry.key.recordId);
        bindText(insert, Worklist::ColumnCount + 1, keyPart(entry.key.eventName));
        bindText(insert, Worklist::ColumnCount + 2, keyPart(entry.key.repeatInstance));
    }
    if (native) {
        if (!native->run())
            return entryError(native->lastError(), action, entry);
        row.id = native->lastInsertRowId();
    } else {
        if (!insert.exec())
            return entryError(insert.lastError(), action, entry);
        row.id = m_postgres ? (insert.next() ? insert.value(0).toLongLong() : 0)
                            : insert.lastInsertId().toLongLong();
        insert.finish();
    }
    row.values[Worklist::Id] = QString::number(row.id);
    return row;
}

Result<void> WorklistStore::insertKey(const WorklistEntry& entry, qint64 id, const QString& action)
{
    const auto run = [&entry, id](auto& insert) {
        bindText(insert, 0, entry.key.source);
        bindText(insert, 1, entry.key.recordId);
        bindText(insert, 2, keyPart(entry.key.eventName));
        bindText(insert, 3, keyPart(entry.key.repeatInstance));
        bindInt64(insert, 4, id);
        return runStatement(insert) ? QSqlError() : insert.lastError();
    };
    if (m_postgres) {
        // The row `id` is new, or was adopted without a key: a key that names it is stale.
        QSqlQuery& drop = m_statements->dropStaleKey;
        bindInt64(drop, 0, id);
        if (!runStatement(drop))
            return entryError(drop.lastError(), action, entry);
    }
    NativeSqliteQuery* native = m_statements->nativeInsertKey.get();
    const QSqlError failed = native ? run(*native) : run(m_statements->insertKey);
    if (failed.isValid())
        return entryError(failed, action, entry);
    return {};
}

Result<void> WorklistStore::updateRow(Row& row, const WorklistEntry& entry, quint32 ownedMask, bool dryRun,
                                      const QString& action, UpsertStats& stats)
{
    if (row.matches == &entry) {
        ++stats.unchanged;
        return {};
    }
    if (row.matches) {
        // A second entry with the key: compared with the values the row holds, its first entry's.
        for (int c = 0; c < Worklist::ColumnCount; ++c) {
            if (ownedMask & bit(c))
                row.values[static_cast<std::size_t>(c)] = (*row.matches)[static_cast<Column>(c)];
        }
        row.matches = nullptr;
    }
    quint32 changed = 0;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if ((ownedMask & bit(c))
            && differs(row.values[static_cast<std::size_t>(c)], entry[static_cast<Column>(c)]))
            changed |= bit(c);
    }
    if (changed == 0) {
        ++stats.unchanged;
        return {};
    }
    if (dryRun) {
        for (int c = 0; c < Worklist::ColumnCount; ++c) {
            if (changed & bit(c))
                row.values[static_cast<std::size_t>(c)] = entry[static_cast<Column>(c)];
        }
        ++stats.updated;
        return {};
    }

    Result<QSqlQuery*> statement = updateStatement(changed, entry, action);
    if (!statement)
        return statement.error();
    QSqlQuery& update = *statement.value();
    int position = 0;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (changed & bit(c)) {
            row.values[static_cast<std::size_t>(c)] = entry[static_cast<Column>(c)];
            bind(update, position++, sqlText(entry[static_cast<Column>(c)]));
        }
    }
    bind(update, position, row.id);
    if (!update.exec())
        return entryError(update, action, entry);
    update.finish();
    ++stats.updated;
    return {};
}

Result<QSqlQuery*> WorklistStore::updateStatement(quint32 changed, const WorklistEntry& entry,
                                                  const QString& action)
{
    Statements& s = *m_statements;
    auto it = s.updates.find(changed);
    if (it != s.updates.end())
        return &it->second;
    if (s.updates.size() >= MaxCachedUpdates)
        s.updates.clear();
    QString assignments;
    int position = 0;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (!(changed & bit(c)))
            continue;
        if (!assignments.isEmpty())
            assignments += QLatin1String(", ");
        assignments += Worklist::columnName(static_cast<Column>(c)) + QLatin1String(" = ")
            + placeholderNames().at(position++);
    }
    QSqlQuery update(m_db);
    update.setForwardOnly(true);
    if (!update.prepare(QLatin1String("UPDATE worklist_items SET ") + assignments
                        + QLatin1String(" WHERE id = ") + placeholderNames().at(position)))
        return entryError(update, action, entry);
    return &s.updates.emplace(changed, std::move(update)).first->second;
}

Result<std::optional<QDateTime>> WorklistStore::highWaterMark(const QString& source)
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Reading the high-water mark of %1").arg(source));
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT value FROM lantir_state WHERE key = ?"));
    query.bindValue(0, stateKeyForMark(source));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Reading the high-water mark of %1").arg(source));
    if (!query.next()) {
        if (query.lastError().isValid())
            return sqlError(query, QStringLiteral("Reading the high-water mark of %1").arg(source));
        return std::optional<QDateTime>();
    }
    const QString text = query.value(0).toString();
    QDateTime mark = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!mark.isValid()) {
        qCWarning(lcStore) << "Ignoring the unreadable high-water mark" << text << "of" << source
                           << "; the next sync exports everything";
        return std::optional<QDateTime>();
    }
    return std::optional<QDateTime>(mark.toUTC());
}

Result<void> WorklistStore::setHighWaterMark(const QString& source, const QDateTime& utc)
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Saving the high-water mark of %1").arg(source));
    if (m_readOnly)
        return readOnlyError(QStringLiteral("Saving the high-water mark"));
    if (!utc.isValid())
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Cannot store an invalid time as the high-water mark of %1.").arg(source));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO lantir_state (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.bindValue(0, stateKeyForMark(source));
    query.bindValue(1, utc.toUTC().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Saving the high-water mark of %1").arg(source));
    return {};
}

Result<void> WorklistStore::clearHighWaterMark(const QString& source)
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Clearing the high-water mark of %1").arg(source));
    if (m_readOnly)
        return readOnlyError(QStringLiteral("Clearing the high-water mark"));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM lantir_state WHERE key = ?"));
    query.bindValue(0, stateKeyForMark(source));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Clearing the high-water mark of %1").arg(source));
    return {};
}

} // namespace Lantir
