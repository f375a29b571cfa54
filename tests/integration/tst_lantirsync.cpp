#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "SqlProbe.h"
#include "TestEnvironment.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <csignal>

using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

using Lantir::Test::SqlProbe;
using Lantir::Test::TestEnvironment;

namespace {
int countRows(const QString& path)
{
    const QString name = QUuid::createUuid().toString();
    int n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM worklist_items")) && q.next())
                n = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// The last JSON object of a --report file.
QJsonObject lastReport(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll().trimmed().split('\n').constLast()).object();
}

struct Outcome
{
    int exitCode = -1;
    QString output;
};
} // namespace

// lantir-sync as the IT person runs it: a real process, real files, real signals.
class TestLantirSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString writeConfig(const QString& name, const QUrl& url, const QString& extra = {}) const
    {
        QFile file(path(name));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(
            QStringLiteral(
                R"({"source": {"api_url": "%1", "batch_size": 9, "request_timeout_s": 5, "max_tries": 1},
                                       "database": {"path": "%2"}, "mapping": {"site": "792"}%3})")
                .arg(url.toString(), path(QStringLiteral("worklist.db")), extra)
                .toUtf8());
        return file.fileName();
    }

    QString writeToken(const QString& token) const
    {
        QFile file(path(QStringLiteral("token")));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(token.toUtf8() + "\n  ");
        return file.fileName();
    }

    Outcome run(const QStringList& args, int timeoutMs = 30000) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("REDCAP_API_TOKEN"));
        env.remove(QStringLiteral("REDCAP_API_URL"));
        // The platform defaults (config, token, database) point into the test's own folder.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        process.setProcessEnvironment(env);
        process.start(TestEnvironment::lantirSyncBinary(), args);
        process.waitForFinished(TestEnvironment::scaledMs(timeoutMs));
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 QString::fromUtf8(process.readAll()) };
    }

    // lantir-sync as a service runs it: scheduled cycles every `intervalS` seconds, until a signal.
    void startScheduled(QProcess& process, const QString& configName, const QUrl& url, int intervalS) const
    {
        const QString config = writeConfig(
            configName, url, QStringLiteral(", \"schedule\": {\"interval_s\": %1}").arg(intervalS));
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(TestEnvironment::lantirSyncBinary(),
                      { QStringLiteral("--config"), config, QStringLiteral("--token-file"),
                        writeToken(RedcapSimulator::defaultToken()) });
        QVERIFY(process.waitForStarted());
    }

    // After a stop: a sound file, whole batches only (9 records of 2 visits each, or all 30
    // records), and no advanced mark, since the cycle did not finish.
    void verifyNothingHalfWritten(const QString& db) const
    {
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        const int rows = SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt();
        QVERIFY2(rows % 18 == 0 || rows == 60, qPrintable(QString::number(rows)));
        QCOMPARE(SqlProbe::scalar(db,
                                  QStringLiteral("SELECT COUNT(*) FROM (SELECT record_id, COUNT(*) AS n FROM "
                                                 "lantir_entry_keys GROUP BY record_id HAVING n <> 2)"))
                     .toInt(),
                 0);
        if (rows < 60)
            QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM lantir_state")).toInt(), 0);
    }

    void stopsMidCycleOnSignal(int signalNumber)
    {
        SimulatorThread sim(SimulatorProject { 30, 2, 4, false });
        sim->injectFault(RedcapSimulator::Fault::Delay, 1000, QStringLiteral("record"), 400);
        QProcess process;
        startScheduled(process, QStringLiteral("schedule.json"), sim->apiUrl(), 10);
        // Mid-cycle: the delayed batches keep it busy for seconds.
        QTRY_VERIFY_WITH_TIMEOUT(sim->requestCount(QStringLiteral("record")) >= 2,
                                 TestEnvironment::scaledMs(10000));
        QElapsedTimer timer;
        timer.start();
        ::kill(static_cast<pid_t>(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(TestEnvironment::scaledMs(5000)));
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(5000),
                 qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        const QString output = QString::fromUtf8(process.readAll());
        QVERIFY2(output.contains(QStringLiteral("Stopping on signal %1").arg(signalNumber)),
                 qPrintable(output));
        verifyNothingHalfWritten(path(QStringLiteral("worklist.db")));
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(path(QStringLiteral("worklist.db")));
        QFile::remove(path(QStringLiteral("report.jsonl")));
    }

    void versionAndHelp()
    {
        const Outcome version = run({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.output.startsWith(QLatin1String("lantir-sync ")));
        const Outcome help = run({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.output.contains(QLatin1String("--token-file")));
    }

    void onceSyncsAndWritesTheReport()
    {
        SimulatorThread sim(SimulatorProject { 20, 2, 1, false });
        const QString config = writeConfig(QStringLiteral("ok.json"), sim->apiUrl());
        const Outcome outcome = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"),
                                      writeToken(RedcapSimulator::defaultToken()), QStringLiteral("--once"),
                                      QStringLiteral("--report"), path(QStringLiteral("report.jsonl")) });
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("cycle 1 ok")), qPrintable(outcome.output));
        QVERIFY(outcome.output.contains(QLatin1String("Memory cleanup: Before=")));
        QCOMPARE(countRows(path(QStringLiteral("worklist.db"))), 40);

        QFile report(path(QStringLiteral("report.jsonl")));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = report.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QJsonObject o = QJsonDocument::fromJson(lines.constFirst()).object();
        for (const char* key :
             { "cycle", "started_at", "ok", "error", "duration_ms", "rows_fetched", "records", "entries",
               "inserted", "updated", "unchanged", "skipped", "rss_start_kb", "rss_peak_kb", "rss_end_kb",
               "rss_released_kb", "heap_in_use_kb" })
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QLatin1String("ok")).toBool(), true);
        QVERIFY(o.value(QLatin1String("error")).isNull());
        QCOMPARE(o.value(QLatin1String("inserted")).toInt(), 40);
        QVERIFY(QDateTime::fromString(o.value(QLatin1String("started_at")).toString(), Qt::ISODateWithMs)
                    .isValid());
        QVERIFY(o.value(QLatin1String("started_at")).toString().endsWith(QLatin1Char('Z')));
        QVERIFY(o.value(QLatin1String("rss_start_kb")).toDouble() > 0);
    }

    void tooManyRemovedVisitsNeedForceCancel()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 5, false });
        const QString config = writeConfig(QStringLiteral("cancel.json"), sim->apiUrl());
        const QString reportPath = path(QStringLiteral("cancel.jsonl"));
        const QStringList args { QStringLiteral("--config"),     config,
                                 QStringLiteral("--token-file"), writeToken(RedcapSimulator::defaultToken()),
                                 QStringLiteral("--once"),       QStringLiteral("--full"),
                                 QStringLiteral("--report"),     reportPath };
        QCOMPARE(run(args).exitCode, 0);
        for (const char* record : { "1", "2", "3", "4" })
            sim->removeRecord(QString::fromLatin1(record)); // 8 of 20 scheduled rows

        Outcome outcome = run(args);
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.output.contains(QLatin1String("would cancel 8 of the 20 scheduled")),
                 qPrintable(outcome.output));
        QCOMPARE(lastReport(reportPath).value(QLatin1String("cancel_blocked")).toBool(), true);
        QCOMPARE(lastReport(reportPath).value(QLatin1String("cancelled")).toInt(), 0);
        QCOMPARE(SqlProbe::scalar(path(QStringLiteral("worklist.db")),
                                  QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE "
                                                 "performed_procedure_step_status = 'CANCELED'"))
                     .toInt(),
                 0);

        outcome = run(args + QStringList { QStringLiteral("--force-cancel") });
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("8 cancelled, 0 restored, 0 purged")),
                 qPrintable(outcome.output));
        QCOMPARE(lastReport(reportPath).value(QLatin1String("cancelled")).toInt(), 8);
        QCOMPARE(SqlProbe::scalar(path(QStringLiteral("worklist.db")),
                                  QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE "
                                                 "performed_procedure_step_status = 'CANCELED'"))
                     .toInt(),
                 8);
        QCOMPARE(
            SqlProbe::scalar(path(QStringLiteral("worklist.db")),
                             QStringLiteral("SELECT cancelled FROM sync_cycles ORDER BY id DESC LIMIT 1"))
                .toInt(),
            8);
    }

    void cyclesRunBackToBackAndDryRunWritesNothing()
    {
        SimulatorThread sim(SimulatorProject { 10, 1, 2, false });
        const QString config = writeConfig(QStringLiteral("cycles.json"), sim->apiUrl());
        const QString token = writeToken(RedcapSimulator::defaultToken());
        const Outcome dry = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"), token,
                                  QStringLiteral("--once"), QStringLiteral("--dry-run") });
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.output));
        QVERIFY(!QFile::exists(path(QStringLiteral("worklist.db"))));

        const Outcome cycles = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"),
                                     token, QStringLiteral("--cycles"), QStringLiteral("3"),
                                     QStringLiteral("--report"), path(QStringLiteral("report.jsonl")) });
        QVERIFY2(cycles.exitCode == 0, qPrintable(cycles.output));
        QFile report(path(QStringLiteral("report.jsonl")));
        QVERIFY(report.open(QIODevice::ReadOnly));
        QCOMPARE(report.readAll().trimmed().split('\n').size(), 3);
        QCOMPARE(countRows(path(QStringLiteral("worklist.db"))), 10);
    }

    void aWrongTokenFailsTheCycleWithoutLeakingIt()
    {
        SimulatorThread sim(SimulatorProject { 5, 1, 3, false });
        const QString config = writeConfig(QStringLiteral("badtoken.json"), sim->apiUrl());
        const QString wrong = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
        const Outcome outcome
            = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"), writeToken(wrong),
                    QStringLiteral("--once"), QStringLiteral("--verbose"), QStringLiteral("--report"),
                    path(QStringLiteral("report.jsonl")) });
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.output.contains(QLatin1String("token"), Qt::CaseInsensitive),
                 qPrintable(outcome.output));
        QVERIFY(!outcome.output.contains(wrong));
        QFile report(path(QStringLiteral("report.jsonl")));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray json = report.readAll();
        QVERIFY(!json.contains(wrong.toUtf8()));
        QCOMPARE(QJsonDocument::fromJson(json.trimmed()).object().value(QLatin1String("ok")).toBool(true),
                 false);
        QCOMPARE(countRows(path(QStringLiteral("worklist.db"))), 0);
    }

    void badUsageAndConfigExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("no config at the default path")
            << QStringList { QStringLiteral("--once") } << QStringLiteral("--config");
        QTest::newRow("once and cycles")
            << QStringList { QStringLiteral("--config"), QStringLiteral("x.json"), QStringLiteral("--once"),
                             QStringLiteral("--cycles"), QStringLiteral("2") }
            << QStringLiteral("either --once or --cycles");
        QTest::newRow("cycles zero") << QStringList { QStringLiteral("--config"), QStringLiteral("x.json"),
                                                      QStringLiteral("--cycles"), QStringLiteral("0") }
                                     << QStringLiteral("--cycles");
        QTest::newRow("unknown option")
            << QStringList { QStringLiteral("--bogus") } << QStringLiteral("bogus");
        QTest::newRow("missing config file")
            << QStringList { QStringLiteral("--config"), QStringLiteral("/nonexistent/lantir.json"),
                             QStringLiteral("--once") }
            << QStringLiteral("/nonexistent/lantir.json");
    }

    void badUsageAndConfigExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const Outcome outcome = run(args);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.output.contains(says), qPrintable(outcome.output));
    }

    void missingTokenAndInvalidValuesExitWithTwo()
    {
        const QString config
            = writeConfig(QStringLiteral("notoken.json"), QUrl(QStringLiteral("http://127.0.0.1:9/api/")));
        const Outcome noToken = run({ QStringLiteral("--config"), config, QStringLiteral("--once") });
        QCOMPARE(noToken.exitCode, 2);
        QVERIFY2(noToken.output.contains(QLatin1String("REDCAP_API_TOKEN")), qPrintable(noToken.output));

        const QString invalid
            = writeConfig(QStringLiteral("invalid.json"), QUrl(QStringLiteral("http://127.0.0.1:9/api/")),
                          QStringLiteral(R"(, "schedule": {"interval_s": "often"})"));
        const Outcome bad = run({ QStringLiteral("--config"), invalid, QStringLiteral("--token-file"),
                                  writeToken(RedcapSimulator::defaultToken()), QStringLiteral("--once") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.output.contains(QLatin1String("interval_s")), qPrintable(bad.output));

        const QString remote = writeConfig(QStringLiteral("remote.json"),
                                           QUrl(QStringLiteral("http://redcap.example.org/api/")));
        const Outcome insecure
            = run({ QStringLiteral("--config"), remote, QStringLiteral("--token-file"),
                    writeToken(RedcapSimulator::defaultToken()), QStringLiteral("--once") });
        QCOMPARE(insecure.exitCode, 2);
        QVERIFY2(insecure.output.contains(QLatin1String("https"), Qt::CaseInsensitive),
                 qPrintable(insecure.output));
    }

    void sigtermStopsAScheduledRunWithinFiveSeconds() { stopsMidCycleOnSignal(SIGTERM); }

    void sigintStopsAScheduledRunWithinFiveSeconds() { stopsMidCycleOnSignal(SIGINT); }

    void aStopWhileAnotherProcessHoldsTheLockExitsCleanly()
    {
        // pylantir's server (here: the test) holds the write lock while a cycle wants to write;
        // the default busy timeout (10 s) is longer than the stop may take.
        SimulatorThread sim(SimulatorProject { 30, 2, 4, false });
        std::atomic<int> served { 0 };
        QObject::connect(
            sim.get(), &RedcapSimulator::requestServed, sim.get(),
            [&served](const QString& content) {
                if (content == QLatin1String("record"))
                    ++served;
            },
            Qt::DirectConnection);
        sim->injectFault(RedcapSimulator::Fault::Delay, 1000, QStringLiteral("record"), 300);
        QProcess process;
        startScheduled(process, QStringLiteral("locked.json"), sim->apiUrl(), 600);
        QTRY_VERIFY_WITH_TIMEOUT(sim->requestCount(QStringLiteral("record")) >= 2,
                                 TestEnvironment::scaledMs(10000));

        const QString db = path(QStringLiteral("worklist.db"));
        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            locker.setDatabaseName(db);
            locker.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            QVERIFY(locker.open());
            QSqlQuery query(locker);
            QVERIFY(query.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM worklist_items")) && query.next());
            const int rows = query.value(0).toInt();
            query.finish();
            const int asked = sim->requestCount(QStringLiteral("record"));
            QTRY_VERIFY_WITH_TIMEOUT(served.load() >= asked, TestEnvironment::scaledMs(5000));
            QTest::qWait(300); // no signal leaves SQLite's busy wait; let the cycle enter it

            QElapsedTimer timer;
            timer.start();
            ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
            QVERIFY(process.waitForFinished(TestEnvironment::scaledMs(5000)));
            QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(3000),
                     qPrintable(QString::number(timer.elapsed())));
            QVERIFY2(process.exitStatus() == QProcess::NormalExit,
                     qPrintable(QString::fromUtf8(process.readAll())));
            QVERIFY(process.exitCode() == 0 || process.exitCode() == 1);
            QCOMPARE(sim->requestCount(QStringLiteral("record")), asked);
            QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM worklist_items")) && query.next());
            QCOMPARE(query.value(0).toInt(), rows);
            query.finish();
            QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
            locker.close();
        }
        QSqlDatabase::removeDatabase(name);
        verifyNothingHalfWritten(db);
    }

    void dryRunWritesNothingAndCountsRight()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 5, false });
        const QString config = writeConfig(QStringLiteral("dry.json"), sim->apiUrl());
        const QString token = writeToken(RedcapSimulator::defaultToken());
        const QString db = path(QStringLiteral("worklist.db"));
        const QString report = path(QStringLiteral("report.jsonl"));
        const QStringList dryRun { QStringLiteral("--config"),     config,
                                   QStringLiteral("--token-file"), token,
                                   QStringLiteral("--once"),       QStringLiteral("--dry-run"),
                                   QStringLiteral("--report"),     report };

        // No database yet: it stays missing, and every entry would be inserted.
        const Outcome first = run(dryRun);
        QVERIFY2(first.exitCode == 0, qPrintable(first.output));
        QVERIFY(!QFile::exists(db));
        QCOMPARE(lastReport(report).value(QLatin1String("inserted")).toInt(), 20);

        const Outcome real = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"), token,
                                   QStringLiteral("--once") });
        QVERIFY2(real.exitCode == 0, qPrintable(real.output));
        QCOMPARE(countRows(db), 20);

        // One visit changed, one record added: the dry run counts both and leaves every byte.
        sim->setValue(QStringLiteral("4"), QStringLiteral("mri"), 2, QStringLiteral("mri_time"),
                      QStringLiteral("1730"));
        sim->setValue(QStringLiteral("11"), QString(), 0, QStringLiteral("study_id"),
                      QStringLiteral("CPIP-811"));
        sim->setValue(QStringLiteral("11"), QString(), 0, QStringLiteral("family_id"),
                      QStringLiteral("FA-811"));
        sim->setValue(QStringLiteral("11"), QStringLiteral("mri"), 1, QStringLiteral("mri_instance"),
                      QStringLiteral("1"));
        sim->setValue(QStringLiteral("11"), QStringLiteral("mri"), 1, QStringLiteral("mri_date"),
                      QStringLiteral("2031-02-03"));
        sim->setValue(QStringLiteral("11"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("0800"));
        const QByteArray before = fileHash(db);
        QVERIFY(!before.isEmpty());
        const QStringList files = QDir(m_dir.path()).entryList(QDir::Files);
        const Outcome second = run(dryRun + QStringList { QStringLiteral("--full") });
        QVERIFY2(second.exitCode == 0, qPrintable(second.output));
        QCOMPARE(fileHash(db), before);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), files); // no journal left behind
        const QJsonObject counts = lastReport(report);
        QCOMPARE(counts.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(counts.value(QLatin1String("inserted")).toInt(), 1);
        QCOMPARE(counts.value(QLatin1String("updated")).toInt(), 1);
        QCOMPARE(counts.value(QLatin1String("unchanged")).toInt(), 19);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM sync_cycles")).toInt(), 1);
    }

    void batchSizeOverridesTheConfig()
    {
        SimulatorThread sim(SimulatorProject { 20, 1, 6, false });
        const QString config = writeConfig(QStringLiteral("batch.json"), sim->apiUrl()); // batch_size 9
        const QString token = writeToken(RedcapSimulator::defaultToken());
        const Outcome configured = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"),
                                         token, QStringLiteral("--once"), QStringLiteral("--full") });
        QVERIFY2(configured.exitCode == 0, qPrintable(configured.output));
        QCOMPARE(sim->requestCount(QStringLiteral("record")), 1 + 3); // the ids, then 9 + 9 + 2

        sim->resetRequestLog();
        const Outcome overridden = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"),
                                         token, QStringLiteral("--once"), QStringLiteral("--full"),
                                         QStringLiteral("--batch-size"), QStringLiteral("4") });
        QVERIFY2(overridden.exitCode == 0, qPrintable(overridden.output));
        QCOMPARE(sim->requestCount(QStringLiteral("record")), 1 + 5);
        QCOMPARE(countRows(path(QStringLiteral("worklist.db"))), 20);
    }

    void badBatchSizeExitsWithTwo_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("zero") << QStringLiteral("0");
        QTest::newRow("negative") << QStringLiteral("-5");
        QTest::newRow("not a number") << QStringLiteral("many");
        QTest::newRow("too large") << QStringLiteral("10001");
    }

    void badBatchSizeExitsWithTwo()
    {
        QFETCH(QString, value);
        const QString config
            = writeConfig(QStringLiteral("badbatch.json"), QUrl(QStringLiteral("http://127.0.0.1:9/api/")));
        const Outcome outcome = run({ QStringLiteral("--config"), config, QStringLiteral("--token-file"),
                                      writeToken(RedcapSimulator::defaultToken()), QStringLiteral("--once"),
                                      QStringLiteral("--batch-size"), value });
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.output.contains(QLatin1String("--batch-size")), qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(value), qPrintable(outcome.output));
        QVERIFY(!QFile::exists(path(QStringLiteral("worklist.db"))));
    }

    void plainHttpLeavesTheTlsLibraryUnloaded()
    {
#ifndef Q_OS_LINUX
        QSKIP("reads /proc/<pid>/maps");
#else
        // OpenSSL costs some 4 MB of resident memory: a site on http://127.0.0.1 (or behind a
        // local TLS proxy) should not pay for it.
        SimulatorThread sim(SimulatorProject { 30, 2, 4, false });
        QProcess process;
        startScheduled(process, QStringLiteral("plain.json"), sim->apiUrl(), 600);
        // The first cycle has exported the ids and every batch (30 records, batches of 9).
        QTRY_VERIFY_WITH_TIMEOUT(sim->requestCount(QStringLiteral("record")) >= 5,
                                 TestEnvironment::scaledMs(20000));
        QFile maps(QStringLiteral("/proc/%1/maps").arg(process.processId()));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(TestEnvironment::scaledMs(5000)));
        QVERIFY2(!mapped.contains("libssl") && !mapped.contains("opensslbackend"),
                 "lantir-sync loaded the TLS library for a plain http:// server");
        QVERIFY(mapped.contains("libQt6Network")); // the file was read while it ran
#endif
    }
};

QTEST_GUILESS_MAIN(TestLantirSync)
#include "tst_lantirsync.moc"
