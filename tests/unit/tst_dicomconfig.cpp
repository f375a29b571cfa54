// The `dicom` section of lantir.json and pylantir's allowed_aet, through the real loader.
#include "config/ConfigLoader.h"
#include "config/DicomSectionParser.h"

#include <QJsonDocument>
#include <QTest>

using Lantir::ConfigLoader;
using Lantir::DicomConfig;

class TestDicomConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("REDCAP_API_URL"); }

    void documentedDefaults()
    {
        const auto loaded = ConfigLoader::loadJson(R"({"database": {"path": "/tmp/w.db"}})", QString());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        const DicomConfig& d = loaded.value().dicom;
        QCOMPARE(d.enabled, false);
        QCOMPARE(d.aeTitle, QStringLiteral("LANTIR"));
        QCOMPARE(d.port, 4242);
        QVERIFY(d.bindAddress.isEmpty());
        QVERIFY(d.allowedCallingAets.isEmpty());
        QCOMPARE(d.checkCalledAet, true);
        QCOMPARE(d.maxAnswers, 1000);
        QCOMPARE(d.servedStatuses,
                 QStringList({ QStringLiteral("SCHEDULED"), QStringLiteral("IN_PROGRESS"),
                               QStringLiteral("DISCONTINUED") }));
        QVERIFY(d.defaultStationAet.isEmpty());
        QCOMPARE(d.pnCaseSensitive, false);
        QCOMPARE(d.acseTimeoutSeconds, 30);
        QCOMPARE(d.dimseTimeoutSeconds, 30);
    }

    void fullSection()
    {
        const auto loaded
            = ConfigLoader::loadJson(R"({"dicom": {"enabled": true, "ae_title": "MWL", "port": 11112,
            "bind": "127.0.0.1", "allowed_calling_aets": ["MRGECAA1", "AE_TITLE_1"], "check_called_aet": false,
            "max_answers": 50, "served_statuses": ["SCHEDULED"], "default_station_aet": "MRI1",
            "pn_case_sensitive": true, "acse_timeout_s": 10, "dimse_timeout_s": 60, "max_associations": 4}})",
                                     QString());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QVERIFY(loaded.value().warnings.filter(QStringLiteral("dicom")).isEmpty());
        const DicomConfig& d = loaded.value().dicom;
        QCOMPARE(d.enabled, true);
        QCOMPARE(d.aeTitle, QStringLiteral("MWL"));
        QCOMPARE(d.port, 11112);
        QCOMPARE(d.bindAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(d.allowedCallingAets,
                 QStringList({ QStringLiteral("MRGECAA1"), QStringLiteral("AE_TITLE_1") }));
        QCOMPARE(d.checkCalledAet, false);
        QCOMPARE(d.maxAnswers, 50);
        QCOMPARE(d.servedStatuses, QStringList { QStringLiteral("SCHEDULED") });
        QCOMPARE(d.defaultStationAet, QStringLiteral("MRI1"));
        QCOMPARE(d.pnCaseSensitive, true);
        QCOMPARE(d.acseTimeoutSeconds, 10);
        QCOMPARE(d.dimseTimeoutSeconds, 60);
        QCOMPARE(d.maxAssociations, 4);
        // Written and read back, the same settings.
        const auto again
            = ConfigLoader::loadJson(QJsonDocument(ConfigLoader::toJson(loaded.value())).toJson(), QString());
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QCOMPARE(again.value().dicom, d);
    }

    void pylantirAllowedAetIsReadAsItIs()
    {
        const auto loaded = ConfigLoader::loadJson(
            R"({"db_path": "/tmp/w.db", "allowed_aet": ["MRGECAA1"], "site": "792", "redcap2wl": {}})",
            QString());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded.value().dicom.allowedCallingAets, QStringList { QStringLiteral("MRGECAA1") });
        QCOMPARE(loaded.value().dicom.enabled, false);
        const auto empty
            = ConfigLoader::loadJson(R"({"db_path": "/tmp/w.db", "allowed_aet": []})", QString());
        QVERIFY2(empty.ok(), qPrintable(empty.error().message));
        QVERIFY(empty.value().dicom.allowedCallingAets.isEmpty());
    }

    void pylantirAllowedAetFollowsTheAeTitleRules()
    {
        // Found by fuzz_config: pylantir's allowed_aet took any string, the dicom section Lantir
        // writes does not, so a loaded file could not be read back once saved.
        const auto loaded = ConfigLoader::loadJson(
            R"({"db_path": "/tmp/w.db", "allowed_aet": ["MRI_SCANN       _SCANNER"]})",
            QStringLiteral("mwl.json"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(QStringLiteral("allowed_aet")),
                 qPrintable(loaded.error().message));
        const auto trimmed
            = ConfigLoader::loadJson(R"({"db_path": "/tmp/w.db", "allowed_aet": [" MRGECAA1 "]})", QString());
        QVERIFY2(trimmed.ok(), qPrintable(trimmed.error().message));
        QCOMPARE(trimmed.value().dicom.allowedCallingAets, QStringList { QStringLiteral("MRGECAA1") });
    }

    void invalidValues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("port 0") << QByteArray(R"({"dicom": {"port": 0}})") << QByteArray("dicom.port");
        QTest::newRow("port too big")
            << QByteArray(R"({"dicom": {"port": 70000}})") << QByteArray("dicom.port");
        QTest::newRow("AE too long") << QByteArray(R"({"dicom": {"ae_title": "ABCDEFGHIJKLMNOPQ"}})")
                                     << QByteArray("dicom.ae_title");
        QTest::newRow("AE with backslash")
            << QByteArray(R"({"dicom": {"ae_title": "A\\B"}})") << QByteArray("dicom.ae_title");
        QTest::newRow("enabled not bool")
            << QByteArray(R"({"dicom": {"enabled": "yes"}})") << QByteArray("dicom.enabled");
        QTest::newRow("allowed not a list") << QByteArray(R"({"dicom": {"allowed_calling_aets": 5}})")
                                            << QByteArray("dicom.allowed_calling_aets");
        QTest::newRow("section not an object") << QByteArray(R"({"dicom": 1})") << QByteArray("dicom");
    }
    void invalidValues()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, mentions);
        const auto loaded = ConfigLoader::loadJson(json, QStringLiteral("test.json"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(QString::fromLatin1(mentions)),
                 qPrintable(loaded.error().message));
        QVERIFY(loaded.error().message.startsWith(QLatin1String("test.json")));
    }

    void unknownKeyWarns()
    {
        const auto loaded = ConfigLoader::loadJson(R"({"dicom": {"prot": 4242}})", QStringLiteral("x.json"));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().warnings.filter(QStringLiteral("dicom")).size(), 1);
        QVERIFY(loaded.value()
                    .warnings.filter(QStringLiteral("dicom"))
                    .constFirst()
                    .contains(QLatin1String("dicom.prot")));
    }
};

QTEST_GUILESS_MAIN(TestDicomConfig)
#include "tst_dicomconfig.moc"
