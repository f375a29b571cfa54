// lantir-sync as the scanner's worklist server: the real program, started with --dicom-port on a
// pylantir configuration, answering DCMTK's findscu; a port in use ends it with exit status 2.
#include "DicomTools.h"
#include "TestEnvironment.h"

#include <QDate>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>

using Lantir::Test::DicomTools;
using Lantir::Test::TestEnvironment;

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

class TestLantirSyncDicom : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeConfig(const QString& db)
    {
        const QString path = m_dir.filePath(QStringLiteral("mwl_config.json"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QStringLiteral("{\"db_path\": \"%1\", \"allowed_aet\": [\"SCANNER\"]}").arg(db).toUtf8());
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    bool requireTools()
    {
        const QString missing = DicomTools::missing();
        if (missing.isEmpty())
            return true;
        if (qgetenv("CI") == "true")
            qFatal("%s", qPrintable(missing));
        return false;
    }

private Q_SLOTS:
    void servesFindscuWithoutSyncing()
    {
        if (!requireTools())
            QSKIP("echoscu/findscu not installed");
        const QString db = m_dir.filePath(QStringLiteral("worklist.db"));
        const quint16 port = freePort();
        QProcess sync;
        sync.setProcessChannelMode(QProcess::MergedChannels);
        sync.start(TestEnvironment::lantirSyncBinary(),
                   { QStringLiteral("--config"), writeConfig(db), QStringLiteral("--no-sync"),
                     QStringLiteral("--dicom-port"), QString::number(port) });
        QVERIFY(sync.waitForStarted());
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += sync.readAll()).contains("Worklist server listening"),
                                 int(TestEnvironment::scaledMs(10000)));
        {
            QSqlDatabase conn
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
            conn.setDatabaseName(db);
            QVERIFY(conn.open());
            QSqlQuery q(conn);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO worklist_items (patient_name, patient_id, "
                                          "patient_weight_lb, scheduled_start_date, "
                                          "scheduled_start_time, performed_procedure_step_status) VALUES "
                                          "('cpip-id-01^fa-02', 'sub_01', '200', "
                                          "'%1', '09:15', 'SCHEDULED')")
                               .arg(QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd")))));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
        const QString today = QDate::currentDate().toString(QStringLiteral("yyyyMMdd"));
        auto answers
            = DicomTools::find(port,
                               { QStringLiteral("PatientID="), QStringLiteral("PatientWeight="),
                                 QStringLiteral("(0040,0100)[0].ScheduledProcedureStepStartDate=") + today,
                                 QStringLiteral("(0040,0100)[0].ScheduledStationAETitle=") },
                               m_dir.filePath(QStringLiteral("answers")));
        QCOMPARE(answers.size(), std::size_t(1));
        QCOMPARE(DicomTools::value(*answers.front(), DCM_PatientWeight), QStringLiteral("90.7"));
        QCOMPARE(DicomTools::stepValue(*answers.front(), DCM_ScheduledStationAETitle),
                 QStringLiteral("SCANNER"));
        // lantir-sync loads only the standard dictionary; a query with a vendor's private element
        // is still read and answered.
        auto withPrivate
            = DicomTools::find(port,
                               { QStringLiteral("PatientID=sub_01"), QStringLiteral("(0009,0010)=ACME 1.0"),
                                 QStringLiteral("(0009,1001)=") },
                               m_dir.filePath(QStringLiteral("answers-private")));
        QCOMPARE(withPrivate.size(), std::size_t(1));
        // pylantir's allowed_aet holds.
        QVERIFY(DicomTools::echo(port, QStringLiteral("OTHER")).exitCode != 0);

        sync.terminate();
        QVERIFY(sync.waitForFinished(int(TestEnvironment::scaledMs(5000))));
        QCOMPARE(sync.exitCode(), 0);
    }

    void portInUseExitsWithStatusTwo()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::Any, 0));
        QProcess sync;
        sync.setProcessChannelMode(QProcess::MergedChannels);
        sync.start(TestEnvironment::lantirSyncBinary(),
                   { QStringLiteral("--config"), writeConfig(m_dir.filePath(QStringLiteral("other.db"))),
                     QStringLiteral("--no-sync"), QStringLiteral("--dicom-port"),
                     QString::number(holder.serverPort()) });
        QVERIFY(sync.waitForFinished(int(TestEnvironment::scaledMs(10000))));
        const QByteArray output = sync.readAll();
        QCOMPARE(sync.exitCode(), 2);
        QVERIFY2(output.contains("in use"), output.constData());
    }

    void noSyncWithoutServerIsUsageError()
    {
        QProcess sync;
        sync.start(TestEnvironment::lantirSyncBinary(),
                   { QStringLiteral("--config"), writeConfig(m_dir.filePath(QStringLiteral("third.db"))),
                     QStringLiteral("--no-sync") });
        QVERIFY(sync.waitForFinished(int(TestEnvironment::scaledMs(10000))));
        QCOMPARE(sync.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestLantirSyncDicom)
#include "tst_lantirsyncdicom.moc"
