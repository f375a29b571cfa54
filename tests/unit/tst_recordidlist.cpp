#include "redcap/RecordIdList.h"

#include <QTest>

using namespace Lantir;

class TestRecordIdList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyList()
    {
        RecordIdList ids;
        QVERIFY(ids.isEmpty());
        QCOMPARE(ids.size(), qsizetype(0));
        QVERIFY(ids.mid(0, 10).isEmpty());
        QVERIFY(ids.toStringList().isEmpty());
    }

    void keepsEveryIdExactlyInOrder()
    {
        // Short, long (length prefixes of two and three bytes), non-ASCII, empty and odd ids, across
        // many 64-id blocks.
        QStringList expected;
        for (int i = 0; i < 1000; ++i) {
            switch (i % 7) {
            case 0:
                expected.append(QString::number(i));
                break;
            case 1:
                expected.append(QStringLiteral("DAG-%1-x").arg(i));
                break;
            case 2:
                expected.append(QString(130 + i % 50, QLatin1Char('a' + i % 26)));
                break;
            case 3:
                expected.append(QStringLiteral("M\u00fcller-\u4e2d\u6587-%1").arg(i));
                break;
            case 4:
                expected.append(QString(17000, QLatin1Char('z')) + QString::number(i));
                break;
            case 5:
                expected.append(i == 5 ? QString() : QStringLiteral("%1;'\") DROP").arg(i));
                break;
            default:
                expected.append(QStringLiteral("r") + QString::number(i));
            }
        }
        RecordIdList ids;
        for (const QString& id : std::as_const(expected))
            ids.append(id);
        QCOMPARE(ids.size(), qsizetype(expected.size()));
        QCOMPARE(ids.toStringList(), expected);
        for (int i : { 0, 1, 63, 64, 65, 127, 128, 500, 999 })
            QCOMPARE(ids.at(i), expected.at(i));
        QCOMPARE(ids.mid(60, 10), expected.mid(60, 10)); // across a block boundary
        QCOMPARE(ids.mid(995, 50), expected.mid(995)); // clamped at the end
        QVERIFY(ids.mid(-1, 5).isEmpty());
        QVERIFY(ids.mid(1000, 5).isEmpty());
        QVERIFY(ids.mid(3, 0).isEmpty());
    }

    void dropsAdjacentRepeatsOnly()
    {
        RecordIdList ids;
        for (const char* id : { "7", "7", "7", "8", "7", "8", "8" })
            ids.append(QString::fromLatin1(id));
        QCOMPARE(ids.toStringList(),
                 (QStringList { QStringLiteral("7"), QStringLiteral("8"), QStringLiteral("7"),
                                QStringLiteral("8") }));
        const RecordIdList braced { QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("b") };
        QCOMPARE(braced.size(), qsizetype(2));
    }

    void clearStartsOver()
    {
        RecordIdList ids { QStringLiteral("1"), QStringLiteral("2") };
        ids.clear();
        QVERIFY(ids.isEmpty());
        ids.append(QStringLiteral("2"));
        QCOMPARE(ids.toStringList(), QStringList { QStringLiteral("2") });
    }

    void numbersReadBackByteForByte()
    {
        // Only the one way of writing a number is stored as one: every other spelling stays text.
        const QStringList expected {
            QStringLiteral("0"),
            QStringLiteral("1"),
            QStringLiteral("007"),
            QStringLiteral("7"),
            QStringLiteral("+8"),
            QStringLiteral("-9"),
            QStringLiteral("1.5"),
            QStringLiteral("10"),
            QStringLiteral(" 11"),
            QStringLiteral("999999999999999999"), // 18 digits: the largest number stored as one
            QStringLiteral("1000000000000000000"), // 19 digits: text
            QStringLiteral("3"), // far below the number before it
            QStringLiteral("00"),
            QStringLiteral("١٢"), // Arabic-Indic digits: text
            QStringLiteral("12a"),
            QStringLiteral("4"),
        };
        RecordIdList ids;
        for (const QString& id : expected)
            ids.append(id);
        QCOMPARE(ids.toStringList(), expected);
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(ids.at(i), expected.at(i));
    }

    void sharedPrefixesReadBackAcrossBlocks()
    {
        // Ids that share their beginnings (a site prefix, a DAG number), mixed with numbers and
        // with ids that share a multi-byte character's first bytes only; 64-id blocks start afresh.
        QStringList expected;
        for (int i = 0; i < 700; ++i) {
            if (i % 5 == 0)
                expected.append(QString::number(1000 + i));
            else if (i % 5 == 1)
                expected.append(QStringLiteral("site-%1").arg(i, 4, 10, QLatin1Char('0')));
            else if (i % 5 == 2)
                expected.append(QStringLiteral("site-%1-b").arg(i, 4, 10, QLatin1Char('0')));
            else if (i % 5 == 3)
                expected.append(i % 2 ? QStringLiteral("été-%1").arg(i) : QStringLiteral("è-%1").arg(i));
            else
                expected.append(QStringLiteral("s"));
        }
        RecordIdList ids;
        for (const QString& id : std::as_const(expected))
            ids.append(id);
        QCOMPARE(ids.size(), qsizetype(expected.size()));
        QCOMPARE(ids.toStringList(), expected);
        for (int first : { 0, 1, 62, 63, 64, 127, 128, 129, 640, 699 })
            QCOMPARE(ids.mid(first, 70), expected.mid(first, 70));
        for (int i : { 0, 63, 64, 65, 191, 192, 699 })
            QCOMPARE(ids.at(i), expected.at(i));
    }

    void aHundredThousandAutoNumberedIdsTakeAboutOneByteEach()
    {
        RecordIdList ids;
        for (int i = 1; i <= 100000; ++i)
            ids.append(QByteArray::number(i));
        QCOMPARE(ids.size(), qsizetype(100000));
        QCOMPARE(ids.at(99999), QStringLiteral("100000"));
        ids.squeeze();
        QCOMPARE(ids.at(99999), QStringLiteral("100000"));
        QCOMPARE(ids.mid(31999, 3),
                 (QStringList { QStringLiteral("32000"), QStringLiteral("32001"), QStringLiteral("32002") }));
        // 100,000 one-byte differences, at most 3 bytes more at each of the 1,563 block starts, and
        // the block offsets: 109,361 bytes once squeezed (the ids' text alone is 488,895 bytes).
        QVERIFY2(ids.memoryBytes() < 120000, qPrintable(QString::number(ids.memoryBytes())));
    }

    void siteNumberedIdsShareTheirPrefix()
    {
        RecordIdList ids;
        for (int i = 1; i <= 10000; ++i)
            ids.append(QStringLiteral("792-%1").arg(i, 5, 10, QLatin1Char('0')));
        QCOMPARE(ids.at(9999), QStringLiteral("792-10000"));
        ids.squeeze();
        // Mostly two header bytes and the last digit or two: 32,865 bytes for 90,000 bytes of text.
        QVERIFY2(ids.memoryBytes() < 40000, qPrintable(QString::number(ids.memoryBytes())));
    }
};

QTEST_GUILESS_MAIN(TestRecordIdList)
#include "tst_recordidlist.moc"
