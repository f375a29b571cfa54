#include "RecordIdList.h"
#include "RecordIdScanner.h"

#include <QTest>

using Lantir::RecordIdList;
using Lantir::RecordIdScanner;

namespace {
// Feeds `body` in chunks of `chunk` bytes, so every token is split at every possible place.
Lantir::Result<RecordIdList> scan(const QByteArray& body, qsizetype chunk, const QString& field = QStringLiteral("record_id"))
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
        const QByteArray body = "[{\"record_id\":\"1\",\"redcap_repeat_instrument\":\"\",\"redcap_repeat_instance\":\"\"},\n"
            "            {\"record_id\":\"1\",\"redcap_repeat_instrument\":\"mri\",\"redcap_repeat_instance\":1},\n"
            "            {\"redcap_repeat_instance\":2,\"record_id\":\"1\",\"redcap_repeat_instrument\":\"mri\"},\n"
            "            {\"record_id\":\"10\",\"redcap_repeat_instrument\":\"\",\"redcap_repeat_instance\":\"\"},\n"
            "            {\"record_id\":\"2\",\"x\":true,\"y\":null,\"z\":-1.5e3}]";
        for (qsizetype chunk = 1; chunk <= body.size(); ++chunk) {
            const auto ids = scan(body, chunk);
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            QCOMPARE(ids.value().toStringList(), (QStringList { QStringLiteral("1"), QStringLiteral("10"), QStringLiteral("2") }));
        }
    }

    void escapesAndNumbers()
    {
        const QByteArray body = "[{\"record_id\":\"a\\\"b\\\\c\\u00e9\"},{\"record_id\":12},{\"record_id\":12.0},{\"rec\\u006frd_id\":\"k\"}]";
        for (qsizetype chunk : { qsizetype(1), qsizetype(3), body.size() }) {
            const auto ids = scan(body, chunk);
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            QCOMPARE(ids.value().toStringList(),
                     (QStringList { QString::fromUtf8("a\"b\\c\xc3\xa9"), QStringLiteral("12"), QStringLiteral("k") }));
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
        QTest::newRow("truncated") << QByteArray("[{\"record_id\":\"1\"},{\"record_") << QStringLiteral("ends before");
        QTest::newRow("html") << QByteArray("<html><head><title>Login</title></head></html>") << QStringLiteral("web page");
        QTest::newRow("error object") << QByteArray("{\"error\":\"You do not have permissions to use the API\"}") << QStringLiteral("permissions");
        QTest::newRow("nested value") << QByteArray("[{\"record_id\":\"1\",\"x\":[1]}]") << QStringLiteral("a list");
        QTest::newRow("row not an object") << QByteArray("[{\"record_id\":\"1\"}, 7]") << QStringLiteral("not a record");
        QTest::newRow("no id field") << QByteArray("[{\"study_id\":\"1\"}]") << QStringLiteral("no record id");
        QTest::newRow("empty id") << QByteArray("[{\"record_id\":\"\"}]") << QStringLiteral("empty record id");
        QTest::newRow("garbage after") << QByteArray("[{\"record_id\":\"1\"}] x") << QStringLiteral("after the list");
        QTest::newRow("missing colon") << QByteArray("[{\"record_id\" \"1\"}]") << QStringLiteral("not valid JSON");
    }

    void badAnswersAreExplained()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        for (qsizetype chunk : { qsizetype(1), qsizetype(5), qMax<qsizetype>(1, body.size()) }) {
            const auto ids = scan(body, chunk);
            QVERIFY(!ids.ok());
            QVERIFY2(ids.error().message.contains(says, Qt::CaseInsensitive), qPrintable(ids.error().message));
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
        QCOMPARE(list.mid(0, 3), (QStringList { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3") }));
        QVERIFY(list.mid(100000, 5).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRecordIdScanner)
#include "tst_recordidscanner.moc"
