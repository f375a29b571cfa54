#include "ChurnSoak.h"
#include "ScopedSqlConnection.h"
#include "TestEnvironment.h"
#include "WorklistTruthChecker.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::ChurnSoak;
using Lantir::Test::ChurnSoakOptions;
using Lantir::Test::ChurnSoakResult;
using Lantir::Test::RecordChurn;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::TestEnvironment;
using Lantir::Test::TruthCheck;
using Lantir::Test::WorklistTruthChecker;

// The soak of lantir-bench --churn-soak, short: the real lantir-sync runs back-to-back cycles
// while the simulator's records change before each one (new records and visits, edits,
// unscheduled, deleted visits and records), then the worklist must equal the simulator's truth
// as WorklistTruthChecker derives it. And the checker must see a corrupted, deleted or
// duplicated row: a checker that cannot fail proves nothing.
// LANTIR_CHURN_CYCLES (default 50) and LANTIR_CHURN_SEED (default 6) set the run.
class TestChurnSoak : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ChurnSoakResult m_soak;
    bool m_soakRan = false;

    static QString describe(const TruthCheck& check)
    {
        return check.summary() + QLatin1Char('\n') + check.diff.join(QLatin1Char('\n'));
    }

    // A copy of the synced database with `sql` applied, for the checker to judge.
    QString alteredCopy(const QString& name, const QString& sql)
    {
        const QString copy = m_dir.filePath(name + QStringLiteral(".db"));
        QFile::remove(copy);
        if (!QFile::copy(m_soak.databasePath, copy))
            return {};
        if (!sql.isEmpty()) {
            ScopedSqlConnection connection(copy);
            if (!connection.exec(sql)) {
                qWarning("%s: %s", qPrintable(sql), qPrintable(connection.lastError()));
                return {};
            }
        }
        return copy;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(TestEnvironment::lantirSyncBinary()))
            QSKIP("lantir-sync is not built");
    }

    void cyclesWithChurnEndEqualToTheTruth()
    {
        ChurnSoakOptions options;
        options.lantirSync = TestEnvironment::lantirSyncBinary();
        options.workDir = m_dir.path();
        options.cycles = TestEnvironment::positiveInt("LANTIR_CHURN_CYCLES", 50);
        options.records = 60;
        options.changesPerCycle = 6;
        options.seed = quint32(TestEnvironment::positiveInt("LANTIR_CHURN_SEED", 6));
        options.batchSize = 7; // records of one cycle fall into several batches
        options.timeoutMs = 60000 + options.cycles * 2000;
        m_soak = ChurnSoak::run(options);
        m_soakRan = true;

        qInfo("%d cycles in %lld ms; churn: %s", int(m_soak.reports.size()), m_soak.wallMs,
              qPrintable(m_soak.churn.summary()));
        qInfo("checker: %s", qPrintable(m_soak.check.summary()));
        QVERIFY2(m_soak.error.isEmpty(), qPrintable(m_soak.error));
        QCOMPARE(m_soak.exitCode, 0);
        QCOMPARE(int(m_soak.reports.size()), options.cycles);
        QCOMPARE(m_soak.failedCycles, 0);
        // Nothing went wrong quietly either. (Memory trend warnings are left out: squeezing hours of
        // cycles into seconds inflates any growth per hour.)
        for (auto it = m_soak.warningsByCategory.cbegin(); it != m_soak.warningsByCategory.cend(); ++it)
            QVERIFY2(
                it.key() == QLatin1String("lantir.memory"),
                qPrintable(it.key() + QLatin1String(": ") + m_soak.firstWarnings.join(QLatin1Char('\n'))));

        // The churn was real: a step before every cycle but the first, every kind of change made,
        // the cycles inserted and updated rows, and some visits retired.
        QCOMPARE(m_soak.churn.steps, qint64(options.cycles - 1));
        for (int kind = 0; kind < RecordChurn::KindCount; ++kind)
            QVERIFY2(m_soak.churn.changes[size_t(kind)] > 0,
                     qPrintable(RecordChurn::kindName(RecordChurn::Kind(kind))));
        qint64 inserted = 0;
        qint64 updated = 0;
        for (qsizetype i = 1; i < m_soak.reports.size(); ++i) {
            QVERIFY2(!m_soak.reports.at(i).full, "every cycle after the first is incremental");
            inserted += m_soak.reports.at(i).inserted;
            updated += m_soak.reports.at(i).updated;
        }
        QVERIFY(inserted > 0);
        QVERIFY(updated > 0);
        QVERIFY(!m_soak.truth.retired.isEmpty());

        QVERIFY2(m_soak.check.expected > options.records, qPrintable(describe(m_soak.check)));
        QVERIFY2(m_soak.check.equal(), qPrintable(describe(m_soak.check)));
    }

    void theCheckerCatchesEveryKindOfDifference_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("problem");

        const QString first = QStringLiteral("(SELECT MIN(id) FROM worklist_items)");
        QTest::newRow("unchanged copy") << QString() << QString();
        QTest::newRow("a corrupted patient name")
            << QStringLiteral("UPDATE worklist_items SET patient_name = patient_name || 'x' WHERE id = ")
                + first
            << QStringLiteral("mismatched");
        QTest::newRow("a stale scheduled time")
            << QStringLiteral("UPDATE worklist_items SET scheduled_start_time = '07:05' WHERE id = ") + first
            << QStringLiteral("mismatched");
        QTest::newRow("a value in a column the mapping does not write")
            << QStringLiteral("UPDATE worklist_items SET station_name = 'MR1' WHERE id = ") + first
            << QStringLiteral("mismatched");
        QTest::newRow("a status the sync would never set")
            << QStringLiteral(
                   "UPDATE worklist_items SET performed_procedure_step_status = 'COMPLETED' WHERE id = ")
                + first
            << QStringLiteral("mismatched");
        QTest::newRow("a deleted row")
            << QStringLiteral("DELETE FROM worklist_items WHERE id = ") + first << QStringLiteral("missing");
        QTest::newRow("a duplicated row")
            << QStringLiteral(
                   "INSERT INTO worklist_items (study_instance_uid, patient_name, patient_id, "
                   "patient_birth_date, patient_sex, modality, scheduled_start_date, scheduled_start_time, "
                   "protocol_name, performed_procedure_step_status, data_source) SELECT study_instance_uid, "
                   "patient_name, patient_id, patient_birth_date, patient_sex, modality, "
                   "scheduled_start_date, scheduled_start_time, protocol_name, "
                   "performed_procedure_step_status, data_source FROM worklist_items WHERE id = ")
                + first
            << QStringLiteral("duplicates");
        QTest::newRow("a row the sync did not write") << QStringLiteral(
            "INSERT INTO worklist_items (study_instance_uid, patient_name, patient_id, modality, "
            "performed_procedure_step_status) VALUES ('2.25.1', 'nobody', 'sub_9999_ses_1', 'MR', "
            "'SCHEDULED')") << QStringLiteral("unkeyed");
        QTest::newRow("an entry key moved to another visit")
            << QStringLiteral("UPDATE lantir_entry_keys SET repeat_instance = '99' WHERE item_id = ") + first
            << QStringLiteral("unexpected");
    }

    void theCheckerCatchesEveryKindOfDifference()
    {
        QFETCH(QString, sql);
        QFETCH(QString, problem);
        if (!m_soakRan || !m_soak.check.equal())
            QSKIP("needs the database of a soak that ended equal to its truth");

        const QString copy = alteredCopy(
            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')), sql);
        QVERIFY(!copy.isEmpty());
        const TruthCheck check = WorklistTruthChecker().check(copy, m_soak.truth, 5);
        qInfo("%s", qPrintable(describe(check)));
        if (problem.isEmpty()) {
            QVERIFY2(check.equal(), qPrintable(describe(check)));
            return;
        }
        QVERIFY(!check.equal());
        QVERIFY(!check.diff.isEmpty());
        const int count = problem == QLatin1String("mismatched") ? check.mismatched
            : problem == QLatin1String("missing")                ? check.missing
            : problem == QLatin1String("duplicates")             ? check.duplicates
            : problem == QLatin1String("unkeyed")                ? check.unkeyed
                                                                 : check.unexpected;
        QVERIFY2(count >= 1, qPrintable(describe(check)));
    }

    // The rows of visits that were deleted or unscheduled are part of the truth: without them
    // the checker would call those rows unexpected.
    void retiredVisitsAreExpectedRows()
    {
        if (!m_soakRan || !m_soak.check.equal())
            QSKIP("needs the database of a soak that ended equal to its truth");
        Lantir::Test::SimulatorTruth current = m_soak.truth;
        current.retired = QJsonArray();
        const TruthCheck check = WorklistTruthChecker().check(m_soak.databasePath, current, 3);
        QVERIFY(!check.equal());
        QVERIFY2(check.unexpected > 0, qPrintable(describe(check)));
    }
};

QTEST_GUILESS_MAIN(TestChurnSoak)
#include "tst_churnsoak.moc"
