#include "sync/OperationWindow.h"

#include <QTest>

using Lantir::OperationWindow;

class TestOperationWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contains_data()
    {
        QTest::addColumn<QTime>("start");
        QTest::addColumn<QTime>("end");
        QTest::addColumn<QTime>("time");
        QTest::addColumn<bool>("inside");

        QTest::newRow("default all day, midnight") << QTime(0, 0) << QTime(23, 59, 59) << QTime(0, 0) << true;
        QTest::newRow("default all day, last second")
            << QTime(0, 0) << QTime(23, 59, 59) << QTime(23, 59, 59) << true;
        QTest::newRow("equal start and end is all day")
            << QTime(0, 0) << QTime(0, 0) << QTime(23, 59, 30) << true;
        QTest::newRow("day window, inside") << QTime(8, 0) << QTime(18, 0) << QTime(12, 0) << true;
        QTest::newRow("day window, start inclusive") << QTime(8, 0) << QTime(18, 0) << QTime(8, 0) << true;
        QTest::newRow("day window, end inclusive") << QTime(8, 0) << QTime(18, 0) << QTime(18, 0) << true;
        QTest::newRow("day window, before") << QTime(8, 0) << QTime(18, 0) << QTime(7, 59, 59) << false;
        QTest::newRow("day window, after") << QTime(8, 0) << QTime(18, 0) << QTime(18, 0, 1) << false;
        QTest::newRow("night window, late evening") << QTime(22, 0) << QTime(6, 0) << QTime(23, 30) << true;
        QTest::newRow("night window, early morning") << QTime(22, 0) << QTime(6, 0) << QTime(5, 59) << true;
        QTest::newRow("night window, midnight") << QTime(22, 0) << QTime(6, 0) << QTime(0, 0) << true;
        QTest::newRow("night window, noon") << QTime(22, 0) << QTime(6, 0) << QTime(12, 0) << false;
        QTest::newRow("milliseconds are ignored")
            << QTime(8, 0) << QTime(18, 0) << QTime(18, 0, 0, 999) << true;
    }

    void contains()
    {
        QFETCH(QTime, start);
        QFETCH(QTime, end);
        QFETCH(QTime, time);
        QFETCH(bool, inside);
        QCOMPARE(OperationWindow(start, end).contains(time), inside);
    }

    void nextOpening()
    {
        const OperationWindow day(QTime(8, 0), QTime(18, 0));
        const QDate date(2026, 3, 10);
        const QDateTime early(date, QTime(6, 30), Qt::LocalTime);
        const QDateTime late(date, QTime(19, 0), Qt::LocalTime);
        const QDateTime inside(date, QTime(9, 0), Qt::LocalTime);
        QCOMPARE(day.nextOpening(early), QDateTime(date, QTime(8, 0), Qt::LocalTime));
        QCOMPARE(day.nextOpening(late), QDateTime(date.addDays(1), QTime(8, 0), Qt::LocalTime));
        QCOMPARE(day.nextOpening(inside), inside);

        const OperationWindow night(QTime(22, 0), QTime(6, 0));
        QVERIFY(night.crossesMidnight());
        QCOMPARE(night.nextOpening(QDateTime(date, QTime(12, 0), Qt::LocalTime)),
                 QDateTime(date, QTime(22, 0), Qt::LocalTime));
        QCOMPARE(night.nextOpening(QDateTime(date, QTime(2, 0), Qt::LocalTime)),
                 QDateTime(date, QTime(2, 0), Qt::LocalTime));
    }
};

QTEST_GUILESS_MAIN(TestOperationWindow)
#include "tst_operationwindow.moc"
