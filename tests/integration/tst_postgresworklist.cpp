#include "PostgresTestServer.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"
#include "TestSync.h"
#include "WorklistColumnSets.h"
#include "WorklistTruthChecker.h"
#include "store/DatabaseConnection.h"
#include "store/WorklistStore.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Lantir;
using Lantir::Test::allWritable;
using Lantir::Test::PostgresTestServer;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::TestSync;
using Lantir::Test::WorklistTruthChecker;
using Worklist::Column;

namespace {
const QString Source = QStringLiteral("REDCap");

WorklistEntry visit(const QString& record, const QString& instance, const QString& date)
{
    WorklistEntry e;
    e.key = EntryKey { Source, record, QString(), instance };
    e[Worklist::PatientId] = QStringLiteral("sub_%1_ses_%2_site_792").arg(record, instance);
    e[Worklist::PatientName] = QStringLiteral("cpip-id-%1").arg(record);
    e[Worklist::Modality] = QStringLiteral("MR");
    e[Worklist::ScheduledStartDate] = date;
    e[Worklist::ScheduledStartTime] = QStringLiteral("10:00");
    e[Worklist::ProtocolName] = QStringLiteral("BRAIN_MRI_3T");
    e[Worklist::DataSource] = Source;
    return e;
}

QList<WorklistEntry> threeVisits()
{
    return { visit(QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("2026-05-01")),
             visit(QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("2026-06-01")),
             visit(QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("2026-05-02")) };
}

QString scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("<%1>").arg(query.lastError().text());
    return query.value(0).toString();
}

qint64 count(const QSqlDatabase& db, const QString& table)
{
    return scalar(db, QLatin1String("SELECT count(*) FROM ") + table).toLongLong();
}

#define VERIFY_OK(result) QVERIFY2((result).ok(), qPrintable((result).error().message))
} // namespace

// The worklist store and the sync on a real PostgreSQL server the suite starts on 127.0.0.1,
// one fresh database per test. The password reaches libpq through PGPASSFILE, as on a site.
class TestPostgresWorklist : public QObject
{
    Q_OBJECT

private:
    PostgresTestServer m_server;
    int m_counter = 0;

    DatabaseTarget newDatabase()
    {
        return m_server.newDatabase(QStringLiteral("worklist_%1").arg(++m_counter));
    }

    SyncConfig syncConfig(const QUrl& apiUrl, const DatabaseTarget& target) const
    {
        SyncConfig config = TestSync::config(apiUrl, QString(), 7, 1, true);
        config.databaseDriver = DatabaseDriver::Postgresql;
        config.postgres = target.postgres;
        config.busyTimeoutMs = target.busyTimeoutMs;
        return config;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LANTIR_REQUIRE_POSTGRES(m_server);
        qputenv("PGPASSFILE", m_server.passFile().toLocal8Bit());
    }

    void createsPylantirsTablesAndReopensWithoutChange()
    {
        const DatabaseTarget target = newDatabase();
        WorklistStore store;
        VERIFY_OK(store.open(target));
        QVERIFY(store.isPostgres());
        QCOMPARE(scalar(store.database(),
                        QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                       "table_name = 'worklist_items'")),
                 QStringLiteral("21"));
        for (const char* table : { "lantir_entry_keys", "lantir_state", "sync_cycles" })
            QCOMPARE(count(store.database(), QLatin1String(table)), qint64(0));
        // The id is numbered by the server, as SQLAlchemy's SERIAL.
        QVERIFY(scalar(store.database(),
                       QStringLiteral("SELECT column_default FROM information_schema.columns WHERE "
                                      "table_name = 'worklist_items' AND column_name = 'id'"))
                    .startsWith(QLatin1String("nextval(")));
        store.close();
        WorklistStore again;
        VERIFY_OK(again.open(target));
    }

    void upsertInsertsThenFindsTheSameRowsByKey()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newDatabase()));
        Result<UpsertStats> first = store.upsert(threeVisits(), allWritable());
        VERIFY_OK(first);
        QCOMPARE(first.value().inserted, qint64(3));
        const QSqlDatabase db = store.database();
        QCOMPARE(count(db, QStringLiteral("lantir_entry_keys")), qint64(3));
        QCOMPARE(scalar(db,
                        QStringLiteral("SELECT count(DISTINCT study_instance_uid) FROM worklist_items "
                                       "WHERE study_instance_uid LIKE '2.25.%' AND "
                                       "performed_procedure_step_status = 'SCHEDULED'")),
                 QStringLiteral("3"));
        const QString idBefore = scalar(db,
                                        QStringLiteral("SELECT id FROM worklist_items WHERE "
                                                       "scheduled_start_date = '2026-06-01'"));

        Result<UpsertStats> again = store.upsert(threeVisits(), allWritable());
        VERIFY_OK(again);
        QCOMPARE(again.value().unchanged, qint64(3));

        QList<WorklistEntry> moved = threeVisits();
        moved[1][Worklist::ScheduledStartDate] = QStringLiteral("2026-07-01");
        Result<UpsertStats> changed = store.upsert(moved, allWritable());
        VERIFY_OK(changed);
        QCOMPARE(changed.value().updated, qint64(1));
        QCOMPARE(changed.value().unchanged, qint64(2));
        QCOMPARE(scalar(db,
                        QStringLiteral("SELECT id FROM worklist_items WHERE "
                                       "scheduled_start_date = '2026-07-01'")),
                 idBefore);
        QCOMPARE(count(db, QStringLiteral("worklist_items")), qint64(3));
    }

    void failingBatchWritesNothingAndSaysWhy()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newDatabase()));
        {
            QSqlQuery rule(store.database());
            QVERIFY2(rule.exec(QStringLiteral("ALTER TABLE worklist_items ADD CONSTRAINT no_poison "
                                              "CHECK (patient_id <> 'poison')")),
                     qPrintable(rule.lastError().text()));
        }
        QList<WorklistEntry> entries = threeVisits();
        entries[2][Worklist::PatientId] = QStringLiteral("poison");
        const Result<UpsertStats> failed = store.upsert(entries, allWritable());
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(QLatin1String("refused the change")),
                 qPrintable(failed.error().message));
        QVERIFY2(failed.error().message.contains(QLatin1String("23514")), qPrintable(failed.error().message));
        QCOMPARE(count(store.database(), QStringLiteral("worklist_items")), qint64(0));
        QCOMPARE(count(store.database(), QStringLiteral("lantir_entry_keys")), qint64(0));
        // The connection is usable again at once, and values of any length fit (pylantir's
        // VARCHAR(n) lengths are not enforced on SQLite, and its dates exceed them).
        QList<WorklistEntry> fine = threeVisits();
        fine[2][Worklist::PatientId] = QString(300, QLatin1Char('x'));
        VERIFY_OK(store.upsert(fine, allWritable()));
    }

    void dryRunCountsAndWritesNothing()
    {
        const DatabaseTarget target = newDatabase();
        {
            WorklistStore writer;
            VERIFY_OK(writer.open(target));
            VERIFY_OK(writer.upsert(threeVisits().mid(0, 1), allWritable()));
        }
        WorklistStore store;
        VERIFY_OK(store.open(target, true));
        QVERIFY(store.isReadOnly());
        const Result<UpsertStats> counted = store.upsert(threeVisits(), allWritable(), true);
        VERIFY_OK(counted);
        QCOMPARE(counted.value().inserted, qint64(2));
        QCOMPARE(counted.value().unchanged, qint64(1));
        QCOMPARE(count(store.database(), QStringLiteral("worklist_items")), qint64(1));
        QVERIFY(!store.setHighWaterMark(Source, QDateTime::currentDateTimeUtc()).ok());
        // The session itself refuses writes.
        QSqlQuery write(store.database());
        QVERIFY(!write.exec(QStringLiteral("DELETE FROM worklist_items")));
    }

    void hygieneFindsCancelsAndPurges()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newDatabase()));
        VERIFY_OK(store.upsert(threeVisits(), allWritable()));
        QList<qint64> missing;
        const QList<WorklistEntry> kept = threeVisits().mid(0, 1);
        VERIFY_OK(store.upsertBatch(Source, { QStringLiteral("1") }, kept, allWritable(), false, missing));
        QCOMPARE(missing.size(), 1); // record 1's second visit left REDCap
        VERIFY_OK(store.clearRedcapRecordIds());
        VERIFY_OK(store.addRedcapRecordIds({ QStringLiteral("1") }));
        const Result<QList<qint64>> deleted = store.scheduledRowsOfDeletedRecords(Source);
        VERIFY_OK(deleted);
        QCOMPARE(deleted.value().size(), 1); // record 2 is gone
        const Result<qint64> cancelled = store.cancelRows(missing + deleted.value());
        VERIFY_OK(cancelled);
        QCOMPARE(cancelled.value(), qint64(2));
        const Result<qint64> scheduled = store.scheduledRowCount(Source);
        VERIFY_OK(scheduled);
        QCOMPARE(scheduled.value(), qint64(1));
        const Result<IdTally> tally = store.scheduledTally(Source);
        VERIFY_OK(tally);
        QCOMPARE(tally.value().count, qint64(1));
        const Result<qint64> purged = store.purgeFinalRowsBefore(QDate(2027, 1, 1), false);
        VERIFY_OK(purged);
        QCOMPARE(purged.value(), qint64(2));
        QCOMPARE(count(store.database(), QStringLiteral("lantir_entry_keys")), qint64(1));
        const QDateTime mark = QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc());
        VERIFY_OK(store.setHighWaterMark(Source, mark));
        const Result<std::optional<QDateTime>> read = store.highWaterMark(Source);
        VERIFY_OK(read);
        QCOMPARE(read.value().value(), mark);
    }

    void oneNodeAtATimeSyncsASource()
    {
        const DatabaseTarget target = newDatabase();
        WorklistStore first;
        WorklistStore second;
        VERIFY_OK(first.open(target));
        VERIFY_OK(second.open(target));
        Result<QString> taken = first.tryLockSource(Source);
        VERIFY_OK(taken);
        QCOMPARE(taken.value(), QString());
        Result<QString> refused = second.tryLockSource(Source);
        VERIFY_OK(refused);
        QVERIFY2(refused.value().contains(DatabaseConnection::nodeName()), qPrintable(refused.value()));
        VERIFY_OK(second.tryLockSource(QStringLiteral("other project")));
        first.unlockSource(Source);
        QCOMPARE(second.tryLockSource(Source).value(), QString());
        // A holder whose session ends (a node killed) frees the source at once.
        second.close();
        QCOMPARE(first.tryLockSource(Source).value(), QString());
    }

    // The server keeps TCP keepalives on Lantir's sessions as Lantir does on its end, so that a
    // node whose network went silent loses its session, and the sources it syncs, within a
    // minute instead of the server's default two hours.
    void sessionsKeepTheServersKeepalivesShort()
    {
        WorklistStore store;
        VERIFY_OK(store.open(newDatabase()));
        QSqlQuery show(store.database());
        QVERIFY(show.exec(
            QStringLiteral("SELECT current_setting('tcp_keepalives_idle'), "
                           "current_setting('tcp_keepalives_interval'), "
                           "current_setting('tcp_keepalives_count'), current_setting('lock_timeout')")));
        QVERIFY(show.next());
        QCOMPARE(show.value(0).toString(), QStringLiteral("20"));
        QCOMPARE(show.value(1).toString(), QStringLiteral("5"));
        QCOMPARE(show.value(2).toString(), QStringLiteral("4"));
        QCOMPARE(show.value(3).toString(), QStringLiteral("2s"));
    }

    // busy_timeout_ms is the longest a write waits for another writer, 0 not waiting at all, as
    // on SQLite: a batch fails with the lock named and writes nothing.
    void aWriteWaitsForAnotherWriterUpToTheBusyTimeout()
    {
        QFETCH(int, busyTimeoutMs);
        DatabaseTarget target = newDatabase();
        target.busyTimeoutMs = busyTimeoutMs;
        WorklistStore store;
        VERIFY_OK(store.open(target));
        QSqlDatabase other = m_server.openDatabase(target.postgres.name, QStringLiteral("other-writer"));
        QVERIFY2(other.isOpen(), qPrintable(other.lastError().text()));
        QSqlError error;
        QVERIFY2(DatabaseConnection::beginWrite(other, &error), qPrintable(error.text()));
        QElapsedTimer timer;
        timer.start();
        const Result<UpsertStats> written = store.upsert(threeVisits(), allWritable());
        const qint64 waited = timer.elapsed();
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message.contains(QLatin1String("stayed locked")),
                 qPrintable(written.error().message));
        // PostgreSQL times the wait on its own clock, from the statement's arrival: a few ms of slack.
        QVERIFY2(waited >= busyTimeoutMs - 50
                     && waited < busyTimeoutMs + Test::TestEnvironment::scaledMs(1500),
                 qPrintable(QString::number(waited)));
        other.rollback();
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("other-writer"));
        QCOMPARE(store.upsert(threeVisits(), allWritable()).value().inserted, 3);
    }
    void aWriteWaitsForAnotherWriterUpToTheBusyTimeout_data()
    {
        QTest::addColumn<int>("busyTimeoutMs");
        QTest::newRow("no wait") << 0;
        QTest::newRow("1.5 s") << 1500;
    }

    void openErrorsSayWhatToFix()
    {
        DatabaseTarget target = newDatabase();
        target.postgres.name = QStringLiteral("no_such_database");
        WorklistStore store;
        Result<void> opened = store.open(target);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QLatin1String("does not exist")),
                 qPrintable(opened.error().message));

        target = newDatabase();
        target.password = QStringLiteral("wrong");
        opened = store.open(target);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QLatin1String("refused the login")),
                 qPrintable(opened.error().message));
        QVERIFY(!opened.error().message.contains(QLatin1String("wrong")));

        target = newDatabase();
        target.postgres.port = 1; // nothing listens there
        opened = store.open(target);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QLatin1String("could not be reached")),
                 qPrintable(opened.error().message));
    }

    void syncFillsTheDatabaseAsTheTruthSays()
    {
        SimulatorThread sim(SimulatorProject { 40, 2, 3, false });
        const DatabaseTarget target = newDatabase();
        SyncEngine engine(syncConfig(sim->apiUrl(), target), RedcapSimulator::defaultToken());
        const CycleReport first = TestSync::run(engine, true);
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(first.inserted > 0);
        const CycleReport second = TestSync::run(engine, true);
        QVERIFY2(second.ok, qPrintable(second.error));
        QCOMPARE(second.inserted, qint64(0));
        QCOMPARE(second.updated, qint64(0));
        QCOMPARE(second.unchanged, first.inserted);
        const Lantir::Test::TruthCheck check
            = WorklistTruthChecker().check(engine.store()->database(), sim->truth());
        QVERIFY2(check.equal(),
                 qPrintable(check.summary() + QLatin1Char('\n') + check.diff.join(QLatin1Char('\n'))));
        QCOMPARE(count(engine.store()->database(), QStringLiteral("sync_cycles")), qint64(2));
    }

    void aCycleSkipsTheSourceAnotherNodeSyncs()
    {
        SimulatorThread sim(SimulatorProject { 10, 1, 4, false });
        const DatabaseTarget target = newDatabase();
        WorklistStore other;
        VERIFY_OK(other.open(target));
        QCOMPARE(other.tryLockSource(Source).value(), QString());
        SyncEngine engine(syncConfig(sim->apiUrl(), target), RedcapSimulator::defaultToken());
        const CycleReport skipped = TestSync::run(engine, true);
        QVERIFY2(skipped.ok, qPrintable(skipped.error));
        QVERIFY(skipped.syncedElsewhereBy.contains(DatabaseConnection::nodeName()));
        QVERIFY2(skipped.summaryLine().contains(QLatin1String("skipped")), qPrintable(skipped.summaryLine()));
        QCOMPARE(count(other.database(), QStringLiteral("worklist_items")), qint64(0));
        QCOMPARE(count(other.database(), QStringLiteral("sync_cycles")), qint64(0));
        other.unlockSource(Source);
        const CycleReport synced = TestSync::run(engine, true);
        QVERIFY2(synced.ok, qPrintable(synced.error));
        QCOMPARE(synced.inserted, qint64(10));
        QVERIFY(synced.syncedElsewhereBy.isEmpty());
    }

    void aServerRestartCostsOneCycleAtMost()
    {
        SimulatorThread sim(SimulatorProject { 20, 2, 5, false });
        const DatabaseTarget target = newDatabase();
        SyncEngine engine(syncConfig(sim->apiUrl(), target), RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine, true).ok);
        QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
        const CycleReport afterRestart = TestSync::run(engine, true);
        if (!afterRestart.ok)
            QVERIFY2(afterRestart.error.contains(QLatin1String("connection to"))
                         && afterRestart.error.contains(QLatin1String("was lost")),
                     qPrintable(afterRestart.error));
        const CycleReport next = TestSync::run(engine, true);
        QVERIFY2(next.ok, qPrintable(next.error));
        QCOMPARE(next.inserted, qint64(0));
        const Lantir::Test::TruthCheck check
            = WorklistTruthChecker().check(engine.store()->database(), sim->truth());
        QVERIFY2(check.equal(), qPrintable(check.summary()));
    }
};

QTEST_GUILESS_MAIN(TestPostgresWorklist)
#include "tst_postgresworklist.moc"
