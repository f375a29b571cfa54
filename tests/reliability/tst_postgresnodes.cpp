#include "PostgresTestServer.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TcpCutProxy.h"
#include "TestEnvironment.h"
#include "WorklistTruthChecker.h"
#include "store/CycleReport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

using namespace Lantir;
using Lantir::Test::PostgresTestServer;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::TcpCutProxy;
using Lantir::Test::TestEnvironment;
using Lantir::Test::TruthCheck;
using Lantir::Test::WorklistTruthChecker;

namespace {
constexpr int IntervalSeconds = 10; // schedule.interval_s, the smallest lantir.json allows

// The cycles a node reported so far (--report: one JSON object per line).
QList<CycleReport> reportsIn(const QString& path)
{
    QList<CycleReport> reports;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return reports;
    while (!file.atEnd()) {
        const QJsonDocument line = QJsonDocument::fromJson(file.readLine());
        if (line.isObject())
            reports.append(CycleReport::fromJson(line.object()));
    }
    return reports;
}

QString scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("<%1>").arg(query.lastError().text());
    return query.value(0).toString();
}

int countWhere(const QList<CycleReport>& reports, const std::function<bool(const CycleReport&)>& test)
{
    return int(std::count_if(reports.cbegin(), reports.cend(), test));
}

bool synced(const CycleReport& report)
{
    return report.ok && report.syncedElsewhereBy.isEmpty();
}

// Waits, with the event loop running (the simulator answers on its own thread), until `done`.
bool waitUntil(const std::function<bool()>& done, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > ms)
            return false;
        QTest::qWait(100);
    }
    return true;
}
} // namespace

// Two lantir-sync nodes on one PostgreSQL database, records changing in REDCap all along: one
// node syncs, the other stands by and names it; killed with SIGKILL, the syncing node is replaced
// by the other within one interval; restarted, it stands by in turn; the worklist ends equal to
// REDCap's truth, every visit once.
class TestPostgresNodes : public QObject
{
    Q_OBJECT

private:
    PostgresTestServer m_server;
    QTemporaryDir m_dir;
    const QString m_database = QStringLiteral("shared_worklist");

    QString writeConfig(const QUrl& url) const { return writeConfig(url, m_database, 7); }

    QString writeConfig(const QUrl& url, const QString& database, int batchSize, quint16 port = 0) const
    {
        QFile file(m_dir.filePath(database + QLatin1String(".json")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(QStringLiteral(R"({"source": {"api_url": "%1", "batch_size": %7, "request_timeout_s": 10},
              "database": {"driver": "postgresql", "host": "%2", "port": %3, "name": "%4", "user": "%5",
                           "sslmode": "disable", "busy_timeout_ms": 5000},
              "schedule": {"interval_s": %6, "overlap_s": 0},
              "mapping": {"site": "792", "protocol": "BRAIN_MRI_3T",
                          "field_mapping": {"demo_sex": "patient_sex", "youth_dob_y": "patient_birth_date"}}})")
                       .arg(url.toString(), m_server.host())
                       .arg(port != 0 ? port : m_server.port())
                       .arg(database, m_server.superuser())
                       .arg(IntervalSeconds)
                       .arg(batchSize)
                       .toUtf8());
        return file.fileName();
    }

    // Two sources of one REDCap project (site 792 and 793) into `database`.
    QString writeTwoSourceConfig(const QUrl& url, const QString& database) const
    {
        const auto source = [&](const char* name, const char* site) {
            return QStringLiteral(R"({"name": "%1", "api_url": "%2", "token_file": "%3",
                  "schedule": {"interval_s": %4, "overlap_s": 0},
                  "mapping": {"site": "%5", "protocol": "BRAIN_MRI_3T"}})")
                .arg(QLatin1String(name), url.toString(), tokenFile())
                .arg(IntervalSeconds)
                .arg(QLatin1String(site));
        };
        QFile file(m_dir.filePath(database + QLatin1String(".json")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(QStringLiteral(R"({"version": 2, "sources": [%1, %2],
              "database": {"driver": "postgresql", "host": "%3", "port": %4, "name": "%5", "user": "%6",
                           "sslmode": "disable", "busy_timeout_ms": 5000}})")
                       .arg(source("hospital", "792"), source("annex", "793"), m_server.host())
                       .arg(m_server.port())
                       .arg(database, m_server.superuser())
                       .toUtf8());
        return file.fileName();
    }

    QString tokenFile() const
    {
        const QString path = m_dir.filePath(QStringLiteral("token"));
        QFile file(path);
        if (!file.exists() && file.open(QIODevice::WriteOnly)) {
            file.write(RedcapSimulator::defaultToken().toUtf8() + '\n');
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        return path;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REDCAP_API_TOKEN"), RedcapSimulator::defaultToken());
        env.insert(QStringLiteral("PGPASSFILE"), m_server.passFile());
        env.remove(QStringLiteral("PGPASSWORD"));
        return env;
    }

    std::unique_ptr<QProcess> startNode(const QString& config, const QString& report,
                                        const QStringList& more = {}) const
    {
        auto node = std::make_unique<QProcess>();
        node->setProcessEnvironment(environment());
        node->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        node->setStandardOutputFile(QProcess::nullDevice());
        node->start(TestEnvironment::lantirSyncBinary(),
                    QStringList { QStringLiteral("--config"), config, QStringLiteral("--report"), report }
                        + more);
        node->waitForStarted(TestEnvironment::scaledMs(10000));
        return node;
    }

    int runOnce(const QString& config) const
    {
        QProcess last;
        last.setProcessEnvironment(environment());
        last.setStandardOutputFile(QProcess::nullDevice());
        last.start(
            TestEnvironment::lantirSyncBinary(),
            { QStringLiteral("--config"), config, QStringLiteral("--once"), QStringLiteral("--full") });
        if (!last.waitForFinished(TestEnvironment::scaledMs(60000)))
            last.kill();
        last.waitForFinished(TestEnvironment::scaledMs(5000));
        return last.exitStatus() == QProcess::NormalExit ? last.exitCode() : -1;
    }

    // Every record of `db` has both its scans or none (a batch is one transaction); then, with the
    // records still, one more full sync makes the worklist equal to REDCap's truth, 48 rows.
    void wholeRecordsThenTrue(const QSqlDatabase& db, SimulatorThread& sim, const QString& config) const
    {
        QCOMPARE(scalar(db,
                        QStringLiteral("SELECT count(*) FROM (SELECT record_id FROM lantir_entry_keys "
                                       "GROUP BY record_id HAVING count(*) <> 2) r")),
                 QStringLiteral("0"));
        sim->setChurn(0);
        QCOMPARE(runOnce(config), 0);
        const TruthCheck check = WorklistTruthChecker().check(db, sim->truth());
        QVERIFY2(check.equal(),
                 qPrintable(check.summary() + QLatin1Char('\n') + check.diff.join(QLatin1Char('\n'))));
        QCOMPARE(check.rows, 48);
    }

    // The syncing cycles of `reports` (source: the node that ran each) never overlap in time
    // between two nodes.
    static void noTwoNodesSyncAtOnce(QList<CycleReport> reports)
    {
        reports.removeIf([](const CycleReport& r) { return !synced(r); });
        std::sort(reports.begin(), reports.end(),
                  [](const CycleReport& x, const CycleReport& y) { return x.startedAt < y.startedAt; });
        for (qsizetype i = 1; i < reports.size(); ++i) {
            const CycleReport& previous = reports.at(i - 1);
            const CycleReport& next = reports.at(i);
            if (previous.source == next.source)
                continue;
            QVERIFY2(previous.startedAt.addMSecs(previous.durationMs) <= next.startedAt,
                     qPrintable(QStringLiteral("node %1 synced from %2 while node %3 did from %4")
                                    .arg(next.source, next.startedAt.toString(Qt::ISODateWithMs),
                                         previous.source, previous.startedAt.toString(Qt::ISODateWithMs))));
        }
    }

    QString nodeName(const QProcess& node) const
    {
        return QStringLiteral("@%1:%2").arg(QSysInfo::machineHostName()).arg(node.processId());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(TestEnvironment::lantirSyncBinary()))
            QFAIL("lantir-sync is not built");
        LANTIR_REQUIRE_POSTGRES(m_server);
        QVERIFY2(m_server.createDatabase(m_database), qPrintable(m_server.errorString()));
    }

    void standbyTakesOverAKilledNodeAndTheWorklistStaysTrue()
    {
        SimulatorThread sim(SimulatorProject { 30, 2, 31, false });
        QVERIFY(sim.isListening());
        sim->setChurn(2); // records keep changing under the syncs
        const QString config = writeConfig(sim->apiUrl());
        const QString reportA = m_dir.filePath(QStringLiteral("a.jsonl"));
        const QString reportB = m_dir.filePath(QStringLiteral("b.jsonl"));
        const QString reportA2 = m_dir.filePath(QStringLiteral("a2.jsonl"));
        const int wait = int(TestEnvironment::scaledMs(30000));

        std::unique_ptr<QProcess> a = startNode(config, reportA);
        QVERIFY2(waitUntil([&] { return !reportsIn(reportA).isEmpty(); }, wait), "node A reported no cycle");
        QVERIFY2(synced(reportsIn(reportA).first()), qPrintable(reportsIn(reportA).first().summaryLine()));

        std::unique_ptr<QProcess> b = startNode(config, reportB);
        QVERIFY2(waitUntil([&] { return !reportsIn(reportB).isEmpty(); }, wait), "node B reported no cycle");
        const CycleReport standing = reportsIn(reportB).first();
        QVERIFY2(standing.ok && standing.syncedElsewhereBy.contains(nodeName(*a)),
                 qPrintable(standing.summaryLine()));

        // SIGKILL: no handler runs; PostgreSQL ends A's session and frees the source.
        a->kill();
        QVERIFY(a->waitForFinished(TestEnvironment::scaledMs(10000)));
        QElapsedTimer sinceKill;
        sinceKill.start();
        const qsizetype standingCycles = reportsIn(reportB).size();
        QVERIFY2(waitUntil(
                     [&] {
                         const QList<CycleReport> cycles = reportsIn(reportB);
                         return cycles.size() > standingCycles && synced(cycles.last());
                     },
                     wait),
                 "node B did not take the source over");
        const qint64 takeover = sinceKill.elapsed();
        qInfo("node B synced %lld ms after node A was killed (interval %d s)", takeover, IntervalSeconds);
        QVERIFY(takeover <= TestEnvironment::scaledMs((IntervalSeconds + 5) * 1000));

        // A restarted stands by: B keeps the source.
        std::unique_ptr<QProcess> a2 = startNode(config, reportA2);
        QVERIFY2(waitUntil([&] { return !reportsIn(reportA2).isEmpty(); }, wait), "node A reported no cycle");
        QVERIFY2(reportsIn(reportA2).first().syncedElsewhereBy.contains(nodeName(*b)),
                 qPrintable(reportsIn(reportA2).first().summaryLine()));

        for (const CycleReport& report : reportsIn(reportA) + reportsIn(reportB) + reportsIn(reportA2))
            QVERIFY2(report.ok, qPrintable(report.summaryLine()));
        sim->setChurn(0);
        for (QProcess* node : { b.get(), a2.get() }) {
            node->terminate();
            QVERIFY(node->waitForFinished(TestEnvironment::scaledMs(15000)));
            QCOMPARE(node->exitStatus(), QProcess::NormalExit);
        }

        // One last full cycle brings in what changed since; then the rows are REDCap's, once each.
        QCOMPARE(runOnce(config), 0);
        {
            QSqlDatabase db = m_server.openDatabase(m_database, QStringLiteral("truth"));
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            const TruthCheck check = WorklistTruthChecker().check(db, sim->truth());
            QVERIFY2(check.equal(),
                     qPrintable(check.summary() + QLatin1Char('\n') + check.diff.join(QLatin1Char('\n'))));
            QCOMPARE(check.rows, 60);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("truth"));
    }

    // Three nodes on one database while records change: at every moment one node syncs the
    // source (no two nodes' syncing cycles overlap in time) and the other two name it; killed,
    // it is replaced by one of the two within one interval while the third names the new one;
    // the worklist ends equal to REDCap's truth, every visit once.
    void threeNodesOneSyncerAtATime()
    {
        SimulatorThread sim(SimulatorProject { 30, 2, 43, false });
        QVERIFY(sim.isListening());
        QVERIFY2(m_server.createDatabase(QStringLiteral("three")), qPrintable(m_server.errorString()));
        sim->setChurn(2);
        const QString config = writeConfig(sim->apiUrl(), QStringLiteral("three"), 7);
        const int wait = int(TestEnvironment::scaledMs(30000));
        std::vector<std::unique_ptr<QProcess>> nodes;
        QStringList reports;
        for (const char* name : { "n1", "n2", "n3" }) {
            reports.append(m_dir.filePath(QLatin1String(name) + QLatin1String(".jsonl")));
            nodes.push_back(startNode(config, reports.constLast()));
            const QString& report = reports.constLast();
            QVERIFY2(waitUntil([&] { return !reportsIn(report).isEmpty(); }, wait), name);
        }
        const auto syncer = [&]() -> int {
            for (int i = 0; i < 3; ++i) {
                const QList<CycleReport> cycles = reportsIn(reports.at(i));
                if (nodes.at(std::size_t(i))->state() == QProcess::Running && !cycles.isEmpty()
                    && synced(cycles.constLast()))
                    return i;
            }
            return -1;
        };
        const int first = syncer();
        QVERIFY(first >= 0);
        const qsizetype before[] = { reportsIn(reports.at(0)).size(), reportsIn(reports.at(1)).size(),
                                     reportsIn(reports.at(2)).size() };
        nodes.at(std::size_t(first))->kill();
        QVERIFY(nodes.at(std::size_t(first))->waitForFinished(TestEnvironment::scaledMs(10000)));
        QElapsedTimer sinceKill;
        sinceKill.start();
        int second = -1;
        QVERIFY2(waitUntil(
                     [&] {
                         for (int i = 0; i < 3; ++i) {
                             const QList<CycleReport> cycles = reportsIn(reports.at(i));
                             if (i != first && cycles.size() > before[i] && synced(cycles.constLast()))
                                 second = i;
                         }
                         return second >= 0;
                     },
                     wait),
                 "no node took the source over");
        QVERIFY(sinceKill.elapsed() <= TestEnvironment::scaledMs((IntervalSeconds + 5) * 1000));
        const int third = 3 - first - second;
        const QString& thirdReport = reports.at(third);
        const qsizetype thirdBefore = reportsIn(thirdReport).size();
        QVERIFY2(waitUntil([&] { return reportsIn(thirdReport).size() > thirdBefore; }, wait),
                 "the third node stopped");
        QVERIFY2(reportsIn(thirdReport)
                     .constLast()
                     .syncedElsewhereBy.contains(nodeName(*nodes.at(std::size_t(second)))),
                 qPrintable(reportsIn(thirdReport).constLast().summaryLine()));
        sim->setChurn(0);
        for (const int i : { second, third }) {
            nodes.at(std::size_t(i))->terminate();
            QVERIFY(nodes.at(std::size_t(i))->waitForFinished(TestEnvironment::scaledMs(15000)));
        }
        QList<CycleReport> all;
        for (int i = 0; i < 3; ++i) {
            for (const CycleReport& report : reportsIn(reports.at(i))) {
                QVERIFY2(report.ok, qPrintable(report.summaryLine()));
                CycleReport tagged = report;
                tagged.source = QString::number(i); // the node, for the overlap check below
                all.append(tagged);
            }
        }
        noTwoNodesSyncAtOnce(all);
        QSqlDatabase db = m_server.openDatabase(QStringLiteral("three"), QStringLiteral("three"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QCOMPARE(runOnce(config), 0);
        const TruthCheck check = WorklistTruthChecker().check(db, sim->truth());
        QVERIFY2(check.equal(),
                 qPrintable(check.summary() + QLatin1Char('\n') + check.diff.join(QLatin1Char('\n'))));
        QCOMPARE(check.rows, 60);
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("three"));
    }

    // A node of two sources keeps both while it runs: another node with the same configuration
    // stands by for each, cycle after cycle (a node's sources take turns on its one sync thread,
    // and each keeps its own session, which holds its turn).
    void aNodeKeepsEachOfItsSources()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 47, false });
        QVERIFY(sim.isListening());
        const QString database = QStringLiteral("two_sources");
        QVERIFY2(m_server.createDatabase(database), qPrintable(m_server.errorString()));
        const QString config = writeTwoSourceConfig(sim->apiUrl(), database);
        const QString reportA = m_dir.filePath(QStringLiteral("sources-a.jsonl"));
        const QString reportB = m_dir.filePath(QStringLiteral("sources-b.jsonl"));
        const int wait = int(TestEnvironment::scaledMs(40000));
        std::unique_ptr<QProcess> a = startNode(config, reportA);
        QVERIFY2(waitUntil([&] { return countWhere(reportsIn(reportA), synced) >= 2; }, wait),
                 "the first node did not sync both sources");
        std::unique_ptr<QProcess> b = startNode(config, reportB);
        // Two turns of each source on the second node: every one a check, none a sync.
        QVERIFY2(waitUntil([&] { return reportsIn(reportB).size() >= 4; }, 3 * wait),
                 "the second node stopped");
        const QString nameA = nodeName(*a);
        for (QProcess* node : { a.get(), b.get() }) {
            node->terminate();
            QVERIFY(node->waitForFinished(TestEnvironment::scaledMs(15000)));
        }
        for (const CycleReport& report : reportsIn(reportB)) {
            QVERIFY2(report.ok, qPrintable(report.summaryLine()));
            QVERIFY2(report.syncedElsewhereBy.contains(nameA),
                     qPrintable(QStringLiteral("%1: %2").arg(report.source, report.summaryLine())));
        }
        for (const CycleReport& report : reportsIn(reportA))
            QVERIFY2(synced(report),
                     qPrintable(QStringLiteral("%1: %2").arg(report.source, report.summaryLine())));
    }

    // As the SQLite kill -9 suite: lantir-sync killed at random moments (seeded) while it writes,
    // again and again; no entry is duplicated, no record is half written, and a last full sync
    // ends equal to REDCap's truth. LANTIR_KILL9_PG_RUNS (default 20) sets the number of kills.
    void killedMidBatchLosesAndDuplicatesNothing()
    {
        const int runs = TestEnvironment::positiveInt("LANTIR_KILL9_PG_RUNS", 20);
        QRandomGenerator random(quint32(TestEnvironment::positiveInt("LANTIR_KILL9_SEED", 20250)));
        SimulatorThread sim(SimulatorProject { 24, 2, 17, false });
        QVERIFY(sim.isListening());
        QVERIFY2(m_server.createDatabase(QStringLiteral("killed")), qPrintable(m_server.errorString()));
        const QString config = writeConfig(sim->apiUrl(), QStringLiteral("killed"), 3);
        sim->setChurn(2);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runOnce(config), 0);
        const int cycleMs = qMax(20, int(timer.elapsed()));
        int killed = 0;
        for (int run = 0; run < runs; ++run) {
            std::unique_ptr<QProcess> node
                = startNode(config, m_dir.filePath(QStringLiteral("killed.jsonl")),
                            { QStringLiteral("--cycles"), QStringLiteral("50"), QStringLiteral("--full") });
            QTest::qWait(int(random.bounded(quint32(cycleMs * 3))));
            if (node->state() == QProcess::Running) {
                node->kill();
                ++killed;
            }
            QVERIFY(node->state() == QProcess::NotRunning
                    || node->waitForFinished(TestEnvironment::scaledMs(10000)));
        }
        qInfo("%d of %d runs killed with SIGKILL", killed, runs);
        QVERIFY(killed >= runs * 3 / 4);
        QSqlDatabase db = m_server.openDatabase(QStringLiteral("killed"), QStringLiteral("killed"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        // The kills fell among real work: cycles completed (and wrote) between them.
        const int cyclesDone = scalar(db, QStringLiteral("SELECT count(*) FROM sync_cycles")).toInt();
        qInfo("%d cycles completed between the kills", cyclesDone);
        QVERIFY2(cyclesDone >= runs / 4, "the kills came before any cycle could complete; the timing is off");
        wholeRecordsThenTrue(db, sim, config);
        if (QTest::currentTestFailed())
            return;
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("killed"));
    }

    // The network between a syncing node and PostgreSQL cut again and again (seeded random
    // moments, most of them inside a batch): the node keeps running; a cut costs the cycle it hit
    // at most, which fails saying the connection was lost and writes nothing of its batch; the
    // next cycle connects again. Every record whole, none twice, and a last sync equal to REDCap's
    // truth. LANTIR_NETCUT_PG_RUNS (default 15) sets the number of cuts.
    void networkCutsMidBatchLoseAndDuplicateNothing()
    {
        const int cuts = TestEnvironment::positiveInt("LANTIR_NETCUT_PG_RUNS", 15);
        QRandomGenerator random(quint32(TestEnvironment::positiveInt("LANTIR_NETCUT_SEED", 7919)));
        SimulatorThread sim(SimulatorProject { 24, 2, 17, false });
        QVERIFY(sim.isListening());
        QVERIFY2(m_server.createDatabase(QStringLiteral("netcut")), qPrintable(m_server.errorString()));
        TcpCutProxy proxy(m_server.port());
        const quint16 port = proxy.start();
        QVERIFY(port != 0);
        const QString config = writeConfig(sim->apiUrl(), QStringLiteral("netcut"), 3, port);
        sim->setChurn(2);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runOnce(config), 0);
        const int cycleMs = qMax(20, int(timer.elapsed()));
        const QString report = m_dir.filePath(QStringLiteral("netcut.jsonl"));
        std::unique_ptr<QProcess> node
            = startNode(config, report,
                        { QStringLiteral("--cycles"), QStringLiteral("100000"), QStringLiteral("--full") });
        int effective = 0;
        for (int cut = 0; cut < cuts; ++cut) {
            QTest::qWait(cycleMs + int(random.bounded(quint32(cycleMs * 2))));
            if (proxy.cut() > 0)
                ++effective;
            QVERIFY2(node->state() == QProcess::Running, "lantir-sync ended on a network cut");
        }
        const int before = int(reportsIn(report).size());
        QVERIFY2(waitUntil([&] { return countWhere(reportsIn(report).mid(before), synced) >= 2; },
                           TestEnvironment::scaledMs(60000)),
                 "no cycle completed after the last cut");
        const QList<CycleReport> reports = reportsIn(report); // not the cycle SIGTERM ends
        node->terminate();
        QVERIFY(node->waitForFinished(TestEnvironment::scaledMs(10000)));
        const int failed = countWhere(reports, [](const CycleReport& r) { return !r.ok; });
        qInfo("%d cuts, %d cycles failed, %lld completed", effective, failed,
              qlonglong(reports.size() - failed));
        QVERIFY(effective >= cuts * 3 / 4);
        QVERIFY2(failed >= 1 && failed <= effective, qPrintable(QString::number(failed)));
        for (const CycleReport& r : reports) {
            QVERIFY2(r.ok || r.error.contains(QLatin1String("was lost")), qPrintable(r.error));
        }
        QSqlDatabase db = m_server.openDatabase(QStringLiteral("netcut"), QStringLiteral("netcut"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        wholeRecordsThenTrue(db, sim, config);
        if (QTest::currentTestFailed())
            return;
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("netcut"));
    }

    // A cut the server does not hear of (a pulled cable: no reset reaches it) leaves the node's
    // old session alive there, holding the source. The node, connecting again, ends that session
    // of its own and syncs in the next cycle, instead of standing by behind itself until the
    // server's keepalives give up on it.
    void aSilentCutDoesNotStrandTheSource()
    {
        SimulatorThread sim(SimulatorProject { 24, 2, 17, false });
        QVERIFY(sim.isListening());
        QVERIFY2(m_server.createDatabase(QStringLiteral("silent")), qPrintable(m_server.errorString()));
        TcpCutProxy proxy(m_server.port());
        const quint16 port = proxy.start();
        QVERIFY(port != 0);
        const QString config = writeConfig(sim->apiUrl(), QStringLiteral("silent"), 3, port);
        const QString report = m_dir.filePath(QStringLiteral("silent.jsonl"));
        std::unique_ptr<QProcess> node = startNode(config, report);
        QVERIFY2(waitUntil([&] { return countWhere(reportsIn(report), synced) >= 1; },
                           TestEnvironment::scaledMs(30000)),
                 "the node did not sync");
        QCOMPARE(proxy.cut(TcpCutProxy::Cut::Silent), 1);
        QSqlDatabase db = m_server.openDatabase(QStringLiteral("silent"), QStringLiteral("silent"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        const QString sessions
            = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = '%1'")
                  .arg(QStringLiteral("lantir-sync") + nodeName(*node));
        QCOMPARE(scalar(db, sessions), QStringLiteral("1")); // the lost one, still there
        const int before = int(reportsIn(report).size());
        // The next cycle fails on the cut; the one after syncs again.
        QVERIFY2(waitUntil([&] { return countWhere(reportsIn(report).mid(before), synced) >= 1; },
                           TestEnvironment::scaledMs((3 * IntervalSeconds + 10) * 1000)),
                 qPrintable(reportsIn(report).constLast().summaryLine()));
        const QList<CycleReport> after = reportsIn(report).mid(before);
        QCOMPARE(countWhere(after, [](const CycleReport& r) { return !r.syncedElsewhereBy.isEmpty(); }), 0);
        QCOMPARE(scalar(db, sessions), QStringLiteral("1")); // the new one alone
        node->terminate();
        QVERIFY(node->waitForFinished(TestEnvironment::scaledMs(10000)));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("silent"));
    }
};

QTEST_GUILESS_MAIN(TestPostgresNodes)
#include "tst_postgresnodes.moc"
