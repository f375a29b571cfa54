#include "WorklistStore.h"

#include "CycleHistory.h"
#include "Logging.h"
#include "StoreError.h"
#include "StudyUid.h"
#include "WorklistSchema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <array>
#include <unordered_map>

namespace Lantir {

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

QString selectColumns(const QString& alias)
{
    QString list;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (c > 0)
            list += QLatin1String(", ");
        list += alias + QLatin1Char('.') + Worklist::columnName(static_cast<Column>(c));
    }
    return list;
}

constexpr int MaxCachedUpdates = 256;

// Creates the missing folders of `folder`, each with mode 0700.
Result<void> createFolders(const QString& folder)
{
    QStringList missing;
    QString current = QDir::cleanPath(folder);
    while (!QFileInfo::exists(current)) {
        missing.prepend(current);
        const QString parent = QFileInfo(current).path();
        if (parent == current)
            break;
        current = parent;
    }
    for (const QString& path : qAsConst(missing)) {
        if (!QDir().mkdir(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            return makeError(
                Error::Kind::Database,
                QStringLiteral("Could not create the folder %1 for the worklist database. Check that "
                               "its parent folder is writable for this user, or choose another "
                               "database path.")
                    .arg(QDir::toNativeSeparators(path)));
        qCInfo(lcStore) << "Created folder" << QDir::toNativeSeparators(path);
    }
    return {};
}

// Creates an empty database file readable and writable by its owner only (SQLite gives its
// -journal file the same mode). An empty file is a valid, empty SQLite database.
Result<void> createPrivateFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner)) {
        if (QFileInfo::exists(path))
            return {};
        return makeError(
            Error::Kind::Database,
            QStringLiteral("Could not create the worklist database %1: %2. Check that the folder is "
                           "writable for this user, or choose another database path.")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    qCInfo(lcStore) << "Created worklist database file" << QDir::toNativeSeparators(path);
    return {};
}

// A file that exists must be a SQLite database (or empty) before SQLite may touch it.
Result<void> checkSqliteFile(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Database,
                         QStringLiteral("Could not read the worklist database %1: %2. Check the file's "
                                        "permissions.")
                             .arg(shown, file.errorString()));
    static const QByteArray Header("SQLite format 3\0", 16);
    const QByteArray head = file.read(Header.size());
    if (head.isEmpty() && file.size() == 0)
        return {};
    if (head == Header)
        return {};
    return makeError(
        Error::Kind::Database,
        QStringLiteral("The file %1 is not a SQLite database, so it cannot be the worklist database. "
                       "Lantir left it untouched: choose another database path, or move that file "
                       "away if it is not needed.")
            .arg(shown));
}
} // namespace

struct WorklistStore::Row
{
    qint64 id = 0;
    std::array<QString, Worklist::ColumnCount> values;
};

struct WorklistStore::Statements
{
    explicit Statements(const QSqlDatabase& db)
        : findByKey(db)
        , adoptByIdAndName(db)
        , adoptById(db)
        , insertItem(db)
        , insertKey(db)
    {
    }

    QSqlQuery findByKey;
    QSqlQuery adoptByIdAndName;
    QSqlQuery adoptById;
    QSqlQuery insertItem;
    QSqlQuery insertKey;
    // UPDATE statements by the set of columns they write.
    std::unordered_map<quint32, QSqlQuery> updates;
};

WorklistStore::WorklistStore(const QString& connectionName)
    : m_connectionName(connectionName)
{
    if (m_connectionName.isEmpty())
        m_connectionName
            = QStringLiteral("lantir-store-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1) + 1);
}

WorklistStore::~WorklistStore()
{
    close();
}

Result<void> WorklistStore::open(const QString& path, int busyTimeoutMs)
{
    close();
    if (path.trimmed().isEmpty())
        return makeError(
            Error::Kind::Config,
            QStringLiteral("No worklist database path is set. Set db_path in the configuration or "
                           "pass --db PATH."));
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
        const Result<void> isSqlite = checkSqliteFile(absolute);
        if (!isSqlite)
            return isSqlite;
        if (!info.isWritable())
            qCWarning(lcStore) << "The worklist database" << QDir::toNativeSeparators(absolute)
                               << "is read-only for this user: writes will fail";
    } else {
        Result<void> created = createFolders(info.absolutePath());
        if (created)
            created = createPrivateFile(absolute);
        if (!created)
            return created;
    }

    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return makeError(
            Error::Kind::Database,
            QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed. Install the Qt 6 SQLite "
                           "plugin (Debian/Ubuntu: libqt6sql6-sqlite)."));

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(absolute);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    m_path = absolute;
    m_busyTimeoutMs = busyTimeoutMs;
    if (!m_db.open()) {
        const Error error
            = StoreError::fromSql(m_db, m_db.lastError(), QStringLiteral("Opening the worklist database"));
        close();
        return error;
    }

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

void WorklistStore::close()
{
    m_statements.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_path.clear();
}

bool WorklistStore::isOpen() const
{
    return m_statements != nullptr && m_db.isOpen();
}

QString WorklistStore::path() const
{
    return m_path;
}

QSqlDatabase WorklistStore::database() const
{
    return m_db;
}

Result<void> WorklistStore::prepareStatements()
{
    auto statements = std::make_unique<Statements>(m_db);
    const QString columns = selectColumns(QStringLiteral("w"));
    const QString notKeyed
        = QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM lantir_entry_keys k WHERE k.item_id = w.id)");

    QString insertColumns;
    QString insertValues;
    for (int c = Worklist::Id + 1; c < Worklist::ColumnCount; ++c) {
        if (!insertColumns.isEmpty()) {
            insertColumns += QLatin1String(", ");
            insertValues += QLatin1String(", ");
        }
        insertColumns += Worklist::columnName(static_cast<Column>(c));
        insertValues += QLatin1Char('?');
    }

    const std::array<std::pair<QSqlQuery*, QString>, 5> sql { {
        { &statements->findByKey,
          QLatin1String("SELECT ") + columns
              + QLatin1String(
                  " FROM lantir_entry_keys k JOIN worklist_items w ON w.id = k.item_id "
                  "WHERE k.source = ? AND k.record_id = ? AND k.event_name = ? AND k.repeat_instance = ?") },
        { &statements->adoptByIdAndName,
          QLatin1String("SELECT ") + columns
              + QLatin1String(" FROM worklist_items w WHERE w.patient_id = ? AND w.patient_name = ?")
              + notKeyed + QLatin1String(" ORDER BY w.id LIMIT 1") },
        { &statements->adoptById,
          QLatin1String("SELECT ") + columns + QLatin1String(" FROM worklist_items w WHERE w.patient_id = ?")
              + notKeyed + QLatin1String(" ORDER BY w.id LIMIT 1") },
        { &statements->insertItem,
          QLatin1String("INSERT INTO worklist_items (") + insertColumns + QLatin1String(") VALUES (")
              + insertValues + QLatin1Char(')') },
        { &statements->insertKey,
          QStringLiteral(
              "INSERT OR REPLACE INTO lantir_entry_keys (source, record_id, event_name, repeat_instance, "
              "item_id) VALUES (?, ?, ?, ?, ?)") },
    } };
    for (const auto& [query, text] : sql) {
        query->setForwardOnly(true);
        if (!query->prepare(text))
            return sqlError(*query, QStringLiteral("Preparing the worklist statements"));
    }
    m_statements = std::move(statements);
    return {};
}

Error WorklistStore::sqlError(const QSqlQuery& query, const QString& action) const
{
    return StoreError::fromSql(m_db, query.lastError(), action);
}

void WorklistStore::rollback()
{
    QSqlQuery undo(m_db);
    if (!undo.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStore) << "Rollback failed:" << undo.lastError().text();
}

Result<bool> WorklistStore::fetchRow(QSqlQuery& query, Row& row)
{
    if (!query.exec())
        return sqlError(query, QStringLiteral("Looking up a worklist row"));
    const bool found = query.next();
    if (found) {
        row.id = query.value(Worklist::Id).toLongLong();
        for (int c = 0; c < Worklist::ColumnCount; ++c) {
            const QVariant value = query.value(c);
            row.values[static_cast<std::size_t>(c)] = value.isNull() ? QString() : value.toString();
        }
    }
    const bool failed = !found && query.lastError().isValid();
    const Error error = failed ? sqlError(query, QStringLiteral("Looking up a worklist row")) : Error();
    query.finish();
    if (failed)
        return error;
    return found;
}

Result<UpsertStats> WorklistStore::upsert(const QList<WorklistEntry>& entries, const QList<Column>& owned,
                                          bool dryRun)
{
    if (!isOpen())
        return makeError(
            Error::Kind::Database,
            QStringLiteral("The worklist database is not open: open it before writing entries."));
    quint32 ownedMask = 0;
    for (const Column column : owned) {
        if (Worklist::isSyncWritable(column))
            ownedMask |= bit(column);
    }

    UpsertStats stats;
    if (entries.isEmpty())
        return stats;

    QElapsedTimer timer;
    timer.start();
    const QString action = QStringLiteral("Writing %1 worklist entries").arg(entries.size());
    {
        QSqlQuery begin(m_db);
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return sqlError(begin, action);
    }
    for (const WorklistEntry& entry : entries) {
        const Result<void> written = upsertOne(entry, ownedMask, stats);
        if (!written) {
            rollback();
            Error error = written.error();
            if (!error.message.startsWith(action))
                error.message = action + QLatin1String(": ") + error.message;
            qCWarning(lcStore).noquote() << error.message;
            return error;
        }
    }
    if (dryRun) {
        rollback();
        qCInfo(lcStore) << "Dry run of" << entries.size() << "entries:" << stats.inserted
                        << "would be inserted," << stats.updated << "updated," << stats.unchanged
                        << "unchanged; nothing written";
        return stats;
    }
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const Error error = sqlError(commit, action);
        rollback();
        qCWarning(lcStore).noquote() << error.message;
        return error;
    }
    qCDebug(lcStore) << "Wrote" << entries.size() << "entries in" << timer.elapsed()
                     << "ms:" << stats.inserted << "inserted," << stats.updated << "updated,"
                     << stats.unchanged << "unchanged," << stats.adopted << "adopted";
    return stats;
}

Result<void> WorklistStore::upsertOne(const WorklistEntry& entry, quint32 ownedMask, UpsertStats& stats)
{
    Statements& s = *m_statements;
    const EntryKey& key = entry.key;
    if (key.source.isEmpty() || key.recordId.isEmpty())
        return makeError(
            Error::Kind::Database,
            QStringLiteral("an entry (patient_id \"%1\") has no data source name or record id, so it "
                           "cannot be identified; nothing was written.")
                .arg(entry[Worklist::PatientId]));

    Row row;
    s.findByKey.bindValue(0, key.source);
    s.findByKey.bindValue(1, key.recordId);
    s.findByKey.bindValue(2, keyPart(key.eventName));
    s.findByKey.bindValue(3, keyPart(key.repeatInstance));
    Result<bool> found = fetchRow(s.findByKey, row);
    if (!found)
        return found.error();

    if (!found.value()) {
        const QString& patientId = entry[Worklist::PatientId];
        const QString& patientName = entry[Worklist::PatientName];
        if (!patientId.isEmpty()) {
            // pylantir looks rows up by patient_id and patient_name, by patient_id alone when the
            // name is empty.
            QSqlQuery& adopt = patientName.isEmpty() ? s.adoptById : s.adoptByIdAndName;
            adopt.bindValue(0, patientId);
            if (!patientName.isEmpty())
                adopt.bindValue(1, patientName);
            found = fetchRow(adopt, row);
            if (!found)
                return found.error();
        }
        if (!found.value()) {
            for (int c = Worklist::Id + 1; c < Worklist::ColumnCount; ++c) {
                const int position = c - 1;
                if (c == Worklist::StudyInstanceUid)
                    s.insertItem.bindValue(position, StudyUid::generate());
                else if (c == Worklist::PerformedProcedureStepStatus)
                    s.insertItem.bindValue(position, QString(Worklist::ScheduledStatus));
                else
                    s.insertItem.bindValue(position, sqlText(entry[static_cast<Column>(c)]));
            }
            if (!s.insertItem.exec())
                return sqlError(s.insertItem, QStringLiteral("Inserting a worklist row"));
            row.id = s.insertItem.lastInsertId().toLongLong();
            s.insertItem.finish();
        }
        s.insertKey.bindValue(0, key.source);
        s.insertKey.bindValue(1, key.recordId);
        s.insertKey.bindValue(2, keyPart(key.eventName));
        s.insertKey.bindValue(3, keyPart(key.repeatInstance));
        s.insertKey.bindValue(4, row.id);
        if (!s.insertKey.exec())
            return sqlError(s.insertKey, QStringLiteral("Recording an entry key"));
        s.insertKey.finish();
        if (!found.value()) {
            ++stats.inserted;
            return {};
        }
        ++stats.adopted;
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

    auto it = s.updates.find(changed);
    if (it == s.updates.end()) {
        if (s.updates.size() >= MaxCachedUpdates)
            s.updates.clear();
        QString assignments;
        for (int c = 0; c < Worklist::ColumnCount; ++c) {
            if (!(changed & bit(c)))
                continue;
            if (!assignments.isEmpty())
                assignments += QLatin1String(", ");
            assignments += Worklist::columnName(static_cast<Column>(c)) + QLatin1String(" = ?");
        }
        QSqlQuery update(m_db);
        update.setForwardOnly(true);
        if (!update.prepare(QLatin1String("UPDATE worklist_items SET ") + assignments
                            + QLatin1String(" WHERE id = ?")))
            return sqlError(update, QStringLiteral("Preparing a worklist update"));
        it = s.updates.emplace(changed, std::move(update)).first;
    }
    QSqlQuery& update = it->second;
    int position = 0;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (changed & bit(c))
            update.bindValue(position++, sqlText(entry[static_cast<Column>(c)]));
    }
    update.bindValue(position, row.id);
    if (!update.exec())
        return sqlError(update, QStringLiteral("Updating a worklist row"));
    update.finish();
    ++stats.updated;
    return {};
}

Result<std::optional<QDateTime>> WorklistStore::highWaterMark(const QString& source)
{
    if (!isOpen())
        return makeError(Error::Kind::Database, QStringLiteral("The worklist database is not open."));
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
        return makeError(Error::Kind::Database, QStringLiteral("The worklist database is not open."));
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
        return makeError(Error::Kind::Database, QStringLiteral("The worklist database is not open."));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM lantir_state WHERE key = ?"));
    query.bindValue(0, stateKeyForMark(source));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Clearing the high-water mark of %1").arg(source));
    return {};
}

} // namespace Lantir
