#include "TestEnvironment.h"
#include "mapping/RecordMerger.h"
#include "redcap/RedcapResponse.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace Lantir;
using Lantir::Test::TestEnvironment;

namespace {

QJsonArray parseRows(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test JSON does not parse: %s", qPrintable(error.errorString()));
    return document.array();
}

QJsonArray fixture(const char* name)
{
    QFile file(QStringLiteral(LANTIR_FIXTURES_DIR "/redcap/") + QString::fromUtf8(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s missing", name);
    return parseRows(file.readAll());
}

// One visit as text: "record/event/instance{field=value,...}" with fields sorted.
QString describe(const ScanVisit& visit)
{
    QStringList values;
    for (auto it = visit.values.cbegin(); it != visit.values.cend(); ++it)
        values.append(it.key() + QLatin1Char('=') + it.value());
    values.sort();
    return visit.recordId + QLatin1Char('/') + visit.eventName + QLatin1Char('/') + visit.repeatInstance
        + QLatin1Char('{') + values.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString describe(const QList<ScanVisit>& visits)
{
    QStringList parts;
    for (const ScanVisit& v : visits)
        parts.append(describe(v));
    return parts.join(QStringLiteral(" ; "));
}

QString describe(const MergeResult& result)
{
    return describe(result.visits)
        + QStringLiteral(" | rows %1 records %2").arg(result.rows).arg(result.records);
}

QByteArray fixtureBytes(const char* name)
{
    QFile file(QStringLiteral(LANTIR_FIXTURES_DIR "/redcap/") + QString::fromUtf8(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s missing", name);
    return file.readAll();
}

// The merge of `json` through QJsonDocument (parseRecords, then merge) and straight from its bytes,
// for a batch of the records it holds: the same visits, rows and records.
void checkMergesAlike(const QByteArray& json, const MappingConfig& mapping)
{
    const Result<QJsonArray> rows = RedcapResponse::parseRecords(json);
    QVERIFY2(rows.ok(), qPrintable(rows.error().message));
    const Result<QStringList> batch = RedcapResponse::recordIds(rows.value(), mapping.recordIdField);
    QVERIFY2(batch.ok(), qPrintable(batch.error().message));
    const RecordMerger merger(mapping);
    const Result<MergeResult> viaQt = merger.merge(rows.value());
    QVERIFY2(viaQt.ok(), qPrintable(viaQt.error().message));
    const std::optional<MergeResult> direct = merger.mergeWellFormed(json, batch.value());
    QVERIFY(direct.has_value());
    QCOMPARE(describe(*direct), describe(viaQt.value()));
}

} // namespace

class TestRecordMerger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void merge_data();
    void merge();
    void classicFixture();
    void longitudinalFixture();
    void checkboxFields();
    void configuredInstrumentAndFields();
    void differentDuplicateKeepsFirst();
    void wrongTypes_data();
    void wrongTypes();
    void emptyExport();
    void sixtyThousandRows();
    void wellFormedAnswerMergesAlike_data();
    void wellFormedAnswerMergesAlike();
    void fixturesMergeAlike();
    void otherAnswersAreLeftToQJsonDocument_data();
    void otherAnswersAreLeftToQJsonDocument();
};

void TestRecordMerger::merge_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("records");

    QTest::newRow("baseline fills empty scan fields")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","redcap_repeat_instance":"","study_id":"S-1","family_id":"F-1","mri_instance":"","mri_date":"","mri_time":""},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"study_id":"","family_id":"","mri_instance":"1","mri_date":"2025-01-02","mri_time":"10:00"}])")
        << QStringLiteral(
               "1//"
               "1{family_id=F-1,mri_date=2025-01-02,mri_instance=1,mri_time=10:00,record_id=1,study_id=S-1}")
        << 1;
    QTest::newRow("scan value wins over baseline")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","redcap_repeat_instance":"","study_id":"S-1","family_id":"F-1"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"family_id":"F-2","mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{family_id=F-2,mri_date=d,mri_instance=1,mri_time=t,record_id=1,study_id=S-1}")
        << 1;
    QTest::newRow("missing baseline")
        << QByteArray(R"([
            {"record_id":"2","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"study_id":"S-2","mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("2//1{mri_date=d,mri_instance=1,mri_time=t,record_id=2,study_id=S-2}") << 1;
    QTest::newRow("first empty-instrument row is the baseline")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"FIRST"},
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"SECOND","family_id":"F"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{mri_date=d,mri_instance=1,mri_time=t,record_id=1,study_id=FIRST}") << 1;
    QTest::newRow("missing instrument key counts as baseline")
        << QByteArray(R"([
            {"record_id":"1","study_id":"S"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{mri_date=d,mri_instance=1,mri_time=t,record_id=1,study_id=S}") << 1;
    QTest::newRow("rows of a record need not be contiguous")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d1","mri_time":"t"},
            {"record_id":"2","redcap_repeat_instrument":"","study_id":"S-2"},
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"S-1"},
            {"record_id":"2","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d2","mri_time":"t"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":2,"mri_instance":"2","mri_date":"d3","mri_time":"t"}])")
        << QStringLiteral("1//1{mri_date=d1,mri_instance=1,mri_time=t,record_id=1,study_id=S-1} ; "
                          "1//2{mri_date=d3,mri_instance=2,mri_time=t,record_id=1,study_id=S-1} ; "
                          "2//1{mri_date=d2,mri_instance=1,mri_time=t,record_id=2,study_id=S-2}")
        << 2;
    QTest::newRow("instance as number, string and 1.0")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"a","mri_date":"d","mri_time":"t"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":"2","mri_instance":"b","mri_date":"d","mri_time":"t"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":3.0,"mri_instance":"c","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{mri_date=d,mri_instance=a,mri_time=t,record_id=1} ; "
                          "1//2{mri_date=d,mri_instance=b,mri_time=t,record_id=1} ; "
                          "1//3{mri_date=d,mri_instance=c,mri_time=t,record_id=1}")
        << 1;
    QTest::newRow("numbers and booleans become text")
        << QByteArray(R"([
            {"record_id":7,"redcap_repeat_instrument":"","study_id":1.5,"family_id":true},
            {"record_id":7,"redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":1.0,"mri_date":20250102,"mri_time":930}])")
        << QStringLiteral(
               "7//1{family_id=true,mri_date=20250102,mri_instance=1,mri_time=930,record_id=7,study_id=1.5}")
        << 1;
    QTest::newRow("NaN on the scan row falls back to the baseline")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","family_id":"F-1"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"family_id":"NaN","mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{family_id=F-1,mri_date=d,mri_instance=1,mri_time=t,record_id=1}") << 1;
    QTest::newRow("NaN and null in the baseline are empty")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"NaN","family_id":null},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{mri_date=d,mri_instance=1,mri_time=t,record_id=1}") << 1;
    QTest::newRow("empty session filtered") << QByteArray(
        R"([{"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"","mri_date":"d","mri_time":"t"}])")
                                            << QString() << 1;
    QTest::newRow("NaN session filtered") << QByteArray(
        R"([{"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"NaN","mri_date":"d","mri_time":"t"}])")
                                          << QString() << 1;
    QTest::newRow("empty date filtered") << QByteArray(
        R"([{"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"","mri_time":"t"}])")
                                         << QString() << 1;
    QTest::newRow("null time filtered") << QByteArray(
        R"([{"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":null}])")
                                        << QString() << 1;
    QTest::newRow("missing time filtered") << QByteArray(
        R"([{"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d"}])")
                                           << QString() << 1;
    QTest::newRow("session from the baseline does not make a scan") << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","mri_instance":"1","mri_date":"d","mri_time":"t"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"","mri_date":"d","mri_time":"t"}])")
                                                                    << QString() << 1;
    QTest::newRow("other instruments ignored")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"S"},
            {"record_id":"1","redcap_repeat_instrument":"visit_notes","redcap_repeat_instance":1,"study_id":"X","mri_instance":"9","mri_date":"d","mri_time":"t"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{mri_date=d,mri_instance=1,mri_time=t,record_id=1,study_id=S}") << 1;
    QTest::newRow("instrument name is case sensitive") << QByteArray(
        R"([{"record_id":"1","redcap_repeat_instrument":"MRI","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"}])")
                                                       << QString() << 1;
    QTest::newRow("unrequested fields are left out")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"S","secret_note":"x","mri_complete":"2"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t","other___1":"1"}])")
        << QStringLiteral("1//1{mri_date=d,mri_instance=1,mri_time=t,record_id=1,study_id=S}") << 1;
    QTest::newRow("identical duplicate rows merged once")
        << QByteArray(R"([
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"S"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"},
            {"record_id":"1","redcap_repeat_instrument":"","study_id":"S"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1//1{mri_date=d,mri_instance=1,mri_time=t,record_id=1,study_id=S}") << 1;
    QTest::newRow("same instance in two events is two visits")
        << QByteArray(R"([
            {"record_id":"1","redcap_event_name":"t1_arm_1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"},
            {"record_id":"1","redcap_event_name":"t2_arm_1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"2","mri_date":"d","mri_time":"t"}])")
        << QStringLiteral("1/t1_arm_1/1{mri_date=d,mri_instance=1,mri_time=t,record_id=1} ; "
                          "1/t2_arm_1/1{mri_date=d,mri_instance=2,mri_time=t,record_id=1}")
        << 1;
    QTest::newRow("record without scans counts as a record") << QByteArray(
        R"([{"record_id":"1","redcap_repeat_instrument":"","study_id":"S"},{"record_id":"2","redcap_repeat_instrument":"","study_id":"T"}])")
                                                             << QString() << 2;
}

void TestRecordMerger::merge()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QFETCH(int, records);

    const QJsonArray rows = parseRows(json);
    const auto result = RecordMerger(MappingConfig()).merge(rows);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(describe(result.value().visits), expected);
    QCOMPARE(result.value().rows, rows.size());
    QCOMPARE(result.value().records, records);
}

void TestRecordMerger::classicFixture()
{
    MappingConfig mapping;
    mapping.fieldMapping = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") },
                             { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
                             { QStringLiteral("mri_wt_lbs"), QStringLiteral("patient_weight_lb") } };
    const QJsonArray rows = fixture("export_classic.json");
    const auto result = RecordMerger(mapping).merge(rows);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const MergeResult& merged = result.value();
    QCOMPARE(merged.rows, 12);
    QCOMPARE(merged.records, 5);

    QStringList keys;
    for (const ScanVisit& v : merged.visits)
        keys.append(v.recordId + QLatin1Char('/') + v.repeatInstance);
    // 12/3 has no time, 16/1 no session; 13's visit_notes row is another instrument.
    QCOMPARE(keys,
             QStringList({ QStringLiteral("12/1"), QStringLiteral("12/2"), QStringLiteral("13/1"),
                           QStringLiteral("14/1"), QStringLiteral("15/1") }));

    const ScanVisit& first = merged.visits.at(0);
    QCOMPARE(first.value(QStringLiteral("study_id")), QStringLiteral("CPIP-0012"));
    QCOMPARE(first.value(QStringLiteral("family_id")), QStringLiteral("FAM-007"));
    QCOMPARE(first.value(QStringLiteral("youth_dob_y")), QStringLiteral("2012"));
    QCOMPARE(first.value(QStringLiteral("mri_wt_lbs")), QStringLiteral("88"));
    QCOMPARE(first.value(QStringLiteral("mri_time")), QStringLiteral("14:30"));
    QVERIFY(!first.values.contains(QStringLiteral("visit_note")));

    const ScanVisit& second = merged.visits.at(1);
    QCOMPARE(second.repeatInstance, QStringLiteral("2")); // 2.0 in the export
    QCOMPARE(second.value(QStringLiteral("family_id")), QStringLiteral("FAM-007")); // "NaN" on the scan row
    QCOMPARE(second.value(QStringLiteral("mri_date")),
             QStringLiteral("2025/04/02")); // merge does not normalise

    const ScanVisit& third = merged.visits.at(2);
    QCOMPARE(third.value(QStringLiteral("family_id")), QStringLiteral("FAM-009"));
    QVERIFY(!third.values.contains(QStringLiteral("demo_sex"))); // "NaN" in the baseline
    QCOMPARE(third.value(QStringLiteral("mri_date")), QStringLiteral("20250415"));

    QCOMPARE(merged.visits.at(3).value(QStringLiteral("study_id")), QStringLiteral("CPIP-0014"));
    QVERIFY(!merged.visits.at(3).values.contains(QStringLiteral("family_id")));
    QVERIFY(!merged.visits.at(4).values.contains(QStringLiteral("study_id")));
    QCOMPARE(merged.visits.at(4).value(QStringLiteral("family_id")), QStringLiteral("FAM-010"));
}

void TestRecordMerger::longitudinalFixture()
{
    MappingConfig mapping;
    mapping.extraFields = { QStringLiteral("demo_sex"), QStringLiteral("mri_wt_lbs") };
    const auto result = RecordMerger(mapping).merge(fixture("export_longitudinal.json"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const QList<ScanVisit>& visits = result.value().visits;
    QCOMPARE(result.value().records, 2);
    QCOMPARE(visits.size(), 5);

    const auto find
        = [&visits](const char* record, const char* event, const char* instance) -> const ScanVisit* {
        for (const ScanVisit& v : visits) {
            if (v.recordId == QLatin1String(record) && v.eventName == QLatin1String(event)
                && v.repeatInstance == QLatin1String(instance))
                return &v;
        }
        return nullptr;
    };
    const ScanVisit* t1 = find("21", "t1_arm_1", "1");
    const ScanVisit* t2a = find("21", "t2_arm_1", "1");
    const ScanVisit* t2b = find("21", "t2_arm_1", "2");
    const ScanVisit* t3 = find("21", "t3_arm_1", "1");
    const ScanVisit* other = find("22", "t2_arm_1", "1");
    QVERIFY(t1 && t2a && t2b && t3 && other);

    QCOMPARE(t1->value(QStringLiteral("demo_sex")), QStringLiteral("1"));
    QCOMPARE(t1->value(QStringLiteral("mri_instance")), QStringLiteral("1"));
    // The t2 baseline wins for its own event; what it lacks comes from the first baseline.
    QCOMPARE(t2a->value(QStringLiteral("demo_sex")), QStringLiteral("2"));
    QCOMPARE(t2a->value(QStringLiteral("mri_wt_lbs")), QStringLiteral("101"));
    QCOMPARE(t2a->value(QStringLiteral("study_id")), QStringLiteral("CPIP-0021"));
    QCOMPARE(t2b->value(QStringLiteral("mri_instance")), QStringLiteral("3"));
    QCOMPARE(t2b->value(QStringLiteral("demo_sex")), QStringLiteral("2"));
    // No t3 baseline: the first one.
    QCOMPARE(t3->value(QStringLiteral("demo_sex")), QStringLiteral("1"));
    QVERIFY(!t3->values.contains(QStringLiteral("mri_wt_lbs")));
    QCOMPARE(other->value(QStringLiteral("study_id")), QStringLiteral("CPIP-0022B"));
    QCOMPARE(other->value(QStringLiteral("family_id")), QStringLiteral("FAM-022"));
}

void TestRecordMerger::checkboxFields()
{
    MappingConfig mapping;
    mapping.fieldMapping = { { QStringLiteral("consent___2"), QStringLiteral("study_description") } };
    mapping.extraFields = { QStringLiteral("race") };
    const QJsonArray rows = parseRows(R"([
        {"record_id":"1","redcap_repeat_instrument":"","consent___1":"1","consent___2":"0","race___1":"0","race___7":"1","racex":"no","race_other":"n"},
        {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"consent___1":"","consent___2":"1","race___1":"","race___7":"","mri_instance":"1","mri_date":"d","mri_time":"t"}])");
    const auto result = RecordMerger(mapping).merge(rows);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(
        describe(result.value().visits),
        QStringLiteral("1//1{consent___1=1,consent___2=1,mri_date=d,mri_instance=1,mri_time=t,race___1=0,"
                       "race___7=1,record_id=1}"));
}

void TestRecordMerger::configuredInstrumentAndFields()
{
    MappingConfig mapping;
    mapping.recordIdField = QStringLiteral("participant_id");
    mapping.scanInstrument = QStringLiteral("scan_booking");
    mapping.sessionField = QStringLiteral("scan_no");
    mapping.dateField = QStringLiteral("scan_day");
    mapping.timeField = QStringLiteral("scan_at");
    const QJsonArray rows = parseRows(R"([
        {"participant_id":"P9","redcap_repeat_instrument":"","study_id":"S"},
        {"participant_id":"P9","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d","mri_time":"t"},
        {"participant_id":"P9","redcap_repeat_instrument":"scan_booking","redcap_repeat_instance":4,"scan_no":"2","scan_day":"d","scan_at":"t"}])");
    const auto result = RecordMerger(mapping).merge(rows);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(describe(result.value().visits),
             QStringLiteral("P9//4{participant_id=P9,scan_at=t,scan_day=d,scan_no=2,study_id=S}"));
}

void TestRecordMerger::differentDuplicateKeepsFirst()
{
    const QJsonArray rows = parseRows(R"([
        {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"first","mri_time":"t"},
        {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"second","mri_time":"t"}])");
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("record '1': two different 'mri' rows")));
    const auto result = RecordMerger(MappingConfig()).merge(rows);
    QVERIFY(result.ok());
    QCOMPARE(result.value().visits.size(), 1);
    QCOMPARE(result.value().visits.at(0).value(QStringLiteral("mri_date")), QStringLiteral("first"));
}

void TestRecordMerger::wrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("mentions");

    QTest::newRow("row is an array") << QByteArray(R"([{"record_id":"1"},["1","mri"]])")
                                     << QStringList { QStringLiteral("row 2"), QStringLiteral("JSON array") };
    QTest::newRow("row is a string") << QByteArray(R"(["record_id"])")
                                     << QStringList { QStringLiteral("row 1"), QStringLiteral("a string") };
    QTest::newRow("row is a number") << QByteArray(R"([1])")
                                     << QStringList { QStringLiteral("row 1"), QStringLiteral("a number") };
    QTest::newRow("value is an array")
        << QByteArray(R"([{"record_id":"12","redcap_repeat_instrument":"mri","mri_date":["2025-01-01"]}])")
        << QStringList { QStringLiteral("record '12'"), QStringLiteral("'mri_date'"),
                         QStringLiteral("JSON array") };
    QTest::newRow("value is an object")
        << QByteArray(R"([{"record_id":"12","redcap_repeat_instrument":"","study_id":{"v":"S"}}])")
        << QStringList { QStringLiteral("record '12'"), QStringLiteral("'study_id'"),
                         QStringLiteral("JSON object") };
    QTest::newRow("unrequested value is an object")
        << QByteArray(R"([{"record_id":"12","redcap_repeat_instrument":"","notes":{"v":"S"}}])")
        << QStringList { QStringLiteral("record '12'"), QStringLiteral("'notes'") };
    QTest::newRow("instance is an array")
        << QByteArray(R"([{"record_id":"12","redcap_repeat_instrument":"mri","redcap_repeat_instance":[1]}])")
        << QStringList { QStringLiteral("record '12'"), QStringLiteral("'redcap_repeat_instance'") };
    QTest::newRow("record id is an object")
        << QByteArray(R"([{"record_id":{"id":"12"}}])")
        << QStringList { QStringLiteral("row 1"), QStringLiteral("'record_id'"),
                         QStringLiteral("JSON object") };
    QTest::newRow("record id missing")
        << QByteArray(R"([{"study_id":"S"}])")
        << QStringList { QStringLiteral("row 1"), QStringLiteral("'record_id'") };
    QTest::newRow("record id empty") << QByteArray(R"([{"record_id":"1"},{"record_id":""}])")
                                     << QStringList { QStringLiteral("row 2"),
                                                      QStringLiteral("'record_id'") };
}

void TestRecordMerger::wrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, mentions);
    const auto result = RecordMerger(MappingConfig()).merge(parseRows(json));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Response);
    for (const QString& text : std::as_const(mentions))
        QVERIFY2(result.error().message.contains(text), qPrintable(result.error().message));
}

void TestRecordMerger::emptyExport()
{
    const auto result = RecordMerger(MappingConfig()).merge(QJsonArray());
    QVERIFY(result.ok());
    QCOMPARE(result.value().visits.size(), 0);
    QCOMPARE(result.value().rows, 0);
    QCOMPARE(result.value().records, 0);
}

// A full sync of 20,000 records with a baseline and two scans each, as REDCap returns it.
void TestRecordMerger::sixtyThousandRows()
{
    // Built as text and parsed, as the client receives it.
    QByteArray json;
    json.reserve(20000 * 700);
    json.append('[');
    for (int r = 1; r <= 20000; ++r) {
        const QByteArray id = QByteArray::number(r);
        json.append(
            R"({"record_id":")" + id
            + R"(","redcap_repeat_instrument":"","redcap_repeat_instance":"","study_id":"CPIP-)" + id
            + R"(","family_id":"FAM-)" + id
            + R"(","youth_dob_y":"2012","demo_sex":"2","mri_instance":"","mri_date":"","mri_time":""},)");
        for (int k = 1; k <= 2; ++k) {
            const QByteArray instance = QByteArray::number(k);
            json.append(R"({"record_id":")" + id
                        + R"(","redcap_repeat_instrument":"mri","redcap_repeat_instance":)" + instance
                        + R"(,"study_id":"","family_id":"","youth_dob_y":"","demo_sex":"","mri_instance":")"
                        + instance + R"(","mri_date":"2025-03-21","mri_time":"14:30"})"
                        + (r == 20000 && k == 2 ? "" : ","));
        }
    }
    json.append(']');
    const QJsonArray rows = parseRows(json);
    QCOMPARE(rows.size(), 60000);

    MappingConfig mapping;
    mapping.extraFields = { QStringLiteral("youth_dob_y"), QStringLiteral("demo_sex") };
    const RecordMerger merger(mapping);

    QElapsedTimer timer;
    timer.start();
    const auto result = merger.merge(rows);
    const qint64 ms = timer.elapsed();
    QVERIFY(result.ok());
    QCOMPARE(result.value().rows, 60000);
    QCOMPARE(result.value().records, 20000);
    QCOMPARE(result.value().visits.size(), 40000);
    QCOMPARE(result.value().visits.last().value(QStringLiteral("study_id")), QStringLiteral("CPIP-20000"));
    qInfo("merged 60,000 rows in %lld ms", ms);
    // Generous bound for a shared, busy machine; the point is to catch accidental quadratic work.
    QVERIFY2(ms < TestEnvironment::scaledMs(5000), qPrintable(QStringLiteral("took %1 ms").arg(ms)));
}

void TestRecordMerger::wellFormedAnswerMergesAlike_data()
{
    merge_data();
    QTest::newRow("numbers, booleans and null as text")
        << QByteArray(R"([{"record_id":7,"redcap_repeat_instrument":null,"study_id":1.0,"family_id":-0,
            "mri_instance":"","mri_date":"","mri_time":""},
            {"record_id":7.0,"redcap_repeat_instrument":"mri","redcap_repeat_instance":2.0,"study_id":true,
             "family_id":12345678901234567890,"mri_instance":1.5e3,"mri_date":9007199254740993,"mri_time":-1e-7}])")
        << QString() << 1;
    QTest::newRow("escapes, NaN and text beyond Latin-1") << QByteArray(
        R"([{"record_id":"r\"1\\","redcap_repeat_instrument":"","study_id":"NaN","family_id":"F\u00e9\n"},
            {"record_id":"r\"1\\","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"\u4e2d",
             "mri_date":"d\ud83d\ude00","mri_time":"t"}])")
                                                          << QString() << 1;
    QTest::newRow("other instrument, incomplete scan and unrequested fields")
        << QByteArray(R"([{"record_id":"1","redcap_repeat_instrument":"notes","note":"x","study_id":"N"},
            {"record_id":"1","redcap_repeat_instrument":"mri","redcap_repeat_instance":1,"mri_instance":"1","mri_date":"d"},
            {"record_id":"2","redcap_repeat_instrument":"","other":"o","study_id":"S"}])")
        << QString() << 2;
}

// The direct merge gives what QJsonDocument and merge() give, for every well-formed answer.
void TestRecordMerger::wellFormedAnswerMergesAlike()
{
    QFETCH(QByteArray, json);
    checkMergesAlike(json, MappingConfig());
}

void TestRecordMerger::fixturesMergeAlike()
{
    MappingConfig classic;
    classic.fieldMapping = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") },
                             { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
                             { QStringLiteral("mri_wt_lbs"), QStringLiteral("patient_weight_lb") } };
    checkMergesAlike(fixtureBytes("export_classic.json"), classic);
    MappingConfig longitudinal;
    longitudinal.extraFields = { QStringLiteral("demo_sex"), QStringLiteral("mri_wt_lbs") };
    checkMergesAlike(fixtureBytes("export_longitudinal.json"), longitudinal);
}

void TestRecordMerger::otherAnswersAreLeftToQJsonDocument_data()
{
    QTest::addColumn<QByteArray>("answer");
    const QByteArray row = R"({"record_id":"1","redcap_repeat_instrument":""})";
    QTest::newRow("REDCap error object") << QByteArray(R"({"error":"You do not have permissions"})");
    QTest::newRow("web page") << QByteArray("<html><body>Login</body></html>");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("cut off") << QByteArray("[" + row + ",{\"record_id\":\"2");
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF[" + row + "]");
    QTest::newRow("invalid UTF-8") << QByteArray("[{\"record_id\":\"1\",\"study_id\":\"\xC3\x28\"}]");
    QTest::newRow("lone surrogate") << QByteArray(R"([{"record_id":"1","study_id":"\ud800"}])");
    QTest::newRow("row is an array") << QByteArray(R"([["1"]])");
    QTest::newRow("value is an object") << QByteArray(R"([{"record_id":"1","study_id":{"v":1}}])");
    QTest::newRow("irrelevant value is an array") << QByteArray(R"([{"record_id":"1","notes":[1]}])");
    QTest::newRow("record id missing") << QByteArray(R"([{"study_id":"S"}])");
    QTest::newRow("record id empty") << QByteArray(R"([{"record_id":""}])");
    QTest::newRow("record of another batch") << QByteArray(R"([{"record_id":"1"},{"record_id":"99"}])");
    QTest::newRow("key given twice") << QByteArray(R"([{"record_id":"1","study_id":"A","study_id":"B"}])");
    QTest::newRow("trailing text") << QByteArray("[" + row + "] x");
}

// Anything but a well-formed export of the batch gives no result: the caller's QJsonDocument path
// then words the error (or, for a key given twice, keeps the last value as QJsonDocument does).
void TestRecordMerger::otherAnswersAreLeftToQJsonDocument()
{
    QFETCH(QByteArray, answer);
    const RecordMerger merger { MappingConfig() };
    QVERIFY(!merger.mergeWellFormed(answer, { QStringLiteral("1"), QStringLiteral("2") }).has_value());
}

QTEST_GUILESS_MAIN(TestRecordMerger)
#include "tst_recordmerger.moc"
