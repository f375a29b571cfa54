#include "mapping/DateTimeNormalizer.h"

#include <QTest>

using Lantir::DateTimeNormalizer;

class TestDateTimeNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizeDate_data();
    void normalizeDate();
    void normalizeTime_data();
    void normalizeTime();
    void emptyIsNull();
    void isNormalizedDate_data();
    void isNormalizedDate();
};

void TestDateTimeNormalizer::normalizeDate_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char* name, const char* input, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(input) << QString::fromUtf8(expected);
    };
    row("dashed", "2025-03-21", "2025-03-21");
    row("slashes", "2025/03/21", "2025-03-21");
    row("dots", "2025.03.21", "2025-03-21");
    row("mixed separators", "2025/03-21", "2025-03-21");
    row("eight digits", "20250321", "2025-03-21");
    row("surrounding blanks", "  2025-03-21\t", "2025-03-21");
    row("date and time with space", "2025-03-21 14:30", "2025-03-21");
    row("ISO date-time", "2025-03-21T14:30:00", "2025-03-21");
    // Anything else is kept as typed (trimmed), as pylantir does.
    row("bare year", "2012", "2012");
    row("single-digit month", "2025-3-21", "2025-3-21");
    row("day first", "21/03/2025", "21/03/2025");
    row("seven digits", "2025032", "2025032");
    row("nine digits", "202503210", "202503210");
    row("words", "next Tuesday", "next Tuesday");
    row("slashed date and time", "2025/03/21 14:30", "2025/03/21 14:30");
    row("trailing garbage", "2025-03-21x", "2025-03-21x");
    row("calendar not checked", "2025-13-45", "2025-13-45");
    row("blank padded words", " soon ", "soon");
}

void TestDateTimeNormalizer::normalizeDate()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DateTimeNormalizer::normalizeDate(input), expected);
}

void TestDateTimeNormalizer::normalizeTime_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char* name, const char* input, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(input) << QString::fromUtf8(expected);
    };
    row("HH:MM", "14:30", "14:30");
    row("HH:MM:SS", "14:30:59", "14:30");
    row("HH:MM:SS.fff", "14:30:59.250", "14:30");
    row("H:MM", "9:05", "09:05");
    row("H:M", "9:5", "09:05");
    row("HH:M", "14:5", "14:05");
    row("HHMMSS", "143059", "14:30");
    row("HHMM", "0930", "09:30");
    row("HH", "07", "07:00");
    row("blanks", " 14:30 ", "14:30");
    row("midnight", "00:00", "00:00");
    // Kept as typed.
    row("single digit", "7", "7");
    row("three digits", "930", "930");
    row("five digits", "09300", "09300");
    row("am/pm", "2:30 PM", "2:30 PM");
    row("letters", "noon", "noon");
    row("three-digit hours", "100:00", "100:00");
    row("empty minutes", "14:", "14:");
    row("bad seconds", "14:30:xx", "14:30:xx");
    row("leading colon", ":30", ":30");
}

void TestDateTimeNormalizer::normalizeTime()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DateTimeNormalizer::normalizeTime(input), expected);
}

void TestDateTimeNormalizer::emptyIsNull()
{
    QVERIFY(DateTimeNormalizer::normalizeDate(QString()).isNull());
    QVERIFY(DateTimeNormalizer::normalizeDate(QStringLiteral("")).isNull());
    QVERIFY(DateTimeNormalizer::normalizeDate(QStringLiteral("   ")).isNull());
    QVERIFY(DateTimeNormalizer::normalizeTime(QString()).isNull());
    QVERIFY(DateTimeNormalizer::normalizeTime(QStringLiteral(" \t")).isNull());
}

void TestDateTimeNormalizer::isNormalizedDate_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("expected");
    QTest::newRow("full date") << QStringLiteral("2012-01-01") << true;
    QTest::newRow("year") << QStringLiteral("2012") << false;
    QTest::newRow("slashes") << QStringLiteral("2012/01/01") << false;
    QTest::newRow("digits") << QStringLiteral("20120101") << false;
    QTest::newRow("letters") << QStringLiteral("2012-ab-01") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestDateTimeNormalizer::isNormalizedDate()
{
    QFETCH(QString, input);
    QFETCH(bool, expected);
    QCOMPARE(DateTimeNormalizer::isNormalizedDate(input), expected);
}

QTEST_GUILESS_MAIN(TestDateTimeNormalizer)
#include "tst_datetimenormalizer.moc"
