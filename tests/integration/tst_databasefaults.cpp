#include "DatabaseSnapshot.h"
#include "RedcapSimulator.h"
#include "ScopedSqlConnection.h"
#include "SimulatorThread.h"
#include "SqlProbe.h"
#include "TestSync.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using Lantir::Test::TestSync;
using namespace Lantir;
using Lantir::Test::DatabaseSnapshot;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

using Lantir::Test::SqlProbe;

namespace {

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

// Database faults seen through the whole engine: the cycle fails with a message naming the file
// and the fix, the file is never damaged or replaced, the mark stays, and once the fault is gone
// the next cycle completes.
class TestDatabaseFaults : public QObject
{
    Q_OBJECT

private:
    static SyncConfig configFor(const RedcapSimulator* sim, const QString& dbPath)
    {
        SyncConfig config = TestSync::config(sim->apiUrl(), dbPath, 5, 1, false);
        config.busyTimeoutMs = 200;
        return config;
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifdef Q_OS_UNIX
        // File modes do not bind root: run this suite as an ordinary user so they do.
        if (::geteuid() == 0) {
            QVERIFY2(::setgid(65534) == 0 && ::setuid(65534) == 0,
                     "could not drop root privileges to uid 65534");
        }
#endif
    }

    void aReadOnlyFileFailsTheCycleAndStaysIntact()
    {
#ifndef Q_OS_UNIX
        QSKIP("POSIX file modes only");
#endif
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 6, 2, 3, false });
        QVERIFY(SyncEngine(configFor(sim.get(), db), RedcapSimulator::defaultToken()).runCycle({}).ok);
        sim->setValue(QStringLiteral("2"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("0707"));

        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner));
        const QByteArray before = fileBytes(db);
        {
            SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
            const CycleReport failed = TestSync::run(engine);
            QVERIFY(!failed.ok);
            QVERIFY2(failed.error.contains(QLatin1String("read-only")) && failed.error.contains(db),
                     qPrintable(failed.error));
        }
        QCOMPARE(fileBytes(db), before);

        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner));
        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(recovered.updated, 1);
    }

    void aReadOnlyFolderFailsTheCycleAndLeavesTheFileIntact()
    {
#ifndef Q_OS_UNIX
        QSKIP("POSIX file modes only");
#endif
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("site"));
        const QString db = folder + QStringLiteral("/worklist.db");
        SimulatorThread sim(SimulatorProject { 6, 2, 3, false });
        QVERIFY(SyncEngine(configFor(sim.get(), db), RedcapSimulator::defaultToken()).runCycle({}).ok);
        sim->setValue(QStringLiteral("3"), QStringLiteral("mri"), 2, QStringLiteral("mri_time"),
                      QStringLiteral("0808"));
        const QFile::Permissions open = QFile::permissions(folder);

        // The journal cannot be created next to the file: nothing can be written.
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        const QByteArray before = fileBytes(db);
        {
            SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
            const CycleReport failed = TestSync::run(engine);
            QVERIFY(!failed.ok);
            QVERIFY2(failed.error.contains(db), qPrintable(failed.error));
            QVERIFY2(failed.error.contains(QLatin1String("Nothing was written")), qPrintable(failed.error));
        }
        QCOMPARE(fileBytes(db), before);
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList { QStringLiteral("worklist.db") });

        // A new database in a read-only folder is refused before anything is made.
        const QString fresh = folder + QStringLiteral("/new.db");
        {
            SyncEngine engine(configFor(sim.get(), fresh), RedcapSimulator::defaultToken());
            const CycleReport failed = TestSync::run(engine);
            QVERIFY(!failed.ok);
            QVERIFY2(failed.error.contains(fresh), qPrintable(failed.error));
        }
        QVERIFY(!QFile::exists(fresh));

        QVERIFY(QFile::setPermissions(folder, open));
        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(recovered.updated, 1);
    }

    void aFullDatabaseRollsTheBatchBackAndHoldsTheMark()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 10, 2, 3, false });
        SyncConfig config = configFor(sim.get(), db);
        config.sources.first().batchSize = 50; // one batch: all or nothing
        config.sources.first().mapping.fieldMapping
            = { { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") } };
        SyncEngine engine(config, RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);
        const DatabaseSnapshot before = DatabaseSnapshot::take(db);
        const QString mark
            = SqlProbe::scalar(db, QStringLiteral("SELECT group_concat(value) FROM lantir_state")).toString();

        // Values far larger than the free pages: the file may not grow.
        for (int record = 1; record <= 10; ++record)
            sim->setValue(QString::number(record), QString(), 0, QStringLiteral("demo_sex"),
                          QString(20000, QLatin1Char('F')));
        QSqlDatabase connection = engine.store()->database();
        {
            QSqlQuery pragma(connection);
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA page_count")) && pragma.next());
            const int pages = pragma.value(0).toInt();
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
        }
        const CycleReport failed = TestSync::run(engine);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(QLatin1String("full")), qPrintable(failed.error));
        QVERIFY2(DatabaseSnapshot::take(db) == before, "a failed batch changed the database");
        QCOMPARE(
            SqlProbe::scalar(db, QStringLiteral("SELECT group_concat(value) FROM lantir_state")).toString(),
            mark);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));

        {
            QSqlQuery pragma(connection);
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        }
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(recovered.updated, 20);
        QCOMPARE(
            SqlProbe::scalar(
                db, QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE length(patient_sex) = 20000"))
                .toInt(),
            20);
    }

    void aFileThatIsNotADatabaseIsRefusedAndNeverOverwritten_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("text file") << QStringLiteral("text");
        QTest::newRow("damaged SQLite file") << QStringLiteral("damaged");
        QTest::newRow("empty SQLite header only") << QStringLiteral("header");
    }

    void aFileThatIsNotADatabaseIsRefusedAndNeverOverwritten()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 8, 2, 3, false });
        QByteArray bytes;
        if (kind == QLatin1String("text")) {
            bytes = "patient_id;patient_name\nsub_1;x\n";
        } else {
            // A real worklist written by a sync, then its pages after the header scrambled.
            const QString good = dir.filePath(QStringLiteral("good.db"));
            QVERIFY(SyncEngine(configFor(sim.get(), good), RedcapSimulator::defaultToken()).runCycle({}).ok);
            bytes = fileBytes(good);
            QVERIFY(bytes.size() > 8192);
            if (kind == QLatin1String("damaged")) {
                for (qsizetype i = 100; i < bytes.size(); ++i)
                    bytes[i] = static_cast<char>((i * 131 + 7) & 0xff);
            } else {
                bytes = bytes.left(100) + QByteArray(bytes.size() - 100, '\xee');
            }
        }
        QVERIFY(writeBytes(db, bytes));

        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        for (int attempt = 0; attempt < 2; ++attempt) {
            const CycleReport failed = TestSync::run(engine, attempt == 1);
            QVERIFY(!failed.ok);
            QVERIFY2(failed.error.contains(db), qPrintable(failed.error));
            QVERIFY2(failed.error.contains(QLatin1String("not a SQLite database"))
                         || failed.error.contains(QLatin1String("damaged"))
                         || failed.error.contains(QLatin1String("malformed"))
                         || failed.error.contains(QLatin1String("corrupt")),
                     qPrintable(failed.error));
        }
        QCOMPARE(fileBytes(db), bytes);
        QStringList files = QDir(dir.path()).entryList(QDir::Files);
        files.removeAll(QStringLiteral("good.db"));
        QCOMPARE(files, QStringList { QStringLiteral("worklist.db") });
    }

    void missingColumnsAreRefusedByName()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        QString ddl = WorklistSchema::worklistItemsDdl();
        ddl.remove(QStringLiteral("\tpatient_weight_lb VARCHAR(10), \n"));
        ddl.remove(QStringLiteral("\tstation_name VARCHAR(100), \n"));
        {
            ScopedSqlConnection other(db);
            QVERIFY2(other.exec(ddl), qPrintable(other.lastError()));
        }
        const QByteArray before = fileBytes(db);
        SimulatorThread sim(SimulatorProject { 4, 1, 3, false });
        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        const CycleReport failed = TestSync::run(engine);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(QLatin1String("patient_weight_lb"))
                     && failed.error.contains(QLatin1String("station_name")),
                 qPrintable(failed.error));
        QCOMPARE(fileBytes(db), before);
    }

    void extraColumnsAreAdoptedAndKept()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        QString ddl = WorklistSchema::worklistItemsDdl();
        ddl.replace(QStringLiteral("\tPRIMARY KEY (id)"),
                    QStringLiteral("\tsite_notes TEXT DEFAULT 'keep', \n\tPRIMARY KEY (id)"));
        {
            ScopedSqlConnection other(db);
            QVERIFY2(other.exec(ddl), qPrintable(other.lastError()));
        }
        SimulatorThread sim(SimulatorProject { 4, 2, 3, false });
        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        const CycleReport first = TestSync::run(engine);
        QVERIFY2(first.ok, qPrintable(first.error));
        QCOMPARE(first.inserted, 8);
        {
            ScopedSqlConnection other(db);
            QVERIFY(other.exec(QStringLiteral("UPDATE worklist_items SET site_notes = 'seen'")));
        }
        sim->setValue(QStringLiteral("1"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("1313"));
        const CycleReport second = TestSync::run(engine);
        QVERIFY2(second.ok, qPrintable(second.error));
        QCOMPARE(second.updated, 1);
        QCOMPARE(SqlProbe::scalar(
                     db, QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE site_notes = 'seen'"))
                     .toInt(),
                 8);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFaults)
#include "tst_databasefaults.moc"
