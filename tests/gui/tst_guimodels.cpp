// The models behind the views: cycles table (bounded, newest first), log (bounded, fed from any
// thread by the message handler), worklist filter, and the CSV the history is exported as.

#include "CycleCsv.h"
#include "CycleTableModel.h"
#include "LogModel.h"
#include "SyntheticReports.h"
#include "TestEnvironment.h"
#include "WorklistFilterProxy.h"
#include "WorklistTableModel.h"
#include "base/Logging.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Lantir;
using namespace Lantir::Test;

class TestGuiModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cycleTableIsBoundedAndNewestFirst();
    void cycleTableKeepsOneAllocation();
    void cycleTableMergesHistoryWithoutDuplicates();
    void cycleTableShowsNumbersAndErrors();
    void logModelTakesMessagesFromOtherThreads();
    void logModelIsBounded();
    void logModelKeepsToItsTextBudget();
    void worklistFiltersByStatusDateAndText();
    void csvHasOneLinePerCycle();
    void csvWriteReportsAnUnwritablePath();
};

void TestGuiModels::cycleTableIsBoundedAndNewestFirst()
{
    CycleTableModel model(nullptr, 100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<CycleReport> reports = syntheticReports(250, QDateTime::currentDateTimeUtc());
    for (const CycleReport& r : reports)
        model.addReport(r);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.reportAt(0).cycle, qint64(250));
    QCOMPARE(model.reportAt(99).cycle, qint64(151));
    QCOMPARE(model.columnCount(), int(CycleTableModel::ColumnCount));
}

// A new cycle rotates into the one block the model holds: prepending would reallocate with slack
// every time, and the desktop app's heap would creep with it.
void TestGuiModels::cycleTableKeepsOneAllocation()
{
    CycleTableModel model(nullptr, 100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<CycleReport> reports = syntheticReports(400, QDateTime::currentDateTimeUtc());
    model.addReport(reports.constFirst());
    const CycleReport* block = model.reports().constData();
    for (qsizetype i = 1; i < reports.size(); ++i) {
        model.addReport(reports.at(i));
        QCOMPARE(model.reports().constData(), block);
    }
    QCOMPARE(model.reports().capacity(), qsizetype(100));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.reportAt(row).cycle, qint64(400 - row));
}

void TestGuiModels::cycleTableMergesHistoryWithoutDuplicates()
{
    CycleTableModel model(nullptr, 50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<CycleReport> reports = syntheticReports(80, QDateTime::currentDateTimeUtc());
    // Two live cycles arrive before the stored history (which already holds them) is read.
    model.addReport(reports.at(78));
    model.addReport(reports.at(79));
    model.addHistory(reports);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.reportAt(0).cycle, qint64(80));
    QCOMPARE(model.reportAt(1).cycle, qint64(79));
    QCOMPARE(model.reportAt(49).cycle, qint64(31));
}

void TestGuiModels::cycleTableShowsNumbersAndErrors()
{
    CycleTableModel model;
    CycleReport ok;
    ok.cycle = 1;
    ok.ok = true;
    ok.startedAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    ok.durationMs = 1234;
    ok.rowsFetched = 12;
    ok.inserted = 3;
    ok.updated = 2;
    ok.unchanged = 7;
    ok.skipped = 1;
    ok.cancelled = 4;
    ok.restored = 5;
    ok.purged = 6;
    ok.rssStartKb = 10240;
    ok.rssPeakKb = 20480;
    ok.rssEndKb = -1;
    ok.source = QStringLiteral("REDCap");
    CycleReport failed = ok;
    failed.cycle = 2;
    failed.source = QStringLiteral("Site B");
    failed.ok = false;
    failed.startedAt = ok.startedAt.addSecs(5);
    failed.error = QStringLiteral("The REDCap API refused the token (HTTP 403).\nCheck the token.");
    model.addReport(ok);
    model.addReport(failed);
    const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    // Each cycle names its source.
    QCOMPARE(text(1, CycleTableModel::Source), QStringLiteral("REDCap"));
    QCOMPARE(text(0, CycleTableModel::Source), QStringLiteral("Site B"));
    QCOMPARE(model.headerData(CycleTableModel::Source, Qt::Horizontal).toString(), QStringLiteral("Source"));
    QCOMPARE(model.index(0, CycleTableModel::Source).data(CycleTableModel::SortRole).toString(),
             QStringLiteral("Site B"));
    QCOMPARE(model.index(0, CycleTableModel::Source).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignLeft | Qt::AlignVCenter)); // text, not a number
    QCOMPARE(text(1, CycleTableModel::Fetched), QStringLiteral("12"));
    QCOMPARE(text(1, CycleTableModel::Inserted), QStringLiteral("3"));
    QCOMPARE(text(1, CycleTableModel::Skipped), QStringLiteral("1"));
    QCOMPARE(text(1, CycleTableModel::Cancelled), QStringLiteral("4"));
    QCOMPARE(text(1, CycleTableModel::Restored), QStringLiteral("5"));
    QCOMPARE(text(1, CycleTableModel::Purged), QStringLiteral("6"));
    QCOMPARE(model.headerData(CycleTableModel::Cancelled, Qt::Horizontal).toString(),
             QStringLiteral("Cancelled"));
    QCOMPARE(text(1, CycleTableModel::RssStart), QStringLiteral("10.0"));
    QCOMPARE(text(1, CycleTableModel::RssPeak), QStringLiteral("20.0"));
    QCOMPARE(text(1, CycleTableModel::RssEnd), QString());
    QCOMPARE(text(1, CycleTableModel::Duration), QStringLiteral("1.23 s"));
    QCOMPARE(text(1, CycleTableModel::Result), QStringLiteral("OK"));
    QCOMPARE(text(0, CycleTableModel::Result),
             QStringLiteral("The REDCap API refused the token (HTTP 403)."));
    // The tooltip has the whole of core's explanation, after a headline in the user's language.
    QCOMPARE(model.index(0, CycleTableModel::Result).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Sync failed: ") + failed.error);
    QCOMPARE(model.index(1, CycleTableModel::Inserted).data(CycleTableModel::SortRole).toLongLong(),
             qint64(3));
    QCOMPARE(model.headerData(CycleTableModel::RssPeak, Qt::Horizontal).toString(),
             QStringLiteral("RSS peak (MB)"));
}

void TestGuiModels::logModelTakesMessagesFromOtherThreads()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LogModel::install(&model);
    QThread* thread = QThread::create([] {
        for (int i = 0; i < 200; ++i)
            qCWarning(lcSync) << "message from the sync thread" << i;
    });
    thread->start();
    QVERIFY(thread->wait(TestEnvironment::scaledMs(10000)));
    delete thread;
    qCInfo(lcMemory) << "message from the GUI thread";
    QTRY_COMPARE(model.rowCount(), 201);
    QCOMPARE(model.entryAt(0).category, QStringLiteral("lantir.sync"));
    QCOMPARE(model.entryAt(0).type, QtWarningMsg);
    QVERIFY(model.entryAt(0).message.contains(QStringLiteral("message from the sync thread 0")));
    QVERIFY(model.entryAt(199).message.contains(QStringLiteral("thread 199")));
    QCOMPARE(model.entryAt(200).category, QStringLiteral("lantir.memory"));
    QCOMPARE(model.index(0, LogModel::Level).data().toString(), QStringLiteral("Warning"));
    QCOMPARE(model.index(0, LogModel::Level).data(LogModel::SeverityRole).toInt(), 2);
    LogModel::uninstall();
    qCInfo(lcSync) << "not captured";
    QTest::qWait(20); // a message that must not arrive has no event to wait on
    QCOMPARE(model.rowCount(), 201);
}

void TestGuiModels::logModelIsBounded()
{
    LogModel model(nullptr, 500);
    LogModel::install(&model);
    QThread* thread = QThread::create([] {
        for (int i = 0; i < 3000; ++i)
            qCInfo(lcStore) << "row" << i;
    });
    thread->start();
    QVERIFY(thread->wait(TestEnvironment::scaledMs(10000)));
    delete thread;
    QTRY_VERIFY(model.rowCount() > 0
                && model.entryAt(model.rowCount() - 1).message == QStringLiteral("row 2999"));
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(model.entryAt(0).message, QStringLiteral("row 2500"));
    {
        // A model that goes away stops receiving by itself.
        auto* shortLived = new LogModel();
        LogModel::install(shortLived);
        delete shortLived;
        qCInfo(lcStore) << "nobody listens";
    }
    LogModel::uninstall();
}

void TestGuiModels::logModelKeepsToItsTextBudget()
{
    // 64 KiB of text at most: long messages drop the oldest rows long before the row cap.
    constexpr qint64 Budget = 64 * 1024;
    LogModel model(nullptr, 5000, Budget);
    const QString kilobyteLine(512, QLatin1Char('x')); // 1 KiB as UTF-16
    for (int i = 0; i < 1000; ++i)
        model.append(LogEntry { QDateTime::currentDateTimeUtc(), QtInfoMsg, QStringLiteral("lantir.sync"),
                                kilobyteLine + QString::number(i) });
    QVERIFY2(model.textBytes() <= Budget, qPrintable(QString::number(model.textBytes())));
    QVERIFY2(model.rowCount() > 40 && model.rowCount() < 64, qPrintable(QString::number(model.rowCount())));
    QVERIFY(model.entryAt(model.rowCount() - 1).message.endsWith(QLatin1String("999")));
    // The count kept matches the rows held, after drops and after a clear.
    qint64 counted = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        counted += qint64(sizeof(LogEntry)) + model.entryAt(row).message.size() * 2;
    QCOMPARE(model.textBytes(), counted);

    // A message larger than the whole budget still shows, alone.
    model.append(LogEntry { QDateTime::currentDateTimeUtc(), QtWarningMsg, QString(),
                            QString(40000, QLatin1Char('y')) });
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.entryAt(0).message.size(), 40000);
    model.clear();
    QCOMPARE(model.textBytes(), 0);
}

void TestGuiModels::worklistFiltersByStatusDateAndText()
{
    WorklistTableModel model;
    WorklistFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto row = [](int id, const QString& patient, const QString& date, const QString& status) {
        WorklistRow r;
        r[Worklist::Id] = QString::number(id);
        r[Worklist::PatientId] = patient;
        r[Worklist::PatientName] = QStringLiteral("cpip-id-%1").arg(id);
        r[Worklist::ScheduledStartDate] = date;
        r[Worklist::PerformedProcedureStepStatus] = status;
        return r;
    };
    model.setRows({
        row(1, QStringLiteral("sub_1_ses_1"), QStringLiteral("2026-11-20"), QStringLiteral("SCHEDULED")),
        row(2, QStringLiteral("sub_2_ses_1"), QStringLiteral("2026-11-22"), QStringLiteral("COMPLETED")),
        row(3, QStringLiteral("sub_3_ses_1"), QStringLiteral("20261125"), QStringLiteral("SCHEDULED")),
        row(10, QStringLiteral("sub_10_ses_2"), QString(), QStringLiteral("IN_PROGRESS")),
    });
    QCOMPARE(proxy.rowCount(), 4);
    proxy.setStatus(QStringLiteral("SCHEDULED"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setDateRange(QDate(2026, 11, 21), QDate());
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, Worklist::Id).data().toString(), QStringLiteral("3"));
    proxy.setStatus(QString());
    proxy.setDateRange(QDate(2026, 11, 21), QDate(2026, 11, 23));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, Worklist::Id).data().toString(), QStringLiteral("2"));
    proxy.setDateRange(QDate(), QDate());
    proxy.setText(QStringLiteral("SUB_1"));
    QCOMPARE(proxy.rowCount(), 2); // sub_1_ses_1 and sub_10_ses_2
    proxy.setText(QString());

    // Ids sort as numbers, not text.
    proxy.sort(Worklist::Id, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, Worklist::Id).data().toString(), QStringLiteral("10"));
    QCOMPARE(model.headerData(Worklist::PerformedProcedureStepStatus, Qt::Horizontal).toString(),
             QStringLiteral("Status"));
}

void TestGuiModels::csvHasOneLinePerCycle()
{
    QList<CycleReport> reports = syntheticReports(3, QDateTime(QDate(2026, 11, 22), QTime(14, 0), Qt::UTC));
    reports[1].ok = false;
    reports[1].error = QStringLiteral("REDCap said \"no\", twice");
    reports[2].rssEndKb = -1;
    reports[0].source = QStringLiteral("REDCap");
    reports[1].source = QStringLiteral("Site B, annex"); // quoted: it has a comma
    reports[2].source = QStringLiteral("REDCap");
    const QList<QByteArray> lines = CycleCsv::toCsv(reports).split('\n');
    QCOMPARE(lines.size(), 5); // header, 3 cycles, empty after the last line break
    QVERIFY(lines.at(0).startsWith("started_at,cycle,ok,error,"));
    const int columns = static_cast<int>(lines.at(0).count(',')) + 1;
    QCOMPARE(columns, 29);
    QVERIFY(lines.at(0).endsWith(",window_end,cancelled,restored,purged,source\r"));
    QVERIFY(lines.at(1).endsWith(",REDCap\r"));
    QVERIFY(lines.at(2).endsWith(",\"Site B, annex\"\r"));
    QVERIFY(lines.at(1).startsWith("2026-11-22T13:00:00.000Z,1,true,,false,false,"));
    QVERIFY(lines.at(2).contains(",false,\"REDCap said \"\"no\"\", twice\",false,false,"));
    QVERIFY(lines.at(3).startsWith("2026-11-22T14:00:00.000Z,3,true,"));
    QVERIFY(lines.at(3).contains(",41160,49452,,")); // start, peak, unknown end
    QVERIFY(lines.at(4).isEmpty());
}

void TestGuiModels::csvWriteReportsAnUnwritablePath()
{
    QTemporaryDir dir;
    const Result<void> written = CycleCsv::write(dir.filePath(QStringLiteral("no/such/dir/x.csv")), {});
    QVERIFY(!written);
    QVERIFY(written.error().message.contains(QStringLiteral("x.csv")));
    const QString good = dir.filePath(QStringLiteral("x.csv"));
    QVERIFY(CycleCsv::write(good, syntheticReports(2, QDateTime::currentDateTimeUtc())).ok());
    QFile file(good);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 3);
}

QTEST_MAIN(TestGuiModels)
#include "tst_guimodels.moc"
