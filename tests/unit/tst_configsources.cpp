#include "ConfigTestSupport.h"
#include "config/ConfigLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using Lantir::Test::anyContains;
using Lantir::Test::load;

namespace {

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size()
        && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}

// Two REDCap projects, the top-level mapping and schedule as their defaults.
Result<SyncConfig> loadTwoProjects()
{
    return ConfigLoader::loadFile(QStringLiteral(LANTIR_FIXTURES_DIR "/config/lantir_two_sources.json"));
}

} // namespace

// The `sources` list of lantir.json (format 2), pylantir's data_sources as several sources, and
// where each source's token comes from.
class TestConfigSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanupTestCase() { init(); }

    void sourcesListInTheFileOrder();
    void topLevelMappingAndScheduleAreDefaults();
    void versionOneSourceStillLoads();
    void sourceAndSourcesTogetherIsAnError();
    void invalidSourcesLists_data();
    void invalidSourcesLists();
    void duplicateNamesAreRefused();
    void collidingTokenVariablesAreRefused_data();
    void collidingTokenVariablesAreRefused();
    void unknownKeysAndMissingUrlNameTheirSource();
    void relativeTokenFileFollowsTheConfigFile();
    void pylantirDataSourcesGiveEveryRedcapEntry();
    void pylantirUnnamedEntriesClash();
    void roundTripOfTwoSources();
    void tokenVariable_data();
    void tokenVariable();
    void tokenResolutionOrder_data();
    void tokenResolutionOrder();
    void aSourceNeverGetsAnothersToken();

private:
    QTemporaryDir m_dir;
};

void TestConfigSources::init()
{
    for (const char* name : { "REDCAP_API_URL", "REDCAP_API_TOKEN", "REDCAP_API_TOKEN_STUDY_A",
                              "REDCAP_API_TOKEN_STUDY_B", "REDCAP_API_TOKEN_REDCAP" })
        qunsetenv(name);
}

void TestConfigSources::sourcesListInTheFileOrder()
{
    const auto r = loadTwoProjects();
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const SyncConfig& c = r.value();
    QCOMPARE(c.warnings, QStringList());
    QCOMPARE(c.sources.size(), 2);
    const SourceConfig& a = c.sources.at(0);
    const SourceConfig& b = c.sources.at(1);
    QCOMPARE(a.name, QStringLiteral("study_a"));
    QCOMPARE(a.enabled, true);
    QCOMPARE(a.apiUrl, QUrl(QStringLiteral("https://redcap-a.example.org/api/")));
    QCOMPARE(a.batchSize, 100);
    QCOMPARE(a.tokenFile, QStringLiteral("/etc/lantir/a.token"));
    QCOMPARE(a.requestTimeoutMs, 120000); // the defaults where the entry says nothing
    QCOMPARE(a.maxTries, 4);
    QVERIFY(a.serverTimeZone.isEmpty());
    QCOMPARE(b.name, QStringLiteral("study-b"));
    QCOMPARE(b.enabled, false);
    QCOMPARE(b.apiUrl, QUrl(QStringLiteral("https://redcap-b.example.org/redcap/api/")));
    QCOMPARE(b.serverTimeZone, QByteArray("Europe/Berlin"));
    QCOMPARE(b.batchSize, 500);
    QCOMPARE(b.requestTimeoutMs, 30000);
    QCOMPARE(b.maxTries, 2);
    QCOMPARE(b.retryBaseDelayMs, 250);
    QVERIFY(b.tokenFile.isEmpty());
    QCOMPARE(c.databasePath, QStringLiteral("/var/lib/lantir/worklist.db"));

    QCOMPARE(c.findSource(QStringLiteral("study-b")), &c.sources.at(1));
    QVERIFY(c.findSource(QStringLiteral("study_b")) == nullptr);
    const QList<SourceConfig> enabled = c.enabledSources();
    QCOMPARE(enabled.size(), 1);
    QCOMPARE(enabled.first().name, QStringLiteral("study_a"));
}

void TestConfigSources::topLevelMappingAndScheduleAreDefaults()
{
    const auto r = loadTwoProjects();
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const SourceConfig& a = r.value().sources.at(0);
    const SourceConfig& b = r.value().sources.at(1);
    // study_a has no mapping or schedule of its own: the top-level ones, whole.
    QCOMPARE(a.mapping.site, QStringLiteral("792"));
    QCOMPARE(a.mapping.protocol, QStringLiteral("BRAIN_MRI_3T"));
    const QList<QPair<QString, QString>> sexOnly { { QStringLiteral("demo_sex"),
                                                     QStringLiteral("patient_sex") } };
    QCOMPARE(a.mapping.fieldMapping, sexOnly);
    QCOMPARE(a.schedule.intervalSeconds, 600);
    QCOMPARE(a.schedule.windowStart, QTime(7, 0));
    QCOMPARE(a.schedule.windowEnd, QTime(19, 0));
    QCOMPARE(a.schedule.overlapSeconds, 120);
    // study-b overrides key by key; what it leaves out comes from the top level.
    QCOMPARE(b.mapping.site, QStringLiteral("793"));
    QCOMPARE(b.mapping.protocol, QStringLiteral("BRAIN_MRI_3T"));
    const QList<QPair<QString, QString>> dobOnly { { QStringLiteral("youth_dob_y"),
                                                     QStringLiteral("patient_birth_date") } };
    QCOMPARE(b.mapping.fieldMapping, dobOnly); // a field mapping replaces the default one
    QCOMPARE(b.schedule.intervalSeconds, 60);
    QCOMPARE(b.schedule.windowStart, QTime(7, 0));
    QCOMPARE(b.schedule.windowEnd, QTime(12, 0));
    QCOMPARE(b.schedule.overlapSeconds, 120);
    // The built-in defaults where neither says anything.
    QCOMPARE(b.mapping.scanInstrument, QStringLiteral("mri"));
    QCOMPARE(b.mapping.patientIdPattern, MappingConfig().patientIdPattern);
}

void TestConfigSources::versionOneSourceStillLoads()
{
    for (const QByteArray& version : { QByteArray("\"version\": 1, "), QByteArray() }) {
        const auto r
            = load("{" + version + R"("source": {"name": "old", "api_url": "https://r.example.org/api/",
            "batch_size": 50}, "mapping": {"site": "5"}, "schedule": {"interval_s": 120}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().warnings, QStringList());
        QCOMPARE(r.value().sources.size(), 1);
        const SourceConfig& s = r.value().sources.first();
        QCOMPARE(s.name, QStringLiteral("old"));
        QCOMPARE(s.enabled, true);
        QCOMPARE(s.apiUrl, QUrl(QStringLiteral("https://r.example.org/api/")));
        QCOMPARE(s.batchSize, 50);
        QCOMPARE(s.mapping.site, QStringLiteral("5"));
        QCOMPARE(s.schedule.intervalSeconds, 120);
        // Written back as format 2: a sources list of one.
        const QJsonObject json = ConfigLoader::toJson(r.value());
        QCOMPARE(json.value(QStringLiteral("version")).toInt(), 2);
        QVERIFY(!json.contains(QStringLiteral("source")));
        QCOMPARE(json.value(QStringLiteral("sources")).toArray().size(), 1);
    }
}

void TestConfigSources::sourceAndSourcesTogetherIsAnError()
{
    const auto r = load(R"({"source": {"name": "x"}, "sources": [{"name": "y"}]})");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, Error::Kind::Config);
    QVERIFY2(r.error().message.contains(QStringLiteral("test.json")), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QStringLiteral("source and sources are both given")),
             qPrintable(r.error().message));
}

void TestConfigSources::invalidSourcesLists_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("reason");
    const auto row = [](const char* name, const char* json, const char* key, const char* reason) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(key) << QString::fromUtf8(reason);
    };
    row("empty list", R"({"sources": []})", "sources", "is empty");
    row("not a list", R"({"sources": {"name": "a"}})", "sources", "a list of sources");
    row("entry not an object", R"({"sources": [{"name": "a"}, "b"]})", "sources[1]", "an object");
    row("bad value in the second entry", R"({"sources": [{"name": "a"}, {"name": "b", "batch_size": 0}]})",
        "sources[1].batch_size", "between 1 and 10000");
    row("empty name", R"({"sources": [{"name": ""}]})", "sources[0].name", "must not be empty");
    row("bad mapping in an entry",
        R"({"sources": [{"name": "a", "mapping": {"session_field": "Mri Instance"}}]})",
        "sources[0].mapping.session_field", "REDCap variable name");
    row("bad schedule in an entry", R"({"sources": [{"name": "a", "schedule": {"interval_s": 5}}]})",
        "sources[0].schedule.interval_s", "between 10 and");
    row("bad URL in an entry", R"({"sources": [{"name": "a", "api_url": "http://10.0.0.5/api/"}]})",
        "sources[0].api_url", "allow_insecure_http");
    row("enabled as text", R"({"sources": [{"name": "a", "enabled": "yes"}]})", "sources[0].enabled",
        "true or false");
    row("token_file as number", R"({"sources": [{"name": "a", "token_file": 5}]})", "sources[0].token_file",
        "text in quotes");
}

void TestConfigSources::invalidSourcesLists()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QFETCH(QString, reason);
    const QString problem
        = Lantir::Test::configRefusalProblem(load(json), QStringLiteral("test.json"), key, reason);
    QVERIFY2(problem.isEmpty(),
             qPrintable(problem + QLatin1String(" (") + QString::fromUtf8(json) + QLatin1Char(')')));
}

void TestConfigSources::duplicateNamesAreRefused()
{
    const auto r = load(R"({"sources": [{"name": "a"}, {"name": "b"}, {"name": "a", "enabled": false}]})");
    QVERIFY(!r.ok());
    const QString& message = r.error().message;
    QVERIFY2(message.contains(QStringLiteral("sources[2].name")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("'a' is already the name of another source")),
             qPrintable(message));

    // Names that differ only in case share one token variable: refused as well.
    const auto caseOnly = load(R"({"sources": [{"name": "Study"}, {"name": "study"}]})");
    QVERIFY(!caseOnly.ok());
    QVERIFY2(caseOnly.error().message.contains(QStringLiteral("REDCAP_API_TOKEN_STUDY")),
             qPrintable(caseOnly.error().message));
}

void TestConfigSources::collidingTokenVariablesAreRefused_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<QString>("variable");
    QTest::newRow("dash and underscore")
        << QStringLiteral("site-a") << QStringLiteral("site_a") << QStringLiteral("REDCAP_API_TOKEN_SITE_A");
    QTest::newRow("blank and dot") << QStringLiteral("site a") << QStringLiteral("site.a")
                                   << QStringLiteral("REDCAP_API_TOKEN_SITE_A");
    QTest::newRow("case") << QStringLiteral("Main") << QStringLiteral("MAIN")
                          << QStringLiteral("REDCAP_API_TOKEN_MAIN");
    QTest::newRow("accents") << QStringLiteral("étude") << QStringLiteral("_tude")
                             << QStringLiteral("REDCAP_API_TOKEN__TUDE");
}

void TestConfigSources::collidingTokenVariablesAreRefused()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(QString, variable);
    const QJsonObject root { { QStringLiteral("sources"),
                               QJsonArray { QJsonObject { { QStringLiteral("name"), first } },
                                            QJsonObject { { QStringLiteral("name"), second } } } } };
    const auto r = load(QJsonDocument(root).toJson());
    QVERIFY(!r.ok());
    const QString& message = r.error().message;
    QVERIFY2(message.contains(QStringLiteral("sources[1].name")), qPrintable(message));
    QVERIFY2(message.contains(variable), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("'%1' and '%2' both read their token").arg(first, second)),
             qPrintable(message));
}

void TestConfigSources::unknownKeysAndMissingUrlNameTheirSource()
{
    const auto r = load(R"({"sources": [{"name": "a", "api_url": "https://a.example.org/api/", "nmae": 1,
        "mapping": {"protcol": "P"}}, {"name": "b"}]})");
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const QStringList& warnings = r.value().warnings;
    QVERIFY2(warnings.contains(QStringLiteral("unknown key 'sources[0].nmae' in test.json ignored")),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY2(
        warnings.contains(QStringLiteral("unknown key 'sources[0].mapping.protcol' in test.json ignored")),
        qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(
        anyContains(warnings, QStringLiteral("no REDCap API URL for source 'b': set sources[1].api_url")));
    QVERIFY(!anyContains(warnings, QStringLiteral("source 'a':")));
    QCOMPARE(warnings.size(), 3);

    // REDCAP_API_URL stands in for a URL the file lacks, for every source that lacks one.
    qputenv("REDCAP_API_URL", "https://env.example.org/api/");
    const auto env
        = load(R"({"sources": [{"name": "a", "api_url": "https://a.example.org/api/"}, {"name": "b"}]})");
    QVERIFY2(env.ok(), qPrintable(env.error().message));
    QCOMPARE(env.value().warnings, QStringList());
    QCOMPARE(env.value().sources.at(0).apiUrl, QUrl(QStringLiteral("https://a.example.org/api/")));
    QCOMPARE(env.value().sources.at(1).apiUrl, QUrl(QStringLiteral("https://env.example.org/api/")));
}

void TestConfigSources::relativeTokenFileFollowsTheConfigFile()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("etc/tokens")));
    const QString config = m_dir.filePath(QStringLiteral("etc/lantir.json"));
    QVERIFY(writeFile(config, R"({"sources": [{"name": "a", "token_file": "tokens/a"},
        {"name": "b", "token_file": "/abs/b"}], "database": {"path": "w.db"}})"));
    const auto r = ConfigLoader::loadFile(config);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r.value().sources.at(0).tokenFile,
             QDir::cleanPath(m_dir.filePath(QStringLiteral("etc/tokens/a"))));
    QCOMPARE(r.value().sources.at(1).tokenFile, QStringLiteral("/abs/b"));
}

void TestConfigSources::pylantirDataSourcesGiveEveryRedcapEntry()
{
    qputenv("REDCAP_API_URL", "https://redcap.example.org/api/");
    const auto r = load(R"({"db_path": "/data/worklist.db", "data_sources": [
        {"name": "study_a", "type": "redcap", "sync_interval": 300,
         "operation_interval": {"start_time": [8, 0], "end_time": [18, 0]},
         "config": {"site": "792", "protocol": {"792": "BRAIN_MRI_3T", "mapping": "GEHC"}},
         "field_mapping": {"demo_sex": "patient_sex"}},
        {"name": "bookings", "type": "calpendo", "enabled": true, "window_mode": "rolling",
         "config": {"base_url": "https://calpendo.example.org"}},
        {"name": "study_b", "type": "redcap", "enabled": true,
         "config": {"site_id": "793", "protocol": "KNEE"},
         "field_mapping": {"youth_dob_y": "patient_birth_date"}}]})");
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const SyncConfig& c = r.value();
    QCOMPARE(c.databasePath, QStringLiteral("/data/worklist.db"));
    QCOMPARE(c.sources.size(), 2);
    const SourceConfig& a = c.sources.at(0);
    const SourceConfig& b = c.sources.at(1);
    QCOMPARE(a.name, QStringLiteral("study_a"));
    QCOMPARE(a.schedule.intervalSeconds, 300);
    QCOMPARE(a.schedule.windowStart, QTime(8, 0));
    QCOMPARE(a.schedule.windowEnd, QTime(18, 0, 59));
    QCOMPARE(a.mapping.site, QStringLiteral("792"));
    QCOMPARE(a.mapping.protocolBySite.value(QStringLiteral("792")), QStringLiteral("BRAIN_MRI_3T"));
    QCOMPARE(a.mapping.codingDesignator, QStringLiteral("GEHC"));
    QCOMPARE(a.mapping.fieldMapping.size(), 1);
    QCOMPARE(b.name, QStringLiteral("study_b"));
    QCOMPARE(b.schedule.intervalSeconds, 60); // pylantir's default, not study_a's
    QCOMPARE(b.schedule.windowStart, QTime(0, 0));
    QCOMPARE(b.schedule.windowEnd, QTime(23, 59, 59));
    QCOMPARE(b.mapping.site, QStringLiteral("793"));
    QCOMPARE(b.mapping.protocol, QStringLiteral("KNEE"));
    QVERIFY(b.mapping.protocolBySite.isEmpty());
    QVERIFY(b.mapping.codingDesignator.isEmpty());
    QCOMPARE(b.mapping.fieldMapping,
             (QList<QPair<QString, QString>> {
                 { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") } }));
    // pylantir has one URL for all: both read REDCAP_API_URL.
    QCOMPARE(a.apiUrl, QUrl(QStringLiteral("https://redcap.example.org/api/")));
    QCOMPARE(b.apiUrl, a.apiUrl);
    QVERIFY(a.tokenFile.isEmpty());
    QCOMPARE(a.tokenVariable(), QStringLiteral("REDCAP_API_TOKEN_STUDY_A"));
    QCOMPARE(b.tokenVariable(), QStringLiteral("REDCAP_API_TOKEN_STUDY_B"));
    // The Calpendo entry is named in the one warning.
    QCOMPARE(c.warnings.size(), 1);
    QVERIFY2(c.warnings.first().contains(QStringLiteral("data_sources[1] ('bookings', type 'calpendo')")),
             qPrintable(c.warnings.first()));
    QVERIFY(c.warnings.first().contains(QStringLiteral("skipped")));
}

void TestConfigSources::pylantirUnnamedEntriesClash()
{
    // pylantir writes "REDCap" for an entry without a name; two of them would share every identity.
    const auto r = load(R"({"data_sources": [{"type": "redcap", "config": {"site": "1"}},
        {"type": "redcap", "config": {"site": "2"}}]})");
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QStringLiteral("data_sources[1].name")),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QStringLiteral("'REDCap' is already the name")),
             qPrintable(r.error().message));
}

void TestConfigSources::roundTripOfTwoSources()
{
    SyncConfig c;
    c.databasePath = QStringLiteral("/srv/worklist.db");
    c.sources.clear();
    SourceConfig a;
    a.name = QStringLiteral("study_a");
    a.apiUrl = QUrl(QStringLiteral("https://a.example.org/api/"));
    a.tokenFile = QStringLiteral("/etc/lantir/a.token");
    a.batchSize = 50;
    a.mapping.site = QStringLiteral("792");
    a.mapping.fieldMapping = { { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") } };
    a.schedule.intervalSeconds = 300;
    SourceConfig b;
    b.name = QStringLiteral("Study B");
    b.enabled = false;
    b.apiUrl = QUrl(QStringLiteral("http://10.1.2.3/redcap/api/"));
    b.allowInsecureHttp = true;
    b.serverTimeZone = "Asia/Tokyo";
    b.requestTimeoutMs = 2500;
    b.maxTries = 1;
    b.retryBaseDelayMs = 0;
    b.mapping.site = QStringLiteral("793");
    b.mapping.protocolBySite = { { QStringLiteral("793"), QStringLiteral("P") } };
    b.mapping.extraFields = { QStringLiteral("consent") };
    b.schedule.windowStart = QTime(22, 0);
    b.schedule.windowEnd = QTime(6, 0);
    b.schedule.overlapSeconds = 0;
    c.sources = { a, b };

    const QJsonObject json = ConfigLoader::toJson(c);
    QCOMPARE(json.value(QStringLiteral("version")).toInt(), ConfigLoader::FormatVersion);
    QVERIFY(!json.contains(QStringLiteral("source")));
    const QJsonArray list = json.value(QStringLiteral("sources")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("study_a"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("token_file")).toString(),
             QStringLiteral("/etc/lantir/a.token"));
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("enabled")).toBool(true), false);
    QCOMPARE(list.at(1)
                 .toObject()
                 .value(QStringLiteral("mapping"))
                 .toObject()
                 .value(QStringLiteral("site"))
                 .toString(),
             QStringLiteral("793"));

    const auto back = load(QJsonDocument(json).toJson());
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QCOMPARE(back.value().warnings, QStringList());
    QVERIFY2(back.value() == c, QJsonDocument(json).toJson().constData());
    QVERIFY(ConfigLoader::toJson(back.value()) == json);

    // The same through a file on disk.
    const QString path = m_dir.filePath(QStringLiteral("two.json"));
    QVERIFY(writeFile(path, QJsonDocument(json).toJson()));
    const auto fromFile = ConfigLoader::loadFile(path);
    QVERIFY2(fromFile.ok(), qPrintable(fromFile.error().message));
    QVERIFY(fromFile.value() == c);
}

void TestConfigSources::tokenVariable_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("variable");
    QTest::newRow("default") << QStringLiteral("REDCap") << QStringLiteral("REDCAP_API_TOKEN_REDCAP");
    QTest::newRow("lower case") << QStringLiteral("study_a") << QStringLiteral("REDCAP_API_TOKEN_STUDY_A");
    QTest::newRow("digits kept") << QStringLiteral("proj2") << QStringLiteral("REDCAP_API_TOKEN_PROJ2");
    QTest::newRow("blank and dash") << QStringLiteral("Site B-3T")
                                    << QStringLiteral("REDCAP_API_TOKEN_SITE_B_3T");
    QTest::newRow("non-ASCII") << QStringLiteral("étude") << QStringLiteral("REDCAP_API_TOKEN__TUDE");
}

void TestConfigSources::tokenVariable()
{
    QFETCH(QString, name);
    QFETCH(QString, variable);
    SourceConfig source;
    source.name = name;
    QCOMPARE(source.tokenVariable(), variable);
}

// Where one source's token comes from, in order: --token-file (only source), its token_file,
// REDCAP_API_TOKEN_<NAME>, REDCAP_API_TOKEN (only source).
void TestConfigSources::tokenResolutionOrder_data()
{
    QTest::addColumn<bool>("onlySource");
    QTest::addColumn<bool>("override"); // --token-file given
    QTest::addColumn<bool>("ownFile"); // the source's token_file
    QTest::addColumn<bool>("named"); // REDCAP_API_TOKEN_STUDY_A
    QTest::addColumn<bool>("generic"); // REDCAP_API_TOKEN
    QTest::addColumn<QString>("expected"); // which token, or "error"

    QTest::newRow("one: --token-file first")
        << true << true << true << true << true << QStringLiteral("override");
    QTest::newRow("one: token_file next") << true << false << true << true << true << QStringLiteral("file");
    QTest::newRow("one: named variable next")
        << true << false << false << true << true << QStringLiteral("named");
    QTest::newRow("one: REDCAP_API_TOKEN last")
        << true << false << false << false << true << QStringLiteral("generic");
    QTest::newRow("one: nothing") << true << false << false << false << false << QStringLiteral("error");
    QTest::newRow("many: --token-file ignored, token_file")
        << false << true << true << true << true << QStringLiteral("file");
    QTest::newRow("many: --token-file ignored, named")
        << false << true << false << true << true << QStringLiteral("named");
    QTest::newRow("many: --token-file alone is not enough")
        << false << true << false << false << false << QStringLiteral("error");
    QTest::newRow("many: REDCAP_API_TOKEN refused")
        << false << false << false << false << true << QStringLiteral("error");
    QTest::newRow("many: named variable")
        << false << false << false << true << false << QStringLiteral("named");
}

void TestConfigSources::tokenResolutionOrder()
{
    QFETCH(bool, onlySource);
    QFETCH(bool, override);
    QFETCH(bool, ownFile);
    QFETCH(bool, named);
    QFETCH(bool, generic);
    QFETCH(QString, expected);

    const QHash<QString, QString> tokens {
        { QStringLiteral("override"), QStringLiteral("0000000000000000000000000000000A") },
        { QStringLiteral("file"), QStringLiteral("0000000000000000000000000000000B") },
        { QStringLiteral("named"), QStringLiteral("0000000000000000000000000000000C") },
        { QStringLiteral("generic"), QStringLiteral("0000000000000000000000000000000D") },
    };
    const QString overridePath = m_dir.filePath(QStringLiteral("override.token"));
    const QString filePath = m_dir.filePath(QStringLiteral("own.token"));
    QVERIFY(writeFile(overridePath, tokens.value(QStringLiteral("override")).toUtf8() + "\n"));
    QVERIFY(writeFile(filePath, tokens.value(QStringLiteral("file")).toUtf8() + "\n"));
    if (named)
        qputenv("REDCAP_API_TOKEN_STUDY_A", tokens.value(QStringLiteral("named")).toUtf8());
    if (generic)
        qputenv("REDCAP_API_TOKEN", tokens.value(QStringLiteral("generic")).toUtf8());

    SourceConfig source;
    source.name = QStringLiteral("study_a");
    if (ownFile)
        source.tokenFile = filePath;
    const auto r = ConfigLoader::loadSourceToken(source, onlySource, override ? overridePath : QString());
    if (expected == QLatin1String("error")) {
        QVERIFY2(!r.ok(), "a token was found where none may be used");
        QCOMPARE(r.error().kind, Error::Kind::Config);
        const QString& message = r.error().message;
        QVERIFY2(message.contains(QStringLiteral("source 'study_a'")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("REDCAP_API_TOKEN_STUDY_A")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("token_file")), qPrintable(message));
        // Only a file of one source is told about the ways that serve one source only.
        QCOMPARE(message.contains(QStringLiteral("--token-file")), onlySource);
        for (const QString& token : tokens)
            QVERIFY(!message.contains(token));
        return;
    }
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r.value(), tokens.value(expected));
}

void TestConfigSources::aSourceNeverGetsAnothersToken()
{
    const QString tokenA = QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const QString tokenB = QStringLiteral("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    const QString fileB = m_dir.filePath(QStringLiteral("b.token"));
    QVERIFY(writeFile(fileB, tokenB.toUtf8()));
    const auto loaded = load(QStringLiteral(R"({"sources": [{"name": "study_a"}, {"name": "study_b",
        "token_file": "%1"}, {"name": "study_c"}]})")
                                 .arg(fileB)
                                 .toUtf8());
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    const QList<SourceConfig>& sources = loaded.value().sources;
    qputenv("REDCAP_API_TOKEN_STUDY_A", tokenA.toUtf8());
    qputenv("REDCAP_API_TOKEN", "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");

    const auto a = ConfigLoader::loadSourceToken(sources.at(0), false);
    QVERIFY2(a.ok(), qPrintable(a.error().message));
    QCOMPARE(a.value(), tokenA);
    const auto b = ConfigLoader::loadSourceToken(sources.at(1), false);
    QVERIFY2(b.ok(), qPrintable(b.error().message));
    QCOMPARE(b.value(), tokenB);
    // study_c has nothing of its own: neither A's variable, B's file nor the shared variable.
    const auto c = ConfigLoader::loadSourceToken(sources.at(2), false, fileB);
    QVERIFY(!c.ok());
    QVERIFY2(c.error().message.contains(QStringLiteral("REDCAP_API_TOKEN_STUDY_C")),
             qPrintable(c.error().message));
    QVERIFY(!c.error().message.contains(tokenA) && !c.error().message.contains(tokenB));

    // A's variable is not B's even when B's file goes: B then has no token.
    QVERIFY(QFile::remove(fileB));
    const auto bGone = ConfigLoader::loadSourceToken(sources.at(1), false);
    QVERIFY(!bGone.ok());
    QVERIFY2(bGone.error().message.contains(QStringLiteral("does not exist")),
             qPrintable(bGone.error().message));
    QVERIFY2(bGone.error().message.contains(QStringLiteral("token_file of source 'study_b'")),
             qPrintable(bGone.error().message));
}

QTEST_GUILESS_MAIN(TestConfigSources)
#include "tst_configsources.moc"
