#include "redcap/RecordIdList.h"
#include "redcap/RecordIdScanner.h"
#include "redcap/RedcapResponse.h"

#include <QTest>

using Lantir::RecordIdList;
using Lantir::RecordIdScanner;

namespace {
// Feeds `body` in chunks of `chunk` bytes, so every token is split at every possible place.
Lantir::Result<RecordIdList> scan(const QByteArray& body, qsizetype chunk,
                                  const QString& field = QStringLiteral("record_id"))
{
    RecordIdScanner scanner(field);
    for (qsizetype at = 0; at < body.size(); at += chunk)
        scanner.feed(body.mid(at, chunk));
    return scanner.finish();
}
} // namespace

class TestRecordIdScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsInOrderWithoutRepeats()
    {
        const QByteArray body
            = "[{\"record_id\":\"1\",\"redcap_repeat_instrument\":\"\",\"redcap_repeat_instance\":\"\"},\n"
              "            "
              "{\"record_id\":\"1\",\"redcap_repeat_instrument\":\"mri\",\"redcap_repeat_instance\":1},\n"
              "            "
              "{\"redcap_repeat_instance\":2,\"record_id\":\"1\",\"redcap_repeat_instrument\":\"mri\"},\n"
              "            "
              "{\"record_id\":\"10\",\"redcap_repeat_instrument\":\"\",\"redcap_repeat_instance\":\"\"},\n"
              "            {\"record_id\":\"2\",\"x\":true,\"y\":null,\"z\":-1.5e3}]";
        for (qsizetype chunk = 1; chunk <= body.size(); ++chunk) {
            const auto ids = scan(body, chunk);
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            QCOMPARE(ids.value().toStringList(),
                     (QStringList { QStringLiteral("1"), QStringLiteral("10"), QStringLiteral("2") }));
        }
    }

    void escapesAndNumbers()
    {
        const QByteArray body = "[{\"record_id\":\"a\\\"b\\\\c\\u00e9\"},{\"record_id\":12},{\"record_id\":"
                                "12.0},{\"rec\\u006frd_id\":\"k\"}]";
        for (qsizetype chunk : { qsizetype(1), qsizetype(3), body.size() }) {
            const auto ids = scan(body, chunk);
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            QCOMPARE(ids.value().toStringList(),
                     (QStringList { QString::fromUtf8("a\"b\\c\xc3\xa9"), QStringLiteral("12"),
                                    QStringLiteral("k") }));
        }
    }

    // Found by fuzz_record_ids: a number too large for 64 bits was cast to qint64 (undefined
    // behaviour), and ids such as -2^63 or true came out differently from the full parser's, so the
    // id export and the batch export could disagree about a record. Inputs in tests/fuzz/corpus/.
    void numericAndBooleanIdsReadAsTheFullParserReadsThem_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QString>("text");
        QTest::newRow("76 digits") << QByteArray(76, '2') << QStringLiteral("2.2222222222222221e+75");
        QTest::newRow("1e300") << QByteArray("1e300") << QStringLiteral("1.0000000000000001e+300");
        QTest::newRow("-2^63") << QByteArray("-9223372036854775808")
                               << QStringLiteral("-9223372036854775808");
        QTest::newRow("2^63") << QByteArray("9223372036854775808")
                              << QStringLiteral("9.2233720368547758e+18");
        QTest::newRow("2^53 + 1") << QByteArray("9007199254740993") << QStringLiteral("9007199254740993");
        QTest::newRow("-0") << QByteArray("-0") << QStringLiteral("0");
        QTest::newRow("fraction") << QByteArray("12.5") << QStringLiteral("12.5");
        QTest::newRow("true") << QByteArray("true") << QStringLiteral("true");
    }

    void numericAndBooleanIdsReadAsTheFullParserReadsThem()
    {
        QFETCH(QByteArray, id);
        QFETCH(QString, text);
        const QByteArray body = "[{\"record_id\":" + id + ",\"x\":1},{\"record_id\":\"7\"}]";
        const auto rows = Lantir::RedcapResponse::parseRecords(body);
        QVERIFY2(rows.ok(), qPrintable(rows.error().message));
        const auto expected = Lantir::RedcapResponse::recordIds(rows.value(), QStringLiteral("record_id"));
        QVERIFY2(expected.ok(), qPrintable(expected.error().message));
        QCOMPARE(expected.value(), (QStringList { text, QStringLiteral("7") }));
        for (qsizetype chunk : { qsizetype(1), qsizetype(4), body.size() }) {
            const auto ids = scan(body, chunk);
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            QCOMPARE(ids.value().toStringList(), expected.value());
        }
    }

    // Found by fuzz_record_ids: with the id field twice in a row, the full parser (Qt's JSON) keeps
    // the last value; the scanner failed on an empty first one, or listed both.
    void aRepeatedIdFieldCountsOnceWithItsLastValue_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("empty, then 1")
            << QByteArray("{\"record_id\":\"\",\"record_id\":\"1\"}") << QStringList { QStringLiteral("1") };
        QTest::newRow("1, then 2") << QByteArray("{\"record_id\":\"1\",\"x\":0,\"record_id\":\"2\"}")
                                   << QStringList { QStringLiteral("2") };
        QTest::newRow("null, then 3")
            << QByteArray("{\"record_id\":null,\"record_id\":3}") << QStringList { QStringLiteral("3") };
        QTest::newRow("1, then null")
            << QByteArray("{\"record_id\":\"1\",\"record_id\":null}") << QStringList();
        QTest::newRow("1, then empty")
            << QByteArray("{\"record_id\":\"1\",\"record_id\":\"\"}") << QStringList();
        // Found by fuzz_record_ids: a key that starts with a raw byte order mark is a field of its
        // own for Qt's JSON object (a value loses that mark, a key keeps it); the scanner took it
        // for the id field and listed another record than the batch export would ask for.
        QTest::newRow("1, then a BOM-prefixed key")
            << QByteArray("{\"record_id\":\"1\",\"\xEF\xBB\xBFrecord_id\":\"2\"}")
            << QStringList { QStringLiteral("1") };
        QTest::newRow("a BOM-prefixed key, then 2")
            << QByteArray("{\"\xEF\xBB\xBFrecord_id\":\"1\",\"record_id\":\"2\"}")
            << QStringList { QStringLiteral("2") };
        QTest::newRow("only a BOM-prefixed key")
            << QByteArray("{\"\xEF\xBB\xBFrecord_id\":\"1\"}") << QStringList();
        QTest::newRow("an escaped key, then 2")
            << QByteArray("{\"record\\u005fid\":\"1\",\"x\":0,\"record_id\":\"2\"}")
            << QStringList { QStringLiteral("2") };
        QTest::newRow("1, then an escaped key")
            << QByteArray("{\"record_id\":\"1\",\"record\\u005fid\":\"3\"}")
            << QStringList { QStringLiteral("3") };
    }

    void aRepeatedIdFieldCountsOnceWithItsLastValue()
    {
        QFETCH(QByteArray, row);
        QFETCH(QStringList, ids); // empty: the answer is refused
        const QByteArray body = '[' + row + ']';
        const auto rows = Lantir::RedcapResponse::parseRecords(body);
        QVERIFY(rows.ok());
        const auto expected = Lantir::RedcapResponse::recordIds(rows.value(), QStringLiteral("record_id"));
        QCOMPARE(expected.ok(), !ids.isEmpty());
        if (expected.ok())
            QCOMPARE(expected.value(), ids);
        for (qsizetype chunk : { qsizetype(1), qsizetype(7), body.size() }) {
            const auto scanned = scan(body, chunk);
            QCOMPARE(scanned.ok(), !ids.isEmpty());
            if (scanned.ok())
                QCOMPARE(scanned.value().toStringList(), ids);
        }
    }

    // Found by fuzz_record_ids: an id starting with U+FEFF (a byte order mark, e.g. from a CSV
    // import; PHP's json_encode sends it as \ufeff) lost it on the way out of RecordIdList
    // (QString::fromUtf8 drops a leading BOM), so the batch export would have asked REDCap for
    // another record than the one listed. Given as raw UTF-8 at the start of the string, Qt's JSON
    // parser drops it, and the scanner does the same.
    void anIdStartingWithAByteOrderMarkIsReadAsTheFullParserReadsIt()
    {
        const QString bom = QStringLiteral("\uFEFF");
        const QByteArray body = "[{\"record_id\":\"\\ufeff12\"},{\"record_id\":\"\\ufeff\\b3\"},"
                                "{\"record_id\":\""
            + bom.toUtf8() + "4\"},{\"record_id\":\"5" + bom.toUtf8() + "\"}]";
        const auto rows = Lantir::RedcapResponse::parseRecords(body);
        QVERIFY2(rows.ok(), qPrintable(rows.error().message));
        const auto expected = Lantir::RedcapResponse::recordIds(rows.value(), QStringLiteral("record_id"));
        QVERIFY(expected.ok());
        QCOMPARE(expected.value(),
                 (QStringList { bom + QStringLiteral("12"), bom + QStringLiteral("\b3"), QStringLiteral("4"),
                                QStringLiteral("5") + bom }));
        for (qsizetype chunk : { qsizetype(1), qsizetype(5), body.size() }) {
            const auto ids = scan(body, chunk);
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            QCOMPARE(ids.value().toStringList(), expected.value());
        }
        RecordIdList list;
        list.append(bom + QStringLiteral("12"));
        QCOMPARE(list.at(0), bom + QStringLiteral("12"));
    }

    // What the class comment says: the structure is checked as the full parser checks it, the JSON
    // of values other than the id is not. Such an answer is refused by the full parser only.
    void skippedValuesAreNotCheckedAsJson()
    {
        const QByteArray body = "[{\"record_id\":\"1\",\"x\":tru,\"y\":\"\\q\"}]";
        QVERIFY(!Lantir::RedcapResponse::parseRecords(body).ok());
        for (qsizetype chunk : { qsizetype(1), body.size() }) {
            const auto ids = scan(body, chunk);
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            QCOMPARE(ids.value().toStringList(), QStringList { QStringLiteral("1") });
        }
    }

    void emptyList()
    {
        const auto ids = scan(" [ ] \n", 2);
        QVERIFY(ids.ok());
        QVERIFY(ids.value().isEmpty());
    }

    void badAnswersAreExplained_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("truncated") << QByteArray("[{\"record_id\":\"1\"},{\"record_")
                                   << QStringLiteral("ends before");
        QTest::newRow("html") << QByteArray("<html><head><title>Login</title></head></html>")
                              << QStringLiteral("web page");
        QTest::newRow("error object")
            << QByteArray("{\"error\":\"You do not have permissions to use the API\"}")
            << QStringLiteral("permissions");
        QTest::newRow("nested value")
            << QByteArray("[{\"record_id\":\"1\",\"x\":[1]}]") << QStringLiteral("a list");
        QTest::newRow("row not an object")
            << QByteArray("[{\"record_id\":\"1\"}, 7]") << QStringLiteral("not a record");
        QTest::newRow("no id field") << QByteArray("[{\"study_id\":\"1\"}]")
                                     << QStringLiteral("no record id");
        QTest::newRow("empty id") << QByteArray("[{\"record_id\":\"\"}]")
                                  << QStringLiteral("empty record id");
        QTest::newRow("garbage after")
            << QByteArray("[{\"record_id\":\"1\"}] x") << QStringLiteral("after the list");
        QTest::newRow("missing colon")
            << QByteArray("[{\"record_id\" \"1\"}]") << QStringLiteral("not valid JSON");
    }

    void badAnswersAreExplained()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        for (qsizetype chunk : { qsizetype(1), qsizetype(5), qMax<qsizetype>(1, body.size()) }) {
            const auto ids = scan(body, chunk);
            QVERIFY(!ids.ok());
            QVERIFY2(ids.error().message.contains(says, Qt::CaseInsensitive),
                     qPrintable(ids.error().message));
        }
    }

    void resetStartsOver()
    {
        RecordIdScanner scanner(QStringLiteral("record_id"));
        scanner.feed(QByteArray("[{\"record_id\":\"1\"},{\"rec"));
        scanner.reset();
        scanner.feed(QByteArray("[{\"record_id\":\"5\"}]"));
        const auto ids = scanner.finish();
        QVERIFY(ids.ok());
        QCOMPARE(ids.value().toStringList(), QStringList { QStringLiteral("5") });
    }

    void idListIsCompactAndSlices()
    {
        RecordIdList list;
        for (int i = 1; i <= 100000; ++i)
            list.append(QByteArray::number(i));
        QCOMPARE(list.size(), 100000);
        QVERIFY2(list.memoryBytes() < 2 * 1024 * 1024, qPrintable(QString::number(list.memoryBytes())));
        QCOMPARE(list.mid(99998, 500), (QStringList { QStringLiteral("99999"), QStringLiteral("100000") }));
        QCOMPARE(list.mid(0, 3),
                 (QStringList { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3") }));
        QVERIFY(list.mid(100000, 5).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRecordIdScanner)
#include "tst_recordidscanner.moc"
