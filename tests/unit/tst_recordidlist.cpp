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

    void aHundredThousandIdsTakeAboutSixBytesEach()
    {
        RecordIdList ids;
        for (int i = 1; i <= 100000; ++i)
            ids.append(QByteArray::number(i));
        QCOMPARE(ids.size(), qsizetype(100000));
        QCOMPARE(ids.at(99999), QStringLiteral("100000"));
        ids.squeeze();
        QCOMPARE(ids.at(99999), QStringLiteral("100000"));
        // 488,895 bytes of ids, 100,000 length bytes and 1,563 block offsets, once squeezed.
        QVERIFY2(ids.memoryBytes() < 100000 * 9, qPrintable(QString::number(ids.memoryBytes())));
    }
};

QTEST_GUILESS_MAIN(TestRecordIdList)
#include "tst_recordidlist.moc"
