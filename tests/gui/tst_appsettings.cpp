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
    QCOMPARE(c.sources.first().apiUrl, d.sources.first().apiUrl);
    QCOMPARE(c.sources.first().schedule.intervalSeconds, d.sources.first().schedule.intervalSeconds);
    QCOMPARE(c.sources.first().schedule.windowStart, d.sources.first().schedule.windowStart);
    QCOMPARE(c.sources.first().schedule.windowEnd, d.sources.first().schedule.windowEnd);
    QCOMPARE(c.sources.first().mapping.patientIdPattern, d.sources.first().mapping.patientIdPattern);
    QCOMPARE(c.sources.first().mapping.scanInstrument, d.sources.first().mapping.scanInstrument);
    QCOMPARE(c.memoryWarnMbPerHour, d.memoryWarnMbPerHour);
    QCOMPARE(c.memoryCriticalMb, d.memoryCriticalMb);
    QVERIFY(c.sources.first().mapping.fieldMapping.isEmpty());
    QVERIFY(!settings.isConfigured());
    QVERIFY(!settings.startMinimized());
    QVERIFY(settings.language().isEmpty());
    QVERIFY(!settings.sessionOnlyToken());
}

void TestAppSettings::syncConfigRoundTrips()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip.ini"));
    SyncConfig c;
    c.sources.first().name = QStringLiteral("main_redcap");
    c.sources.first().apiUrl = QUrl(QStringLiteral("https://redcap.example.org/redcap/api/"));
    c.sources.first().serverTimeZone = "America/Edmonton";
    c.sources.first().allowInsecureHttp = true;
    // lantir.json names a CA file only when it is there to read.
    const QString caFile = m_dir.filePath(QStringLiteral("site-ca.pem"));
    {
        QFile pem(caFile);
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    }
    c.sources.first().caFile = caFile;
    c.sources.first().batchSize = 250;
    c.sources.first().requestTimeoutMs = 30000;
    c.sources.first().maxTries = 2;
    c.sources.first().retryBaseDelayMs = 500;
    c.sources.first().schedule.intervalSeconds = 600;
    c.sources.first().schedule.windowStart = QTime(22, 0);
    c.sources.first().schedule.windowEnd = QTime(6, 30);
    c.sources.first().schedule.overlapSeconds = 120;
    c.databasePath = m_dir.filePath(QStringLiteral("worklist.db"));
    c.busyTimeoutMs = 2000;
    c.sources.first().mapping.recordIdField = QStringLiteral("rid");
    c.sources.first().mapping.scanInstrument = QStringLiteral("scan");
    c.sources.first().mapping.sessionField = QStringLiteral("scan_session");
    c.sources.first().mapping.dateField = QStringLiteral("scan_date");
    c.sources.first().mapping.timeField = QStringLiteral("scan_time");
    c.sources.first().mapping.studyIdField = QStringLiteral("sid");
    c.sources.first().mapping.familyIdField = QStringLiteral("fid");
    c.sources.first().mapping.patientNamePattern = QStringLiteral("{study}^{family}");
    c.sources.first().mapping.patientIdPattern = QStringLiteral("sub_{study}_ses_{session}");
    c.sources.first().mapping.site = QStringLiteral("792");
    c.sources.first().mapping.protocol = QStringLiteral("DEFAULT");
    c.sources.first().mapping.protocolBySite = { { QStringLiteral("792"), QStringLiteral("BRAIN_MRI_3T") },
                                                 { QStringLiteral("793"), QStringLiteral("BRAIN_MRI_1T5") } };
    c.sources.first().mapping.codingDesignator = QStringLiteral("GEHC");
    c.sources.first().mapping.fieldMapping
        = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") },
            { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
            { QStringLiteral("mri_instance"), QStringLiteral("session_id") } };
    c.sources.first().mapping.extraFields = { QStringLiteral("youth_dob_y"), QStringLiteral("demo_sex") };
    c.memoryWarnMbPerHour = 4.5;
    c.memoryCriticalMb = 750;
    {
        AppSettings settings(path);
        settings.setSyncConfig(c);
        QVERIFY(settings.save());
    }
    AppSettings settings(path);
    QVERIFY2(settings.configError().isEmpty(), qPrintable(settings.configError()));
    const SyncConfig r = settings.syncConfig();
    QVERIFY(settings.isConfigured());
    QCOMPARE(r.sources.first().name, c.sources.first().name);
    QCOMPARE(r.sources.first().apiUrl, c.sources.first().apiUrl);
    QCOMPARE(r.sources.first().serverTimeZone, c.sources.first().serverTimeZone);
    QCOMPARE(r.sources.first().allowInsecureHttp, c.sources.first().allowInsecureHttp);
    QCOMPARE(r.sources.first().caFile, c.sources.first().caFile);
    QCOMPARE(r.sources.first().batchSize, c.sources.first().batchSize);
    QCOMPARE(r.sources.first().requestTimeoutMs, c.sources.first().requestTimeoutMs);
    QCOMPARE(r.sources.first().maxTries, c.sources.first().maxTries);
    QCOMPARE(r.sources.first().retryBaseDelayMs, c.sources.first().retryBaseDelayMs);
    QCOMPARE(r.sources.first().schedule.intervalSeconds, c.sources.first().schedule.intervalSeconds);
    QCOMPARE(r.sources.first().schedule.windowStart, c.sources.first().schedule.windowStart);
    QCOMPARE(r.sources.first().schedule.windowEnd, c.sources.first().schedule.windowEnd);
    QCOMPARE(r.sources.first().schedule.overlapSeconds, c.sources.first().schedule.overlapSeconds);
    QCOMPARE(r.databasePath, c.databasePath);
    QCOMPARE(r.busyTimeoutMs, c.busyTimeoutMs);
    QCOMPARE(r.sources.first().mapping.recordIdField, c.sources.first().mapping.recordIdField);
    QCOMPARE(r.sources.first().mapping.scanInstrument, c.sources.first().mapping.scanInstrument);
    QCOMPARE(r.sources.first().mapping.sessionField, c.sources.first().mapping.sessionField);
    QCOMPARE(r.sources.first().mapping.dateField, c.sources.first().mapping.dateField);
    QCOMPARE(r.sources.first().mapping.timeField, c.sources.first().mapping.timeField);
    QCOMPARE(r.sources.first().mapping.studyIdField, c.sources.first().mapping.studyIdField);
    QCOMPARE(r.sources.first().mapping.familyIdField, c.sources.first().mapping.familyIdField);
    QCOMPARE(r.sources.first().mapping.patientNamePattern, c.sources.first().mapping.patientNamePattern);
    QCOMPARE(r.sources.first().mapping.patientIdPattern, c.sources.first().mapping.patientIdPattern);
    QCOMPARE(r.sources.first().mapping.site, c.sources.first().mapping.site);
    QCOMPARE(r.sources.first().mapping.protocol, c.sources.first().mapping.protocol);
    QCOMPARE(r.sources.first().mapping.protocolBySite, c.sources.first().mapping.protocolBySite);
    QCOMPARE(r.sources.first().mapping.codingDesignator, c.sources.first().mapping.codingDesignator);
    QCOMPARE(r.sources.first().mapping.fieldMapping, c.sources.first().mapping.fieldMapping); // order kept
    QCOMPARE(r.sources.first().mapping.extraFields, c.sources.first().mapping.extraFields);
    QCOMPARE(r.memoryWarnMbPerHour, c.memoryWarnMbPerHour);
    QCOMPARE(r.memoryCriticalMb, c.memoryCriticalMb);
}

void TestAppSettings::emptyListsStayEmpty()
{
    const QString path = m_dir.filePath(QStringLiteral("lists.ini"));
    AppSettings settings(path);
    SyncConfig c;
    c.sources.first().mapping.fieldMapping = { { QStringLiteral("a"), QStringLiteral("patient_sex") } };
    c.sources.first().mapping.protocolBySite = { { QStringLiteral("1"), QStringLiteral("P") } };
    settings.setSyncConfig(c);
    c.sources.first().mapping.fieldMapping.clear();
    c.sources.first().mapping.protocolBySite.clear();
    settings.setSyncConfig(c);
    QVERIFY(settings.save());
    AppSettings reread(path);
    QVERIFY(reread.syncConfig().sources.first().mapping.fieldMapping.isEmpty());
    QVERIFY(reread.syncConfig().sources.first().mapping.protocolBySite.isEmpty());
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
    QCOMPARE(c.sources.first().schedule.intervalSeconds, d.sources.first().schedule.intervalSeconds);
    QCOMPARE(c.sources.first().schedule.windowStart, d.sources.first().schedule.windowStart);
    QCOMPARE(c.memoryCriticalMb, d.memoryCriticalMb);
}

QTEST_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
