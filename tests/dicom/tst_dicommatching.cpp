// The worklist server's matching and answers, without a network: PS3.4 C.2.2.2's matching kinds
// over a candidate made from one worklist_items row, the stored date and time forms, and what an
// answer holds.
#include "dicom/AnswerBuilder.h"
#include "dicom/DicomValues.h"
#include "dicom/QueryMatcher.h"
#include "dicom/WorklistCandidate.h"
#include "dicom/WorklistQuery.h"

#include <QTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcpath.h>

using namespace Lantir::Dicom;

namespace {
WorklistRow sampleRow()
{
    WorklistRow row;
    row.id = 7;
    row.studyInstanceUid = QStringLiteral("2.25.100");
    row.patientName = QStringLiteral("cpip-id-01^fa-02");
    row.patientId = QStringLiteral("sub_01_ses_1_fam_02_site_792");
    row.patientBirthDate = QStringLiteral("2012");
    row.patientSex = QStringLiteral("F");
    row.patientWeightLb = QStringLiteral("100");
    row.accessionNumber = QStringLiteral("A100");
    row.referringPhysicianName = QStringLiteral("Smith^Ann");
    row.modality = QStringLiteral("MR");
    row.scheduledStationAeTitle = QStringLiteral("MRI1");
    row.scheduledStartDate = QStringLiteral("2025-04-01");
    row.scheduledStartTime = QStringLiteral("10:30");
    row.performingPhysician = QStringLiteral("Doe^John");
    row.protocolName = QStringLiteral("BRAIN_MRI_3T");
    row.status = QStringLiteral("SCHEDULED");
    return row;
}

// Keys as findscu writes them: "PatientName=cpip*", "(0040,0100)[0].Modality=MR".
std::unique_ptr<DcmDataset> query(const QByteArrayList& keys)
{
    auto dataset = std::make_unique<DcmDataset>();
    for (const QByteArray& key : keys) {
        DcmPathProcessor processor;
        const OFCondition cond = processor.applyPathWithValue(dataset.get(), key.constData());
        if (cond.bad())
            qWarning() << "bad key" << key << cond.text();
    }
    return dataset;
}

QString value(DcmItem& item, const DcmTagKey& tag)
{
    OFString text;
    item.findAndGetOFStringArray(tag, text);
    return QString::fromUtf8(text.c_str());
}
} // namespace

class TestDicomMatching : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(dcmDataDict.isDictionaryLoaded(), "DCMTK's data dictionary is not loaded");
    }

    void storedForms_data()
    {
        QTest::addColumn<QByteArray>("stored");
        QTest::addColumn<QByteArray>("da");
        QTest::addColumn<QByteArray>("tm");
        QTest::newRow("pylantir dashed date")
            << QByteArray("2025-04-01") << QByteArray("20250401") << QByteArray("");
        QTest::newRow("DICOM date") << QByteArray("20250401") << QByteArray("20250401") << QByteArray("");
        QTest::newRow("bare year is no date") << QByteArray("2012") << QByteArray("") << QByteArray("");
        QTest::newRow("impossible date") << QByteArray("2025-02-30") << QByteArray("") << QByteArray("");
        QTest::newRow("time HH:MM") << QByteArray("10:30") << QByteArray("") << QByteArray("103000");
        QTest::newRow("time H:MM") << QByteArray("9:05") << QByteArray("") << QByteArray("090500");
        QTest::newRow("time HH:MM:SS") << QByteArray("10:30:15") << QByteArray("") << QByteArray("103015");
        QTest::newRow("time HHMMSS") << QByteArray("103015") << QByteArray("") << QByteArray("103015");
        QTest::newRow("time HHMM") << QByteArray("1030") << QByteArray("") << QByteArray("103000");
        QTest::newRow("impossible time") << QByteArray("25:00") << QByteArray("") << QByteArray("");
    }
    void storedForms()
    {
        QFETCH(QByteArray, stored);
        QFETCH(QByteArray, da);
        QFETCH(QByteArray, tm);
        if (QByteArray(QTest::currentDataTag()).contains("time"))
            QCOMPARE(Values::toTm(QString::fromLatin1(stored)), QString::fromLatin1(tm));
        else
            QCOMPARE(Values::toDa(QString::fromLatin1(stored)), QString::fromLatin1(da));
    }

    void weightInKilograms()
    {
        QCOMPARE(Values::poundsToKilograms(QStringLiteral("100")), QStringLiteral("45.4"));
        QCOMPARE(Values::poundsToKilograms(QStringLiteral("150.5")), QStringLiteral("68.3"));
        QCOMPARE(Values::poundsToKilograms(QString()), QString());
        QCOMPARE(Values::poundsToKilograms(QStringLiteral("unknown")), QString());
        QCOMPARE(Values::poundsToKilograms(QStringLiteral("0")), QString());
        QCOMPARE(Values::poundsToKilograms(QStringLiteral("-5")), QString());
    }

    void matching_data()
    {
        QTest::addColumn<QByteArrayList>("keys");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<bool>("matches");
        const QByteArray sps("(0040,0100)[0].");
        auto row = [](const char* name, QByteArrayList keys, bool matches, bool caseSensitive = false) {
            QTest::newRow(name) << keys << caseSensitive << matches;
        };
        row("universal: empty values", { "PatientName=", "PatientID=" }, true);
        row("universal: * alone", { "PatientName=*" }, true);
        row("single value", { "PatientID=sub_01_ses_1_fam_02_site_792" }, true);
        row("single value, other", { "PatientID=sub_02" }, false);
        row("wildcard *", { "PatientID=sub_01*" }, true);
        row("wildcard ?", { "PatientName=cpip-id-0?^fa-02" }, true);
        row("wildcard, no match", { "PatientName=DOE*" }, false);
        row("PN case-insensitive", { "PatientName=CPIP-ID-01*" }, true);
        row("PN case-sensitive when asked", { "PatientName=CPIP-ID-01*" }, false, true);
        row("LO stays case-sensitive", { "PatientID=SUB_01*" }, false);
        row("accession", { "AccessionNumber=A100" }, true);
        row("UID list", { "StudyInstanceUID=1.2.3\\2.25.100" }, true);
        row("UID list, no match", { "StudyInstanceUID=1.2.3\\1.2.4" }, false);
        row("empty SPS item: universal", { sps.chopped(1) }, true);
        row("modality", { sps + "Modality=MR" }, true);
        row("modality, other", { sps + "Modality=CT" }, false);
        row("station AE", { sps + "ScheduledStationAETitle=MRI1" }, true);
        row("station AE, other", { sps + "ScheduledStationAETitle=MRI2" }, false);
        row("SPS date", { sps + "ScheduledProcedureStepStartDate=20250401" }, true);
        row("SPS date, other day", { sps + "ScheduledProcedureStepStartDate=20250402" }, false);
        row("date range", { sps + "ScheduledProcedureStepStartDate=20250301-20250430" }, true);
        row("open range from", { sps + "ScheduledProcedureStepStartDate=20250402-" }, false);
        row("open range to", { sps + "ScheduledProcedureStepStartDate=-20250401" }, true);
        row("time range alone", { sps + "ScheduledProcedureStepStartTime=1000-1100" }, true);
        row("time range alone, before", { sps + "ScheduledProcedureStepStartTime=-1000" }, false);
        row("combined date and time",
            { sps + "ScheduledProcedureStepStartDate=20250401",
              sps + "ScheduledProcedureStepStartTime=1000-1100" },
            true);
        row("combined range across midnight",
            { sps + "ScheduledProcedureStepStartDate=20250331-20250401",
              sps + "ScheduledProcedureStepStartTime=2300-1100" },
            true);
        row("combined range, too early",
            { sps + "ScheduledProcedureStepStartDate=20250331-20250401",
              sps + "ScheduledProcedureStepStartTime=2300-1000" },
            false);
        row("SPS status", { sps + "ScheduledProcedureStepStatus=SCHEDULED" }, true);
        row("SPS id", { sps + "ScheduledProcedureStepID=SPS7" }, true);
        row("performing physician wildcard", { sps + "ScheduledPerformingPhysicianName=doe*" }, true);
        row("referring physician", { "ReferringPhysicianName=Smith*" }, true);
        row("sex", { "PatientSex=M" }, false);
        row("unsupported key is universal", { "PatientAge=012Y" }, true);
        row("character set is never matched", { "SpecificCharacterSet=ISO_IR 100" }, true);
        row("today at MRI1, as a scanner asks",
            { "PatientName=*", sps + "ScheduledStationAETitle=MRI1",
              sps + "ScheduledProcedureStepStartDate=20250401", sps + "Modality=MR" },
            true);
    }
    void matching()
    {
        QFETCH(QByteArrayList, keys);
        QFETCH(bool, caseSensitive);
        QFETCH(bool, matches);
        auto candidate = buildCandidate(sampleRow(), {});
        auto q = query(keys);
        QCOMPARE(matchesCandidate(*q, *candidate, MatchOptions { caseSensitive }), matches);
    }

    void groupLengthAndPrivateKeysAreAccepted()
    {
        auto q = query({ "PatientName=cpip*" });
        q->putAndInsertUint32(DcmTagKey(0x0010, 0x0000), 0);
        q->putAndInsertString(DcmTag(0x0029, 0x0010, EVR_LO), "SIEMENS CSA HEADER");
        auto candidate = buildCandidate(sampleRow(), {});
        QVERIFY(matchesCandidate(*q, *candidate, {}));
        auto answer = buildAnswer(*q, *candidate);
        QVERIFY(!answer->tagExists(DcmTagKey(0x0010, 0x0000)));
        QVERIFY(!answer->tagExists(DcmTagKey(0x0029, 0x0010)));
    }

    void binaryOrHugeKeysAreRefused()
    {
        auto ordinary = query({ "PatientName=cpip*", "(0040,0100)[0].Modality=MR", "StudyInstanceUID=" });
        ordinary->putAndInsertString(DcmTag(0x0029, 0x0010, EVR_LO), "SIEMENS CSA HEADER");
        QCOMPARE(identifierProblem(*ordinary), QString());

        // A Study Instance UID sent as OB (as a hostile or broken peer may): refused, never read
        // as text (rendering a declared 775 MB of bytes as hex is what the fuzzer stopped on).
        auto binary = query({ "PatientName=" });
        const Uint8 bytes[] = { '1', '.', '2' };
        binary->putAndInsertUint8Array(DcmTag(DCM_StudyInstanceUID, EVR_OB), bytes, 3);
        QVERIFY2(identifierProblem(*binary).contains(QStringLiteral("OB")),
                 qPrintable(identifierProblem(*binary)));

        auto huge = query({ "PatientName=" });
        huge->putAndInsertString(DCM_PatientID, QByteArray(int(MaxQueryValueBytes) + 2, 'A').constData());
        QVERIFY2(identifierProblem(*huge).contains(QStringLiteral("bytes long")),
                 qPrintable(identifierProblem(*huge)));

        // In a sequence item too.
        auto nested = query({ "(0040,0100)[0].Modality=MR" });
        DcmItem* step = nullptr;
        QVERIFY(nested->findAndGetSequenceItem(DCM_ScheduledProcedureStepSequence, step, 0).good());
        const Uint16 words[] = { 0x524d, 0x3149 }; // "MRI1" as two little-endian words
        step->putAndInsertUint16Array(DcmTag(DCM_ScheduledStationAETitle, EVR_OW), words, 2);
        QVERIFY(!identifierProblem(*nested).isEmpty());
    }

    void answerHoldsRequestedKeysOnly()
    {
        auto q = query({ "PatientName=", "PatientWeight=", "PatientBirthDate=",
                         "(0040,0100)[0].ScheduledProcedureStepStartDate=",
                         "(0040,0100)[0].ScheduledProcedureStepStartTime=" });
        auto candidate = buildCandidate(sampleRow(), {});
        auto answer = buildAnswer(*q, *candidate);
        QCOMPARE(value(*answer, DCM_PatientWeight), QStringLiteral("45.4")); // 100 lb, never sent as kg
        QCOMPARE(value(*answer, DCM_PatientBirthDate), QString()); // a bare year is no DA
        QVERIFY(answer->tagExists(DCM_PatientBirthDate));
        QVERIFY(!answer->tagExists(DCM_PatientID));
        QVERIFY(!answer->tagExists(DCM_SpecificCharacterSet)); // ASCII only, not asked for
        DcmItem* step = nullptr;
        QVERIFY(answer->findAndGetSequenceItem(DCM_ScheduledProcedureStepSequence, step, 0).good());
        QCOMPARE(step->card(), 2UL);
        QCOMPARE(value(*step, DCM_ScheduledProcedureStepStartDate), QStringLiteral("20250401"));
        QCOMPARE(value(*step, DCM_ScheduledProcedureStepStartTime), QStringLiteral("103000"));
    }

    void emptyStepItemReturnsTheWholeItem()
    {
        auto q = query({ "(0040,0100)[0]" });
        WorklistRow row = sampleRow();
        row.scheduledStationAeTitle.clear();
        auto candidate = buildCandidate(row, { QStringLiteral("DEFAULT_AE"), QStringLiteral("CALLER") });
        auto answer = buildAnswer(*q, *candidate);
        DcmItem* step = nullptr;
        QVERIFY(answer->findAndGetSequenceItem(DCM_ScheduledProcedureStepSequence, step, 0).good());
        QCOMPARE(value(*step, DCM_Modality), QStringLiteral("MR"));
        QCOMPARE(value(*step, DCM_ScheduledStationAETitle), QStringLiteral("DEFAULT_AE"));
        QCOMPARE(value(*step, DCM_ScheduledProcedureStepID), QStringLiteral("SPS7"));
        QCOMPARE(value(*step, DCM_ScheduledProcedureStepStatus), QStringLiteral("SCHEDULED"));
        DcmItem* code = nullptr;
        QVERIFY(step->findAndGetSequenceItem(DCM_ScheduledProtocolCodeSequence, code, 0).good());
        QCOMPARE(value(*code, DCM_CodeMeaning), QStringLiteral("BRAIN_MRI_3T"));
    }

    void typeOneKeysAlwaysHaveValues()
    {
        WorklistRow row;
        row.id = 42;
        row.studyInstanceUid = QStringLiteral("2.25.1");
        auto candidate = buildCandidate(row, { QString(), QStringLiteral("CALLER") });
        auto q = query(
            { "StudyInstanceUID=", "RequestedProcedureID=", "(0040,0100)[0].Modality=",
              "(0040,0100)[0].ScheduledStationAETitle=", "(0040,0100)[0].ScheduledProcedureStepID=" });
        auto answer = buildAnswer(*q, *candidate);
        QCOMPARE(value(*answer, DCM_RequestedProcedureID), QStringLiteral("RP42"));
        DcmItem* step = nullptr;
        QVERIFY(answer->findAndGetSequenceItem(DCM_ScheduledProcedureStepSequence, step, 0).good());
        QCOMPARE(value(*step, DCM_Modality), QStringLiteral("MR"));
        QCOMPARE(value(*step, DCM_ScheduledStationAETitle), QStringLiteral("CALLER"));
        QCOMPARE(value(*step, DCM_ScheduledProcedureStepID), QStringLiteral("SPS42"));
    }

    void nonAsciiAnswerSaysUtf8()
    {
        WorklistRow row = sampleRow();
        row.patientName = QStringLiteral("Müller^Jörg");
        auto candidate = buildCandidate(row, {});
        auto q = query({ "PatientName=m*" });
        QVERIFY(matchesCandidate(*q, *candidate, {}));
        auto answer = buildAnswer(*q, *candidate);
        QCOMPARE(value(*answer, DCM_SpecificCharacterSet), QStringLiteral("ISO_IR 192"));
        QCOMPARE(value(*answer, DCM_PatientName), QStringLiteral("Müller^Jörg"));
    }

    void sqlPrefilterOnlyNarrowsSafely()
    {
        auto q = query({ "PatientID=sub_01*", "AccessionNumber=A100",
                         "(0040,0100)[0].ScheduledProcedureStepStartDate=20250401-20250402" });
        const SqlPrefilter filter = SqlPrefilter::fromQuery(*q, { QStringLiteral("SCHEDULED") });
        QVERIFY(!filter.where.contains(QLatin1String("patient_id"))); // a wildcard is left to matching
        QVERIFY(filter.where.contains(QLatin1String("accession_number = ?")));
        QVERIFY(filter.where.contains(QLatin1String(">= ?")));
        QVERIFY(filter.where.contains(QLatin1String("<= ?")));
        QCOMPARE(filter.values.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestDicomMatching)
#include "tst_dicommatching.moc"
