#include "ScopedSqlConnection.h"
#include "SqlFixture.h"
#include "store/CycleHistory.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Lantir;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SqlFixture;

namespace {
// A report with every field set to something distinct.
CycleReport sampleReport(qint64 cycle, const QDateTime& startedAt)
{
    CycleReport r;
    r.cycle = cycle;
    r.startedAt = startedAt;
    r.ok = cycle % 3 != 0;
    r.error = r.ok ? QString() : QStringLiteral("REDCap answered HTTP 503 (cycle %1)").arg(cycle);
    r.full = cycle == 1;
    r.dryRun = cycle % 5 == 0;
    r.durationMs = 1000 + cycle;
    r.fetchMs = 600 + cycle;
    r.mergeMs = 100 + cycle;
    r.writeMs = 300 + cycle;
    r.httpRequests = 2 + int(cycle);
    r.rowsFetched = 60000 + cycle;
    r.records = 20000 + cycle;
    r.entries = 40000 + cycle;
    r.inserted = 10 + cycle;
    r.updated = 20 + cycle;
    r.unchanged = 39970 - cycle;
    r.skipped = 3;
    r.rssStartKb = 14000 + cycle;
    r.rssPeakKb = 30000 + cycle;
    r.rssEndKb = 15000 + cycle;
    r.rssReleasedKb = 14500 + cycle;
    r.heapInUseKb = 9000 + cycle;
    r.windowBegin = QStringLiteral("2026-03-02 10:00:00");
    r.windowEnd = QStringLiteral("2026-03-02 10:35:00");
    r.source = cycle % 2 ? QStringLiteral("study_a") : QStringLiteral("Study B (3T)");
    return r;
}

void compareReports(const CycleReport& actual, const CycleReport& expected)
{
    QCOMPARE(actual.rowId, expected.rowId);
    QCOMPARE(actual.startedAt, expected.startedAt);
    QCOMPARE(actual.startedAt.timeSpec(), Qt::UTC);
    // Every other field, through the report's own JSON form.
    QCOMPARE(actual.toJson(), expected.toJson());
}
} // namespace

class TestCycleHistory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    const QDateTime m_start { QDate(2026, 3, 2), QTime(8, 0, 0, 125), Qt::UTC };

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void storeCreatesTheTable()
    {
        WorklistStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("created.db"))).ok());
        const Result<QStringList> columns
            = WorklistSchema::tableColumns(store.database(), QStringLiteral("sync_cycles"));
        QVERIFY(columns.ok());
        QCOMPARE(columns.value(), CycleHistory::columnNames());
        // Every report field has its column.
        for (const char* name : { "cycle",           "started_at",     "ok",
                                  "error",           "full_export",    "dry_run",
                                  "duration_ms",     "fetch_ms",       "merge_ms",
                                  "write_ms",        "http_requests",  "rows_fetched",
                                  "records",         "entries",        "inserted",
                                  "updated",         "unchanged",      "skipped",
                                  "rss_start_kb",    "rss_peak_kb",    "rss_end_kb",
                                  "rss_released_kb", "heap_in_use_kb", "window_begin",
                                  "window_end",      "source" })
            QVERIFY2(columns.value().contains(QLatin1String(name)), name);
        // Idempotent.
        QSqlDatabase db = store.database();
        QVERIFY(CycleHistory::createTable(db).ok());
    }

    void appendAndLoadEveryField()
    {
        WorklistStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("roundtrip.db"))).ok());
        CycleHistory history(store.database());

        QList<CycleReport> written;
        for (int i = 1; i <= 6; ++i) {
            CycleReport report = sampleReport(i, m_start.addSecs(1800 * i));
            const CycleReport before = report;
            const Result<void> appended = history.append(report);
            QVERIFY2(appended.ok(), qPrintable(appended.error().message));
            QVERIFY(report.rowId > 0);
            if (!written.isEmpty())
                QVERIFY(report.rowId > written.last().rowId);
            // append() sets the row id and nothing else.
            QCOMPARE(report.toJson(), before.toJson());
            written.append(report);
        }
        // Memory figures the platform could not tell (-1) are stored as NULL and come back as -1.
        CycleReport unknown = sampleReport(7, m_start.addSecs(1800 * 7));
        unknown.rssPeakKb = -1;
        unknown.rssReleasedKb = -1;
        unknown.heapInUseKb = -1;
        unknown.windowBegin.clear();
        unknown.windowEnd.clear();
        unknown.source = QString(); // a report of no source (a null string) is stored as ''
        const Result<void> appendedUnknown = history.append(unknown);
        QVERIFY2(appendedUnknown.ok(), qPrintable(appendedUnknown.error().message));
        written.append(unknown);
        QCOMPARE(SqlFixture::scalar(
                     store.database(),
                     QStringLiteral("SELECT count(*) FROM sync_cycles WHERE rss_peak_kb IS NULL AND "
                                    "heap_in_use_kb IS NULL AND window_begin IS NULL")),
                 QStringLiteral("1"));
        QCOMPARE(SqlFixture::scalar(store.database(),
                                    QStringLiteral("SELECT started_at FROM sync_cycles WHERE id = %1")
                                        .arg(written.first().rowId)),
                 QStringLiteral("2026-03-02T08:30:00.125Z"));

        const Result<QList<CycleReport>> loaded = history.load();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded.value().size(), written.size());
        for (int i = 0; i < written.size(); ++i)
            compareReports(loaded.value().at(i), written.at(i));
        QVERIFY(!loaded.value().at(2).ok);
        QVERIFY(loaded.value().at(2).error.contains(QLatin1String("503")));
        QCOMPARE(loaded.value().last().rssPeakKb, -1);
        QCOMPARE(loaded.value().last().heapInUseKb, -1);
        // Each row names the source its cycle synced.
        QCOMPARE(loaded.value().at(0).source, QStringLiteral("study_a"));
        QCOMPARE(loaded.value().at(1).source, QStringLiteral("Study B (3T)"));
        QCOMPARE(loaded.value().last().source, QString(QLatin1String("")));
        QCOMPARE(
            SqlFixture::scalar(store.database(),
                               QStringLiteral("SELECT count(*) FROM sync_cycles WHERE source = 'study_a'")),
            QStringLiteral("3"));
        QCOMPARE(SqlFixture::scalar(store.database(),
                                    QStringLiteral("SELECT count(*) FROM sync_cycles WHERE source = ''")),
                 QStringLiteral("1"));
    }

    void loadSinceAndLimit()
    {
        WorklistStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("since.db"))).ok());
        CycleHistory history(store.database());
        for (int i = 1; i <= 10; ++i) {
            CycleReport report = sampleReport(i, m_start.addSecs(3600 * i));
            QVERIFY(history.append(report).ok());
        }

        // Since a time given in another zone: the same instant in UTC.
        const QDateTime since = m_start.addSecs(3600 * 7).toTimeZone(QTimeZone(2 * 3600));
        Result<QList<CycleReport>> loaded = history.load(since);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().size(), 4);
        QCOMPARE(loaded.value().first().cycle, 7);
        QCOMPARE(loaded.value().last().cycle, 10);

        // A limit keeps the newest, still oldest first.
        loaded = history.load(QDateTime(), 3);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().size(), 3);
        QCOMPARE(loaded.value().at(0).cycle, 8);
        QCOMPARE(loaded.value().at(1).cycle, 9);
        QCOMPARE(loaded.value().at(2).cycle, 10);

        loaded = history.load(m_start.addSecs(3600 * 2), 2);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().size(), 2);
        QCOMPARE(loaded.value().at(0).cycle, 9);

        loaded = history.load(m_start.addDays(30));
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value().isEmpty());

        loaded = history.load(QDateTime(), 0);
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value().isEmpty());
    }

    void pruneKeepsTheNewest()
    {
        WorklistStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("prune.db"))).ok());
        CycleHistory history(store.database());
        for (int i = 1; i <= 25; ++i) {
            CycleReport report = sampleReport(i, m_start.addSecs(60 * i));
            QVERIFY(history.append(report).ok());
        }

        QVERIFY(history.prune(100).ok()); // fewer than that: nothing goes
        QCOMPARE(history.load().value().size(), 25);

        QVERIFY(history.prune(10).ok());
        Result<QList<CycleReport>> loaded = history.load();
        QCOMPARE(loaded.value().size(), 10);
        QCOMPARE(loaded.value().first().cycle, 16);
        QCOMPARE(loaded.value().last().cycle, 25);

        // New rows keep coming after a prune.
        CycleReport next = sampleReport(26, m_start.addSecs(60 * 26));
        QVERIFY(history.append(next).ok());
        QVERIFY(history.prune(10).ok());
        loaded = history.load();
        QCOMPARE(loaded.value().size(), 10);
        QCOMPARE(loaded.value().first().cycle, 17);
        QCOMPARE(loaded.value().last().cycle, 26);

        QVERIFY(history.prune(1).ok());
        QCOMPARE(history.load().value().size(), 1);
        QVERIFY(history.prune(0).ok());
        QVERIFY(history.load().value().isEmpty());

        const Result<void> negative = history.prune(-1);
        QVERIFY(!negative.ok());
        QCOMPARE(negative.error().kind, Error::Kind::Config);
    }

    void historyIsSeenByAnotherConnection()
    {
        const QString path = m_dir.filePath(QStringLiteral("shared.db"));
        WorklistStore store;
        QVERIFY(store.open(path).ok());
        CycleReport report = sampleReport(1, m_start);
        QVERIFY(CycleHistory(store.database()).append(report).ok());

        ScopedSqlConnection other(path);
        const Result<QList<CycleReport>> loaded = CycleHistory(other.db()).load();
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().size(), 1);
        compareReports(loaded.value().first(), report);
    }

    void failuresAreErrorsNotCrashes()
    {
        const QString path = m_dir.filePath(QStringLiteral("locked.db"));
        WorklistStore store;
        QVERIFY(store.open(path, 100).ok());
        {
            CycleHistory history(store.database());
            ScopedSqlConnection other(path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            CycleReport report = sampleReport(1, m_start);
            const Result<void> appended = history.append(report);
            QVERIFY(!appended.ok());
            QCOMPARE(appended.error().kind, Error::Kind::Database);
            QVERIFY2(appended.error().message.contains(QLatin1String("locked by another program")),
                     qPrintable(appended.error().message));
            QCOMPARE(report.rowId, 0);
            QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
        }

        // A closed connection: an error, not a crash.
        store.close();
        QSqlDatabase closed;
        const Result<QList<CycleReport>> loaded = CycleHistory(closed).load();
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().message.contains(QLatin1String("not open")));
        QVERIFY(!CycleHistory(closed).prune(5).ok());
        CycleReport report = sampleReport(2, m_start);
        QVERIFY(!CycleHistory(closed).append(report).ok());
    }
};

QTEST_GUILESS_MAIN(TestCycleHistory)
#include "tst_cyclehistory.moc"
