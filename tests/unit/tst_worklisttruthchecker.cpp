#include "ScopedSqlConnection.h"
#include "WorklistTruthChecker.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::ExpectedRow;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SimulatorTruth;
using Lantir::Test::TruthCheck;
using Lantir::Test::TruthMapping;
using Lantir::Test::WorklistTruthChecker;

namespace {

QJsonObject baseline(const QString& record, const QString& study, const QString& family, const QString& year,
                     const QString& sex)
{
    return QJsonObject { { QStringLiteral("record_id"), record },
                         { QStringLiteral("redcap_repeat_instrument"), QString() },
                         { QStringLiteral("redcap_repeat_instance"), QString() },
                         { QStringLiteral("study_id"), study },
                         { QStringLiteral("family_id"), family },
                         { QStringLiteral("youth_dob_y"), year },
                         { QStringLiteral("demo_sex"), sex },
                         { QStringLiteral("mri_instance"), QString() },
                         { QStringLiteral("mri_date"), QString() },
                         { QStringLiteral("mri_time"), QString() } };
}

QJsonObject scan(const QString& record, int instance, const QString& date, const QString& time,
                 const QString& family = QString())
{
    return QJsonObject { { QStringLiteral("record_id"), record },
                         { QStringLiteral("redcap_repeat_instrument"), QStringLiteral("mri") },
                         { QStringLiteral("redcap_repeat_instance"), instance },
                         { QStringLiteral("study_id"), QString() },
                         { QStringLiteral("family_id"), family },
                         { QStringLiteral("youth_dob_y"), QString() },
                         { QStringLiteral("demo_sex"), QString() },
                         { QStringLiteral("mri_instance"), QString::number(instance) },
                         { QStringLiteral("mri_date"), date },
                         { QStringLiteral("mri_time"), time } };
}

QJsonObject retired(const QJsonObject& base, const QJsonObject& visit)
{
    return QJsonObject { { QStringLiteral("baseline"), base }, { QStringLiteral("visit"), visit } };
}

// Record 12 with a scheduled, an unscheduled and a scan with its own family id; record 13
// without a study id; record 14 with "NaN" for sex and a prefixed study id; a survey row; a
// deleted visit of record 12, a superseded one, and a visit of the deleted record 99.
SimulatorTruth sampleTruth()
{
    SimulatorTruth truth;
    QJsonObject survey = scan(QStringLiteral("14"), 1, QStringLiteral("2025-01-01"), QStringLiteral("08:00"));
    survey.insert(QStringLiteral("redcap_repeat_instrument"), QStringLiteral("survey"));
    truth.rows = QJsonArray {
        baseline(QStringLiteral("12"), QStringLiteral("CPIP-0012"), QStringLiteral("FAM-007"),
                 QStringLiteral("2012"), QStringLiteral("2")),
        scan(QStringLiteral("12"), 1, QStringLiteral("2025-03-21"), QStringLiteral("14:30")),
        scan(QStringLiteral("12"), 2, QStringLiteral("2025-05-02"), QString()),
        scan(QStringLiteral("12"), 4, QStringLiteral("2025-07-11"), QStringLiteral("09:15"),
             QStringLiteral("FAM-R-031")),
        baseline(QStringLiteral("13"), QString(), QStringLiteral("FAM-008"), QStringLiteral("2011"),
                 QStringLiteral("1")),
        scan(QStringLiteral("13"), 1, QStringLiteral("2025-02-02"), QStringLiteral("10:00")),
        baseline(QStringLiteral("14"), QStringLiteral("CPIP-R-0014"), QStringLiteral("FAM-008"),
                 QStringLiteral("2013"), QStringLiteral("NaN")),
        scan(QStringLiteral("14"), 1, QStringLiteral("2025-04-04"), QStringLiteral("11:45")),
        survey,
    };
    const QJsonObject old12
        = baseline(QStringLiteral("12"), QStringLiteral("CPIP-0012"), QStringLiteral("FAM-005"),
                   QStringLiteral("2012"), QStringLiteral("2"));
    truth.retired = QJsonArray {
        retired(old12, scan(QStringLiteral("12"), 1, QStringLiteral("2025-01-01"), QStringLiteral("08:00"))),
        retired(old12, scan(QStringLiteral("12"), 2, QStringLiteral("2025-05-01"), QStringLiteral("10:00"))),
        retired(baseline(QStringLiteral("99"), QStringLiteral("CPIP-0099"), QStringLiteral("FAM-050"),
                         QStringLiteral("2010"), QStringLiteral("1")),
                scan(QStringLiteral("99"), 1, QStringLiteral("2025-06-06"), QStringLiteral("16:00"))),
    };
    // Record 99 was deleted as a whole.
    QJsonObject withdrawn = truth.retired.at(2).toObject();
    withdrawn.insert(QStringLiteral("record_deleted"), true);
    truth.retired.replace(2, withdrawn);
    return truth;
}

} // namespace

// WorklistTruthChecker: the expected worklist, read from REDCap rows by the documented rules
// alone, and its comparison with a database.
class TestWorklistTruthChecker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expectedRowsFollowTheDocumentedMapping()
    {
        const QList<ExpectedRow> rows = WorklistTruthChecker().expectedRows(sampleTruth());
        QStringList keys;
        for (const ExpectedRow& row : rows)
            keys.append(row.recordId + QLatin1Char('/') + row.repeatInstance);
        // 12/2 is unscheduled now: its last scheduled state stays; 12/1 is a visit again; 13 has no study id.
        QCOMPARE(keys,
                 QStringList({ QStringLiteral("12/1"), QStringLiteral("12/2"), QStringLiteral("12/4"),
                               QStringLiteral("14/1"), QStringLiteral("99/1") }));

        const QHash<QString, QString>& first = rows.at(0).columns;
        QCOMPARE(first.value(QStringLiteral("patient_name")), QStringLiteral("cpip-id-0012^fa-007"));
        QCOMPARE(first.value(QStringLiteral("patient_id")),
                 QStringLiteral("sub_0012_ses_1_fam_007_site_792"));
        QCOMPARE(first.value(QStringLiteral("patient_birth_date")), QStringLiteral("2012"));
        QCOMPARE(first.value(QStringLiteral("patient_sex")), QStringLiteral("2"));
        QCOMPARE(first.value(QStringLiteral("modality")), QStringLiteral("MR"));
        QCOMPARE(first.value(QStringLiteral("scheduled_start_date")), QStringLiteral("2025-03-21"));
        QCOMPARE(first.value(QStringLiteral("scheduled_start_time")), QStringLiteral("14:30"));
        QCOMPARE(first.value(QStringLiteral("protocol_name")), QStringLiteral("BRAIN_MRI_3T"));
        QCOMPARE(first.value(QStringLiteral("data_source")), QStringLiteral("REDCap"));
        QCOMPARE(first.value(QStringLiteral("performed_procedure_step_status")), QStringLiteral("SCHEDULED"));
        for (const char* unset : { "patient_weight_lb", "accession_number", "referring_physician_name",
                                   "study_description", "scheduled_station_aetitle", "performing_physician",
                                   "procedure_description", "station_name", "hisris_coding_designator" }) {
            QVERIFY2(first.contains(QLatin1String(unset)), unset);
            QVERIFY2(first.value(QLatin1String(unset)).isNull(), unset);
        }
        QVERIFY(!first.contains(QStringLiteral("id")));
        QVERIFY(!first.contains(QStringLiteral("study_instance_uid")));

        QCOMPARE(rows.at(1).columns.value(QStringLiteral("patient_name")),
                 QStringLiteral("cpip-id-0012^fa-005"));
        QCOMPARE(rows.at(1).columns.value(QStringLiteral("scheduled_start_time")), QStringLiteral("10:00"));
        QCOMPARE(rows.at(2).columns.value(QStringLiteral("patient_id")),
                 QStringLiteral("sub_0012_ses_4_fam_031_site_792"));
        QCOMPARE(rows.at(3).columns.value(QStringLiteral("patient_id")),
                 QStringLiteral("sub_0014_ses_1_fam_008_site_792"));
        QVERIFY(rows.at(3).columns.value(QStringLiteral("patient_sex")).isNull());
        QCOMPARE(rows.at(4).columns.value(QStringLiteral("patient_name")),
                 QStringLiteral("cpip-id-0099^fa-050"));
        // A retired visit's row is cancelled; one whose record was deleted waits for a reconcile.
        QCOMPARE(rows.at(1).columns.value(QStringLiteral("performed_procedure_step_status")),
                 QStringLiteral("CANCELED"));
        QCOMPARE(rows.at(4).columns.value(QStringLiteral("performed_procedure_step_status")),
                 QStringLiteral("SCHEDULED"));
        TruthMapping reconciled;
        reconciled.deletedRecordStatus = QStringLiteral("CANCELED");
        QCOMPARE(WorklistTruthChecker(reconciled)
                     .expectedRows(sampleTruth())
                     .at(4)
                     .columns.value(QStringLiteral("performed_procedure_step_status")),
                 QStringLiteral("CANCELED"));

        TruthMapping other;
        other.site = QStringLiteral("793");
        other.mapDemographics = false;
        other.expectedStatus.clear();
        const QHash<QString, QString> plain
            = WorklistTruthChecker(other).expectedRows(sampleTruth()).at(0).columns;
        QCOMPARE(plain.value(QStringLiteral("patient_id")),
                 QStringLiteral("sub_0012_ses_1_fam_007_site_793"));
        QVERIFY(plain.value(QStringLiteral("patient_sex")).isNull());
        QVERIFY(!plain.contains(QStringLiteral("performed_procedure_step_status")));
    }

    void aDatabaseHoldingExactlyTheExpectedRowsIsEqual()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        const WorklistTruthChecker checker;
        const SimulatorTruth truth = sampleTruth();
        {
            ScopedSqlConnection db(path);
            QStringList columns = WorklistTruthChecker::columnNames();
            columns.removeFirst();
            QVERIFY(db.exec(
                QStringLiteral("CREATE TABLE worklist_items (id INTEGER NOT NULL PRIMARY KEY, %1 VARCHAR)")
                    .arg(columns.join(QStringLiteral(" VARCHAR, ")))));
            QVERIFY(db.exec(QStringLiteral(
                "CREATE TABLE lantir_entry_keys (source TEXT, record_id TEXT, event_name TEXT, "
                "repeat_instance TEXT, item_id INTEGER)")));
            int id = 0;
            for (const ExpectedRow& row : checker.expectedRows(truth)) {
                ++id;
                QSqlQuery insert(db.db());
                QStringList names { QStringLiteral("id"), QStringLiteral("study_instance_uid") };
                QStringList marks { QStringLiteral("?"), QStringLiteral("?") };
                for (auto it = row.columns.cbegin(); it != row.columns.cend(); ++it) {
                    names.append(it.key());
                    marks.append(QStringLiteral("?"));
                }
                QVERIFY(insert.prepare(QStringLiteral("INSERT INTO worklist_items (%1) VALUES (%2)")
                                           .arg(names.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))));
                insert.addBindValue(id);
                insert.addBindValue(QStringLiteral("2.25.%1").arg(1000 + id));
                for (auto it = row.columns.cbegin(); it != row.columns.cend(); ++it)
                    insert.addBindValue(it.value().isNull() ? QVariant(QMetaType::fromType<QString>())
                                                            : QVariant(it.value()));
                QVERIFY(insert.exec());
                QVERIFY(db.exec(
                    QStringLiteral("INSERT INTO lantir_entry_keys VALUES ('REDCap', '%1', '', '%2', %3)")
                        .arg(row.recordId, row.repeatInstance)
                        .arg(id)));
            }
        }
        TruthCheck check = checker.check(path, truth);
        QVERIFY2(check.equal(),
                 qPrintable(check.summary() + QLatin1Char('\n') + check.diff.join(QLatin1Char('\n'))));
        QCOMPARE(check.expected, 5);
        QCOMPARE(check.rows, 5);
        QCOMPARE(check.summary(), QStringLiteral("equal: 5 rows, each as the truth calls for"));

        // The same database against a truth that has moved on: one visit's time changed.
        SimulatorTruth moved = truth;
        QJsonObject visit = moved.rows.at(1).toObject();
        visit.insert(QStringLiteral("mri_time"), QStringLiteral("15:45"));
        moved.rows.replace(1, visit);
        check = checker.check(path, moved);
        QCOMPARE(check.mismatched, 1);
        QCOMPARE(
            check.diff,
            QStringList({ QStringLiteral(
                "record 12 instance 1 (row id 1): scheduled_start_time is '14:30', expected '15:45'") }));
        QVERIFY(check.summary().startsWith(QLatin1String("DIFFERENT: 1 mismatched")));
    }

    void aFileWithoutTheWorklistTableIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.db"));
        {
            ScopedSqlConnection db(path);
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE other (x)")));
        }
        const TruthCheck check = WorklistTruthChecker().check(path, sampleTruth());
        QVERIFY(!check.error.isEmpty());
        QVERIFY(!check.equal());
        QVERIFY(check.summary().startsWith(QLatin1String("ERROR: ")));
    }
};

QTEST_GUILESS_MAIN(TestWorklistTruthChecker)
#include "tst_worklisttruthchecker.moc"
