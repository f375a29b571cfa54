#include "AppSettings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;

class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyFileGivesDefaults();
    void syncConfigRoundTrips();
    void emptyListsStayEmpty();
    void applicationValuesRoundTrip();
    void saveEmitsChanged();
    void saveReportsUnwritableFile();
    void damagedValuesFallBackToDefaults();

private:
    QTemporaryDir m_dir;
};

void TestAppSettings::emptyFileGivesDefaults()
{
    AppSettings settings(m_dir.filePath(QStringLiteral("empty.ini")));
    const SyncConfig c = settings.syncConfig();
    const SyncConfig d;
    QCOMPARE(c.apiUrl, d.apiUrl);
    QCOMPARE(c.schedule.intervalSeconds, d.schedule.intervalSeconds);
    QCOMPARE(c.schedule.windowStart, d.schedule.windowStart);
    QCOMPARE(c.schedule.windowEnd, d.schedule.windowEnd);
    QCOMPARE(c.mapping.patientIdPattern, d.mapping.patientIdPattern);
    QCOMPARE(c.mapping.scanInstrument, d.mapping.scanInstrument);
    QCOMPARE(c.memoryWarnMbPerHour, d.memoryWarnMbPerHour);
    QCOMPARE(c.memoryCriticalMb, d.memoryCriticalMb);
    QVERIFY(c.mapping.fieldMapping.isEmpty());
    QVERIFY(!settings.isConfigured());
    QVERIFY(!settings.startMinimized());
    QVERIFY(settings.language().isEmpty());
    QVERIFY(!settings.sessionOnlyToken());
}

void TestAppSettings::syncConfigRoundTrips()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip.ini"));
    SyncConfig c;
    c.sourceName = QStringLiteral("main_redcap");
    c.apiUrl = QUrl(QStringLiteral("https://redcap.example.org/redcap/api/"));
    c.serverTimeZone = "America/Edmonton";
    c.allowInsecureHttp = true;
    c.caFile = QStringLiteral("/etc/ssl/site-ca.pem");
    c.batchSize = 250;
    c.requestTimeoutMs = 30000;
    c.maxTries = 2;
    c.retryBaseDelayMs = 500;
    c.schedule.intervalSeconds = 600;
    c.schedule.windowStart = QTime(22, 0);
    c.schedule.windowEnd = QTime(6, 30);
    c.schedule.overlapSeconds = 120;
    c.databasePath = m_dir.filePath(QStringLiteral("worklist.db"));
    c.busyTimeoutMs = 2000;
    c.mapping.recordIdField = QStringLiteral("rid");
    c.mapping.scanInstrument = QStringLiteral("scan");
    c.mapping.sessionField = QStringLiteral("scan_session");
    c.mapping.dateField = QStringLiteral("scan_date");
    c.mapping.timeField = QStringLiteral("scan_time");
    c.mapping.studyIdField = QStringLiteral("sid");
    c.mapping.familyIdField = QStringLiteral("fid");
    c.mapping.patientNamePattern = QStringLiteral("{study}^{family}");
    c.mapping.patientIdPattern = QStringLiteral("sub_{study}_ses_{session}");
    c.mapping.site = QStringLiteral("792");
    c.mapping.protocol = QStringLiteral("DEFAULT");
    c.mapping.protocolBySite = { { QStringLiteral("792"), QStringLiteral("BRAIN_MRI_3T") },
                                 { QStringLiteral("793"), QStringLiteral("BRAIN_MRI_1T5") } };
    c.mapping.codingDesignator = QStringLiteral("GEHC");
    c.mapping.fieldMapping = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") },
                               { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
                               { QStringLiteral("mri_instance"), QStringLiteral("session_id") } };
    c.mapping.extraFields = { QStringLiteral("youth_dob_y"), QStringLiteral("demo_sex") };
    c.memoryWarnMbPerHour = 4.5;
    c.memoryCriticalMb = 750;
    {
        AppSettings settings(path);
        settings.setSyncConfig(c);
        QVERIFY(settings.save());
    }
    AppSettings settings(path);
    const SyncConfig r = settings.syncConfig();
    QVERIFY(settings.isConfigured());
    QCOMPARE(r.sourceName, c.sourceName);
    QCOMPARE(r.apiUrl, c.apiUrl);
    QCOMPARE(r.serverTimeZone, c.serverTimeZone);
    QCOMPARE(r.allowInsecureHttp, c.allowInsecureHttp);
    QCOMPARE(r.caFile, c.caFile);
    QCOMPARE(r.batchSize, c.batchSize);
    QCOMPARE(r.requestTimeoutMs, c.requestTimeoutMs);
    QCOMPARE(r.maxTries, c.maxTries);
    QCOMPARE(r.retryBaseDelayMs, c.retryBaseDelayMs);
    QCOMPARE(r.schedule.intervalSeconds, c.schedule.intervalSeconds);
    QCOMPARE(r.schedule.windowStart, c.schedule.windowStart);
    QCOMPARE(r.schedule.windowEnd, c.schedule.windowEnd);
    QCOMPARE(r.schedule.overlapSeconds, c.schedule.overlapSeconds);
    QCOMPARE(r.databasePath, c.databasePath);
    QCOMPARE(r.busyTimeoutMs, c.busyTimeoutMs);
    QCOMPARE(r.mapping.recordIdField, c.mapping.recordIdField);
    QCOMPARE(r.mapping.scanInstrument, c.mapping.scanInstrument);
    QCOMPARE(r.mapping.sessionField, c.mapping.sessionField);
    QCOMPARE(r.mapping.dateField, c.mapping.dateField);
    QCOMPARE(r.mapping.timeField, c.mapping.timeField);
    QCOMPARE(r.mapping.studyIdField, c.mapping.studyIdField);
    QCOMPARE(r.mapping.familyIdField, c.mapping.familyIdField);
    QCOMPARE(r.mapping.patientNamePattern, c.mapping.patientNamePattern);
    QCOMPARE(r.mapping.patientIdPattern, c.mapping.patientIdPattern);
    QCOMPARE(r.mapping.site, c.mapping.site);
    QCOMPARE(r.mapping.protocol, c.mapping.protocol);
    QCOMPARE(r.mapping.protocolBySite, c.mapping.protocolBySite);
    QCOMPARE(r.mapping.codingDesignator, c.mapping.codingDesignator);
    QCOMPARE(r.mapping.fieldMapping, c.mapping.fieldMapping); // order kept
    QCOMPARE(r.mapping.extraFields, c.mapping.extraFields);
    QCOMPARE(r.memoryWarnMbPerHour, c.memoryWarnMbPerHour);
    QCOMPARE(r.memoryCriticalMb, c.memoryCriticalMb);
}

void TestAppSettings::emptyListsStayEmpty()
{
    const QString path = m_dir.filePath(QStringLiteral("lists.ini"));
    AppSettings settings(path);
    SyncConfig c;
    c.mapping.fieldMapping = { { QStringLiteral("a"), QStringLiteral("patient_sex") } };
    c.mapping.protocolBySite = { { QStringLiteral("1"), QStringLiteral("P") } };
    settings.setSyncConfig(c);
    c.mapping.fieldMapping.clear();
    c.mapping.protocolBySite.clear();
    settings.setSyncConfig(c);
    QVERIFY(settings.save());
    AppSettings reread(path);
    QVERIFY(reread.syncConfig().mapping.fieldMapping.isEmpty());
    QVERIFY(reread.syncConfig().mapping.protocolBySite.isEmpty());
}

void TestAppSettings::applicationValuesRoundTrip()
{
    const QString path = m_dir.filePath(QStringLiteral("app.ini"));
    {
        AppSettings settings(path);
        settings.setStartMinimized(true);
        settings.setLanguage(QStringLiteral("fr"));
        settings.setSessionOnlyToken(true);
        QVERIFY(settings.save());
    }
    AppSettings settings(path);
    QVERIFY(settings.startMinimized());
    QCOMPARE(settings.language(), QStringLiteral("fr"));
    QVERIFY(settings.sessionOnlyToken());
    QCOMPARE(settings.fileName(), path);
}

void TestAppSettings::saveEmitsChanged()
{
    AppSettings settings(m_dir.filePath(QStringLiteral("signal.ini")));
    QSignalSpy changed(&settings, &AppSettings::changed);
    settings.setLanguage(QStringLiteral("es"));
    QCOMPARE(changed.count(), 0); // setters alone do not announce anything
    QVERIFY(settings.save());
    QCOMPARE(changed.count(), 1);
}

void TestAppSettings::saveReportsUnwritableFile()
{
    // A path under a regular file can never be created.
    const QString blocker = m_dir.filePath(QStringLiteral("not-a-folder"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    AppSettings settings(blocker + QStringLiteral("/settings.ini"));
    settings.setLanguage(QStringLiteral("fr"));
    QString error;
    QVERIFY(!settings.save(&error));
    QVERIFY2(error.contains(QStringLiteral("not-a-folder")), qPrintable(error));
}

void TestAppSettings::damagedValuesFallBackToDefaults()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[schedule]\nintervalSeconds=often\nwindowStart=25:99:00\n[memory]\ncriticalMb=lots\n");
    file.close();
    AppSettings settings(path);
    const SyncConfig c = settings.syncConfig();
    const SyncConfig d;
    QCOMPARE(c.schedule.intervalSeconds, d.schedule.intervalSeconds);
    QCOMPARE(c.schedule.windowStart, d.schedule.windowStart);
    QCOMPARE(c.memoryCriticalMb, d.memoryCriticalMb);
}

QTEST_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
