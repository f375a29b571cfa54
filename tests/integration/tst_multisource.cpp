#include "MockClock.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "SqlProbe.h"
#include "TestEnvironment.h"
#include "config/SyncConfig.h"
#include "store/CycleReport.h"
#include "sync/SyncController.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>
#include <memory>

using namespace Lantir;
using Lantir::Test::MockClock;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::SqlProbe;
using Lantir::Test::TestEnvironment;

namespace {

// Two REDCap projects, each with a token of its own; a third token that neither accepts stands
// in for REDCAP_API_TOKEN, which must never reach a project of a file with several sources.
const QString TokenA = QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
const QString TokenB = QStringLiteral("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
const QString SharedToken = QStringLiteral("DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
const QString NameA = QStringLiteral("study_a");
const QString NameB = QStringLiteral("study_b");
// Project A: 12 records of 2 scans; project B: 7 records of 3 scans (different seeds).
constexpr int RowsA = 24;
constexpr int RowsB = 21;

struct Outcome
{
    int exitCode = -1;
    QString output;
};

int rowsOf(const QString& db, const QString& source)
{
    return SqlProbe::scalar(
               db, QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE data_source = '%1'").arg(source))
        .toInt();
}

int cancelledRows(const QString& db)
{
    return SqlProbe::scalar(db,
                            QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE "
                                           "performed_procedure_step_status = 'CANCELED'"))
        .toInt();
}

// Each row's identity (record, visit) with its Study Instance UID, for one source.
QStringList identities(const QString& db, const QString& source)
{
    return SqlProbe::column(
        db,
        QStringLiteral("SELECT k.record_id || '/' || k.repeat_instance || ' ' || "
                       "w.study_instance_uid FROM lantir_entry_keys k JOIN worklist_items w "
                       "ON w.id = k.item_id WHERE k.source = '%1'")
            .arg(source));
}

// What is wrong with the tokens `simulator` received: empty when every request carried `token`.
QString foreignTokens(RedcapSimulator* simulator, const QString& token, const QString& project)
{
    const QList<QUrlQuery> log = simulator->requestLog();
    for (qsizetype i = 0; i < log.size(); ++i) {
        const QString received = log.at(i).queryItemValue(QStringLiteral("token"));
        if (received != token) {
            return QStringLiteral("project %1 received request %2 with a token that is not its own (%3)")
                .arg(project)
                .arg(i + 1)
                .arg(received == TokenA            ? QStringLiteral("project A's")
                         : received == TokenB      ? QStringLiteral("project B's")
                         : received == SharedToken ? QStringLiteral("REDCAP_API_TOKEN's")
                                                   : QStringLiteral("unknown"));
        }
    }
    return {};
}

QList<QJsonObject> reportLines(const QString& path)
{
    QList<QJsonObject> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray& line : file.readAll().trimmed().split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

QList<CycleReport> reportsOf(const QSignalSpy& spy)
{
    QList<CycleReport> reports;
    for (const QList<QVariant>& arguments : spy)
        reports.append(arguments.at(0).value<CycleReport>());
    return reports;
}

} // namespace

// Two REDCap projects synced into one worklist database: through the SyncController (real sync
// thread) and through the real lantir-sync process, each simulator accepting only its own token.
class TestMultiSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SimulatorThread> m_a;
    std::unique_ptr<SimulatorThread> m_b;

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString db() const { return path(QStringLiteral("worklist.db")); }

    SourceConfig sourceFor(const QString& name, RedcapSimulator* simulator) const
    {
        SourceConfig source;
        source.name = name;
        source.apiUrl = simulator->apiUrl();
        source.batchSize = 5;
        source.requestTimeoutMs = 3000;
        source.maxTries = 1;
        source.retryBaseDelayMs = 10;
        source.mapping.site = QStringLiteral("792");
        source.mapping.protocol = QStringLiteral("BRAIN_MRI_3T");
        return source;
    }

    SyncConfig twoSources() const
    {
        SyncConfig config;
        config.databasePath = db();
        config.sources = { sourceFor(NameA, m_a->get()), sourceFor(NameB, m_b->get()) };
        return config;
    }

    static SourceTokens tokens() { return { { NameA, TokenA }, { NameB, TokenB } }; }

    QJsonObject sourceJson(const QString& name, RedcapSimulator* simulator,
                           const QString& tokenFile = {}) const
    {
        QJsonObject source { { QStringLiteral("name"), name },
                             { QStringLiteral("api_url"), simulator->apiUrl().toString() },
                             { QStringLiteral("batch_size"), 5 },
                             { QStringLiteral("request_timeout_s"), 5 },
                             { QStringLiteral("max_tries"), 1 } };
        if (!tokenFile.isEmpty())
            source.insert(QStringLiteral("token_file"), tokenFile);
        return source;
    }

    // A format 2 file: the sources given, one database, the mapping as every source's default.
    QString writeConfig(const QString& name, const QList<QJsonObject>& sources) const
    {
        QJsonArray list;
        for (const QJsonObject& source : sources)
            list.append(source);
        const QJsonObject root {
            { QStringLiteral("version"), 2 },
            { QStringLiteral("sources"), list },
            { QStringLiteral("database"), QJsonObject { { QStringLiteral("path"), db() } } },
            { QStringLiteral("mapping"), QJsonObject { { QStringLiteral("site"), QStringLiteral("792") } } },
        };
        QFile file(path(name));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(root).toJson());
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return file.fileName();
    }

    QString writeToken(const QString& name, const QString& token) const
    {
        QFile file(path(name));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(token.toUtf8() + '\n');
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return file.fileName();
    }

    // The usual setup of the process tests: A's token from REDCAP_API_TOKEN_STUDY_A, B's from its
    // token_file, and REDCAP_API_TOKEN set to a token neither project accepts.
    QString writeTwoProjectConfig(const QString& name, const QString& nameOfB = NameB) const
    {
        return writeConfig(
            name,
            { sourceJson(NameA, m_a->get()),
              sourceJson(nameOfB, m_b->get(), writeToken(QStringLiteral("b.token"), TokenB)) });
    }

    Outcome run(const QStringList& args, const QHash<QString, QString>& variables = {}) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString& key : env.keys()) {
            if (key.startsWith(QLatin1String("REDCAP_")))
                env.remove(key);
        }
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        for (auto it = variables.cbegin(); it != variables.cend(); ++it)
            env.insert(it.key(), it.value());
        process.setProcessEnvironment(env);
        process.start(TestEnvironment::lantirSyncBinary(), args);
        process.waitForFinished(int(TestEnvironment::scaledMs(60000)));
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 QString::fromUtf8(process.readAll()) };
    }

    static QHash<QString, QString> usualEnvironment()
    {
        return { { QStringLiteral("REDCAP_API_TOKEN_STUDY_A"), TokenA },
                 { QStringLiteral("REDCAP_API_TOKEN"), SharedToken } };
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(db());
        QFile::remove(path(QStringLiteral("report.jsonl")));
        m_a = std::make_unique<SimulatorThread>(SimulatorProject { 12, 2, 11, false });
        m_b = std::make_unique<SimulatorThread>(SimulatorProject { 7, 3, 22, false });
        QVERIFY(m_a->isListening());
        QVERIFY(m_b->isListening());
        (*m_a)->setToken(TokenA);
        (*m_b)->setToken(TokenB);
    }

    // After every test: neither project ever saw a token but its own.
    void cleanup()
    {
        const QString a = foreignTokens(m_a->get(), TokenA, QStringLiteral("A"));
        const QString b = foreignTokens(m_b->get(), TokenB, QStringLiteral("B"));
        m_a.reset();
        m_b.reset();
        QVERIFY2(a.isEmpty(), qPrintable(a));
        QVERIFY2(b.isEmpty(), qPrintable(b));
    }

    void theControllerSyncsBothProjectsIntoOneDatabase()
    {
        SyncController controller;
        controller.setConfig(twoSources(), tokens());
        QCOMPARE(controller.sourceNames(), QStringList({ NameA, NameB }));
        QSignalSpy finished(&controller, &SyncController::cycleFinished);
        QSignalSpy done(&controller, &SyncController::cyclesDone);
        controller.runCycles(2, false, false);
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.at(0).at(0).toInt(), 0);
        const QList<CycleReport> reports = reportsOf(finished);
        QCOMPARE(reports.size(), 4);
        // Round by round, in the configuration's order; each source counts its own cycles.
        const QStringList order { reports[0].source, reports[1].source, reports[2].source,
                                  reports[3].source };
        QCOMPARE(order, QStringList({ NameA, NameB, NameA, NameB }));
        QCOMPARE(reports[0].cycle, 1);
        QCOMPARE(reports[1].cycle, 1);
        QCOMPARE(reports[2].cycle, 2);
        for (const CycleReport& report : reports)
            QVERIFY2(report.ok, qPrintable(report.source + QLatin1String(": ") + report.error));
        QCOMPARE(reports[0].inserted, RowsA);
        QCOMPARE(reports[1].inserted, RowsB);
        QCOMPARE(reports[2].inserted, 0);
        QCOMPARE(reports[3].inserted, 0);
        QVERIFY(reports[1].summaryLine().startsWith(QStringLiteral("source 'study_b' cycle 1 ok")));

        QCOMPARE(rowsOf(db(), NameA), RowsA);
        QCOMPARE(rowsOf(db(), NameB), RowsB);
        QCOMPARE(SqlProbe::scalar(db(), QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(),
                 RowsA + RowsB);
        // Each project's site and mapping, each its own high-water mark and cycle history.
        QCOMPARE(SqlProbe::scalar(db(),
                                  QStringLiteral("SELECT COUNT(*) FROM sync_cycles WHERE source = 'study_a'"))
                     .toInt(),
                 2);
        QCOMPARE(SqlProbe::scalar(db(),
                                  QStringLiteral("SELECT COUNT(*) FROM sync_cycles WHERE source = 'study_b'"))
                     .toInt(),
                 2);
        QCOMPARE(controller.lastReports().size(), 2);
        QCOMPARE(controller.lastReports().value(NameB).cycle, 2);
        QCOMPARE(controller.lastReport().source, NameB);
        QVERIFY((*m_a)->requestCount() > 0);
        QVERIFY((*m_b)->requestCount() > 0);
        QVERIFY(controller.shutdown(5000));
    }

    // The guard of every test works: tokens handed to the wrong sources fail both cycles, and
    // each simulator's log shows the other's token (the log is then cleared for cleanup()).
    void crossedTokensAreCaught()
    {
        SyncController controller;
        controller.setConfig(twoSources(), SourceTokens { { NameA, TokenB }, { NameB, TokenA } });
        QSignalSpy finished(&controller, &SyncController::cycleFinished);
        QSignalSpy done(&controller, &SyncController::cyclesDone);
        controller.runCycles(1, false, false);
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.at(0).at(0).toInt(), 2);
        for (const CycleReport& report : reportsOf(finished)) {
            QVERIFY(!report.ok);
            QVERIFY2(report.error.contains(QLatin1String("token"), Qt::CaseInsensitive),
                     qPrintable(report.error));
            QVERIFY(!report.error.contains(TokenA) && !report.error.contains(TokenB));
        }
        QCOMPARE(
            foreignTokens(m_a->get(), TokenA, QStringLiteral("A")),
            QStringLiteral("project A received request 1 with a token that is not its own (project B's)"));
        QCOMPARE(
            foreignTokens(m_b->get(), TokenB, QStringLiteral("B")),
            QStringLiteral("project B received request 1 with a token that is not its own (project A's)"));
        QCOMPARE(rowsOf(db(), NameA), 0);
        QVERIFY(controller.shutdown(5000));
        (*m_a)->resetRequestLog();
        (*m_b)->resetRequestLog();
    }

    void oneProjectDownDoesNotHoldUpTheOther()
    {
        SyncController controller;
        controller.setConfig(twoSources(), tokens());
        QSignalSpy finished(&controller, &SyncController::cycleFinished);
        QSignalSpy done(&controller, &SyncController::cyclesDone);
        (*m_b)->injectFault(RedcapSimulator::Fault::Status, 1000, QString(), 500);
        controller.runCycles(3, false, false);
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.at(0).at(0).toInt(), 3); // B's three cycles
        const QList<CycleReport> reports = reportsOf(finished);
        QCOMPARE(reports.size(), 6);
        for (const CycleReport& report : reports) {
            if (report.source == NameA) {
                QVERIFY2(report.ok, qPrintable(report.error));
            } else {
                QCOMPARE(report.source, NameB);
                QVERIFY(!report.ok);
                QVERIFY2(report.error.contains(QLatin1String("500")), qPrintable(report.error));
            }
        }
        QCOMPARE(rowsOf(db(), NameA), RowsA);
        QCOMPARE(rowsOf(db(), NameB), 0);

        // B back: its next cycle catches up, A's rows untouched.
        (*m_b)->clearFaults();
        done.clear();
        controller.runCycles(1, false, false, { NameB });
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.at(0).at(0).toInt(), 0);
        QCOMPARE(rowsOf(db(), NameB), RowsB);
        QCOMPARE(rowsOf(db(), NameA), RowsA);
        QVERIFY(controller.shutdown(5000));
    }

    // The desktop app hands the controller a new configuration when the file changes.
    void aSourceRemovedFromTheControllerKeepsItsRowsAndComesBackWithThem()
    {
        SyncController controller;
        controller.setConfig(twoSources(), tokens());
        QSignalSpy finished(&controller, &SyncController::cycleFinished);
        QSignalSpy done(&controller, &SyncController::cyclesDone);
        controller.runCycles(1, false, false);
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.takeFirst().at(0).toInt(), 0);
        const QStringList before = identities(db(), NameB);
        QCOMPARE(before.size(), RowsB);

        SyncConfig onlyA = twoSources();
        onlyA.sources.removeLast();
        controller.setConfig(onlyA, SourceTokens { { NameA, TokenA } });
        QCOMPARE(controller.sourceNames(), QStringList { NameA });
        QVERIFY(controller.scheduler(NameB) == nullptr);
        const int requestsB = (*m_b)->requestCount();
        controller.runCycles(1, true, false);
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.takeFirst().at(0).toInt(), 0);
        QCOMPARE(finished.count(), 3);
        QCOMPARE(finished.last().at(0).value<CycleReport>().source, NameA);
        // Asked for by name all the same: refused without a request, its rows untouched.
        controller.runCycles(1, false, false, { NameB });
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.takeFirst().at(0).toInt(), 1);
        const CycleReport refused = finished.last().at(0).value<CycleReport>();
        QCOMPARE(refused.source, NameB);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(QLatin1String("no longer in the configuration")),
                 qPrintable(refused.error));
        QCOMPARE((*m_b)->requestCount(), requestsB);
        QCOMPARE(identities(db(), NameB), before);
        QCOMPARE(cancelledRows(db()), 0);

        // Back: the same rows, nothing inserted.
        controller.setConfig(twoSources(), tokens());
        QVERIFY(controller.scheduler(NameB) != nullptr);
        controller.runCycles(1, true, false, { NameB });
        QVERIFY(done.wait(int(TestEnvironment::scaledMs(30000))));
        QCOMPARE(done.takeFirst().at(0).toInt(), 0);
        const CycleReport back = finished.last().at(0).value<CycleReport>();
        QCOMPARE(back.source, NameB);
        QVERIFY2(back.ok, qPrintable(back.error));
        QCOMPARE(back.inserted, 0);
        QCOMPARE(identities(db(), NameB), before);
        QVERIFY(controller.shutdown(5000));
    }

    // Both due at once (the start, then Sync Now of all): one cycle at a time, on one thread.
    void sourcesTakeTurnsOnTheOneSyncThread()
    {
        for (SimulatorThread* sim : { m_a.get(), m_b.get() })
            (*sim)->injectFault(RedcapSimulator::Fault::Delay, 1000, QStringLiteral("record"), 60);
        SyncConfig config = twoSources();
        for (SourceConfig& source : config.sources)
            source.schedule.intervalSeconds = 3600;
        SyncController controller;
        controller.setConfig(config, tokens());
        int running = 0;
        int mostAtOnce = 0;
        connect(&controller, &SyncController::cycleStarted, this, [&] {
            ++running;
            mostAtOnce = std::max(mostAtOnce, running);
        });
        connect(&controller, &SyncController::cycleFinished, this, [&] { --running; });
        QSignalSpy finished(&controller, &SyncController::cycleFinished);
        controller.start();
        QCOMPARE(controller.state(), SyncScheduler::State::Syncing);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, int(TestEnvironment::scaledMs(30000)));
        controller.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, int(TestEnvironment::scaledMs(30000)));
        QCOMPARE(mostAtOnce, 1);
        QCOMPARE(running, 0);

        QList<CycleReport> reports = reportsOf(finished);
        QCOMPARE(reports.count(), 4);
        QCOMPARE(std::count_if(reports.cbegin(), reports.cend(),
                               [](const CycleReport& r) { return r.source == NameA; }),
                 2);
        std::sort(reports.begin(), reports.end(),
                  [](const CycleReport& x, const CycleReport& y) { return x.startedAt < y.startedAt; });
        for (qsizetype i = 0; i < reports.size(); ++i) {
            QVERIFY2(reports[i].ok, qPrintable(reports[i].error));
            QVERIFY2(reports[i].durationMs >= 60, "the delayed exports make every cycle last");
            if (i > 0) {
                const QDateTime previousEnd = reports[i - 1].startedAt.addMSecs(reports[i - 1].durationMs);
                QVERIFY2(
                    reports[i].startedAt >= previousEnd,
                    qPrintable(QStringLiteral("%1 started at %2, before %3 ended at %4")
                                   .arg(reports[i].source, reports[i].startedAt.toString(Qt::ISODateWithMs),
                                        reports[i - 1].source, previousEnd.toString(Qt::ISODateWithMs))));
            }
        }
        QTRY_COMPARE(controller.state(), SyncScheduler::State::Idle);
        QVERIFY(controller.shutdown(5000));
    }

    // A every minute, B every 10 minutes and failing throughout: A keeps its pace.
    void eachSourceKeepsItsOwnScheduleAndAFailingOneStopsNothing()
    {
        const QDateTime start = QDateTime::currentDateTimeUtc();
        MockClock clock(start);
        SyncConfig config = twoSources();
        config.sources[0].schedule.intervalSeconds = 60;
        config.sources[1].schedule.intervalSeconds = 600;
        (*m_b)->injectFault(RedcapSimulator::Fault::Status, 1000, QString(), 503);
        SyncController controller(&clock);
        controller.setConfig(config, tokens());
        QSignalSpy finished(&controller, &SyncController::cycleFinished);
        const auto count = [&finished](const QString& source, bool ok) {
            int n = 0;
            for (const CycleReport& report : reportsOf(finished))
                n += report.source == source && report.ok == ok ? 1 : 0;
            return n;
        };
        SyncScheduler* a = controller.scheduler(NameA);
        SyncScheduler* b = controller.scheduler(NameB);
        QVERIFY(a && b && a != b);
        QVERIFY(controller.scheduler(QStringLiteral("study_c")) == nullptr);

        controller.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, int(TestEnvironment::scaledMs(30000)));
        QTRY_VERIFY(!controller.isCycleRunning());
        QCOMPARE(count(NameA, true), 1);
        QCOMPARE(count(NameB, false), 1);
        // Each due its own interval after its cycle ended (the mock clock stood still meanwhile).
        QCOMPARE(a->nextRunAt(), start.addSecs(60));
        QCOMPARE(b->nextRunAt(), start.addSecs(600));
        QCOMPARE(controller.nextRunAt(), start.addSecs(60));

        // Nine minutes, minute by minute: A nine more times, B not at all.
        for (int minute = 1; minute <= 9; ++minute) {
            clock.advanceSeconds(60);
            a->checkSchedule();
            b->checkSchedule();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2 + minute, int(TestEnvironment::scaledMs(20000)));
            QTRY_VERIFY(!controller.isCycleRunning());
        }
        QCOMPARE(count(NameA, true), 10);
        QCOMPARE(count(NameB, false), 1);
        // The tenth minute: both due at once, in turn; B fails again, A stays ok.
        clock.advanceSeconds(60);
        a->checkSchedule();
        b->checkSchedule();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 13, int(TestEnvironment::scaledMs(20000)));
        QCOMPARE(count(NameA, true), 11);
        QCOMPARE(count(NameB, false), 2);
        QCOMPARE(count(NameA, false), 0);
        QCOMPARE(count(NameB, true), 0);
        QCOMPARE(rowsOf(db(), NameA), RowsA);
        QVERIFY(controller.shutdown(5000));
    }

    void lantirSyncOnceSyncsEverySourceOfTheFile()
    {
        const QString config = writeTwoProjectConfig(QStringLiteral("two.json"));
        const QString report = path(QStringLiteral("report.jsonl"));
        const Outcome outcome = run({ QStringLiteral("--config"), config, QStringLiteral("--once"),
                                      QStringLiteral("--report"), report },
                                    usualEnvironment());
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("source 'study_a' cycle 1 ok")),
                 qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("source 'study_b' cycle 1 ok")),
                 qPrintable(outcome.output));
        QVERIFY(!outcome.output.contains(TokenA) && !outcome.output.contains(TokenB));
        QCOMPARE(rowsOf(db(), NameA), RowsA);
        QCOMPARE(rowsOf(db(), NameB), RowsB);

        const QList<QJsonObject> lines = reportLines(report);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].value(QLatin1String("source")).toString(), NameA);
        QCOMPARE(lines[1].value(QLatin1String("source")).toString(), NameB);
        QCOMPARE(lines[0].value(QLatin1String("inserted")).toInt(), RowsA);
        QCOMPARE(lines[1].value(QLatin1String("inserted")).toInt(), RowsB);
        for (const QJsonObject& line : lines)
            QCOMPARE(line.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(
            SqlProbe::scalar(db(), QStringLiteral("SELECT COUNT(DISTINCT source) FROM sync_cycles")).toInt(),
            2);
    }

    void lantirSyncRefusesTokensThatWouldServeTwoSources()
    {
        const QString config = writeTwoProjectConfig(QStringLiteral("two.json"));
        // --token-file is for a file of one source.
        const Outcome tokenFile
            = run({ QStringLiteral("--config"), config, QStringLiteral("--once"),
                    QStringLiteral("--token-file"), writeToken(QStringLiteral("a.token"), TokenA) },
                  usualEnvironment());
        QCOMPARE(tokenFile.exitCode, 2);
        QVERIFY2(
            tokenFile.output.contains(QLatin1String("--token-file serves a configuration of one source")),
            qPrintable(tokenFile.output));
        // REDCAP_API_TOKEN alone does not stand in for A's own variable.
        const Outcome shared = run({ QStringLiteral("--config"), config, QStringLiteral("--once") },
                                   { { QStringLiteral("REDCAP_API_TOKEN"), SharedToken } });
        QCOMPARE(shared.exitCode, 2);
        QVERIFY2(shared.output.contains(QLatin1String("No REDCap API token for source 'study_a'")),
                 qPrintable(shared.output));
        QVERIFY2(shared.output.contains(QLatin1String("REDCAP_API_TOKEN_STUDY_A")),
                 qPrintable(shared.output));
        QVERIFY(!shared.output.contains(SharedToken));
        // Nothing was synced, nothing was asked of either project.
        QCOMPARE((*m_a)->requestCount(), 0);
        QCOMPARE((*m_b)->requestCount(), 0);
        QVERIFY(!QFile::exists(db()));
    }

    void lantirSyncWithOneProjectDownExitsOneAndSourceLimitsTheRun()
    {
        const QString config = writeTwoProjectConfig(QStringLiteral("two.json"));
        const QString report = path(QStringLiteral("report.jsonl"));
        const quint16 portB = (*m_b)->port();
        (*m_b)->close();
        const QStringList once { QStringLiteral("--config"), config, QStringLiteral("--once"),
                                 QStringLiteral("--report"), report };
        Outcome outcome = run(once, usualEnvironment());
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.output.contains(QLatin1String("source 'study_a' cycle 1 ok")),
                 qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("source 'study_b' cycle 1 FAILED")),
                 qPrintable(outcome.output));
        QCOMPARE(rowsOf(db(), NameA), RowsA);
        QCOMPARE(rowsOf(db(), NameB), 0);
        QList<QJsonObject> lines = reportLines(report);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].value(QLatin1String("source")).toString(), NameA);
        QCOMPARE(lines[0].value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(lines[1].value(QLatin1String("source")).toString(), NameB);
        QCOMPARE(lines[1].value(QLatin1String("ok")).toBool(true), false);
        QVERIFY(!lines[1].value(QLatin1String("error")).toString().isEmpty());

        // --source limits the run: only A, so B being down does not matter.
        const int requestsA = (*m_a)->requestCount();
        outcome = run(once + QStringList { QStringLiteral("--source"), NameA }, usualEnvironment());
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY(outcome.output.contains(QLatin1String("source 'study_a' cycle 1 ok")));
        QVERIFY2(!outcome.output.contains(QLatin1String("source 'study_b'")), qPrintable(outcome.output));
        QVERIFY((*m_a)->requestCount() > requestsA);
        lines = reportLines(report);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[2].value(QLatin1String("source")).toString(), NameA);

        // Only B: its token is all that is needed, and it fails while its project is down.
        outcome = run(once + QStringList { QStringLiteral("--source"), NameB });
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY(!outcome.output.contains(QLatin1String("source 'study_a'")));
        // B back up on its port: B alone syncs; A's project is not asked.
        QVERIFY((*m_b)->listen(portB));
        const int requestsNow = (*m_a)->requestCount();
        outcome = run(once + QStringList { QStringLiteral("--source"), NameB });
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QCOMPARE(rowsOf(db(), NameB), RowsB);
        QCOMPARE((*m_a)->requestCount(), requestsNow);

        // Both named: both run.
        outcome
            = run(once + QStringList { QStringLiteral("--source"), NameB, QStringLiteral("--source"), NameA },
                  usualEnvironment());
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY(outcome.output.contains(QLatin1String("source 'study_a' cycle 1 ok")));
        QVERIFY(outcome.output.contains(QLatin1String("source 'study_b' cycle 1 ok")));

        // A name the file does not have is a usage error that lists the names it has.
        outcome = run(once + QStringList { QStringLiteral("--source"), QStringLiteral("study_c") },
                      usualEnvironment());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.output.contains(QLatin1String("study_a, study_b")), qPrintable(outcome.output));
    }

    void aSourceRenamedRemovedAndReAdded()
    {
        const QStringList once { QStringLiteral("--once"), QStringLiteral("--full") };
        const QString config = path(QStringLiteral("lantir.json"));
        const auto runWith = [&](const QList<QJsonObject>& sources) {
            writeConfig(QStringLiteral("lantir.json"), sources);
            return run(QStringList { QStringLiteral("--config"), config } + once, usualEnvironment());
        };
        const QString tokenB = writeToken(QStringLiteral("b.token"), TokenB);
        const QJsonObject a = sourceJson(NameA, m_a->get());

        Outcome outcome = runWith({ a, sourceJson(NameB, m_b->get(), tokenB) });
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        const QStringList before = identities(db(), NameB);
        QCOMPARE(before.size(), RowsB);
        const QStringList beforeA = identities(db(), NameA);
        QCOMPARE(beforeA.size(), RowsA);

        // Renamed: a new identity for every visit. The old rows stay as they were.
        const QString renamed = QStringLiteral("study_b_3t");
        outcome = runWith({ a, sourceJson(renamed, m_b->get(), tokenB) });
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY(outcome.output.contains(QLatin1String("source 'study_b_3t' cycle 1 ok")));
        QCOMPARE(identities(db(), NameB), before);
        QCOMPARE(rowsOf(db(), renamed), RowsB);
        QCOMPARE(identities(db(), renamed).size(), RowsB);
        QCOMPARE(cancelledRows(db()), 0);

        // Removed: its rows are never deleted or cancelled, not even by another source's full sync.
        outcome = runWith({ a });
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY(!outcome.output.contains(QLatin1String("source 'study_b")));
        QCOMPARE(rowsOf(db(), NameB), RowsB);
        QCOMPARE(rowsOf(db(), renamed), RowsB);
        QCOMPARE(cancelledRows(db()), 0);
        QCOMPARE(identities(db(), NameA), beforeA);

        // Re-added under its first name: the same rows, identities and Study Instance UIDs.
        const QString report = path(QStringLiteral("report.jsonl"));
        outcome
            = run({ QStringLiteral("--config"),
                    writeConfig(QStringLiteral("lantir.json"), { a, sourceJson(NameB, m_b->get(), tokenB) }),
                    QStringLiteral("--once"), QStringLiteral("--full"), QStringLiteral("--report"), report },
                  usualEnvironment());
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QCOMPARE(identities(db(), NameB), before);
        const QList<QJsonObject> lines = reportLines(report);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[1].value(QLatin1String("source")).toString(), NameB);
        QCOMPARE(lines[1].value(QLatin1String("inserted")).toInt(), 0);
        QCOMPARE(SqlProbe::scalar(db(), QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(),
                 RowsA + 2 * RowsB);
        QCOMPARE(cancelledRows(db()), 0);
    }
};

QTEST_GUILESS_MAIN(TestMultiSource)
#include "tst_multisource.moc"
