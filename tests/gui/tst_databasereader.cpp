// The desktop app's reader of the worklist database (DatabaseReader) on both drivers: a SQLite
// file, and a real PostgreSQL server the suite starts on 127.0.0.1 with a password handed over as
// the keychain's would be (PGPASSFILE and PGPASSWORD unset).

#include "DatabaseReader.h"
#include "PostgresTestServer.h"
#include "store/CycleHistory.h"
#include "store/WorklistStore.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Lantir;
using Lantir::Test::PostgresTestServer;

namespace {
const QString Source = QStringLiteral("REDCap");

// Evaluates `expression` once (QVERIFY2 evaluates its message too).
#define VERIFY_OK(expression)                                                                                \
    do {                                                                                                     \
        const auto& verifiedResult_ = (expression);                                                          \
        QVERIFY2(verifiedResult_.ok(), qPrintable(verifiedResult_.error().message));                         \
    } while (false)

WorklistEntry visit(const QString& record, const QString& date)
{
    WorklistEntry e;
    e.key = EntryKey { Source, record, QString(), QStringLiteral("1") };
    e[Worklist::PatientId] = QStringLiteral("sub_%1_ses_1_site_792").arg(record);
    e[Worklist::PatientName] = QStringLiteral("cpip-id-%1").arg(record);
    e[Worklist::Modality] = QStringLiteral("MR");
    e[Worklist::ScheduledStartDate] = date;
    e[Worklist::ScheduledStartTime] = QStringLiteral("10:00");
    e[Worklist::ProtocolName] = QStringLiteral("BRAIN_MRI_3T");
    e[Worklist::DataSource] = Source;
    return e;
}

CycleReport cycle(qint64 number, const QDateTime& startedAt, qint64 inserted)
{
    CycleReport r;
    r.cycle = number;
    r.source = Source;
    r.startedAt = startedAt;
    r.ok = true;
    r.inserted = inserted;
    return r;
}
} // namespace

class TestDatabaseReader : public QObject
{
    Q_OBJECT

private:
    PostgresTestServer m_server;
    int m_counter = 0;

    DatabaseTarget newPostgresDatabase()
    {
        DatabaseTarget target = m_server.newDatabase(QStringLiteral("reader_%1").arg(++m_counter));
        target.password = m_server.password();
        return target;
    }

    // Two visits and two cycles written the way the sync writes them.
    static void fill(const DatabaseTarget& target)
    {
        WorklistStore store;
        VERIFY_OK(store.open(target));
        QList<Worklist::Column> owned;
        for (int c = 0; c < Worklist::ColumnCount; ++c) {
            if (Worklist::isSyncWritable(static_cast<Worklist::Column>(c)))
                owned.append(static_cast<Worklist::Column>(c));
        }
        VERIFY_OK(store.upsert({ visit(QStringLiteral("1"), QStringLiteral("2026-05-01")),
                                 visit(QStringLiteral("2"), QStringLiteral("2026-06-01")) },
                               owned));
        QSqlDatabase db = store.database();
        CycleHistory history(db);
        CycleReport first = cycle(1, QDateTime(QDate(2026, 4, 1), QTime(8, 0), Qt::UTC), 2);
        CycleReport second = cycle(2, QDateTime(QDate(2026, 4, 1), QTime(8, 30), Qt::UTC), 0);
        VERIFY_OK(history.append(first));
        VERIFY_OK(history.append(second));
    }

    static void checkFilled(const DatabaseTarget& target)
    {
        const Result<QList<WorklistRow>> rows = DatabaseReader::loadWorklist(target, 100);
        VERIFY_OK(rows);
        QCOMPARE(rows.value().size(), 2);
        // Newest scheduled first.
        QCOMPARE(rows.value().at(0)[Worklist::PatientId], QStringLiteral("sub_2_ses_1_site_792"));
        QCOMPARE(rows.value().at(1)[Worklist::PatientId], QStringLiteral("sub_1_ses_1_site_792"));
        QCOMPARE(rows.value().at(0)[Worklist::DataSource], Source);
        QCOMPARE(rows.value().at(0)[Worklist::PerformedProcedureStepStatus], QStringLiteral("SCHEDULED"));
        const Result<QList<WorklistRow>> limited = DatabaseReader::loadWorklist(target, 1);
        VERIFY_OK(limited);
        QCOMPARE(limited.value().size(), 1);

        const Result<QList<CycleReport>> cycles = DatabaseReader::loadCycles(target);
        VERIFY_OK(cycles);
        QCOMPARE(cycles.value().size(), 2);
        QCOMPARE(cycles.value().at(0).cycle, qint64(1)); // oldest first
        QCOMPARE(cycles.value().at(0).inserted, qint64(2));
        QCOMPARE(cycles.value().at(1).cycle, qint64(2));
        QCOMPARE(cycles.value().at(1).source, Source);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The password reaches libpq only through DatabaseTarget::password, as from the keychain.
        qunsetenv("PGPASSFILE");
        qunsetenv("PGPASSWORD");
        LANTIR_REQUIRE_POSTGRES(m_server);
    }

    void sqliteFileReadsRowsAndCycles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DatabaseTarget target;
        target.path = dir.filePath(QStringLiteral("worklist.db"));
        // Not there yet: nothing synced, no error, and no file made.
        VERIFY_OK(DatabaseReader::loadWorklist(target, 10));
        QVERIFY(DatabaseReader::loadWorklist(target, 10).value().isEmpty());
        QVERIFY(!QFileInfo::exists(target.path));
        fill(target);
        checkFilled(target);
    }

    void postgresDatabaseWithoutTablesReadsEmpty()
    {
        const DatabaseTarget target = newPostgresDatabase();
        const Result<QList<WorklistRow>> rows = DatabaseReader::loadWorklist(target, 10);
        VERIFY_OK(rows);
        QVERIFY(rows.value().isEmpty());
        const Result<QList<CycleReport>> cycles = DatabaseReader::loadCycles(target);
        VERIFY_OK(cycles);
        QVERIFY(cycles.value().isEmpty());
    }

    void postgresDatabaseReadsRowsAndCycles()
    {
        const DatabaseTarget target = newPostgresDatabase();
        fill(target);
        checkFilled(target);
        // Each call's connection is gone once it returns.
        for (const QString& name : QSqlDatabase::connectionNames())
            QVERIFY2(!name.startsWith(QLatin1String("lantir-gui-reader-")), qPrintable(name));
    }

    void readsFromAnotherThread()
    {
        const DatabaseTarget target = newPostgresDatabase();
        fill(target);
        Result<QList<WorklistRow>> rows = QList<WorklistRow>();
        // A plain thread joined, so the hand-over of rows is one ThreadSanitizer sees (QThread's
        // wait is a futex inside uninstrumented Qt).
        std::thread reader([&] { rows = DatabaseReader::loadWorklist(target, 100); });
        reader.join();
        VERIFY_OK(rows);
        QCOMPARE(rows.value().size(), 2);
    }

    void aWrongPasswordIsAnErrorThatNamesTheDatabaseNotThePassword()
    {
        DatabaseTarget target = newPostgresDatabase();
        fill(target);
        target.password = QStringLiteral("not-the-password-42");
        const Result<QList<WorklistRow>> rows = DatabaseReader::loadWorklist(target, 10);
        QVERIFY(!rows.ok());
        QVERIFY2(rows.error().message.contains(target.describe()), qPrintable(rows.error().message));
        QVERIFY(!rows.error().message.contains(target.password));
        QVERIFY(!rows.error().message.contains(m_server.password()));
        QVERIFY(!DatabaseReader::loadCycles(target).ok());
    }

    void theReaderNeverWrites()
    {
        // A database without tables stays without them: reading creates nothing.
        const DatabaseTarget target = newPostgresDatabase();
        VERIFY_OK(DatabaseReader::loadWorklist(target, 10));
        VERIFY_OK(DatabaseReader::loadCycles(target));
        {
            QSqlDatabase db = m_server.openDatabase(target.postgres.name, QStringLiteral("probe"));
            QVERIFY(db.isOpen());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                              "WHERE table_schema = 'public'")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 0);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }
};

QTEST_MAIN(TestDatabaseReader)
#include "tst_databasereader.moc"
