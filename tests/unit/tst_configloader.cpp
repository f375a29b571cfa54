#include "ConfigTestSupport.h"
#include "config/ConfigLoader.h"
#include "config/DatabaseTarget.h"
#include "redcap/RedcapClientOptions.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Lantir;
using Lantir::Test::anyContains;
using Lantir::Test::load;

namespace {

QString fixturePath(const char* name)
{
    return QStringLiteral(LANTIR_FIXTURES_DIR "/config/") + QString::fromUtf8(name);
}

QString fixtureDir()
{
    return QDir::cleanPath(QStringLiteral(LANTIR_FIXTURES_DIR "/config"));
}

QStringList withoutUrlWarning(QStringList warnings)
{
    warnings.removeIf([](const QString& w) { return w.contains(QStringLiteral("no REDCap API URL")); });
    return warnings;
}

bool writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size()
        && file.setPermissions(permissions);
}

using FieldMapping = QList<QPair<QString, QString>>;

} // namespace

class TestConfigLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanupTestCase();

    void pylantirLegacyFixture();
    void pylantirLegacyDefaults();
    void pylantirDataSourcesFixture();
    void pylantirShippedDefaultIsAnError();
    void pylantirDataSourceVariants();
    void lantirFixture();
    void lantirDefaults();
    void documentedDefaults();
    void roundTrip_data();
    void roundTrip();
    void roundTripOfFixture();
    void unknownKeysWarn();
    void invalidValues_data();
    void invalidValues();
    void environmentUrl();
    void urlRules_data();
    void urlRules();
    void fileErrors();
    void requestedFields();
    void token_data();
    void token();
    void tokenFromEnvironment();
    void tokenFileErrors();
    void tokenFileReadableByOthersWarns();
    void postgresEveryKey();
    void postgresDefaults();
    void otherDriversSettingsDoNotMakeConfigsDiffer();
    void databaseRefusals_data();
    void databaseRefusals();
    void postgresCaFileWithoutReadRight();
    void postgresPasswordRefused();
    void databaseRoundTrip_data();
    void databaseRoundTrip();
    void fileWithoutDriverIsSqlite();
};

namespace {
// The defaults docs/CONFIGURATION.md and the README promise, spelled out literally.
void verifyDocumentedDefaults(const Lantir::SyncConfig& c)
{
    QCOMPARE(c.sources.size(), 1);
    QCOMPARE(c.sources.first().enabled, true);
    QVERIFY(c.sources.first().tokenFile.isEmpty());
    QCOMPARE(c.sources.first().name, QStringLiteral("REDCap"));
    QVERIFY(c.sources.first().serverTimeZone.isEmpty());
    QCOMPARE(c.sources.first().allowInsecureHttp, false);
    QVERIFY(c.sources.first().caFile.isEmpty());
    QCOMPARE(c.sources.first().batchSize, 500);
    QCOMPARE(c.sources.first().requestTimeoutMs, 120000);
    QCOMPARE(c.sources.first().maxTries, 4);
    QCOMPARE(c.sources.first().retryBaseDelayMs, 1000);
    QCOMPARE(c.busyTimeoutMs, 10000);
    QCOMPARE(c.sources.first().schedule.intervalSeconds, 1800);
    QCOMPARE(c.sources.first().schedule.overlapSeconds, 300);
    QCOMPARE(c.sources.first().schedule.windowStart, QTime(0, 0));
    QCOMPARE(c.sources.first().schedule.windowEnd, QTime(23, 59, 59));
    QCOMPARE(c.sources.first().mapping.recordIdField, QStringLiteral("record_id"));
    QCOMPARE(c.sources.first().mapping.scanInstrument, QStringLiteral("mri"));
    QCOMPARE(c.sources.first().mapping.sessionField, QStringLiteral("mri_instance"));
    QCOMPARE(c.sources.first().mapping.dateField, QStringLiteral("mri_date"));
    QCOMPARE(c.sources.first().mapping.timeField, QStringLiteral("mri_time"));
    QCOMPARE(c.sources.first().mapping.studyIdField, QStringLiteral("study_id"));
    QCOMPARE(c.sources.first().mapping.familyIdField, QStringLiteral("family_id"));
    QCOMPARE(c.sources.first().mapping.patientNamePattern, QStringLiteral("cpip-id-{study}^fa-{family}"));
    QCOMPARE(c.sources.first().mapping.patientIdPattern,
             QStringLiteral("sub_{study}_ses_{session}_fam_{family}_site_{site}"));
    QVERIFY(c.sources.first().mapping.site.isEmpty());
    QVERIFY(c.sources.first().mapping.protocol.isEmpty());
    QVERIFY(c.sources.first().mapping.protocolBySite.isEmpty());
    QVERIFY(c.sources.first().mapping.codingDesignator.isEmpty());
    QVERIFY(c.sources.first().mapping.fieldMapping.isEmpty());
    QVERIFY(c.sources.first().mapping.extraFields.isEmpty());
    QCOMPARE(c.memoryWarnMbPerHour, 10.0);
    QCOMPARE(c.memoryCriticalMb, 500.0);
}
} // namespace

void TestConfigLoader::documentedDefaults()
{
    verifyDocumentedDefaults(Lantir::SyncConfig {});
    if (QTest::currentTestFailed())
        return;

    const Lantir::RedcapClientOptions client;
    QCOMPARE(client.timeoutMs, 120000);
    QCOMPARE(client.maxTries, 4);
    QCOMPARE(client.retryBaseDelayMs, 1000);
    QCOMPARE(client.allowInsecureHttp, false);
    QVERIFY(client.serverTimeZone.isEmpty());
    QVERIFY(client.caFile.isEmpty());

    // A minimal file: only what has no default.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("minimal.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"source": {"api_url": "https://redcap.example.org/api/"}})");
    file.close();
    const auto loaded = Lantir::ConfigLoader::loadFile(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QVERIFY(loaded.value().warnings.isEmpty());
    QCOMPARE(loaded.value().sources.first().apiUrl, QUrl(QStringLiteral("https://redcap.example.org/api/")));
    verifyDocumentedDefaults(loaded.value());
}

void TestConfigLoader::init()
{
    qunsetenv("REDCAP_API_URL");
    qunsetenv("REDCAP_API_TOKEN");
}

void TestConfigLoader::cleanupTestCase()
{
    init();
}

void TestConfigLoader::pylantirLegacyFixture()
{
    qputenv("REDCAP_API_URL", "https://redcap.example.org/redcap/api/");
    const auto result = ConfigLoader::loadFile(fixturePath("pylantir_legacy.json"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const SyncConfig& c = result.value();

    QCOMPARE(c.sources.size(), 1);
    QCOMPARE(c.sources.first().name, QStringLiteral("redcap_legacy"));
    QCOMPARE(c.sources.first().apiUrl, QUrl(QStringLiteral("https://redcap.example.org/redcap/api/")));
    QCOMPARE(c.databasePath, fixtureDir() + QStringLiteral("/data/worklist.db"));
    QCOMPARE(c.sources.first().schedule.intervalSeconds, 1800);
    QCOMPARE(c.sources.first().schedule.windowStart, QTime(7, 30));
    QCOMPARE(c.sources.first().schedule.windowEnd,
             QTime(19, 0, 59)); // pylantir includes the whole end minute
    QCOMPARE(c.sources.first().schedule.overlapSeconds, 300);
    QCOMPARE(c.sources.first().mapping.site, QStringLiteral("792"));
    QCOMPARE(c.sources.first().mapping.protocol, QString());
    QCOMPARE(c.sources.first().mapping.protocolBySite.value(QStringLiteral("792")),
             QStringLiteral("BRAIN_MRI_3T"));
    QCOMPARE(c.sources.first().mapping.protocolBySite.size(), 1);
    QCOMPARE(c.sources.first().mapping.codingDesignator, QStringLiteral("GEHC"));
    QCOMPARE(c.sources.first().mapping.fieldMapping.size(), 12);
    QVERIFY(c.sources.first().mapping.fieldMapping.contains(
        { QStringLiteral("mri_wt_lbs"), QStringLiteral("patient_weight_lb") }));
    QVERIFY(c.sources.first().mapping.fieldMapping.contains(
        { QStringLiteral("scheduled_date"), QStringLiteral("scheduled_start_date") }));
    // pylantir's fixed fields stay the defaults.
    QCOMPARE(c.sources.first().mapping.scanInstrument, QStringLiteral("mri"));
    QCOMPARE(c.sources.first().mapping.patientIdPattern, MappingConfig().patientIdPattern);
    // Only the status mapping is worth a word: api, allowed_aet, db_echo, mri_visit_session_mapping
    // and the _comment are known and silent.
    QCOMPARE(c.warnings.size(), 1);
    QVERIFY(c.warnings.first().contains(QStringLiteral("redcap2wl.status")));
    QVERIFY(c.warnings.first().contains(QStringLiteral("MPPS")));
}

void TestConfigLoader::pylantirLegacyDefaults()
{
    const auto result
        = load(R"({"site": 792, "redcap2wl": {"demo_sex": "patient_sex"}, "protocol": "BRAIN"})");
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const SyncConfig& c = result.value();
    QCOMPARE(c.sources.first().name, QStringLiteral("redcap_legacy"));
    QCOMPARE(c.sources.first().mapping.site, QStringLiteral("792"));
    QCOMPARE(c.sources.first().mapping.protocol, QStringLiteral("BRAIN"));
    QVERIFY(c.sources.first().mapping.protocolBySite.isEmpty());
    QCOMPARE(c.sources.first().mapping.codingDesignator, QString());
    QCOMPARE(c.databasePath, QDir::homePath() + QStringLiteral("/Desktop/worklist.db"));
    QCOMPARE(c.sources.first().schedule.intervalSeconds, 60);
    QCOMPARE(c.sources.first().schedule.windowStart, QTime(0, 0));
    QCOMPARE(c.sources.first().schedule.windowEnd, QTime(23, 59, 59));
    QVERIFY(c.sources.first().apiUrl.isEmpty());
    QVERIFY(anyContains(c.warnings, QStringLiteral("no REDCap API URL")));
}

void TestConfigLoader::pylantirDataSourcesFixture()
{
    qputenv("REDCAP_API_URL", "https://redcap.example.org/api/");
    const auto result = ConfigLoader::loadFile(fixturePath("pylantir_data_sources.json"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const SyncConfig& c = result.value();
    // The enabled REDCap entry; the disabled one is not synced.
    QCOMPARE(c.sources.size(), 1);
    QCOMPARE(c.sources.first().name, QStringLiteral("main_redcap"));
    QCOMPARE(c.databasePath, QDir::homePath() + QStringLiteral("/Desktop/worklist.db"));
    QCOMPARE(c.sources.first().schedule.intervalSeconds, 60);
    QCOMPARE(c.sources.first().schedule.windowStart, QTime(8, 0));
    QCOMPARE(c.sources.first().schedule.windowEnd, QTime(18, 0, 59));
    QCOMPARE(c.sources.first().mapping.site, QStringLiteral("792"));
    QCOMPARE(c.sources.first().mapping.protocolBySite.value(QStringLiteral("792")),
             QStringLiteral("BRAIN_MRI_3T"));
    QCOMPARE(c.sources.first().mapping.codingDesignator, QStringLiteral("GEHC"));
    // Object keys come in alphabetical order.
    const FieldMapping expected { { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
                                  { QStringLiteral("family_id"), QStringLiteral("family_id") },
                                  { QStringLiteral("mri_date"), QStringLiteral("scheduled_start_date") },
                                  { QStringLiteral("mri_instance"), QStringLiteral("session_id") },
                                  { QStringLiteral("mri_time"), QStringLiteral("scheduled_start_time") },
                                  { QStringLiteral("study_id"), QStringLiteral("study_id") },
                                  { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") } };
    QCOMPARE(c.sources.first().mapping.fieldMapping, expected);
    // The enabled Calpendo source is worth a word; the disabled REDCap one is not.
    QCOMPARE(c.warnings.size(), 1);
    QVERIFY(c.warnings.first().contains(QStringLiteral("data_sources[0]")));
    QVERIFY(c.warnings.first().contains(QStringLiteral("calpendo")));
}

void TestConfigLoader::pylantirShippedDefaultIsAnError()
{
    const auto result = ConfigLoader::loadFile(fixturePath("pylantir_shipped_default.json"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Config);
    QVERIFY2(result.error().message.contains(QStringLiteral("data_sources")),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QStringLiteral("no enabled source of type \"redcap\"")));
    QVERIFY(result.error().message.contains(QStringLiteral("redcap2wl")));
    QVERIFY(result.error().message.contains(QStringLiteral("pylantir_shipped_default.json")));
}

void TestConfigLoader::pylantirDataSourceVariants()
{
    {
        const auto r = load(
            R"({"data_sources": [{"type": "redcap", "config": {"site_id": "793", "protocol": "P15"}}]})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().sources.first().name,
                 QStringLiteral("REDCap")); // no name: what pylantir writes to data_source
        QCOMPARE(r.value().sources.first().mapping.site, QStringLiteral("793"));
        QCOMPARE(r.value().sources.first().mapping.protocol, QStringLiteral("P15"));
        QCOMPARE(r.value().sources.first().schedule.intervalSeconds, 60);
        QVERIFY(r.value().sources.first().mapping.fieldMapping.isEmpty());
    }
    {
        const auto r = load(R"({"data_sources": [
            {"name": "a", "type": "redcap", "enabled": false},
            {"name": "b", "type": "redcap", "sync_interval": 120, "config": {"site": "1", "site_id": "2"}},
            {"name": "c", "type": "redcap"}]})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        // Every enabled REDCap entry is a source of its own, in the file's order; 'a' is off.
        const QList<SourceConfig>& sources = r.value().sources;
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources.at(0).name, QStringLiteral("b"));
        QCOMPARE(sources.at(0).schedule.intervalSeconds, 120);
        QCOMPARE(sources.at(0).mapping.site, QStringLiteral("1")); // site wins over site_id
        QCOMPARE(sources.at(1).name, QStringLiteral("c"));
        QCOMPARE(sources.at(1).schedule.intervalSeconds, 60); // pylantir's default, not b's
        QVERIFY(sources.at(1).mapping.site.isEmpty());
        QVERIFY(r.value().findSource(QStringLiteral("a")) == nullptr);
        // Nothing is skipped, so nothing to warn about but the missing URL (once per source).
        QCOMPARE(withoutUrlWarning(r.value().warnings), QStringList());
        QCOMPARE(r.value().warnings.size(), 2);
        QVERIFY(anyContains(r.value().warnings, QStringLiteral("source 'b'")));
        QVERIFY(anyContains(r.value().warnings, QStringLiteral("source 'c'")));
    }
    {
        // Legacy keys beside data_sources are not used, as in pylantir.
        const auto r = load(
            R"({"site": "9", "redcap2wl": {}, "data_sources": [{"type": "redcap", "config": {"site": "1"}}]})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().sources.first().mapping.site, QStringLiteral("1"));
        QVERIFY(anyContains(r.value().warnings, QStringLiteral("key 'site' in test.json ignored")));
        QVERIFY(anyContains(r.value().warnings, QStringLiteral("key 'redcap2wl' in test.json ignored")));
    }
    {
        const auto r = load(R"({"data_sources": [{"name": "off", "type": "redcap", "enabled": false}]})");
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("no enabled source")));
        QVERIFY(!r.error().message.contains(QStringLiteral("redcap2wl")));
    }
}

void TestConfigLoader::lantirFixture()
{
    const auto result = ConfigLoader::loadFile(fixturePath("lantir.json"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const SyncConfig& c = result.value();
    QCOMPARE(c.warnings, QStringList());
    QCOMPARE(c.sources.first().name, QStringLiteral("REDCap"));
    QCOMPARE(c.sources.first().apiUrl, QUrl(QStringLiteral("https://redcap.example.org/api/")));
    QCOMPARE(c.sources.first().serverTimeZone, QByteArray("America/Edmonton"));
    QCOMPARE(c.sources.first().allowInsecureHttp, false);
    QCOMPARE(c.sources.first().caFile, QString());
    QCOMPARE(c.sources.first().batchSize, 250);
    QCOMPARE(c.sources.first().requestTimeoutMs, 90000);
    QCOMPARE(c.sources.first().maxTries, 5);
    QCOMPARE(c.sources.first().retryBaseDelayMs, 500);
    QCOMPARE(c.databasePath, fixtureDir() + QStringLiteral("/worklist.db"));
    QCOMPARE(c.busyTimeoutMs, 15000);
    QCOMPARE(c.sources.first().schedule.intervalSeconds, 900);
    QCOMPARE(c.sources.first().schedule.windowStart, QTime(7, 0));
    QCOMPARE(c.sources.first().schedule.windowEnd, QTime(19, 0));
    QCOMPARE(c.sources.first().schedule.overlapSeconds, 600);
    QCOMPARE(c.sources.first().mapping.site, QStringLiteral("792"));
    QCOMPARE(c.sources.first().mapping.protocol, QStringLiteral("BRAIN_MRI"));
    QCOMPARE(c.sources.first().mapping.protocolBySite.size(), 2);
    QCOMPARE(c.sources.first().mapping.protocolBySite.value(QStringLiteral("793")),
             QStringLiteral("BRAIN_MRI_1.5T"));
    QCOMPARE(c.sources.first().mapping.codingDesignator, QStringLiteral("GEHC"));
    QCOMPARE(c.sources.first().mapping.fieldMapping.size(), 3);
    QCOMPARE(c.sources.first().mapping.fieldMapping.at(0),
             qMakePair(QStringLiteral("demo_sex"), QStringLiteral("patient_sex")));
    QCOMPARE(c.sources.first().mapping.extraFields, QStringList { QStringLiteral("consent") });
    QCOMPARE(c.memoryWarnMbPerHour, 5.0);
    QCOMPARE(c.memoryCriticalMb, 300.0);
}

void TestConfigLoader::lantirDefaults()
{
    const auto result = load("{}");
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    SyncConfig expected;
    QVERIFY(result.value() == expected);
    QCOMPARE(result.value().warnings.size(), 1); // no URL
    QVERIFY(result.value().warnings.first().contains(QStringLiteral("no REDCap API URL")));
}

void TestConfigLoader::roundTrip_data()
{
    QTest::addColumn<SyncConfig>("config");
    QTest::newRow("defaults") << SyncConfig();

    SyncConfig c;
    c.sources.first().name = QStringLiteral("site_b_redcap");
    c.sources.first().apiUrl = QUrl(QStringLiteral("http://127.0.0.1:8765/api/"));
    c.sources.first().serverTimeZone = "Europe/Berlin";
    c.sources.first().allowInsecureHttp = true;
    c.sources.first().batchSize = 1;
    c.sources.first().requestTimeoutMs = 1500;
    c.sources.first().maxTries = 1;
    c.sources.first().retryBaseDelayMs = 0;
    c.databasePath = QStringLiteral("relative/worklist.db");
    c.busyTimeoutMs = 0;
    c.sources.first().schedule.intervalSeconds = 10;
    c.sources.first().schedule.windowStart = QTime(22, 0);
    c.sources.first().schedule.windowEnd = QTime(6, 30, 59);
    c.sources.first().schedule.overlapSeconds = 0;
    c.sources.first().mapping.recordIdField = QStringLiteral("participant_id");
    c.sources.first().mapping.scanInstrument = QStringLiteral("scan");
    c.sources.first().mapping.sessionField = QStringLiteral("scan_no");
    c.sources.first().mapping.dateField = QStringLiteral("scan_day");
    c.sources.first().mapping.timeField = QStringLiteral("scan_at");
    c.sources.first().mapping.studyIdField = QStringLiteral("subject");
    c.sources.first().mapping.familyIdField = QString();
    c.sources.first().mapping.patientNamePattern = QString();
    c.sources.first().mapping.patientIdPattern = QStringLiteral("{record}_{session}");
    c.sources.first().mapping.site = QStringLiteral("A");
    c.sources.first().mapping.protocol = QStringLiteral("P");
    c.sources.first().mapping.protocolBySite
        = { { QStringLiteral("A"), QStringLiteral("PA") }, { QStringLiteral("B"), QStringLiteral("PB") } };
    c.sources.first().mapping.codingDesignator = QStringLiteral("GEHC");
    // Not in alphabetical order and one source twice: written as ordered pairs.
    c.sources.first().mapping.fieldMapping
        = { { QStringLiteral("zeta"), QStringLiteral("patient_sex") },
            { QStringLiteral("alpha"), QStringLiteral("patient_birth_date") },
            { QStringLiteral("alpha"), QStringLiteral("study_id") } };
    c.sources.first().mapping.extraFields = { QStringLiteral("b"), QStringLiteral("a") };
    c.memoryWarnMbPerHour = 2.5;
    c.memoryCriticalMb = 1024;
    QTest::newRow("everything changed") << c;

    SyncConfig sorted;
    sorted.sources.first().mapping.fieldMapping = { { QStringLiteral("a"), QStringLiteral("patient_sex") },
                                                    { QStringLiteral("b"), QStringLiteral("station_name") } };
    QTest::newRow("sorted mapping") << sorted;
}

void TestConfigLoader::roundTrip()
{
    QFETCH(SyncConfig, config);
    const QJsonObject json = ConfigLoader::toJson(config);
    QCOMPARE(json.value(QStringLiteral("version")).toInt(), ConfigLoader::FormatVersion);
    const auto back = load(QJsonDocument(json).toJson());
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QVERIFY2(back.value() == config, QJsonDocument(json).toJson().constData());
    QVERIFY(ConfigLoader::toJson(back.value()) == json);
}

void TestConfigLoader::roundTripOfFixture()
{
    for (const char* name : { "lantir.json", "pylantir_legacy.json", "pylantir_data_sources.json" }) {
        qputenv("REDCAP_API_URL", "https://redcap.example.org/api/");
        const auto first = ConfigLoader::loadFile(fixturePath(name));
        QVERIFY2(first.ok(), name);
        qunsetenv("REDCAP_API_URL");
        const auto back = load(QJsonDocument(ConfigLoader::toJson(first.value())).toJson());
        QVERIFY2(back.ok(), qPrintable(back.error().message));
        QVERIFY2(back.value() == first.value(), name);
    }
}

void TestConfigLoader::unknownKeysWarn()
{
    {
        const auto r = load(R"({"source": {"nmae": "x", "_why": "comment"}, "foo": 1, "_note": "x",
            "schedule": {"window": {"begin": "07:00"}}, "mapping": {"site": "1", "protcol": "P"}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const QStringList warnings = withoutUrlWarning(r.value().warnings);
        QCOMPARE(warnings,
                 // In reading order: the top level, the mapping and schedule every source starts
                 // from, then the source.
                 QStringList({ QStringLiteral("unknown key 'foo' in test.json ignored"),
                               QStringLiteral("unknown key 'mapping.protcol' in test.json ignored"),
                               QStringLiteral("unknown key 'schedule.window.begin' in test.json ignored"),
                               QStringLiteral("unknown key 'source.nmae' in test.json ignored") }));
    }
    {
        const auto r
            = load(R"({"site": "792", "redcap2wl": {}, "colour": "blue", "allowed_aet": ["X"], "db_echo": "1",
            "users_db_path": "u.db", "api": {}, "mri_visit_session_mapping": {}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(withoutUrlWarning(r.value().warnings),
                 QStringList { QStringLiteral("unknown key 'colour' in test.json ignored") });
    }
    {
        const auto r = load(R"({"data_sources": [{"type": "redcap", "extra": 1, "window_mode": "today",
            "config": {"site": "1", "base_url": "x"}, "operation_interval": {"start_time": [0, 0], "days": 5}}]})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(
            withoutUrlWarning(r.value().warnings),
            QStringList(
                { QStringLiteral("unknown key 'data_sources[0].extra' in test.json ignored"),
                  QStringLiteral(
                      "unknown key 'data_sources[0].operation_interval.days' in test.json ignored"),
                  QStringLiteral("unknown key 'data_sources[0].config.base_url' in test.json ignored") }));
    }
}

void TestConfigLoader::invalidValues_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("reason");

    const auto row = [](const char* name, const char* json, const char* key, const char* reason) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(key) << QString::fromUtf8(reason);
    };
    row("batch size 0", R"({"source": {"batch_size": 0}})", "source.batch_size", "between 1 and 10000");
    row("batch size too big", R"({"source": {"batch_size": 10001}})", "source.batch_size",
        "between 1 and 10000");
    row("batch size as text", R"({"source": {"batch_size": "500"}})", "source.batch_size", "whole number");
    row("batch size fraction", R"({"source": {"batch_size": 2.5}})", "source.batch_size", "whole number");
    row("timeout 0", R"({"source": {"request_timeout_s": 0}})", "source.request_timeout_s",
        "between 1 and 3600");
    row("max tries 0", R"({"source": {"max_tries": 0}})", "source.max_tries", "between 1 and 20");
    row("retry delay negative", R"({"source": {"retry_base_delay_ms": -1}})", "source.retry_base_delay_ms",
        "between");
    row("empty name", R"({"source": {"name": ""}})", "source.name", "must not be empty");
    row("name as number", R"({"source": {"name": 5}})", "source.name", "text in quotes");
    row("insecure flag as text", R"({"source": {"allow_insecure_http": "yes"}})",
        "source.allow_insecure_http", "true or false");
    row("unknown time zone", R"({"source": {"server_time_zone": "Mars/Olympus_Mons"}})",
        "source.server_time_zone", "time zone");
    row("URL without scheme", R"({"source": {"api_url": "redcap.example.org/api/"}})", "source.api_url",
        "http(s) URL");
    row("ftp URL", R"({"source": {"api_url": "ftp://redcap.example.org/api/"}})", "source.api_url",
        "http(s) URL");
    row("plain http", R"({"source": {"api_url": "http://redcap.example.org/api/"}})", "source.api_url",
        "allow_insecure_http");
    row("URL with password", R"({"source": {"api_url": "https://me:secret@redcap.example.org/api/"}})",
        "source.api_url", "user name or password");
    row("missing CA file", R"({"source": {"ca_file": "/nonexistent/ca.pem"}})", "source.ca_file",
        "not a readable file");
    row("section not an object", R"({"source": "REDCap"})", "source", "an object");
    row("busy timeout negative", R"({"database": {"busy_timeout_ms": -5}})", "database.busy_timeout_ms",
        "between");
    row("database path as list", R"({"database": {"path": ["a"]}})", "database.path", "text in quotes");
    row("interval 5 s", R"({"schedule": {"interval_s": 5}})", "schedule.interval_s", "between 10 and");
    row("overlap negative", R"({"schedule": {"overlap_s": -1}})", "schedule.overlap_s",
        "between 0 and 86400");
    row("window H:MM", R"({"schedule": {"window": {"start": "7:00"}}})", "schedule.window.start", "HH:MM");
    row("window 25:00", R"({"schedule": {"window": {"end": "25:00"}}})", "schedule.window.end", "HH:MM");
    row("window as number", R"({"schedule": {"window": {"end": 1900}}})", "schedule.window.end", "HH:MM");
    row("session field with blanks", R"({"mapping": {"session_field": "Mri Instance"}})",
        "mapping.session_field", "REDCap variable name");
    row("empty instrument", R"({"mapping": {"scan_instrument": ""}})", "mapping.scan_instrument",
        "REDCap variable name");
    row("empty record id field", R"({"mapping": {"record_id_field": ""}})", "mapping.record_id_field",
        "REDCap variable name");
    row("empty id pattern", R"({"mapping": {"patient_id_pattern": ""}})", "mapping.patient_id_pattern",
        "must not be empty");
    row("unknown placeholder", R"({"mapping": {"patient_name_pattern": "{studdy}^{family}"}})",
        "mapping.patient_name_pattern", "{studdy}");
    row("mapping source not a field name", R"({"mapping": {"field_mapping": {"Demo Sex": "patient_sex"}}})",
        "mapping.field_mapping.Demo Sex", "REDCap variable name");
    row("mapping target as number", R"({"mapping": {"field_mapping": {"demo_sex": 3}}})",
        "mapping.field_mapping.demo_sex", "worklist column");
    row("mapping target empty", R"({"mapping": {"field_mapping": {"demo_sex": ""}}})",
        "mapping.field_mapping.demo_sex", "must name a worklist column");
    row("mapping pair too short", R"({"mapping": {"field_mapping": [["demo_sex"]]}})",
        "mapping.field_mapping[0]", "pair");
    row("mapping as text", R"({"mapping": {"field_mapping": "demo_sex"}})", "mapping.field_mapping",
        "an object");
    row("protocol by site value", R"({"mapping": {"protocol_by_site": {"792": 1}}})",
        "mapping.protocol_by_site.792", "protocol name");
    row("extra field not text", R"({"mapping": {"extra_fields": ["ok", 3]}})", "mapping.extra_fields[1]",
        "text in quotes");
    row("extra field bad name", R"({"mapping": {"extra_fields": ["Bad-Name"]}})", "mapping.extra_fields[0]",
        "REDCap variable name");
    row("site as object", R"({"mapping": {"site": {}}})", "mapping.site", "text");
    row("critical RSS 0", R"({"memory": {"critical_rss_mb": 0}})", "memory.critical_rss_mb", "between");
    row("growth as text", R"({"memory": {"warn_growth_mb_per_hour": "10"}})",
        "memory.warn_growth_mb_per_hour", "a number");
    row("newer version", R"({"version": 3})", "version", "must be 1 to 2");
    row("version fraction", R"({"version": 1.5})", "version", "must be 1 to 2");
    row("version 0", R"({"version": 0})", "version", "must be 1 to 2");
    row("mixed formats", R"({"source": {}, "db_path": "x.db"})", "test.json", "mixes Lantir sections");
    row("pylantir interval 5", R"({"redcap2wl": {}, "db_update_interval": 5})", "db_update_interval",
        "between 10");
    row("pylantir hour 25", R"({"redcap2wl": {}, "operation_interval": {"start_time": [25, 0]}})",
        "operation_interval.start_time", "hour 0-23");
    row("pylantir window as text", R"({"redcap2wl": {}, "operation_interval": {"end_time": "18:00"}})",
        "operation_interval.end_time", "[hour, minute]");
    row("pylantir minute fraction", R"({"redcap2wl": {}, "operation_interval": {"end_time": [18, 0.5]}})",
        "operation_interval.end_time", "[hour, minute]");
    row("pylantir protocol value", R"({"redcap2wl": {}, "protocol": {"792": ["a"]}})", "protocol.792",
        "text");
    row("pylantir protocol number", R"({"redcap2wl": {}, "protocol": 5})", "protocol", "protocol name");
    row("pylantir mapping null", R"({"redcap2wl": {"study_id": null}})", "redcap2wl.study_id",
        "worklist column");
    row("pylantir db_path number", R"({"redcap2wl": {}, "db_path": 1})", "db_path", "text in quotes");
    row("data_sources object", R"({"data_sources": {}})", "data_sources", "a list");
    row("data source text", R"({"data_sources": ["redcap"]})", "data_sources[0]", "an object");
    row("data source enabled text", R"({"data_sources": [{"type": "redcap", "enabled": "yes"}]})",
        "data_sources[0].enabled", "true or false");
    row("data source interval", R"({"data_sources": [{"type": "redcap", "sync_interval": 1}]})",
        "data_sources[0].sync_interval", "between 10");
    row("data source protocol", R"({"data_sources": [{"type": "redcap", "config": {"protocol": 5}}]})",
        "data_sources[0].config.protocol", "protocol name");
    row("data source window",
        R"({"data_sources": [{"type": "redcap", "operation_interval": {"start_time": [8]}}]})",
        "data_sources[0].operation_interval.start_time", "[hour, minute]");
    row("data source mapping", R"({"data_sources": [{"type": "redcap", "field_mapping": {"x": 1}}]})",
        "data_sources[0].field_mapping.x", "worklist column");
    row("syntax error", "{\n  \"source\": {,}\n}", "test.json", "line 2");
    row("top-level list", "[]", "test.json", "one JSON object");
}

void TestConfigLoader::invalidValues()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QFETCH(QString, reason);
    const QString problem
        = Lantir::Test::configRefusalProblem(load(json), QStringLiteral("test.json"), key, reason);
    QVERIFY2(problem.isEmpty(),
             qPrintable(problem + QLatin1String(" (") + QString::fromUtf8(json) + QLatin1Char(')')));
}

void TestConfigLoader::environmentUrl()
{
    qputenv("REDCAP_API_URL", " https://env.example.org/api/ ");
    {
        const auto r = load(R"({"source": {"name": "x"}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().sources.first().apiUrl, QUrl(QStringLiteral("https://env.example.org/api/")));
        QCOMPARE(r.value().warnings, QStringList());
    }
    {
        const auto r = load(R"({"source": {"api_url": "https://file.example.org/api/"}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().sources.first().apiUrl,
                 QUrl(QStringLiteral("https://file.example.org/api/"))); // the file wins
    }
    qputenv("REDCAP_API_URL", "redcap");
    {
        const auto r = load(R"({"redcap2wl": {}})");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("REDCAP_API_URL (environment)")),
                 qPrintable(r.error().message));
    }
}

void TestConfigLoader::urlRules_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowInsecure");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("warned");
    QTest::newRow("https") << QStringLiteral("https://redcap.example.org/redcap/api/") << false << true
                           << false;
    QTest::newRow("loopback http") << QStringLiteral("http://127.0.0.1:8080/api/") << false << true << false;
    QTest::newRow("localhost http") << QStringLiteral("http://localhost:8080/api/") << false << true << false;
    QTest::newRow("IPv6 loopback http") << QStringLiteral("http://[::1]:8080/api/") << false << true << false;
    QTest::newRow("remote http refused") << QStringLiteral("http://10.0.0.5/api/") << false << false << false;
    QTest::newRow("remote http allowed") << QStringLiteral("http://10.0.0.5/api/") << true << true << false;
    // Refused when the file is read, as the REDCap client and the settings dialog refuse it
    // (FieldRules), not first at the first sync.
    QTest::newRow("path without /api/")
        << QStringLiteral("https://redcap.example.org/redcap/") << false << false << false;
}

void TestConfigLoader::urlRules()
{
    QFETCH(QString, url);
    QFETCH(bool, allowInsecure);
    QFETCH(bool, ok);
    QFETCH(bool, warned);
    const QJsonObject source { { QStringLiteral("api_url"), url },
                               { QStringLiteral("allow_insecure_http"), allowInsecure } };
    const auto r = load(QJsonDocument(QJsonObject { { QStringLiteral("source"), source } }).toJson());
    QCOMPARE(r.ok(), ok);
    if (!ok) {
        const bool insecure = url.startsWith(QLatin1String("http://"));
        QVERIFY2(r.error().message.contains(insecure ? QStringLiteral("unencrypted")
                                                     : QStringLiteral("must end with /api/")),
                 qPrintable(r.error().message));
        return;
    }
    QCOMPARE(r.value().sources.first().apiUrl, QUrl(url));
    QCOMPARE(anyContains(r.value().warnings, QStringLiteral("does not end with /api/")), warned);
}

void TestConfigLoader::fileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto r = ConfigLoader::loadFile(dir.filePath(QStringLiteral("absent.json")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, Error::Kind::Config);
    QVERIFY(r.error().message.contains(QStringLiteral("does not exist")));

    r = ConfigLoader::loadFile(dir.path());
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QStringLiteral("not a file")));

    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QVERIFY(writeFile(broken, "{\"source\": ", QFile::ReadOwner | QFile::WriteOwner));
    r = ConfigLoader::loadFile(broken);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QStringLiteral("broken.json is not valid JSON")));

    // Relative paths follow the file, not the working directory; `~` is the home folder.
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("etc")));
    const QString ca = dir.filePath(QStringLiteral("etc/ca.pem"));
    QVERIFY(writeFile(ca, "-----BEGIN CERTIFICATE-----\n", QFile::ReadOwner | QFile::WriteOwner));
    const QString config = dir.filePath(QStringLiteral("etc/lantir.json"));
    QVERIFY(writeFile(config, R"({"source": {"ca_file": "ca.pem"}, "database": {"path": "../db/w.db"}})",
                      QFile::ReadOwner | QFile::WriteOwner));
    r = ConfigLoader::loadFile(config);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r.value().sources.first().caFile, QDir::cleanPath(ca));
    QCOMPARE(r.value().databasePath, QDir::cleanPath(dir.filePath(QStringLiteral("db/w.db"))));

    const auto home = load(R"({"database": {"path": "~/lantir/w.db"}})");
    QVERIFY(home.ok());
    QCOMPARE(home.value().databasePath, QDir::homePath() + QStringLiteral("/lantir/w.db"));
    const auto relative = load(R"({"database": {"path": "w.db"}})");
    QVERIFY(relative.ok());
    QCOMPARE(relative.value().databasePath, QStringLiteral("w.db"));
}

void TestConfigLoader::requestedFields()
{
    MappingConfig m;
    QCOMPARE(m.requestedFields(),
             QStringList({ QStringLiteral("record_id"), QStringLiteral("study_id"),
                           QStringLiteral("family_id"), QStringLiteral("mri_instance"),
                           QStringLiteral("mri_date"), QStringLiteral("mri_time") }));
    m.familyIdField.clear();
    m.fieldMapping = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") },
                       { QStringLiteral("study_id"), QStringLiteral("study_id") },
                       { QStringLiteral("consent___1"), QStringLiteral("study_description") },
                       { QStringLiteral("consent___2"), QStringLiteral("station_name") } };
    m.extraFields = { QStringLiteral("demo_sex"), QStringLiteral("youth_dob_y") };
    // Checkbox parts are requested by their field; nothing twice; the record id first.
    QCOMPARE(
        m.requestedFields(),
        QStringList({ QStringLiteral("record_id"), QStringLiteral("study_id"), QStringLiteral("mri_instance"),
                      QStringLiteral("mri_date"), QStringLiteral("mri_time"), QStringLiteral("youth_dob_y"),
                      QStringLiteral("consent"), QStringLiteral("demo_sex") }));
}

void TestConfigLoader::token_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bare") << QByteArray("0123456789ABCDEF0123456789ABCDEF")
                          << QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
    QTest::newRow("newline") << QByteArray("0123456789ABCDEF0123456789ABCDEF\n")
                             << QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
    QTest::newRow("CRLF and blanks") << QByteArray("  \t0123456789ABCDEF0123456789ABCDEF\r\n\n")
                                     << QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
}

void TestConfigLoader::token()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    QVERIFY(writeFile(path, content, QFile::ReadOwner | QFile::WriteOwner));
    qputenv("REDCAP_API_TOKEN", "FROM_THE_ENVIRONMENT");
    const auto r = ConfigLoader::loadToken(path);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r.value(), expected); // the file wins over the environment
}

void TestConfigLoader::tokenFromEnvironment()
{
    auto r = ConfigLoader::loadToken(QString());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, Error::Kind::Config);
    QVERIFY(r.error().message.contains(QStringLiteral("--token-file")));
    QVERIFY(r.error().message.contains(QStringLiteral("REDCAP_API_TOKEN")));

    qputenv("REDCAP_API_TOKEN", " ABCDEF0123456789ABCDEF0123456789 \n");
    r = ConfigLoader::loadToken(QString());
    QVERIFY(r.ok());
    QCOMPARE(r.value(), QStringLiteral("ABCDEF0123456789ABCDEF0123456789"));

    qputenv("REDCAP_API_TOKEN", "ABCDEF01 23456789");
    r = ConfigLoader::loadToken(QString());
    QVERIFY(!r.ok());
    QVERIFY(!r.error().message.contains(QStringLiteral("ABCDEF01")));
}

void TestConfigLoader::tokenFileErrors()
{
    QTemporaryDir dir;
    const auto check = [](const QString& path, const QString& reason) {
        const auto r = ConfigLoader::loadToken(path);
        if (r.ok())
            return false;
        return r.error().kind == Error::Kind::Config && r.error().message.contains(reason)
            && !r.error().message.contains(QStringLiteral("SECRETTOKEN"));
    };
    QVERIFY(check(dir.filePath(QStringLiteral("absent")), QStringLiteral("does not exist")));
    QVERIFY(check(dir.path(), QStringLiteral("not a file")));

    const QString empty = dir.filePath(QStringLiteral("empty"));
    QVERIFY(writeFile(empty, " \n\t\n", QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(check(empty, QStringLiteral("is empty")));

    const QString twoLines = dir.filePath(QStringLiteral("two"));
    QVERIFY(writeFile(twoLines, "SECRETTOKEN\nSECRETTOKEN2\n", QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(check(twoLines, QStringLiteral("more than the token")));

    const QString big = dir.filePath(QStringLiteral("big"));
    QVERIFY(writeFile(big, QByteArray(5000, 'A'), QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(check(big, QStringLiteral("too large")));

    if (::geteuid() != 0) { // root reads any file, so unreadable files cannot be made for it
        const QString locked = dir.filePath(QStringLiteral("locked"));
        QVERIFY(writeFile(locked, "SECRETTOKEN", QFile::WriteOwner));
        QVERIFY(check(locked, QStringLiteral("cannot be read")));
    }
}

void TestConfigLoader::tokenFileReadableByOthersWarns()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    QVERIFY(writeFile(path, "SECRETTOKEN\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("can be read by other users.*chmod 600")));
    const auto r = ConfigLoader::loadToken(path);
    QVERIFY(r.ok());
    QCOMPARE(r.value(), QStringLiteral("SECRETTOKEN"));
}

void TestConfigLoader::postgresEveryKey()
{
    QTemporaryDir dir;
    const QString ca = dir.filePath(QStringLiteral("root.crt"));
    QVERIFY(writeFile(ca, "-----BEGIN CERTIFICATE-----\n", QFile::ReadOwner | QFile::WriteOwner));
    const QByteArray json = QStringLiteral(R"({"source": {"api_url": "https://redcap.example.org/api/"},
        "database": {"driver": "postgresql", "host": "db.example.org", "port": 6543,
                     "name": "worklist_792", "user": "lantir_sync", "sslmode": "verify-full",
                     "ca_file": "%1", "busy_timeout_ms": 2500}})")
                                .arg(ca)
                                .toUtf8();
    const auto r = load(json);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const SyncConfig& c = r.value();
    QCOMPARE(c.warnings, QStringList());
    QCOMPARE(c.databaseDriver, DatabaseDriver::Postgresql);
    QCOMPARE(c.postgres.host, QStringLiteral("db.example.org"));
    QCOMPARE(c.postgres.port, 6543);
    QCOMPARE(c.postgres.name, QStringLiteral("worklist_792"));
    QCOMPARE(c.postgres.user, QStringLiteral("lantir_sync"));
    QCOMPARE(c.postgres.sslmode, QStringLiteral("verify-full"));
    QCOMPARE(c.postgres.caFile, ca);
    QCOMPARE(c.busyTimeoutMs, 2500);
    QCOMPARE(c.databasePath, QString());

    const DatabaseTarget target = c.databaseTarget();
    QVERIFY(target.isPostgres());
    QCOMPARE(target.driver, DatabaseDriver::Postgresql);
    QCOMPARE(target.busyTimeoutMs, 2500);
    QCOMPARE(target.postgres.host, QStringLiteral("db.example.org"));
    QCOMPARE(target.postgres.port, 6543);
    QCOMPARE(target.postgres.name, QStringLiteral("worklist_792"));
    QCOMPARE(target.postgres.user, QStringLiteral("lantir_sync"));
    QCOMPARE(target.postgres.sslmode, QStringLiteral("verify-full"));
    QCOMPARE(target.postgres.caFile, ca);
    QCOMPARE(target.path, QString());
    QCOMPARE(target.password, QString()); // never from the file
    QCOMPARE(target.describe(), QStringLiteral("postgresql://lantir_sync@db.example.org:6543/worklist_792"));
}

void TestConfigLoader::postgresDefaults()
{
    const auto r = load(R"({"source": {"api_url": "https://redcap.example.org/api/"},
        "database": {"driver": "postgresql", "host": "10.0.0.5", "name": "worklist"}})");
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const SyncConfig& c = r.value();
    QCOMPARE(c.warnings, QStringList());
    QCOMPARE(c.databaseDriver, DatabaseDriver::Postgresql);
    QCOMPARE(c.postgres.host, QStringLiteral("10.0.0.5"));
    QCOMPARE(c.postgres.name, QStringLiteral("worklist"));
    QCOMPARE(c.postgres.port, 5432);
    QCOMPARE(c.postgres.sslmode, QStringLiteral("prefer"));
    QCOMPARE(c.postgres.user, QString()); // libpq's default
    QCOMPARE(c.postgres.caFile, QString());
    QCOMPARE(c.busyTimeoutMs, 10000);
    QCOMPARE(c.databaseTarget().describe(), QStringLiteral("postgresql://10.0.0.5:5432/worklist"));
}

// lantir.json holds only the chosen driver's settings: what the other driver would use (kept by a
// settings dialog while one switches back and forth) does not make a loaded file differ from the
// configuration it was written from.
void TestConfigLoader::otherDriversSettingsDoNotMakeConfigsDiffer()
{
    const auto r = load(R"({"source": {"api_url": "https://redcap.example.org/api/"},
        "database": {"driver": "postgresql", "host": "10.0.0.5", "name": "worklist"}})");
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    SyncConfig edited = r.value();
    edited.databasePath = QStringLiteral("/srv/lantir/other.db");
    QVERIFY(edited == r.value());
    edited.postgres.port = 5433;
    QVERIFY(edited != r.value());

    const SyncConfig sqlite;
    SyncConfig withServer = sqlite;
    withServer.postgres.host = QStringLiteral("db.example.org");
    QVERIFY(withServer == sqlite);
    withServer.databaseDriver = DatabaseDriver::Postgresql;
    QVERIFY(withServer != sqlite);
    withServer = sqlite;
    withServer.busyTimeoutMs = sqlite.busyTimeoutMs + 1;
    QVERIFY(withServer != sqlite);
}

void TestConfigLoader::databaseRefusals_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("reason");

    const auto row = [](const char* name, const char* json, const char* key, const char* reason) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(key) << QString::fromUtf8(reason);
    };
    row("no host", R"({"database": {"driver": "postgresql", "name": "w"}})", "database.host",
        "is missing: the PostgreSQL server's name or address");
    row("empty host", R"({"database": {"driver": "postgresql", "host": "", "name": "w"}})", "database.host",
        "is missing");
    row("no name", R"({"database": {"driver": "postgresql", "host": "db"}})", "database.name",
        "is missing: the database's name");
    row("host as number", R"({"database": {"driver": "postgresql", "host": 5, "name": "w"}})",
        "database.host", "text in quotes");
    row("unknown driver", R"({"database": {"driver": "mysql"}})", "database.driver",
        R"(is "mysql"; it must be "sqlite" (a file on this machine) or "postgresql")");
    row("driver in capitals", R"({"database": {"driver": "PostgreSQL", "host": "db", "name": "w"}})",
        "database.driver", R"(is "PostgreSQL")");
    row("driver as number", R"({"database": {"driver": 1}})", "database.driver", "text in quotes");
    row("unknown sslmode", R"({"database": {"driver": "postgresql", "host": "db", "name": "w",
        "sslmode": "verify"}})",
        "database.sslmode",
        R"(is "verify"; libpq knows disable, allow, prefer, require, verify-ca and verify-full)");
    row("port 0", R"({"database": {"driver": "postgresql", "host": "db", "name": "w", "port": 0}})",
        "database.port", "between 1 and 65535");
    row("port too big", R"({"database": {"driver": "postgresql", "host": "db", "name": "w", "port": 65536}})",
        "database.port", "between 1 and 65535");
    row("port as text",
        R"({"database": {"driver": "postgresql", "host": "db", "name": "w", "port": "5432"}})",
        "database.port", "whole number");
    row("missing CA file",
        R"({"database": {"driver": "postgresql", "host": "db", "name": "w", "ca_file": "/nonexistent/root.crt"}})",
        "database.ca_file", "names /nonexistent/root.crt, which cannot be read");
    row("lock timeout too long",
        R"({"database": {"driver": "postgresql", "host": "db", "name": "w", "busy_timeout_ms": 600001}})",
        "database.busy_timeout_ms", "between 0 and 600000");
    row("path with postgresql", R"({"database": {"driver": "postgresql", "host": "db", "name": "w",
        "path": "worklist.db"}})",
        "database.path", R"(is set, but driver is "postgresql": remove path, or set driver to "sqlite")");
    row("host with sqlite", R"({"database": {"driver": "sqlite", "path": "w.db", "host": "db"}})",
        "database.host",
        R"(is a PostgreSQL setting, but driver is "sqlite": set driver to "postgresql", or remove host)");
    row("host without driver", R"({"database": {"path": "w.db", "host": "db"}})", "database.host",
        R"(but driver is "sqlite")");
    row("sslmode with sqlite", R"({"database": {"sslmode": "require"}})", "database.sslmode",
        R"(or remove sslmode)");
    row("port with sqlite", R"({"database": {"driver": "sqlite", "port": 5432}})", "database.port",
        R"(or remove port)");
    row("password with sqlite", R"({"database": {"password": "secret"}})", "database.password",
        R"(is a PostgreSQL setting)");
}

void TestConfigLoader::databaseRefusals()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QFETCH(QString, reason);
    const QString problem
        = Lantir::Test::configRefusalProblem(load(json), QStringLiteral("test.json"), key, reason);
    QVERIFY2(problem.isEmpty(),
             qPrintable(problem + QLatin1String(" (") + QString::fromUtf8(json) + QLatin1Char(')')));
}

void TestConfigLoader::postgresCaFileWithoutReadRight()
{
    if (::geteuid() == 0)
        QSKIP("root reads any file, so an unreadable file cannot be made for it");
    QTemporaryDir dir;
    const QString ca = dir.filePath(QStringLiteral("root.crt"));
    QVERIFY(writeFile(ca, "-----BEGIN CERTIFICATE-----\n", QFile::WriteOwner));
    const QByteArray json = QStringLiteral(R"({"database": {"driver": "postgresql", "host": "db", "name": "w",
        "ca_file": "%1"}})")
                                .arg(ca)
                                .toUtf8();
    const QString problem = Lantir::Test::configRefusalProblem(
        load(json), QStringLiteral("test.json"), QStringLiteral("database.ca_file"),
        QStringLiteral("names %1, which cannot be read").arg(ca));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestConfigLoader::postgresPasswordRefused()
{
    const auto r = load(R"({"database": {"driver": "postgresql", "host": "db", "name": "w",
        "user": "lantir", "password": "S3cretPassw0rd"}})");
    const QString problem = Lantir::Test::configRefusalProblem(
        r, QStringLiteral("test.json"), QStringLiteral("database.password"),
        QStringLiteral("is not read from lantir.json"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString& message = r.error().message;
    QVERIFY2(message.contains(QStringLiteral("~/.pgpass")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("PGPASSFILE")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("PGPASSWORD")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("S3cretPassw0rd")), qPrintable(message));
}

void TestConfigLoader::databaseRoundTrip_data()
{
    QTest::addColumn<SyncConfig>("config");
    QTest::addColumn<QStringList>("writtenKeys");
    // The keys toJson() writes in the database section, in QJsonObject's (alphabetical) order.
    const auto keys = [](const char* names) { return QString::fromLatin1(names).split(QLatin1Char(' ')); };

    SyncConfig sqlite;
    sqlite.databasePath = QStringLiteral("/srv/worklist/site792.db");
    sqlite.busyTimeoutMs = 4000;
    QTest::newRow("sqlite") << sqlite << keys("busy_timeout_ms driver path");

    SyncConfig full;
    full.databaseDriver = DatabaseDriver::Postgresql;
    full.busyTimeoutMs = 0;
    full.postgres.host = QStringLiteral("db.example.org");
    full.postgres.port = 15432;
    full.postgres.name = QStringLiteral("worklist");
    full.postgres.user = QStringLiteral("lantir");
    full.postgres.sslmode = QStringLiteral("verify-ca");
    full.postgres.caFile = QStringLiteral(LANTIR_FIXTURES_DIR "/config/lantir.json"); // any readable file
    QTest::newRow("postgresql, every key")
        << full << keys("busy_timeout_ms ca_file driver host name port sslmode user");

    SyncConfig minimal;
    minimal.databaseDriver = DatabaseDriver::Postgresql;
    minimal.postgres.host = QStringLiteral("127.0.0.1");
    minimal.postgres.name = QStringLiteral("lantir");
    QTest::newRow("postgresql, defaults") << minimal << keys("busy_timeout_ms driver host name port sslmode");
}

void TestConfigLoader::databaseRoundTrip()
{
    QFETCH(SyncConfig, config);
    QFETCH(QStringList, writtenKeys);
    const QJsonObject json = ConfigLoader::toJson(config);
    const QJsonObject database = json.value(QStringLiteral("database")).toObject();
    QCOMPARE(database.keys(), writtenKeys);
    QCOMPARE(database.value(QStringLiteral("driver")).toString(), databaseDriverName(config.databaseDriver));
    const auto back = load(QJsonDocument(json).toJson());
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QCOMPARE(back.value().databaseDriver, config.databaseDriver);
    QCOMPARE(back.value().databasePath, config.databasePath);
    QCOMPARE(back.value().busyTimeoutMs, config.busyTimeoutMs);
    QCOMPARE(back.value().postgres.host, config.postgres.host);
    QCOMPARE(back.value().postgres.port, config.postgres.port);
    QCOMPARE(back.value().postgres.name, config.postgres.name);
    QCOMPARE(back.value().postgres.user, config.postgres.user);
    QCOMPARE(back.value().postgres.sslmode, config.postgres.sslmode);
    QCOMPARE(back.value().postgres.caFile, config.postgres.caFile);
    QVERIFY2(back.value() == config, QJsonDocument(json).toJson().constData());
    QVERIFY(ConfigLoader::toJson(back.value()) == json);
}

void TestConfigLoader::fileWithoutDriverIsSqlite()
{
    {
        // Written before there was a driver: a path and a busy timeout.
        const auto r = load(R"({"version": 1, "source": {"api_url": "https://redcap.example.org/api/"},
            "database": {"path": "/var/lib/lantir/site792.db", "busy_timeout_ms": 15000}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().warnings, QStringList());
        QCOMPARE(r.value().databaseDriver, DatabaseDriver::Sqlite);
        QCOMPARE(r.value().databasePath, QStringLiteral("/var/lib/lantir/site792.db"));
        QCOMPARE(r.value().busyTimeoutMs, 15000);
        const DatabaseTarget target = r.value().databaseTarget();
        QVERIFY(!target.isPostgres());
        QCOMPARE(target.path, QStringLiteral("/var/lib/lantir/site792.db"));
        QCOMPARE(target.busyTimeoutMs, 15000);
        QCOMPARE(target.postgres, PostgresSettings());
        QCOMPARE(ConfigLoader::toJson(r.value())
                     .value(QStringLiteral("database"))
                     .toObject()
                     .value(QStringLiteral("driver"))
                     .toString(),
                 QStringLiteral("sqlite"));
    }
    {
        const auto r = ConfigLoader::loadFile(fixturePath("lantir.json"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().databaseDriver, DatabaseDriver::Sqlite);
        QCOMPARE(r.value().databaseTarget().driver, DatabaseDriver::Sqlite);
        QCOMPARE(r.value().databaseTarget().path, fixtureDir() + QStringLiteral("/worklist.db"));
    }
    {
        // pylantir's db_path is a SQLite file too.
        const auto r = load(R"({"db_path": "/home/mri/worklist.db", "redcap2wl": {}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().databaseDriver, DatabaseDriver::Sqlite);
        QCOMPARE(r.value().databasePath, QStringLiteral("/home/mri/worklist.db"));
    }
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
