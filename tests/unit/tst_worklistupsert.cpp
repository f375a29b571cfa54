#include "ScopedSqlConnection.h"
#include "SqlFixture.h"
#include "TestDatabase.h"
#include "TestEnvironment.h"
#include "WorklistColumnSets.h"
#include "store/DatabaseConnection.h"
#include "store/WorklistStore.h"
#include "worklist/WorklistColumns.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>

using Lantir::Test::TestEnvironment;
#endif

using namespace Lantir;
using Lantir::Test::allWritable;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SqlFixture;
using Lantir::Test::TargetConnection;
using Lantir::Test::TestDatabase;
using Worklist::Column;

namespace {
const QString Source = QStringLiteral("REDCap");

WorklistEntry makeEntry(const QString& record, const QString& instance, const QString& study,
                        const QString& family, const QString& session, const QString& date,
                        const QString& time = QStringLiteral("10:00"))
{
    WorklistEntry e;
    e.key = EntryKey { Source, record, QString(), instance };
    e[Worklist::PatientId] = QStringLiteral("sub_%1_ses_%2_fam_%3_site_792").arg(study, session, family);
    e[Worklist::PatientName] = QStringLiteral("cpip-id-%1^fa-%2").arg(study, family);
    e[Worklist::PatientBirthDate] = QStringLiteral("2012");
    e[Worklist::PatientSex] = QStringLiteral("1");
    e[Worklist::Modality] = QStringLiteral("MR");
    e[Worklist::ScheduledStartDate] = date;
    e[Worklist::ScheduledStartTime] = time;
    e[Worklist::ProtocolName] = QStringLiteral("BRAIN_MRI_3T");
    e[Worklist::DataSource] = Source;
    return e;
}

// The entries that match the fixture's rows 1, 2 and 3 (same patient_id and patient_name).
WorklistEntry fixtureRow1()
{
    return makeEntry(QStringLiteral("1001"), QStringLiteral("1"), QStringLiteral("1001"),
                     QStringLiteral("2001"), QStringLiteral("1"), QStringLiteral("2026-03-02"));
}
WorklistEntry fixtureRow2()
{
    return makeEntry(QStringLiteral("1001"), QStringLiteral("2"), QStringLiteral("1001"),
                     QStringLiteral("2001"), QStringLiteral("2"), QStringLiteral("2025-09-15"),
                     QStringLiteral("14:30"));
}
WorklistEntry fixtureRow3()
{
    return makeEntry(QStringLiteral("1002"), QStringLiteral("1"), QStringLiteral("1002"),
                     QStringLiteral("2002"), QStringLiteral("1"), QStringLiteral("2026-03-02"),
                     QStringLiteral("11:15"));
}

// pylantir's update set.
const QList<Column> PylantirOwned { Worklist::ScheduledStartDate, Worklist::ScheduledStartTime,
                                    Worklist::DataSource };

QString cell(const QSqlDatabase& db, qint64 id, Column column)
{
    return SqlFixture::scalar(db,
                              QStringLiteral("SELECT %1 FROM worklist_items WHERE id = %2")
                                  .arg(QString(Worklist::columnName(column)))
                                  .arg(id));
}

qint64 itemIdForKey(const QSqlDatabase& db, const QString& record, const QString& instance)
{
    return SqlFixture::scalar(
               db,
               QStringLiteral("SELECT item_id FROM lantir_entry_keys WHERE source = '%1' AND "
                              "record_id = '%2' AND event_name = '' AND repeat_instance = '%3'")
                   .arg(Source, record, instance))
        .toLongLong();
}

qint64 rowCount(const QSqlDatabase& db, const QString& table = QStringLiteral("worklist_items"))
{
    return SqlFixture::scalar(db, QLatin1String("SELECT count(*) FROM ") + table).toLongLong();
}

// Every row of the worklist tables, and for SQLite the file byte for byte: what a refused or dry
// write must leave exactly as it was.
QList<QStringList> databaseState(const DatabaseTarget& target, const QSqlDatabase& db)
{
    QList<QStringList> state = TargetConnection::contents(db);
    if (!target.isPostgres())
        state.append({ QString::fromLatin1(SqlFixture::fileBytes(target.path).toBase64()) });
    return state;
}

// A table `audit` and, for each of `columns`, a trigger that adds the column's name to it whenever
// an UPDATE names the column (`UPDATE OF col` fires whenever the column is in the SET list,
// whether or not its value changes, on both drivers).
bool createAuditTriggers(TargetConnection& other, const QStringList& columns)
{
    if (!DatabaseConnection::isPostgres(other.db())) {
        if (!other.exec(QStringLiteral("CREATE TABLE audit (n INTEGER PRIMARY KEY, what TEXT)")))
            return false;
        for (const QString& column : columns) {
            if (!other.exec(QStringLiteral("CREATE TRIGGER audit_%1 AFTER UPDATE OF %1 ON worklist_items "
                                           "BEGIN INSERT INTO audit (what) VALUES ('%1'); END")
                                .arg(column)))
                return false;
        }
        return true;
    }
    if (!other.exec(QStringLiteral("CREATE TABLE audit (n SERIAL PRIMARY KEY, what TEXT)"))
        || !other.exec(QStringLiteral("CREATE FUNCTION audit_column() RETURNS trigger LANGUAGE plpgsql AS "
                                      "$$ BEGIN INSERT INTO audit (what) VALUES (TG_ARGV[0]); RETURN NULL; "
                                      "END $$")))
        return false;
    for (const QString& column : columns) {
        if (!other.exec(QStringLiteral("CREATE TRIGGER audit_%1 AFTER UPDATE OF %1 ON worklist_items "
                                       "FOR EACH ROW EXECUTE FUNCTION audit_column('%1')")
                            .arg(column)))
            return false;
    }
    return true;
}

// The columns the audit triggers saw, in the order the UPDATEs named them.
QList<QStringList> auditTrail(const QSqlDatabase& db)
{
    QList<QStringList> trail;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT what FROM audit ORDER BY n")))
        return { { query.lastError().text() } };
    while (query.next())
        trail.append({ query.value(0).toString() });
    return trail;
}

// pylantir's database (tests/fixtures/pylantir_worklist.sql) written on `pylantir`'s connection. On
// PostgreSQL SQLAlchemy creates the integer primary key as SERIAL, so the server numbers the rows;
// and PostgreSQL enforces the VARCHAR lengths SQLite ignores, which pylantir's own rows (dates as
// YYYY-MM-DD in VARCHAR(8)) exceed, so the PostgreSQL copy leaves the lengths out.
bool writePylantirFixture(TargetConnection& pylantir, QString* error)
{
    if (!DatabaseConnection::isPostgres(pylantir.db()))
        return SqlFixture::runScript(pylantir.db(), QStringLiteral("pylantir_worklist.sql"), error);
    QFile file(SqlFixture::path(QStringLiteral("pylantir_worklist.sql")));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = file.errorString();
        return false;
    }
    QString script = QString::fromUtf8(file.readAll());
    script.replace(QLatin1String("id INTEGER NOT NULL,"), QLatin1String("id SERIAL NOT NULL,"));
    script.replace(QRegularExpression(QStringLiteral("VARCHAR\\(\\d+\\)")), QStringLiteral("VARCHAR"));
    for (const QString& statement : SqlFixture::statements(script)) {
        if (!pylantir.exec(statement)) {
            *error = pylantir.lastError();
            return false;
        }
    }
    return true;
}

#define VERIFY_OK(result) QVERIFY2((result).ok(), qPrintable((result).error().message))

#define COMPARE_STATS(stats, ins, upd, unch)                                                                 \
    do {                                                                                                     \
        QCOMPARE((stats).inserted, qint64(ins));                                                             \
        QCOMPARE((stats).updated, qint64(upd));                                                              \
        QCOMPARE((stats).unchanged, qint64(unch));                                                           \
    } while (false)
} // namespace

class TestWorklistUpsert : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestDatabase m_db;

    DatabaseTarget newTarget(int busyTimeoutMs = 10000) { return m_db.create(busyTimeoutMs); }

    DatabaseTarget pylantirDatabase()
    {
        const DatabaseTarget target = newTarget();
        TargetConnection pylantir(target);
        QString error;
        if (!writePylantirFixture(pylantir, &error))
            qWarning("fixture: %s", qPrintable(error));
        return target;
    }

    QList<WorklistEntry> threeVisits()
    {
        return { makeEntry(QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("0001"),
                           QStringLiteral("0100"), QStringLiteral("1"), QStringLiteral("2026-05-01")),
                 makeEntry(QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("0001"),
                           QStringLiteral("0100"), QStringLiteral("2"), QStringLiteral("2026-11-01")),
                 makeEntry(QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("0002"),
                           QStringLiteral("0200"), QStringLiteral("1"), QStringLiteral("2026-05-02")) };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        LANTIR_REQUIRE_TEST_DATABASE(m_db);
    }

    void insertsNewRows()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        const QList<WorklistEntry> entries = threeVisits();
        const Result<UpsertStats> stats = store.upsert(entries, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 3, 0, 0);
        QCOMPARE(stats.value().adopted, 0);

        const QSqlDatabase db = store.database();
        QCOMPARE(rowCount(db), 3);
        QCOMPARE(rowCount(db, QStringLiteral("lantir_entry_keys")), 3);
        QSet<QString> uids;
        for (const WorklistEntry& entry : entries) {
            const qint64 id = itemIdForKey(db, entry.key.recordId, entry.key.repeatInstance);
            QVERIFY(id > 0);
            QCOMPARE(cell(db, id, Worklist::PerformedProcedureStepStatus), QStringLiteral("SCHEDULED"));
            const QString uid = cell(db, id, Worklist::StudyInstanceUid);
            QVERIFY2(uid.startsWith(QLatin1String("2.25.")), qPrintable(uid));
            uids.insert(uid);
            for (const Column c : allWritable()) {
                const QString expected = entry[c].isNull() ? SqlFixture::nullMarker() : entry[c];
                QCOMPARE(cell(db, id, c), expected);
            }
        }
        QCOMPARE(uids.size(), 3);
    }

    void resyncIsUnchanged()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        VERIFY_OK(store.upsert(threeVisits(), allWritable()));
        const QList<QStringList> before
            = SqlFixture::tableRows(store.database(), QStringLiteral("worklist_items"), QStringLiteral("id"));
        const Result<UpsertStats> again = store.upsert(threeVisits(), allWritable());
        VERIFY_OK(again);
        COMPARE_STATS(again.value(), 0, 0, 3);
        QCOMPARE(
            SqlFixture::tableRows(store.database(), QStringLiteral("worklist_items"), QStringLiteral("id")),
            before);
    }

    // upsertBatch: the SCHEDULED rows of the batch's records that no entry has are missing; the
    // tally of what the batch found equals the store's own only when it found every such row.
    void batchFindsMissingRowsAndTalliesWhatItSaw()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        const QList<WorklistEntry> visits = threeVisits();
        VERIFY_OK(store.upsert(visits, allWritable()));
        const qint64 secondOfRecord1
            = itemIdForKey(store.database(), QStringLiteral("1"), QStringLiteral("2"));
        const qint64 ofRecord2 = itemIdForKey(store.database(), QStringLiteral("2"), QStringLiteral("1"));

        // Record 1 lost its second visit; record 2 is in the batch with no visit at all.
        QList<qint64> missing;
        IdTally seen;
        const Result<UpsertStats> stats
            = store.upsertBatch(Source, { QStringLiteral("1"), QStringLiteral("2") }, visits.mid(0, 1),
                                allWritable(), false, missing, &seen);
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 0, 1);
        std::sort(missing.begin(), missing.end());
        QCOMPARE(
            missing,
            (QList<qint64> { std::min(secondOfRecord1, ofRecord2), std::max(secondOfRecord1, ofRecord2) }));
        const Result<IdTally> all = store.scheduledTally(Source);
        VERIFY_OK(all);
        QCOMPARE(all.value().count, 3);
        QVERIFY(all.value() == seen);

        // A batch of record 1 alone does not see record 2's row: the tallies differ.
        IdTally part;
        const Result<UpsertStats> again = store.upsertBatch(Source, { QStringLiteral("1") }, visits.mid(0, 2),
                                                            allWritable(), false, missing, &part);
        VERIFY_OK(again);
        QVERIFY(missing.isEmpty());
        QCOMPARE(part.count, 2);
        QVERIFY(!(store.scheduledTally(Source).value() == part));
    }

    // A full export that only adds or brings back visits still proves no record was deleted: the
    // rows a batch inserts or restores are tallied with the rows it found. A dry run writes none.
    void batchTalliesTheRowsItInsertsAndRestores()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        const QList<WorklistEntry> visits = threeVisits();
        const QStringList records { QStringLiteral("1"), QStringLiteral("2") };
        QList<qint64> missing;
        // Writes the batch; its tally must hold every SCHEDULED row, as the store's own does.
        const auto writeAndTally = [&](bool dryRun, IdTally& seen) {
            return store.upsertBatch(Source, records, visits, allWritable(), dryRun, missing, &seen);
        };

        IdTally dry;
        VERIFY_OK(writeAndTally(true, dry));
        QCOMPARE(dry.count, 0);

        IdTally first;
        const Result<UpsertStats> inserted = writeAndTally(false, first);
        VERIFY_OK(inserted);
        QCOMPARE(inserted.value().inserted, 3);
        QCOMPARE(first.count, 3);
        QVERIFY(store.scheduledTally(Source).value() == first);

        VERIFY_OK(
            store.cancelRows({ itemIdForKey(store.database(), QStringLiteral("2"), QStringLiteral("1")) }));
        IdTally back;
        const Result<UpsertStats> restored = writeAndTally(false, back);
        VERIFY_OK(restored);
        QCOMPARE(restored.value().restored, 1);
        QCOMPARE(back.count, 3);
        QVERIFY(store.scheduledTally(Source).value() == back);
    }

    void countsMixedBatch()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        QList<WorklistEntry> entries = threeVisits();
        VERIFY_OK(store.upsert(entries.mid(0, 2), allWritable()));
        entries[1][Worklist::ScheduledStartTime] = QStringLiteral("15:45");
        const Result<UpsertStats> stats = store.upsert(entries, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 1, 1, 1);
        QCOMPARE(rowCount(store.database()), 3);
    }

    void updatesOnlyOwnedColumnsThatDiffer()
    {
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        WorklistEntry entry = threeVisits().first();
        VERIFY_OK(store.upsert({ entry }, allWritable()));
        const qint64 id = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);

        // Record which columns each UPDATE names: an `UPDATE OF col` trigger fires whenever the
        // column is in the SET list, whether or not its value changes.
        {
            TargetConnection other(target);
            QVERIFY2(createAuditTriggers(other,
                                         { QStringLiteral("patient_name"), QStringLiteral("patient_sex"),
                                           QStringLiteral("scheduled_start_date"),
                                           QStringLiteral("protocol_name") }),
                     qPrintable(other.lastError()));
        }

        entry[Worklist::ScheduledStartDate] = QStringLiteral("2026-05-08");
        entry[Worklist::PatientSex] = QStringLiteral("2");
        Result<UpsertStats> stats = store.upsert({ entry }, PylantirOwned);
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 1, 0);
        QCOMPARE(cell(store.database(), id, Worklist::ScheduledStartDate), QStringLiteral("2026-05-08"));
        QCOMPARE(cell(store.database(), id, Worklist::PatientSex), QStringLiteral("1")); // not owned: kept
        QCOMPARE(auditTrail(store.database()),
                 QList<QStringList> { { QStringLiteral("scheduled_start_date") } });

        stats = store.upsert({ entry }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 1, 0);
        QCOMPARE(cell(store.database(), id, Worklist::PatientSex), QStringLiteral("2"));
        // Only patient_sex differed: name, date and protocol were not rewritten.
        QCOMPARE(auditTrail(store.database()),
                 (QList<QStringList> { { QStringLiteral("scheduled_start_date") },
                                       { QStringLiteral("patient_sex") } }));

        stats = store.upsert({ entry }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 0, 1);
        QCOMPARE(rowCount(store.database(), QStringLiteral("audit")), 2);
    }

    void memoryHeldIsBounded()
    {
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        VERIFY_OK(store.clearRedcapRecordIds());
        if (!m_db.isPostgres()) {
            // SQLite's page cache is capped; the temporary table of REDCap's record ids (the
            // deleted-record reconcile) lives in a schema with its own page cache, capped the same way.
            QSqlQuery pragma(store.database());
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA cache_size")) && pragma.next());
            QCOMPARE(pragma.value(0).toInt(), -WorklistStore::PageCacheKiB);
            pragma.finish();
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA temp.cache_size")) && pragma.next());
            QCOMPARE(pragma.value(0).toInt(), -WorklistStore::PageCacheKiB);
            pragma.finish();
        }

        // Records that keep changing keep changing different sets of columns: 63 sets here, each
        // needing its own UPDATE. The store holds no more than its bound of them, and every
        // update still lands.
        WorklistEntry entry = threeVisits().first();
        VERIFY_OK(store.upsert({ entry }, allWritable()));
        const qint64 id = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);
        const QList<Worklist::Column> varied { Worklist::PatientName,        Worklist::StudyDescription,
                                               Worklist::ScheduledStartDate, Worklist::ScheduledStartTime,
                                               Worklist::ProtocolName,       Worklist::StationName };
        for (int set = 1; set < 64; ++set) {
            for (int c = 0; c < varied.size(); ++c) {
                if (set & (1 << c))
                    entry[varied.at(c)] = QStringLiteral("v%1-%2").arg(set).arg(c);
            }
            const Result<UpsertStats> stats = store.upsert({ entry }, allWritable());
            VERIFY_OK(stats);
            COMPARE_STATS(stats.value(), 0, 1, 0);
            QVERIFY2(store.cachedUpdateStatements() <= WorklistStore::MaxCachedUpdates,
                     qPrintable(QString::number(store.cachedUpdateStatements())));
        }
        for (const Worklist::Column column : varied)
            QCOMPARE(cell(store.database(), id, column), entry[column]);
    }

    void nullAwareComparison()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        WorklistEntry entry = threeVisits().first();
        entry[Worklist::AccessionNumber] = QString(); // NULL
        VERIFY_OK(store.upsert({ entry }, allWritable()));
        const qint64 id = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);
        QCOMPARE(cell(store.database(), id, Worklist::AccessionNumber), SqlFixture::nullMarker());

        entry[Worklist::AccessionNumber] = QLatin1String(""); // empty text is a value, not NULL
        Result<UpsertStats> stats = store.upsert({ entry }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 1, 0);
        QCOMPARE(SqlFixture::scalar(
                     store.database(),
                     QStringLiteral(
                         "SELECT CASE WHEN accession_number IS NULL THEN 1 ELSE 0 END FROM worklist_items "
                         "WHERE id = %1")
                         .arg(id)),
                 QStringLiteral("0"));
        QCOMPARE(cell(store.database(), id, Worklist::AccessionNumber), QString(QLatin1String("")));

        stats = store.upsert({ entry }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 0, 1);

        entry[Worklist::AccessionNumber] = QString();
        stats = store.upsert({ entry }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 1, 0);
        QCOMPARE(cell(store.database(), id, Worklist::AccessionNumber), SqlFixture::nullMarker());
    }

    void statusSetByMppsSurvives()
    {
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        WorklistEntry entry = threeVisits().first();
        VERIFY_OK(store.upsert({ entry }, allWritable()));
        const qint64 id = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);
        const QString uid = cell(store.database(), id, Worklist::StudyInstanceUid);

        {
            // pylantir's MPPS handler, on its own connection: N-CREATE sets IN_PROGRESS.
            TargetConnection mpps(target, QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            QVERIFY(mpps.exec(
                QStringLiteral(
                    "UPDATE worklist_items SET performed_procedure_step_status = 'IN_PROGRESS' WHERE id = %1")
                    .arg(id)));
        }

        // Even when the entry carries a status and a UID and the caller claims those columns.
        entry[Worklist::ScheduledStartTime] = QStringLiteral("11:30");
        entry[Worklist::PerformedProcedureStepStatus] = QStringLiteral("SCHEDULED");
        entry[Worklist::StudyInstanceUid] = QStringLiteral("1.2.840.10008.3.1.2.3.4.99");
        QList<Column> everything;
        for (int c = 0; c < Worklist::ColumnCount; ++c)
            everything.append(static_cast<Column>(c));
        const Result<UpsertStats> stats = store.upsert({ entry }, everything);
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 1, 0);
        QCOMPARE(cell(store.database(), id, Worklist::ScheduledStartTime), QStringLiteral("11:30"));
        QCOMPARE(cell(store.database(), id, Worklist::PerformedProcedureStepStatus),
                 QStringLiteral("IN_PROGRESS"));
        QCOMPARE(cell(store.database(), id, Worklist::StudyInstanceUid), uid);
        QCOMPARE(rowCount(store.database()), 1);

        // And a status alone never counts as a change.
        const Result<UpsertStats> again = store.upsert({ entry }, everything);
        VERIFY_OK(again);
        COMPARE_STATS(again.value(), 0, 0, 1);
    }

    void newRowsGetTheirOwnUidAndStatus()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        WorklistEntry entry = threeVisits().first();
        entry[Worklist::StudyInstanceUid] = QStringLiteral("1.2.840.10008.3.1.2.3.4.12345");
        entry[Worklist::PerformedProcedureStepStatus] = QStringLiteral("COMPLETED");
        VERIFY_OK(store.upsert({ entry }, allWritable()));
        const qint64 id = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);
        QVERIFY(cell(store.database(), id, Worklist::StudyInstanceUid).startsWith(QLatin1String("2.25.")));
        QCOMPARE(cell(store.database(), id, Worklist::PerformedProcedureStepStatus),
                 QStringLiteral("SCHEDULED"));
    }

    void familyIdEditUpdatesTheSameRow()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        WorklistEntry entry = threeVisits().first();
        VERIFY_OK(store.upsert({ entry }, allWritable()));
        const qint64 id = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);
        const QString uid = cell(store.database(), id, Worklist::StudyInstanceUid);

        // The coordinator corrects the family id in REDCap: patient_id and patient_name change.
        const WorklistEntry edited
            = makeEntry(entry.key.recordId, entry.key.repeatInstance, QStringLiteral("0001"),
                        QStringLiteral("0999"), QStringLiteral("1"), QStringLiteral("2026-05-01"));
        const Result<UpsertStats> stats = store.upsert({ edited }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 1, 0);
        QCOMPARE(rowCount(store.database()), 1);
        QCOMPARE(itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance), id);
        QCOMPARE(cell(store.database(), id, Worklist::PatientId),
                 QStringLiteral("sub_0001_ses_1_fam_0999_site_792"));
        QCOMPARE(cell(store.database(), id, Worklist::PatientName), QStringLiteral("cpip-id-0001^fa-0999"));
        QCOMPARE(cell(store.database(), id, Worklist::StudyInstanceUid), uid);
    }

    void keysTellEventsAndInstancesApart()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        WorklistEntry a = threeVisits().first();
        WorklistEntry b = a;
        b.key.eventName = QStringLiteral("t2_arm_1");
        WorklistEntry c = a;
        c.key.repeatInstance = QStringLiteral("3");
        WorklistEntry sameAsA = a;
        sameAsA.key.eventName = QLatin1String(""); // empty and null event names are the same key
        const Result<UpsertStats> stats = store.upsert({ a, b, c, sameAsA }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 3, 0, 1);
        QCOMPARE(rowCount(store.database()), 3);
    }

    void sameKeyTwiceInOneBatch()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        WorklistEntry first = threeVisits().first();
        WorklistEntry second = first;
        second[Worklist::ScheduledStartDate] = QStringLiteral("2026-06-01");
        const Result<UpsertStats> stats = store.upsert({ first, second }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 1, 1, 0);
        QCOMPARE(rowCount(store.database()), 1);
        QCOMPARE(SqlFixture::scalar(store.database(),
                                    QStringLiteral("SELECT scheduled_start_date FROM worklist_items")),
                 QStringLiteral("2026-06-01"));
    }

    void adoptsPylantirRows()
    {
        const DatabaseTarget target = pylantirDatabase();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        const QSqlDatabase db = store.database();
        QCOMPARE(rowCount(db), 6);
        const QString uid1 = cell(db, 1, Worklist::StudyInstanceUid);
        const QString uid2 = cell(db, 2, Worklist::StudyInstanceUid);

        WorklistEntry row1 = fixtureRow1();
        row1[Worklist::ScheduledStartTime] = QStringLiteral("10:30"); // rescheduled in REDCap
        const WorklistEntry fresh
            = makeEntry(QStringLiteral("1005"), QStringLiteral("1"), QStringLiteral("1005"),
                        QStringLiteral("2005"), QStringLiteral("1"), QStringLiteral("2026-04-01"));
        const Result<UpsertStats> stats
            = store.upsert({ row1, fixtureRow2(), fixtureRow3(), fresh }, PylantirOwned);
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 1, 1, 2);
        QCOMPARE(stats.value().adopted, 3);
        QCOMPARE(rowCount(db), 7); // matched, not duplicated

        QCOMPARE(itemIdForKey(db, QStringLiteral("1001"), QStringLiteral("1")), 1);
        QCOMPARE(itemIdForKey(db, QStringLiteral("1001"), QStringLiteral("2")), 2);
        QCOMPARE(itemIdForKey(db, QStringLiteral("1002"), QStringLiteral("1")), 3);
        QCOMPARE(cell(db, 1, Worklist::ScheduledStartTime), QStringLiteral("10:30"));
        // The scanner's statuses and pylantir's UIDs stay.
        QCOMPARE(cell(db, 1, Worklist::PerformedProcedureStepStatus), QStringLiteral("SCHEDULED"));
        QCOMPARE(cell(db, 2, Worklist::PerformedProcedureStepStatus), QStringLiteral("COMPLETED"));
        QCOMPARE(cell(db, 3, Worklist::PerformedProcedureStepStatus), QStringLiteral("IN_PROGRESS"));
        QCOMPARE(cell(db, 1, Worklist::StudyInstanceUid), uid1);
        QCOMPARE(cell(db, 2, Worklist::StudyInstanceUid), uid2);

        // Next cycle: found by key, nothing to do.
        const Result<UpsertStats> again
            = store.upsert({ row1, fixtureRow2(), fixtureRow3(), fresh }, PylantirOwned);
        VERIFY_OK(again);
        COMPARE_STATS(again.value(), 0, 0, 4);
        QCOMPARE(again.value().adopted, 0);
        QCOMPARE(rowCount(db), 7);
    }

    // After a write into an empty table every row has a key, so the next write does not look for
    // rows to adopt; a row pylantir writes in between, on another connection or on the store's
    // own, is still adopted.
    void adoptsRowsWrittenAfterAWriteIntoAnEmptyTable()
    {
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        const auto visit = [](const QString& record) {
            return makeEntry(record, QStringLiteral("1"), record, QStringLiteral("2001"), QStringLiteral("1"),
                             QStringLiteral("2026-04-01"));
        };
        const auto pylantirRow = [](const WorklistEntry& entry) {
            return QStringLiteral("INSERT INTO worklist_items (patient_id, patient_name, "
                                  "performed_procedure_step_status) VALUES ('%1', '%2', 'SCHEDULED')")
                .arg(entry[Worklist::PatientId], entry[Worklist::PatientName]);
        };
        VERIFY_OK(store.upsert({ visit(QStringLiteral("1")) }, allWritable()));

        const WorklistEntry seven = visit(QStringLiteral("7"));
        {
            TargetConnection other(target);
            QVERIFY2(other.exec(pylantirRow(seven)), qPrintable(other.lastError()));
        }
        const Result<UpsertStats> adopted = store.upsert({ seven }, allWritable());
        VERIFY_OK(adopted);
        QCOMPARE(adopted.value().adopted, 1);

        QCOMPARE(rowCount(store.database()), 2);

        WorklistStore fresh;
        VERIFY_OK(fresh.open(newTarget()));
        VERIFY_OK(fresh.upsert({ visit(QStringLiteral("2")) }, allWritable()));
        const WorklistEntry eight = visit(QStringLiteral("8"));
        QSqlQuery own(fresh.database());
        QVERIFY2(own.exec(pylantirRow(eight)), qPrintable(own.lastError().text()));
        const Result<UpsertStats> again = fresh.upsert({ eight }, allWritable());
        VERIFY_OK(again);
        QCOMPARE(again.value().adopted, 1);
        QCOMPARE(rowCount(fresh.database()), 2);
    }

    void adoptsEachPylantirRowOnce()
    {
        // pylantir left two rows for the same visit (ids 5 and 6). Two keys adopt one each, in id
        // order; a third key with the same identifiers gets a row of its own.
        const DatabaseTarget target = pylantirDatabase();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        const auto visit = [](const QString& instance) {
            return makeEntry(QStringLiteral("1004"), instance, QStringLiteral("1004"), QStringLiteral("2004"),
                             QStringLiteral("1"), QStringLiteral("2026-01-27"), QStringLiteral("08:45"));
        };
        const Result<UpsertStats> stats = store.upsert(
            { visit(QStringLiteral("1")), visit(QStringLiteral("2")), visit(QStringLiteral("3")) },
            PylantirOwned);
        VERIFY_OK(stats);
        QCOMPARE(stats.value().adopted, 2);
        QCOMPARE(stats.value().inserted, 1);
        QCOMPARE(itemIdForKey(store.database(), QStringLiteral("1004"), QStringLiteral("1")), 5);
        QCOMPARE(itemIdForKey(store.database(), QStringLiteral("1004"), QStringLiteral("2")), 6);
        QCOMPARE(itemIdForKey(store.database(), QStringLiteral("1004"), QStringLiteral("3")), 7);
        QCOMPARE(cell(store.database(), 5, Worklist::PerformedProcedureStepStatus),
                 QStringLiteral("DISCONTINUED"));
    }

    void adoptionNeedsIdAndName()
    {
        const DatabaseTarget target = pylantirDatabase();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        // Same patient_id as row 4, another name: not pylantir's row.
        WorklistEntry entry = makeEntry(QStringLiteral("1003"), QStringLiteral("1"), QStringLiteral("1003"),
                                        QStringLiteral("2003"), QStringLiteral("1"),
                                        QStringLiteral("2025-04-01"), QStringLiteral("09:00"));
        entry[Worklist::PatientName] = QStringLiteral("cpip-id-1003^fa-9999");
        const Result<UpsertStats> stats = store.upsert({ entry }, PylantirOwned);
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 1, 0, 0);
        QCOMPARE(stats.value().adopted, 0);
        QCOMPARE(itemIdForKey(store.database(), QStringLiteral("1003"), QStringLiteral("1")), 7);
    }

    void adoptionByIdWhenNameIsEmpty()
    {
        const DatabaseTarget target = pylantirDatabase();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        WorklistEntry entry = makeEntry(QStringLiteral("1003"), QStringLiteral("1"), QStringLiteral("1003"),
                                        QStringLiteral("2003"), QStringLiteral("1"),
                                        QStringLiteral("2025-04-01"), QStringLiteral("09:00"));
        entry[Worklist::PatientName] = QString();
        const Result<UpsertStats> stats = store.upsert({ entry }, PylantirOwned);
        VERIFY_OK(stats);
        QCOMPARE(stats.value().adopted, 1);
        QCOMPARE(itemIdForKey(store.database(), QStringLiteral("1003"), QStringLiteral("1")), 4);
        // data_source was NULL in that legacy row: now the source's name.
        QCOMPARE(cell(store.database(), 4, Worklist::DataSource), Source);
        QCOMPARE(stats.value().updated, 1);
    }

    void keyOfDeletedRowIsReplaced()
    {
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        const WorklistEntry entry = threeVisits().first();
        VERIFY_OK(store.upsert({ entry }, allWritable()));
        const qint64 oldId = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);
        {
            TargetConnection other(target); // e.g. pylantir's API deletes the row
            QVERIFY(other.exec(QStringLiteral("DELETE FROM worklist_items")));
        }
        const Result<UpsertStats> stats = store.upsert({ entry }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 1, 0, 0);
        QCOMPARE(rowCount(store.database()), 1);
        QCOMPARE(rowCount(store.database(), QStringLiteral("lantir_entry_keys")), 1);
        const qint64 newId = itemIdForKey(store.database(), entry.key.recordId, entry.key.repeatInstance);
        QVERIFY(newId > 0);
        QCOMPARE(SqlFixture::scalar(store.database(), QStringLiteral("SELECT id FROM worklist_items"))
                     .toLongLong(),
                 newId);
        Q_UNUSED(oldId);
    }

    void staleKeyDoesNotCaptureAReusedId()
    {
        // SQLite gives a new row max(id) + 1, so deleting the newest row frees its id for the next
        // insert. The key that named the deleted row must not then lead to the new one.
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        const QList<WorklistEntry> visits = threeVisits();
        VERIFY_OK(store.upsert(visits.mid(0, 2), allWritable()));
        const qint64 deletedId
            = itemIdForKey(store.database(), visits[1].key.recordId, visits[1].key.repeatInstance);
        {
            TargetConnection other(target);
            QVERIFY(other.exec(QStringLiteral("DELETE FROM worklist_items WHERE id = %1").arg(deletedId)));
            // PostgreSQL's sequence would not hand the id out again by itself; a sequence set back
            // (a restored dump, an administrator's setval) does, as SQLite's max(id) + 1 does here.
            if (m_db.isPostgres())
                QVERIFY2(other.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('worklist_items', "
                                                   "'id'), %1, false)")
                                        .arg(deletedId)),
                         qPrintable(other.lastError()));
        }
        // Another visit takes the freed id...
        Result<UpsertStats> stats = store.upsert({ visits[2] }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 1, 0, 0);
        QCOMPARE(itemIdForKey(store.database(), visits[2].key.recordId, visits[2].key.repeatInstance),
                 deletedId);
        // ...and the deleted visit, synced again, gets a row of its own instead of taking it over.
        stats = store.upsert({ visits[1] }, allWritable());
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 1, 0, 0);
        const qint64 newId
            = itemIdForKey(store.database(), visits[1].key.recordId, visits[1].key.repeatInstance);
        QVERIFY(newId != deletedId);
        QCOMPARE(cell(store.database(), deletedId, Worklist::PatientId), visits[2][Worklist::PatientId]);
        QCOMPARE(cell(store.database(), newId, Worklist::PatientId), visits[1][Worklist::PatientId]);
        QCOMPARE(rowCount(store.database()), 3);
        QCOMPARE(rowCount(store.database(), QStringLiteral("lantir_entry_keys")), 3);
    }

    void dryRunChangesNothing()
    {
        const DatabaseTarget target = pylantirDatabase();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        VERIFY_OK(store.upsert({ fixtureRow3() }, PylantirOwned)); // one key already recorded
        const QList<QStringList> before = databaseState(target, store.database());

        WorklistEntry row3 = fixtureRow3();
        row3[Worklist::ScheduledStartDate] = QStringLiteral("2026-03-09");
        const QList<WorklistEntry> batch { fixtureRow1(), fixtureRow2(), row3, threeVisits().first() };
        const Result<UpsertStats> dry = store.upsert(batch, PylantirOwned, true);
        VERIFY_OK(dry);
        COMPARE_STATS(dry.value(), 1, 1, 2);
        QCOMPARE(dry.value().adopted, 2);
        QCOMPARE(databaseState(target, store.database()), before);
        if (!target.isPostgres())
            QVERIFY(!QFile::exists(target.path + QLatin1String("-journal")));

        // The real run does what the dry run said.
        const Result<UpsertStats> real = store.upsert(batch, PylantirOwned);
        VERIFY_OK(real);
        COMPARE_STATS(real.value(), 1, 1, 2);
        QVERIFY(databaseState(target, store.database()) != before);
    }

    void readOnlyStoreCountsLikeTheRealRunAndWritesNothing()
    {
        // A file only pylantir ever wrote: no Lantir tables, and none may be added.
        const DatabaseTarget target = pylantirDatabase();
        const QList<QStringList> before = databaseState(target, TargetConnection(target).db());
        WorklistEntry row3 = fixtureRow3();
        row3[Worklist::ScheduledStartDate] = QStringLiteral("2026-03-09");
        const QList<WorklistEntry> batch { fixtureRow1(), fixtureRow2(), row3, threeVisits().first() };
        {
            WorklistStore store;
            VERIFY_OK(store.open(target, true));
            QVERIFY(store.isReadOnly());
            const Result<UpsertStats> dry = store.upsert(batch, PylantirOwned, true);
            VERIFY_OK(dry);
            COMPARE_STATS(dry.value(), 1, 1, 2);
            QCOMPARE(dry.value().adopted, 3);
            const Result<std::optional<QDateTime>> mark = store.highWaterMark(Source);
            VERIFY_OK(mark);
            QVERIFY(!mark.value().has_value());
            QVERIFY(!store.upsert(batch, PylantirOwned).ok());
            QVERIFY(!store.setHighWaterMark(Source, QDateTime::currentDateTimeUtc()).ok());
        }
        QCOMPARE(databaseState(target, TargetConnection(target).db()), before);

        WorklistStore store;
        VERIFY_OK(store.open(target));
        const Result<UpsertStats> real = store.upsert(batch, PylantirOwned);
        VERIFY_OK(real);
        COMPARE_STATS(real.value(), 1, 1, 2);
    }

    void readOnlyStoreOfAMissingFileIsEmptyAndCreatesNothing()
    {
        LANTIR_SQLITE_FILE_BEHAVIOUR(m_db, "a database file that does not exist");
        const QString path = m_dir.filePath(QStringLiteral("missing/worklist.db"));
        WorklistStore store;
        VERIFY_OK(store.openReadOnly(path));
        const Result<UpsertStats> dry = store.upsert(threeVisits(), allWritable(), true);
        VERIFY_OK(dry);
        COMPARE_STATS(dry.value(), 3, 0, 0);
        store.close();
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(QFileInfo(path).path()));
    }

    void failingBatchLeavesDatabaseAsItWas_data()
    {
        // The same refusal on each driver: a SQLite trigger, or a PostgreSQL trigger function.
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<QStringList>("postgresTrigger");
        QTest::addColumn<QString>("blocked");
        QTest::newRow("insert refused")
            << QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON worklist_items "
                              "WHEN NEW.patient_id LIKE 'sub_0003%' BEGIN "
                              "SELECT RAISE(ABORT, 'visit 0003 is on hold'); END")
            << QStringList { QStringLiteral("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                                            "$$ BEGIN RAISE EXCEPTION 'visit 0003 is on hold'; END $$"),
                             QStringLiteral(
                                 "CREATE TRIGGER refuse BEFORE INSERT ON worklist_items FOR EACH ROW "
                                 "WHEN (NEW.patient_id LIKE 'sub_0003%') EXECUTE FUNCTION refuse()") }
            << QStringLiteral("visit 0003 is on hold");
        QTest::newRow("update refused")
            << QStringLiteral("CREATE TRIGGER refuse BEFORE UPDATE ON worklist_items "
                              "WHEN NEW.patient_id LIKE 'sub_0002%' BEGIN "
                              "SELECT RAISE(FAIL, 'visit 0002 is locked'); END")
            << QStringList { QStringLiteral("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                                            "$$ BEGIN RAISE EXCEPTION 'visit 0002 is locked'; END $$"),
                             QStringLiteral(
                                 "CREATE TRIGGER refuse BEFORE UPDATE ON worklist_items FOR EACH ROW "
                                 "WHEN (NEW.patient_id LIKE 'sub_0002%') EXECUTE FUNCTION refuse()") }
            << QStringLiteral("visit 0002 is locked");
    }

    void failingBatchLeavesDatabaseAsItWas()
    {
        QFETCH(QString, trigger);
        QFETCH(QStringList, postgresTrigger);
        QFETCH(QString, blocked);
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        VERIFY_OK(store.upsert(threeVisits(), allWritable()));
        {
            TargetConnection other(target);
            for (const QString& statement : m_db.isPostgres() ? postgresTrigger : QStringList { trigger })
                QVERIFY2(other.exec(statement), qPrintable(other.lastError()));
        }
        const QList<QStringList> before = databaseState(target, store.database());
        const QList<QStringList> rowsBefore
            = SqlFixture::tableRows(store.database(), QStringLiteral("worklist_items"), QStringLiteral("id"));
        const QList<QStringList> keysBefore = SqlFixture::tableRows(
            store.database(), QStringLiteral("lantir_entry_keys"), QStringLiteral("item_id"));

        // Updates and inserts before and after the refused row.
        QList<WorklistEntry> batch = threeVisits();
        batch[0][Worklist::ScheduledStartTime] = QStringLiteral("08:00");
        batch[2][Worklist::ScheduledStartTime] = QStringLiteral("09:00");
        batch.append(makeEntry(QStringLiteral("4"), QStringLiteral("1"), QStringLiteral("0004"),
                               QStringLiteral("0400"), QStringLiteral("1"), QStringLiteral("2026-05-03")));
        batch.append(makeEntry(QStringLiteral("3"), QStringLiteral("1"), QStringLiteral("0003"),
                               QStringLiteral("0300"), QStringLiteral("1"), QStringLiteral("2026-05-04")));
        batch.append(makeEntry(QStringLiteral("5"), QStringLiteral("1"), QStringLiteral("0005"),
                               QStringLiteral("0500"), QStringLiteral("1"), QStringLiteral("2026-05-05")));
        const Result<UpsertStats> stats = store.upsert(batch, allWritable());
        QVERIFY(!stats.ok());
        QCOMPARE(stats.error().kind, Error::Kind::Database);
        const QString message = stats.error().message;
        QVERIFY2(message.contains(QLatin1String("Writing 6 worklist entries failed at record ")),
                 qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("refused the change")), qPrintable(message));
        QVERIFY2(message.contains(blocked), qPrintable(message));

        QCOMPARE(databaseState(target, store.database()), before);
        QCOMPARE(
            SqlFixture::tableRows(store.database(), QStringLiteral("worklist_items"), QStringLiteral("id")),
            rowsBefore);
        QCOMPARE(SqlFixture::tableRows(store.database(), QStringLiteral("lantir_entry_keys"),
                                       QStringLiteral("item_id")),
                 keysBefore);

        // The store stays usable: the same batch without the refused visit goes through.
        batch.removeAt(blocked.contains(QLatin1String("0003")) ? 4 : 2);
        const Result<UpsertStats> retry = store.upsert(batch, allWritable());
        VERIFY_OK(retry);
    }

    void readOnlyDatabaseLeavesItAsItWas()
    {
        LANTIR_SQLITE_FILE_BEHAVIOUR(m_db, "file modes");
        const QString path = newTarget().path;
        {
            WorklistStore store;
            VERIFY_OK(store.open(path));
            VERIFY_OK(store.upsert(threeVisits(), allWritable()));
        }
        const QByteArray before = SqlFixture::fileBytes(path);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup));

        WorklistStore store;
        VERIFY_OK(store.open(path)); // reading is fine; nothing to create
        bool stillWritable = false;
#ifdef Q_OS_UNIX
        stillWritable = ::access(QFile::encodeName(path).constData(), W_OK) == 0; // e.g. running as root
#endif
        if (stillWritable) {
            // The file mode does not bind this user: make the connection itself read-only instead.
            QSqlQuery pragma(store.database());
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA query_only = 1")));
        }
        QList<WorklistEntry> batch = threeVisits();
        batch[1][Worklist::ScheduledStartDate] = QStringLiteral("2026-12-01");
        batch.append(makeEntry(QStringLiteral("9"), QStringLiteral("1"), QStringLiteral("0009"),
                               QStringLiteral("0900"), QStringLiteral("1"), QStringLiteral("2026-05-09")));
        const Result<UpsertStats> stats = store.upsert(batch, allWritable());
        QVERIFY(!stats.ok());
        QCOMPARE(stats.error().kind, Error::Kind::Database);
        QVERIFY2(stats.error().message.contains(QLatin1String("read-only")),
                 qPrintable(stats.error().message));
        QVERIFY2(stats.error().message.contains(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())),
                 qPrintable(stats.error().message));
        QCOMPARE(SqlFixture::fileBytes(path), before);
        store.close();
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    }

    void diskFullIsNamed()
    {
        LANTIR_SQLITE_FILE_BEHAVIOUR(m_db, "PRAGMA max_page_count");
        const QString path = newTarget().path;
        WorklistStore store;
        VERIFY_OK(store.open(path));
        VERIFY_OK(store.upsert(threeVisits(), allWritable()));
        const QByteArray before = SqlFixture::fileBytes(path);
        // Cap the file at its current size on this connection: SQLite reports SQLITE_FULL, as on a
        // full disk.
        QSqlQuery pragma(store.database());
        QVERIFY(pragma.exec(QStringLiteral("PRAGMA max_page_count = ")
                            + SqlFixture::scalar(store.database(), QStringLiteral("PRAGMA page_count"))));
        pragma.finish();
        QList<WorklistEntry> batch;
        for (int i = 0; i < 500; ++i)
            batch.append(makeEntry(QString::number(100 + i), QStringLiteral("1"), QString::number(100 + i),
                                   QStringLiteral("7"), QStringLiteral("1"), QStringLiteral("2026-07-01")));
        const Result<UpsertStats> stats = store.upsert(batch, allWritable());
        QVERIFY(!stats.ok());
        QVERIFY2(stats.error().message.contains(QLatin1String("is full")), qPrintable(stats.error().message));
        QCOMPARE(SqlFixture::fileBytes(path), before);
        QCOMPARE(rowCount(store.database()), 3);
    }

    void lockedDatabaseFailsAfterBusyTimeout()
    {
        const DatabaseTarget target = newTarget(300);
        WorklistStore store;
        VERIFY_OK(store.open(target));
        VERIFY_OK(store.upsert(threeVisits(), allWritable()));
        const QList<QStringList> before = databaseState(target, store.database());

        // Another program holds the write lock: SQLite's exclusive lock on the file; on PostgreSQL
        // a lock on the table that every write of the worklist waits for.
        TargetConnection other(target, QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        if (m_db.isPostgres()) {
            QVERIFY2(other.exec(QStringLiteral("BEGIN"))
                         && other.exec(QStringLiteral("LOCK TABLE worklist_items IN EXCLUSIVE MODE")),
                     qPrintable(other.lastError()));
        } else {
            QVERIFY2(other.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(other.lastError()));
        }
        QList<WorklistEntry> batch = threeVisits();
        batch[0][Worklist::ScheduledStartDate] = QStringLiteral("2026-05-15");
        QElapsedTimer timer;
        timer.start();
        const Result<UpsertStats> stats = store.upsert(batch, allWritable());
        const qint64 waited = timer.elapsed();
        QVERIFY(!stats.ok());
        QCOMPARE(stats.error().kind, Error::Kind::Database);
        const QString message = stats.error().message;
        QVERIFY2(message.contains(QLatin1String("locked by another program")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("0.30 s")), qPrintable(message));
        QVERIFY2(waited >= 250, qPrintable(QString::number(waited)));
        QVERIFY2(waited < TestEnvironment::scaledMs(5000), qPrintable(QString::number(waited)));
        QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(databaseState(target, store.database()), before);

        // Once the other program lets go, the same batch goes through.
        const Result<UpsertStats> retry = store.upsert(batch, allWritable());
        VERIFY_OK(retry);
        COMPARE_STATS(retry.value(), 0, 1, 2);
    }

    void readerHoldingTheFileDelaysCommitThenFails()
    {
        // A reader (pylantir answering a C-FIND) keeps a shared lock; in SQLite's default rollback
        // journal mode the commit must wait for it, and gives up after the busy timeout.
        LANTIR_SQLITE_FILE_BEHAVIOUR(m_db, "the rollback journal");
        const QString path = newTarget().path;
        WorklistStore store;
        VERIFY_OK(store.open(path, 200));
        VERIFY_OK(store.upsert(threeVisits(), allWritable()));
        const QByteArray before = SqlFixture::fileBytes(path);

        ScopedSqlConnection reader(path);
        QVERIFY(reader.exec(QStringLiteral("BEGIN")));
        QCOMPARE(SqlFixture::scalar(reader.db(), QStringLiteral("SELECT count(*) FROM worklist_items")),
                 QStringLiteral("3"));
        QList<WorklistEntry> batch = threeVisits();
        batch[2][Worklist::ScheduledStartTime] = QStringLiteral("16:00");
        const Result<UpsertStats> stats = store.upsert(batch, allWritable());
        QVERIFY(!stats.ok());
        QVERIFY2(stats.error().message.contains(QLatin1String("locked by another program")),
                 qPrintable(stats.error().message));
        QVERIFY(reader.exec(QStringLiteral("COMMIT")));
        QCOMPARE(SqlFixture::fileBytes(path), before);
        VERIFY_OK(store.upsert(batch, allWritable()));
    }

    void entryWithoutKeyIsRefused()
    {
        const DatabaseTarget target = newTarget();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        QList<WorklistEntry> batch = threeVisits();
        batch[1].key.recordId.clear();
        const Result<UpsertStats> stats = store.upsert(batch, allWritable());
        QVERIFY(!stats.ok());
        QVERIFY2(stats.error().message.contains(QLatin1String("no data source name or record id")),
                 qPrintable(stats.error().message));
        QCOMPARE(rowCount(store.database()), 0);
    }

    void emptyBatchAndClosedStore()
    {
        WorklistStore closed;
        const Result<UpsertStats> refused = closed.upsert(threeVisits(), allWritable());
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QLatin1String("not open")));
        QVERIFY(!closed.highWaterMark(Source).ok());

        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        const Result<UpsertStats> nothing = store.upsert({}, allWritable());
        VERIFY_OK(nothing);
        COMPARE_STATS(nothing.value(), 0, 0, 0);
    }

    void ownedColumnsDecideWhatIsCompared()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        QList<WorklistEntry> entries = threeVisits();
        VERIFY_OK(store.upsert(entries, {}));
        for (WorklistEntry& entry : entries)
            entry[Worklist::ProtocolName] = QStringLiteral("BRAIN_MRI_7T");
        // Nothing owned: existing rows are only matched, never changed.
        Result<UpsertStats> stats = store.upsert(entries, {});
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 0, 3);
        stats = store.upsert(entries, { Worklist::ScheduledStartDate });
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 0, 3);
        stats = store.upsert(entries, { Worklist::ProtocolName });
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 3, 0);
        QCOMPARE(
            SqlFixture::scalar(
                store.database(),
                QStringLiteral("SELECT count(*) FROM worklist_items WHERE protocol_name = 'BRAIN_MRI_7T'")),
            QStringLiteral("3"));
    }

    void highWaterMarkRoundTrip()
    {
        const DatabaseTarget target = newTarget();
        const QDateTime mark(QDate(2026, 3, 2), QTime(14, 5, 33, 250), Qt::UTC);
        {
            WorklistStore store;
            VERIFY_OK(store.open(target));
            const Result<std::optional<QDateTime>> none = store.highWaterMark(Source);
            VERIFY_OK(none);
            QVERIFY(!none.value().has_value());

            VERIFY_OK(store.setHighWaterMark(Source, mark));
            // Another zone is stored as the same instant in UTC.
            const QDateTime otherZone(QDate(2026, 3, 2), QTime(9, 0), QTimeZone(-7 * 3600));
            VERIFY_OK(store.setHighWaterMark(QStringLiteral("calgary"), otherZone));
            QVERIFY(!store.setHighWaterMark(Source, QDateTime()).ok());

            const Result<std::optional<QDateTime>> calgary = store.highWaterMark(QStringLiteral("calgary"));
            VERIFY_OK(calgary);
            QCOMPARE(calgary.value()->timeSpec(), Qt::UTC);
            QCOMPARE(*calgary.value(), QDateTime(QDate(2026, 3, 2), QTime(16, 0), Qt::UTC));
        }
        WorklistStore store;
        VERIFY_OK(store.open(target));
        const Result<std::optional<QDateTime>> loaded = store.highWaterMark(Source);
        VERIFY_OK(loaded);
        QVERIFY(loaded.value().has_value());
        QCOMPARE(*loaded.value(), mark);
        QCOMPARE(loaded.value()->toMSecsSinceEpoch(), mark.toMSecsSinceEpoch());

        const QDateTime later = mark.addSecs(1800);
        VERIFY_OK(store.setHighWaterMark(Source, later));
        QCOMPARE(*store.highWaterMark(Source).value(), later);
        QCOMPARE(rowCount(store.database(), QStringLiteral("lantir_state")), 2);

        VERIFY_OK(store.clearHighWaterMark(Source));
        QVERIFY(!store.highWaterMark(Source).value().has_value());
        QVERIFY(store.highWaterMark(QStringLiteral("calgary")).value().has_value());
    }

    void manyEntriesInOneBatch()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        QList<WorklistEntry> batch;
        for (int i = 0; i < 2000; ++i)
            batch.append(makeEntry(QString::number(i / 2), QString::number(i % 2 + 1), QString::number(i / 2),
                                   QStringLiteral("42"), QString::number(i % 2 + 1),
                                   QStringLiteral("2026-08-01")));
        // Past the first prefetch window, the first visit comes again, rescheduled.
        WorklistEntry again = batch.first();
        again[Worklist::ScheduledStartTime] = QStringLiteral("07:30");
        batch.append(again);
        const Result<UpsertStats> first = store.upsert(batch, allWritable());
        VERIFY_OK(first);
        COMPARE_STATS(first.value(), 2000, 1, 0);
        QCOMPARE(SqlFixture::scalar(
                     store.database(),
                     QStringLiteral("SELECT scheduled_start_time FROM worklist_items WHERE id = %1")
                         .arg(itemIdForKey(store.database(), QStringLiteral("0"), QStringLiteral("1")))),
                 QStringLiteral("07:30"));
        batch.removeLast();
        for (int i = 0; i < batch.size(); i += 10)
            batch[i][Worklist::ScheduledStartTime] = QStringLiteral("12:00");
        const Result<UpsertStats> second = store.upsert(batch, allWritable());
        VERIFY_OK(second);
        COMPARE_STATS(second.value(), 0, 200, 1800);
        QCOMPARE(rowCount(store.database()), 2000);
    }

    // A batch larger than one prefetch window: a record whose visits fall in two windows has its
    // rows read by both, and a row the reading window has no entry for is still not missing when
    // another window has it. A visit no entry has anywhere is missing; the tally counts each row once.
    void batchAcrossWindowsFindsMissingRowsOnce()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newTarget()));
        QList<WorklistEntry> all;
        QStringList records;
        for (int r = 0; r < 600; ++r) {
            records.append(QString::number(r));
            for (int visit = 1; visit <= 2; ++visit)
                all.append(makeEntry(QString::number(r), QString::number(visit), QString::number(r),
                                     QStringLiteral("42"), QString::number(visit),
                                     QStringLiteral("2026-08-01")));
        }
        VERIFY_OK(store.upsert(all, allWritable()));
        const qint64 gone = itemIdForKey(store.database(), QStringLiteral("599"), QStringLiteral("2"));

        // Record 0's second visit last, in the second window; record 599 lost its second visit.
        QList<WorklistEntry> batch = all;
        batch.removeLast();
        batch.append(batch.takeAt(1));
        QList<qint64> missing;
        IdTally seen;
        const Result<UpsertStats> stats
            = store.upsertBatch(Source, records, batch, allWritable(), false, missing, &seen);
        VERIFY_OK(stats);
        COMPARE_STATS(stats.value(), 0, 0, 1199);
        QCOMPARE(missing, QList<qint64> { gone });
        QCOMPARE(seen.count, 1200);
        QVERIFY(store.scheduledTally(Source).value() == seen);
    }
};

QTEST_GUILESS_MAIN(TestWorklistUpsert)
#include "tst_worklistupsert.moc"
