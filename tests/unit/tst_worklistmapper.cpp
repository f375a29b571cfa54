#include "mapping/RecordMerger.h"
#include "mapping/WorklistMapper.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Worklist;

namespace {

using Values = QList<QPair<QString, QString>>;

ScanVisit visit(const QString& record, const QString& instance, const Values& values,
                const QString& event = QString())
{
    ScanVisit v;
    v.recordId = record;
    v.eventName = event;
    v.repeatInstance = instance;
    for (const auto& [field, value] : values)
        v.values.insert(field, value);
    return v;
}

// The usual visit: study CPIP-0012, family FAM-007, session 1 on 2025-03-21 at 14:30.
ScanVisit usualVisit(const Values& extra = {})
{
    Values values { { QStringLiteral("record_id"), QStringLiteral("12") },
                    { QStringLiteral("study_id"), QStringLiteral("CPIP-0012") },
                    { QStringLiteral("family_id"), QStringLiteral("FAM-007") },
                    { QStringLiteral("mri_instance"), QStringLiteral("1") },
                    { QStringLiteral("mri_date"), QStringLiteral("2025-03-21") },
                    { QStringLiteral("mri_time"), QStringLiteral("14:30") } };
    values.append(extra);
    return visit(QStringLiteral("12"), QStringLiteral("1"), values);
}

MappingConfig siteMapping()
{
    MappingConfig m;
    m.site = QStringLiteral("792");
    m.protocolBySite.insert(QStringLiteral("792"), QStringLiteral("BRAIN_MRI_3T"));
    return m;
}

WorklistEntry mapOne(const MappingConfig& mapping, const ScanVisit& v,
                     const QString& source = QStringLiteral("REDCap"))
{
    const MappingOutcome outcome = WorklistMapper(mapping, source).map({ v });
    if (outcome.entries.size() != 1)
        qFatal("expected one entry, got %lld", qlonglong(outcome.entries.size()));
    return outcome.entries.first();
}

} // namespace

class TestWorklistMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pylantirDefaults();
    void patterns_data();
    void patterns();
    void skipWithoutStudyId();
    void familyEditKeepsKey();
    void keyIncludesEventAndSource();
    void protocol_data();
    void protocol();
    void mappingTargets();
    void mappedScheduleWins();
    void emptyMappedValueFallsBack();
    void normalisation_data();
    void normalisation();
    void birthDate_data();
    void birthDate();
    void codingDesignator();
    void ownedColumns_data();
    void ownedColumns();
    void mergedFixture();
};

void TestWorklistMapper::pylantirDefaults()
{
    const WorklistEntry e = mapOne(siteMapping(), usualVisit());
    QCOMPARE(e.key.source, QStringLiteral("REDCap"));
    QCOMPARE(e.key.recordId, QStringLiteral("12"));
    QCOMPARE(e.key.eventName, QString());
    QCOMPARE(e.key.repeatInstance, QStringLiteral("1"));
    QCOMPARE(e[PatientName], QStringLiteral("cpip-id-0012^fa-007"));
    QCOMPARE(e[PatientId], QStringLiteral("sub_0012_ses_1_fam_007_site_792"));
    QCOMPARE(e[Modality], QStringLiteral("MR"));
    QCOMPARE(e[DataSource], QStringLiteral("REDCap"));
    QCOMPARE(e[ScheduledStartDate], QStringLiteral("2025-03-21"));
    QCOMPARE(e[ScheduledStartTime], QStringLiteral("14:30"));
    QCOMPARE(e[ProtocolName], QStringLiteral("BRAIN_MRI_3T"));
    // Everything else is NULL: status and UID are the store's business.
    for (Column c :
         { Id, StudyInstanceUid, PatientBirthDate, PatientSex, PatientWeightLb, AccessionNumber,
           ReferringPhysicianName, StudyDescription, ScheduledStationAeTitle, PerformingPhysician,
           ProcedureDescription, StationName, HisrisCodingDesignator, PerformedProcedureStepStatus })
        QVERIFY2(e[c].isNull(), columnName(c).data());
}

void TestWorklistMapper::patterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("studyId");
    QTest::addColumn<QString>("familyId");
    QTest::addColumn<QString>("expected");

    const QString study = QStringLiteral("CPIP-0012");
    const QString family = QStringLiteral("FAM-007");
    QTest::newRow("pylantir id") << QStringLiteral("sub_{study}_ses_{session}_fam_{family}_site_{site}")
                                 << study << family << QStringLiteral("sub_0012_ses_1_fam_007_site_792");
    QTest::newRow("record placeholder")
        << QStringLiteral("R{record}-S{session}") << study << family << QStringLiteral("R12-S1");
    QTest::newRow("placeholder twice")
        << QStringLiteral("{study}/{study}") << study << family << QStringLiteral("0012/0012");
    QTest::newRow("literal only") << QStringLiteral("PHANTOM") << study << family
                                  << QStringLiteral("PHANTOM");
    QTest::newRow("unknown placeholder kept")
        << QStringLiteral("{study}{x}{") << study << family << QStringLiteral("0012{x}{");
    QTest::newRow("id without dash") << QStringLiteral("{study}^{family}") << QStringLiteral("0099")
                                     << QStringLiteral("77") << QStringLiteral("0099^77");
    QTest::newRow("several dashes") << QStringLiteral("{study}^{family}") << QStringLiteral("A-B-0012")
                                    << QStringLiteral("X-Y-Z") << QStringLiteral("0012^Z");
    QTest::newRow("no family") << QStringLiteral("cpip-id-{study}^fa-{family}") << study << QString()
                               << QStringLiteral("cpip-id-0012^fa-");
}

void TestWorklistMapper::patterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, studyId);
    QFETCH(QString, familyId);
    QFETCH(QString, expected);

    MappingConfig m = siteMapping();
    m.patientIdPattern = pattern;
    m.patientNamePattern = pattern;
    Values values { { QStringLiteral("study_id"), studyId },
                    { QStringLiteral("mri_instance"), QStringLiteral("1") } };
    if (!familyId.isEmpty())
        values.append({ QStringLiteral("family_id"), familyId });
    const WorklistEntry e = mapOne(m, visit(QStringLiteral("12"), QStringLiteral("1"), values));
    QCOMPARE(e[PatientId], expected);
    QCOMPARE(e[PatientName], expected);
}

void TestWorklistMapper::skipWithoutStudyId()
{
    const QList<ScanVisit> visits {
        usualVisit(),
        visit(QStringLiteral("15"), QStringLiteral("1"),
              { { QStringLiteral("family_id"), QStringLiteral("FAM-010") } }),
        visit(QStringLiteral("16"), QStringLiteral("2"),
              { { QStringLiteral("study_id"), QStringLiteral("CPIP-") } }, QStringLiteral("t2_arm_1")),
    };
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("record '15'.*skipped")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("record '16'.*t2_arm_1.*skipped")));
    const MappingOutcome outcome = WorklistMapper(siteMapping(), QStringLiteral("REDCap")).map(visits);
    QCOMPARE(outcome.entries.size(), 1);
    QCOMPARE(outcome.entries.first().key.recordId, QStringLiteral("12"));
    QCOMPARE(outcome.skipped, 2);
    QCOMPARE(outcome.warnings.size(), 2);
    QVERIFY(outcome.warnings.at(0).contains(QStringLiteral("'15'")));
    QVERIFY(outcome.warnings.at(0).contains(QStringLiteral("study_id")));
    QVERIFY(outcome.warnings.at(1).contains(QStringLiteral("'16'")));
}

void TestWorklistMapper::familyEditKeepsKey()
{
    const WorklistEntry before = mapOne(siteMapping(), usualVisit());
    ScanVisit edited = usualVisit();
    edited.values.insert(QStringLiteral("family_id"), QStringLiteral("FAM-123"));
    edited.values.insert(QStringLiteral("mri_instance"), QStringLiteral("2"));
    const WorklistEntry after = mapOne(siteMapping(), edited);
    QVERIFY(before.key == after.key);
    QVERIFY(before[PatientId] != after[PatientId]);
    QCOMPARE(after[PatientId], QStringLiteral("sub_0012_ses_2_fam_123_site_792"));
    QCOMPARE(after[PatientName], QStringLiteral("cpip-id-0012^fa-123"));
}

void TestWorklistMapper::keyIncludesEventAndSource()
{
    ScanVisit t1 = usualVisit();
    t1.eventName = QStringLiteral("t1_arm_1");
    ScanVisit t2 = t1;
    t2.eventName = QStringLiteral("t2_arm_1");
    const WorklistEntry a = mapOne(siteMapping(), t1);
    const WorklistEntry b = mapOne(siteMapping(), t2);
    const WorklistEntry c = mapOne(siteMapping(), t1, QStringLiteral("site_b"));
    QVERIFY(!(a.key == b.key));
    QVERIFY(!(a.key == c.key));
    QCOMPARE(b.key.eventName, QStringLiteral("t2_arm_1"));
    QCOMPARE(c.key.source, QStringLiteral("site_b"));
    QCOMPARE(c[DataSource], QStringLiteral("site_b"));
}

void TestWorklistMapper::protocol_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("bySite");
    QTest::addColumn<QString>("site");
    QTest::addColumn<QString>("expected");

    QTest::newRow("by site") << QStringLiteral("FALLBACK") << QStringLiteral("BRAIN_MRI_3T")
                             << QStringLiteral("792") << QStringLiteral("BRAIN_MRI_3T");
    QTest::newRow("other site falls back") << QStringLiteral("FALLBACK") << QStringLiteral("BRAIN_MRI_3T")
                                           << QStringLiteral("793") << QStringLiteral("FALLBACK");
    QTest::newRow("string only") << QStringLiteral("BRAIN") << QString() << QStringLiteral("792")
                                 << QStringLiteral("BRAIN");
    QTest::newRow("neither") << QString() << QString() << QStringLiteral("792") << QString();
    QTest::newRow("site not in map, no string")
        << QString() << QStringLiteral("BRAIN_MRI_3T") << QStringLiteral("793") << QString();
}

void TestWorklistMapper::protocol()
{
    QFETCH(QString, protocol);
    QFETCH(QString, bySite);
    QFETCH(QString, site);
    QFETCH(QString, expected);

    MappingConfig m;
    m.site = site;
    m.protocol = protocol;
    if (!bySite.isEmpty())
        m.protocolBySite.insert(QStringLiteral("792"), bySite);
    const WorklistEntry e = mapOne(m, usualVisit());
    QCOMPARE(e[ProtocolName], expected);
    QCOMPARE(e[ProtocolName].isNull(), expected.isNull());
}

void TestWorklistMapper::mappingTargets()
{
    MappingConfig m = siteMapping();
    m.fieldMapping = {
        { QStringLiteral("study_id"), QStringLiteral("study_id") }, // not a column: nothing
        { QStringLiteral("mri_instance"), QStringLiteral("session_id") }, // not a column: nothing
        { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
        { QStringLiteral("mri_wt_lbs"), QStringLiteral("patient_weight_lb") },
        { QStringLiteral("status"), QStringLiteral("performed_procedure_step_status") }, // MPPS owns it
        { QStringLiteral("uid"), QStringLiteral("study_instance_uid") }, // made once by the store
        { QStringLiteral("record_id"), QStringLiteral("id") },
        { QStringLiteral("proto"), QStringLiteral("protocol_name") },
        { QStringLiteral("consent___2"), QStringLiteral("study_description") },
        { QStringLiteral("missing"), QStringLiteral("station_name") },
    };
    const WorklistEntry e = mapOne(m,
                                   usualVisit({ { QStringLiteral("demo_sex"), QStringLiteral("2") },
                                                { QStringLiteral("mri_wt_lbs"), QStringLiteral("88") },
                                                { QStringLiteral("status"), QStringLiteral("COMPLETED") },
                                                { QStringLiteral("uid"), QStringLiteral("1.2.3") },
                                                { QStringLiteral("proto"), QStringLiteral("SPECIAL") },
                                                { QStringLiteral("consent___2"), QStringLiteral("1") } }));
    QCOMPARE(e[PatientSex], QStringLiteral("2"));
    QCOMPARE(e[PatientWeightLb], QStringLiteral("88"));
    QCOMPARE(e[ProtocolName], QStringLiteral("SPECIAL")); // mapped protocol wins over the config
    QCOMPARE(e[StudyDescription], QStringLiteral("1"));
    QVERIFY(e[PerformedProcedureStepStatus].isNull());
    QVERIFY(e[StudyInstanceUid].isNull());
    QVERIFY(e[Id].isNull());
    QVERIFY(e[StationName].isNull());
    QCOMPARE(e[PatientId], QStringLiteral("sub_0012_ses_1_fam_007_site_792"));
}

void TestWorklistMapper::mappedScheduleWins()
{
    // pylantir's legacy redcap2wl maps scheduled_date/time; they win over mri_date/mri_time.
    MappingConfig m = siteMapping();
    m.fieldMapping = { { QStringLiteral("scheduled_date"), QStringLiteral("scheduled_start_date") },
                       { QStringLiteral("scheduled_time"), QStringLiteral("scheduled_start_time") } };
    const WorklistEntry e
        = mapOne(m,
                 usualVisit({ { QStringLiteral("scheduled_date"), QStringLiteral("2025/12/24") },
                              { QStringLiteral("scheduled_time"), QStringLiteral("0745") } }));
    QCOMPARE(e[ScheduledStartDate], QStringLiteral("2025-12-24"));
    QCOMPARE(e[ScheduledStartTime], QStringLiteral("07:45"));
}

void TestWorklistMapper::emptyMappedValueFallsBack()
{
    MappingConfig m = siteMapping();
    m.fieldMapping = { { QStringLiteral("scheduled_date"), QStringLiteral("scheduled_start_date") },
                       { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") } };
    const WorklistEntry e = mapOne(m, usualVisit());
    QCOMPARE(e[ScheduledStartDate], QStringLiteral("2025-03-21"));
    QVERIFY(e[PatientSex].isNull());
}

void TestWorklistMapper::normalisation_data()
{
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("expectedDate");
    QTest::addColumn<QString>("expectedTime");
    QTest::newRow("legacy") << QStringLiteral("2025-03-21") << QStringLiteral("14:30")
                            << QStringLiteral("2025-03-21") << QStringLiteral("14:30");
    QTest::newRow("slashes, HHMM") << QStringLiteral("2025/04/02") << QStringLiteral("0930")
                                   << QStringLiteral("2025-04-02") << QStringLiteral("09:30");
    QTest::newRow("digits, seconds") << QStringLiteral("20250415") << QStringLiteral("08:05:30")
                                     << QStringLiteral("2025-04-15") << QStringLiteral("08:05");
    QTest::newRow("H:MM, HH") << QStringLiteral("2025.04.15") << QStringLiteral("8:05")
                              << QStringLiteral("2025-04-15") << QStringLiteral("08:05");
    QTest::newRow("unrecognised kept") << QStringLiteral("15/04/2025") << QStringLiteral("8 am")
                                       << QStringLiteral("15/04/2025") << QStringLiteral("8 am");
}

void TestWorklistMapper::normalisation()
{
    QFETCH(QString, date);
    QFETCH(QString, time);
    QFETCH(QString, expectedDate);
    QFETCH(QString, expectedTime);
    ScanVisit v = usualVisit();
    v.values.insert(QStringLiteral("mri_date"), date);
    v.values.insert(QStringLiteral("mri_time"), time);
    const WorklistEntry e = mapOne(siteMapping(), v);
    QCOMPARE(e[ScheduledStartDate], expectedDate);
    QCOMPARE(e[ScheduledStartTime], expectedTime);
}

void TestWorklistMapper::birthDate_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bare year kept") << QStringLiteral("2012") << QStringLiteral("2012");
    QTest::newRow("full date") << QStringLiteral("2012-05-06") << QStringLiteral("2012-05-06");
    QTest::newRow("slashes") << QStringLiteral("2012/05/06") << QStringLiteral("2012-05-06");
    QTest::newRow("digits") << QStringLiteral("20120506") << QStringLiteral("2012-05-06");
    QTest::newRow("text kept") << QStringLiteral("unknown") << QStringLiteral("unknown");
}

void TestWorklistMapper::birthDate()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    MappingConfig m = siteMapping();
    m.fieldMapping = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") } };
    const WorklistEntry e = mapOne(m, usualVisit({ { QStringLiteral("youth_dob_y"), value } }));
    QCOMPARE(e[PatientBirthDate], expected);
}

void TestWorklistMapper::codingDesignator()
{
    MappingConfig m = siteMapping();
    QVERIFY(mapOne(m, usualVisit())[HisrisCodingDesignator].isNull());
    m.codingDesignator = QStringLiteral("GEHC");
    QCOMPARE(mapOne(m, usualVisit())[HisrisCodingDesignator], QStringLiteral("GEHC"));
}

void TestWorklistMapper::ownedColumns_data()
{
    QTest::addColumn<QString>("codingDesignator");
    QTest::addColumn<QStringList>("targets");
    QTest::addColumn<QStringList>("expected");

    const QStringList base { QStringLiteral("patient_name"),
                             QStringLiteral("patient_id"),
                             QStringLiteral("modality"),
                             QStringLiteral("scheduled_start_date"),
                             QStringLiteral("scheduled_start_time"),
                             QStringLiteral("protocol_name"),
                             QStringLiteral("data_source") };
    QTest::newRow("pylantir defaults") << QString() << QStringList() << base;
    QTest::newRow("coding designator") << QStringLiteral("GEHC") << QStringList()
                                       << QStringList { QStringLiteral("patient_name"),
                                                        QStringLiteral("patient_id"),
                                                        QStringLiteral("modality"),
                                                        QStringLiteral("scheduled_start_date"),
                                                        QStringLiteral("scheduled_start_time"),
                                                        QStringLiteral("protocol_name"),
                                                        QStringLiteral("hisris_coding_designator"),
                                                        QStringLiteral("data_source") };
    QTest::newRow("multi-source example targets") << QString()
                                                  << QStringList { QStringLiteral("study_id"),
                                                                   QStringLiteral("session_id"),
                                                                   QStringLiteral("family_id"),
                                                                   QStringLiteral("patient_birth_date"),
                                                                   QStringLiteral("patient_sex"),
                                                                   QStringLiteral("scheduled_start_date"),
                                                                   QStringLiteral("scheduled_start_time") }
                                                  << QStringList { QStringLiteral("patient_name"),
                                                                   QStringLiteral("patient_id"),
                                                                   QStringLiteral("patient_birth_date"),
                                                                   QStringLiteral("patient_sex"),
                                                                   QStringLiteral("modality"),
                                                                   QStringLiteral("scheduled_start_date"),
                                                                   QStringLiteral("scheduled_start_time"),
                                                                   QStringLiteral("protocol_name"),
                                                                   QStringLiteral("data_source") };
    QTest::newRow("status, uid and id never owned")
        << QString()
        << QStringList { QStringLiteral("performed_procedure_step_status"),
                         QStringLiteral("study_instance_uid"), QStringLiteral("id"),
                         QStringLiteral("station_name") }
        << QStringList { QStringLiteral("patient_name"),
                         QStringLiteral("patient_id"),
                         QStringLiteral("modality"),
                         QStringLiteral("scheduled_start_date"),
                         QStringLiteral("scheduled_start_time"),
                         QStringLiteral("protocol_name"),
                         QStringLiteral("station_name"),
                         QStringLiteral("data_source") };
}

void TestWorklistMapper::ownedColumns()
{
    QFETCH(QString, codingDesignator);
    QFETCH(QStringList, targets);
    QFETCH(QStringList, expected);
    MappingConfig m = siteMapping();
    m.codingDesignator = codingDesignator;
    int n = 0;
    for (const QString& target : std::as_const(targets))
        m.fieldMapping.append({ QStringLiteral("f%1").arg(++n), target });
    QStringList names;
    for (Column c : WorklistMapper(m, QStringLiteral("REDCap")).ownedColumns())
        names.append(QString(columnName(c)));
    QCOMPARE(names, expected);
}

// The classic fixture through merge and mapping, configured like pylantir's multi-source example.
void TestWorklistMapper::mergedFixture()
{
    MappingConfig m = siteMapping();
    m.codingDesignator = QStringLiteral("GEHC");
    m.fieldMapping = { { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
                       { QStringLiteral("family_id"), QStringLiteral("family_id") },
                       { QStringLiteral("mri_date"), QStringLiteral("scheduled_start_date") },
                       { QStringLiteral("mri_instance"), QStringLiteral("session_id") },
                       { QStringLiteral("mri_time"), QStringLiteral("scheduled_start_time") },
                       { QStringLiteral("study_id"), QStringLiteral("study_id") },
                       { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") } };

    QFile file(QStringLiteral(LANTIR_FIXTURES_DIR "/redcap/export_classic.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto merged = RecordMerger(m).merge(QJsonDocument::fromJson(file.readAll()).array());
    QVERIFY2(merged.ok(), qPrintable(merged.error().message));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("record '15'.*no study_id")));
    const MappingOutcome outcome
        = WorklistMapper(m, QStringLiteral("main_redcap")).map(merged.value().visits);
    QCOMPARE(outcome.skipped, 1);
    QCOMPARE(outcome.entries.size(), 4);

    QStringList rows;
    for (const WorklistEntry& e : outcome.entries) {
        rows.append(QStringList { e.key.recordId, e.key.repeatInstance, e[PatientName], e[PatientId],
                                  e[PatientBirthDate], e[PatientSex], e[ScheduledStartDate],
                                  e[ScheduledStartTime], e[ProtocolName], e[HisrisCodingDesignator],
                                  e[DataSource] }
                        .join(QLatin1Char('|')));
    }
    QCOMPARE(
        rows,
        QStringList({
            QStringLiteral("12|1|cpip-id-0012^fa-007|sub_0012_ses_1_fam_007_site_792|2012|2|2025-03-21|14:30|"
                           "BRAIN_MRI_3T|GEHC|main_redcap"),
            QStringLiteral("12|2|cpip-id-0012^fa-007|sub_0012_ses_2_fam_007_site_792|2012|2|2025-04-02|09:30|"
                           "BRAIN_MRI_3T|GEHC|main_redcap"),
            QStringLiteral("13|1|cpip-id-0013^fa-009|sub_0013_ses_1_fam_009_site_792|2011||2025-04-15|08:05|"
                           "BRAIN_MRI_3T|GEHC|main_redcap"),
            QStringLiteral("14|1|cpip-id-0014^fa-|sub_0014_ses_1_fam__site_792|||2025-06-01|10:00|"
                           "BRAIN_MRI_3T|GEHC|main_redcap"),
        }));
}

QTEST_GUILESS_MAIN(TestWorklistMapper)
#include "tst_worklistmapper.moc"
