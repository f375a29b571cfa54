#include "MockClock.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestDatabase.h"
#include "TestSync.h"
#include "store/WorklistStore.h"
#include "sync/SyncEngine.h"

#include <QLoggingCategory>
#include <QTest>
#include <QTimeZone>

using namespace Lantir;
using Lantir::Test::MockClock;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::TestDatabase;
using Lantir::Test::TestSync;

namespace {
// A whole second, so that the ISO text of the window has nothing to round.
QDateTime startTime()
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
    return now;
}

// The fields[] of the record exports that asked for records (batches), in order.
QList<QStringList> batchFields(const RedcapSimulator* sim)
{
    QList<QStringList> result;
    const QList<QUrlQuery> log = sim->requestLog();
    for (const QUrlQuery& query : log) {
        if (query.queryItemValue(QStringLiteral("content")) != QLatin1String("record")
            || !query.hasQueryItem(QStringLiteral("records[0]")))
            continue;
        QStringList fields;
        for (int i = 0; query.hasQueryItem(QStringLiteral("fields[%1]").arg(i)); ++i)
            fields.append(query.queryItemValue(QStringLiteral("fields[%1]").arg(i)));
        result.append(fields);
    }
    return result;
}

// The dateRangeBegin of the last record-id export ("" when it had none).
QString lastRangeBegin(const RedcapSimulator* sim)
{
    QString begin;
    const QList<QUrlQuery> log = sim->requestLog();
    for (const QUrlQuery& query : log) {
        if (query.queryItemValue(QStringLiteral("content")) == QLatin1String("record")
            && !query.hasQueryItem(QStringLiteral("records[0]")))
            begin = query.queryItemValue(QStringLiteral("dateRangeBegin"), QUrl::FullyDecoded);
    }
    return begin;
}

// Counts the warnings logged in lantir.merge that contain `text`, while it is alive.
class WarningCounter
{
public:
    explicit WarningCounter(QString text)
    {
        s_text = std::move(text);
        s_count = 0;
        m_previous = qInstallMessageHandler(&WarningCounter::handle);
    }
    ~WarningCounter() { qInstallMessageHandler(m_previous); }
    int count() const { return s_count; }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        if (type == QtWarningMsg && qstrcmp(context.category, "lantir.merge") == 0
            && message.contains(s_text))
            ++s_count;
    }
    static inline QString s_text;
    static inline int s_count = 0;
    QtMessageHandler m_previous = nullptr;
};
} // namespace

// The sync engine against the simulator, cycle by cycle: the metadata cache, the incremental
// window and what a cycle logs.
class TestSyncEngine : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;

    // A fresh database for each engine.
    SyncConfig configFor(RedcapSimulator* sim)
    {
        SyncConfig config = TestSync::config(sim->apiUrl(), QString(), 5, 1, true);
        TestDatabase::applyTo(m_db.create(), config);
        config.sources.first().serverTimeZone = QByteArrayLiteral("UTC");
        sim->setServerTimeZone(QTimeZone::utc());
        return config;
    }

private Q_SLOTS:
    void initTestCase() { LANTIR_REQUIRE_TEST_DATABASE(m_db); }

    void metadataIsReadOnceAndReusedByTheNextCycles()
    {
        SimulatorThread sim(SimulatorProject { 6, 1, 3, false });
        MockClock clock(startTime());
        SyncEngine engine(configFor(sim.get()), RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 1);
        clock.advanceMinutes(30);
        QVERIFY(TestSync::run(engine).ok);
        clock.advanceMinutes(30);
        QVERIFY(TestSync::run(engine, true).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 1);
    }

    void metadataIsReadAgainAfterADay()
    {
        SimulatorThread sim(SimulatorProject { 4, 1, 4, false });
        MockClock clock(startTime());
        SyncEngine engine(configFor(sim.get()), RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        clock.advanceHours(23);
        clock.advanceMinutes(59);
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 1);
        clock.advanceMinutes(1);
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 2);
        clock.advanceHours(1);
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 2);
    }

    void metadataIsReadAgainWhenTheFieldListChanges()
    {
        SimulatorThread sim(SimulatorProject { 4, 1, 5, false });
        MockClock clock(startTime());
        SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 1);

        engine.setConfig(config, RedcapSimulator::defaultToken()); // same fields: the cache stays
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 1);

        config.sources.first().mapping.fieldMapping.removeLast(); // demo_sex no longer mapped
        engine.setConfig(config, RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine, true).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 2);
        const QList<QStringList> fields = batchFields(sim.get());
        QVERIFY(!fields.isEmpty());
        QVERIFY(fields.constFirst().contains(QStringLiteral("demo_sex")));
        QVERIFY(!fields.constLast().contains(QStringLiteral("demo_sex")));
    }

    void fieldsTheProjectLacksAreNotRequested()
    {
        SimulatorThread sim(SimulatorProject { 7, 2, 6, false });
        SyncConfig config = configFor(sim.get());
        config.sources.first().mapping.extraFields
            = { QStringLiteral("no_such_field"), QStringLiteral("demo_sex") };
        config.sources.first().mapping.fieldMapping.append(
            { QStringLiteral("old_scanner_note"), QStringLiteral("study_description") });
        SyncEngine engine(config, RedcapSimulator::defaultToken());
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.inserted, 14);
        const QList<QStringList> fields = batchFields(sim.get());
        QCOMPARE(fields.size(), 2); // 7 records in batches of 5
        for (const QStringList& batch : fields) {
            QVERIFY(!batch.contains(QStringLiteral("no_such_field")));
            QVERIFY(!batch.contains(QStringLiteral("old_scanner_note")));
            QVERIFY(batch.contains(QStringLiteral("demo_sex")));
            QVERIFY(batch.contains(QStringLiteral("mri_date")));
        }
    }

    void aFieldRejectedByRedcapMakesTheNextCycleReadMetadataAgain()
    {
        SimulatorThread sim(SimulatorProject { 6, 1, 7, false });
        MockClock clock(startTime());
        SyncEngine engine(configFor(sim.get()), RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 1);

        // The project's designer deletes demo_sex while the cached metadata still lists it.
        sim->removeField(QStringLiteral("demo_sex"));
        sim->setValue(QStringLiteral("2"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("0915"));
        clock.advanceMinutes(30);
        const CycleReport failed = TestSync::run(engine);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(QLatin1String("\"fields\"")), qPrintable(failed.error));
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 1);

        clock.advanceMinutes(30);
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(sim->requestCount(QStringLiteral("metadata")), 2);
        QCOMPARE(recovered.updated, 1);
        QVERIFY(!batchFields(sim.get()).constLast().contains(QStringLiteral("demo_sex")));
    }

    void theWindowStartsAtTheMarkMinusTheOverlap_data()
    {
        QTest::addColumn<int>("overlap");
        QTest::newRow("default 300 s") << -1;
        QTest::newRow("45 s") << 45;
    }

    void theWindowStartsAtTheMarkMinusTheOverlap()
    {
        QFETCH(int, overlap);
        SimulatorThread sim(SimulatorProject { 5, 1, 8, false });
        MockClock clock(startTime());
        SyncConfig config = configFor(sim.get());
        if (overlap >= 0)
            config.sources.first().schedule.overlapSeconds = overlap;
        else
            overlap = 300;
        QCOMPARE(config.sources.first().schedule.overlapSeconds, overlap);
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        const CycleReport first = TestSync::run(engine);
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(first.full);
        QVERIFY(lastRangeBegin(sim.get()).isEmpty());

        const Result<std::optional<QDateTime>> mark
            = engine.store()->highWaterMark(config.sources.first().name);
        QVERIFY(mark && mark.value().has_value());
        QCOMPARE(*mark.value(), clock.nowUtc());

        clock.advanceMinutes(47);
        const CycleReport second = TestSync::run(engine);
        QVERIFY2(second.ok, qPrintable(second.error));
        QVERIFY(!second.full);
        const QDateTime begin = mark.value()->addSecs(-overlap);
        QCOMPARE(second.windowBegin, begin.toString(Qt::ISODate));
        QCOMPARE(lastRangeBegin(sim.get()), begin.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }

    void aRowWithoutAStudyIdIsWarnedAboutOnceAndCounted()
    {
        SimulatorThread sim(SimulatorProject { 5, 1, 9, false });
        sim->setValue(QStringLiteral("3"), QString(), 0, QStringLiteral("study_id"), QString());
        SyncEngine engine(configFor(sim.get()), RedcapSimulator::defaultToken());
        CycleReport report;
        int warnings = 0;
        {
            const WarningCounter counter(QStringLiteral("record '3'"));
            report = TestSync::run(engine);
            warnings = counter.count();
        }
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.skipped, 1);
        QCOMPARE(report.inserted, 4);
        QCOMPARE(warnings, 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
