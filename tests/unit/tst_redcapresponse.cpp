#include "redcap/RedcapResponse.h"

#include <QJsonObject>
#include <QTest>

using namespace Lantir;

class TestRedcapResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version_data();
    void version();
    void fieldNames_data();
    void fieldNames();
    void records_data();
    void records();
    void recordsKeepScalarTypes();
    void recordIds_data();
    void recordIds();
};

void TestRedcapResponse::version_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("version"); // empty: an error is expected
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("plain") << QByteArray("14.9.1") << QStringLiteral("14.9.1") << QString();
    QTest::newRow("white space") << QByteArray(" 8.5.0\n") << QStringLiteral("8.5.0") << QString();
    QTest::newRow("json string") << QByteArray("\"13.1.27\"") << QStringLiteral("13.1.27") << QString();
    QTest::newRow("empty") << QByteArray() << QString() << QStringLiteral("empty answer");
    QTest::newRow("web page") << QByteArray("<!DOCTYPE html><title>Login</title>") << QString()
                              << QStringLiteral("web page (titled \"Login\")");
    QTest::newRow("text") << QByteArray("hello") << QString()
                          << QStringLiteral("not a version number (got \"hello\")");
    QTest::newRow("json list") << QByteArray("[]") << QString() << QStringLiteral("not a version number");
}

void TestRedcapResponse::version()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, version);
    QFETCH(QString, messagePart);

    const Result<QString> result = RedcapResponse::parseVersion(body);
    QCOMPARE(result.ok(), !version.isEmpty());
    if (result.ok()) {
        QCOMPARE(result.value(), version);
    } else {
        QCOMPARE(result.error().kind, Error::Kind::Response);
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    }
}

void TestRedcapResponse::fieldNames_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names"); // empty: an error is expected
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("dictionary") << QByteArray(
        R"([{"field_name":"record_id","form_name":"demo"},{"field_name":"mri_date","form_name":"mri"}])")
                                << QStringList { QStringLiteral("record_id"), QStringLiteral("mri_date") }
                                << QString();
    QTest::newRow("empty list") << QByteArray("[]") << QStringList()
                                << QStringLiteral("data dictionary is empty");
    QTest::newRow("object") << QByteArray(R"({"field_name":"record_id"})") << QStringList()
                            << QStringLiteral("single JSON object where the data dictionary (a JSON list)");
    QTest::newRow("redcap error object") << QByteArray(R"({"error":"No rights"})") << QStringList()
                                         << QStringLiteral("REDCap reported an error: \"No rights\"");
    QTest::newRow("entry not object") << QByteArray(R"([{"field_name":"a"},"b"])") << QStringList()
                                      << QStringLiteral("Entry 2 of REDCap's data dictionary is text");
    QTest::newRow("missing field_name")
        << QByteArray(R"([{"form_name":"x"}])") << QStringList()
        << QStringLiteral("Entry 1 of REDCap's data dictionary has no field_name");
    QTest::newRow("numeric field_name") << QByteArray(R"([{"field_name":7}])") << QStringList()
                                        << QStringLiteral("has no field_name text (it has a number)");
    QTest::newRow("blank field_name")
        << QByteArray(R"([{"field_name":"  "}])") << QStringList() << QStringLiteral("has no field_name");
    QTest::newRow("web page") << QByteArray("<html><head><title>Proxy</title></head></html>") << QStringList()
                              << QStringLiteral("web page");
    QTest::newRow("cut off") << QByteArray(R"([{"field_name":"record_id"},{"field_na)") << QStringList()
                             << QStringLiteral("cut off");
}

void TestRedcapResponse::fieldNames()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    QFETCH(QString, messagePart);

    const Result<QStringList> result = RedcapResponse::parseFieldNames(body);
    QCOMPARE(result.ok(), !names.isEmpty());
    if (result.ok()) {
        QCOMPARE(result.value(), names);
    } else {
        QCOMPARE(result.error().kind, Error::Kind::Response);
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    }
}

void TestRedcapResponse::records_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("rows"); // -1: an error is expected
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("rows") << QByteArray(R"([{"record_id":"1","redcap_repeat_instance":""},)"
                                        R"({"record_id":"1","redcap_repeat_instance":2}])")
                          << 2 << QString();
    QTest::newRow("no rows") << QByteArray("[]") << 0 << QString();
    QTest::newRow("scalars") << QByteArray(R"([{"a":true,"b":null,"c":1.5,"d":"x"}])") << 1 << QString();
    QTest::newRow("empty body") << QByteArray() << -1
                                << QStringLiteral("empty answer where a list of records");
    QTest::newRow("white space body") << QByteArray("  \n") << -1 << QStringLiteral("empty answer");
    QTest::newRow("web page") << QByteArray("<!DOCTYPE html><html><head><title>Sign in</title>") << -1
                              << QStringLiteral("web page (titled \"Sign in\")");
    QTest::newRow("cut off in string") << QByteArray(R"([{"record_id":"1"},{"record_id":"2)") << -1
                                       << QStringLiteral("ends before the JSON data is complete");
    QTest::newRow("cut off after comma")
        << QByteArray(R"([{"record_id":"1"},)") << -1 << QStringLiteral("cut off");
    QTest::newRow("cut off in number") << QByteArray(R"([{"a":12)") << -1 << QStringLiteral("cut off");
    QTest::newRow("malformed") << QByteArray(R"([{"record_id" "1"}, {"x":"y"}, {"z":"w"}])") << -1
                               << QStringLiteral("is not valid JSON (");
    QTest::newRow("not json")
        << QByteArray("record_id\n1\n2\n") << -1
        << QStringLiteral(
               "not a JSON list where a list of records was expected (it starts with \"record_id 1 2\")");
    QTest::newRow("object") << QByteArray(R"({"record_id":"1"})") << -1
                            << QStringLiteral(
                                   "single JSON object where a list of records (a JSON list) was expected");
    QTest::newRow("redcap error") << QByteArray(R"({"error":"Invalid field"})") << -1
                                  << QStringLiteral("REDCap reported an error: \"Invalid field\"");
    QTest::newRow("string") << QByteArray(R"("rows")") << -1 << QStringLiteral("not a JSON list");
    QTest::newRow("row is a number") << QByteArray(R"([{"a":"1"},3])") << -1
                                     << QStringLiteral("Row 2 of REDCap's answer is a number, not a record");
    QTest::newRow("row is a list") << QByteArray(R"([["a"]])") << -1
                                   << QStringLiteral("Row 1 of REDCap's answer is a list");
    QTest::newRow("value is a list") << QByteArray(R"([{"a":"1"},{"a":"2","b":[1,2]}])") << -1
                                     << QStringLiteral(
                                            "Field \"b\" in row 2 of REDCap's answer holds a list");
    QTest::newRow("value is an object")
        << QByteArray(R"([{"a":{"x":1}}])") << -1
        << QStringLiteral("Field \"a\" in row 1 of REDCap's answer holds an object");
}

void TestRedcapResponse::records()
{
    QFETCH(QByteArray, body);
    QFETCH(int, rows);
    QFETCH(QString, messagePart);

    const Result<QJsonArray> result = RedcapResponse::parseRecords(body);
    QCOMPARE(result.ok(), rows >= 0);
    if (result.ok()) {
        QCOMPARE(result.value().size(), rows);
    } else {
        QCOMPARE(result.error().kind, Error::Kind::Response);
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(u'\n'));
    }
}

void TestRedcapResponse::recordsKeepScalarTypes()
{
    const Result<QJsonArray> result
        = RedcapResponse::parseRecords(R"([{"record_id":"7","redcap_repeat_instance":3,"flag":true}])");
    QVERIFY(result.ok());
    const QJsonObject row = result.value().at(0).toObject();
    QCOMPARE(row.value(QLatin1String("record_id")).toString(), QStringLiteral("7"));
    QCOMPARE(row.value(QLatin1String("redcap_repeat_instance")).toInt(), 3);
    QCOMPARE(row.value(QLatin1String("flag")).toBool(), true);
}

void TestRedcapResponse::recordIds_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("messagePart"); // non-empty: an error is expected

    QTest::newRow("distinct, first-seen order")
        << QByteArray(R"([{"id":"10"},{"id":"2"},{"id":"10"},{"id":"B"},{"id":"2"}])") << QStringLiteral("id")
        << QStringList { QStringLiteral("10"), QStringLiteral("2"), QStringLiteral("B") } << QString();
    QTest::newRow("numbers as REDCap writes them")
        << QByteArray(R"([{"id":12},{"id":12.0},{"id":3.5}])") << QStringLiteral("id")
        << QStringList { QStringLiteral("12"), QStringLiteral("3.5") } << QString();
    QTest::newRow("none") << QByteArray("[]") << QStringLiteral("id") << QStringList() << QString();
    QTest::newRow("missing field")
        << QByteArray(R"([{"id":"1"},{"other":"2"}])") << QStringLiteral("id") << QStringList()
        << QStringLiteral("Row 2 of REDCap's answer has no value for \"id\" (it has nothing)");
    QTest::newRow("empty id") << QByteArray(R"([{"id":""}])") << QStringLiteral("id") << QStringList()
                              << QStringLiteral("record ID field");
    QTest::newRow("null id") << QByteArray(R"([{"id":null}])") << QStringLiteral("id") << QStringList()
                             << QStringLiteral("(it has null)");
}

void TestRedcapResponse::recordIds()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QStringList, ids);
    QFETCH(QString, messagePart);

    const Result<QJsonArray> rows = RedcapResponse::parseRecords(body);
    QVERIFY(rows.ok());
    const Result<QStringList> result = RedcapResponse::recordIds(rows.value(), field);
    QCOMPARE(result.ok(), messagePart.isEmpty());
    if (result.ok()) {
        QCOMPARE(result.value(), ids);
    } else {
        QCOMPARE(result.error().kind, Error::Kind::Response);
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    }
}

QTEST_GUILESS_MAIN(TestRedcapResponse)
#include "tst_redcapresponse.moc"
