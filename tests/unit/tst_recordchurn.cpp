#include "RecordChurn.h"
#include "RedcapProject.h"
#include "SimulatorThread.h"
#include "redcap/RedcapClient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTest>

using Lantir::RedcapClient;
using Lantir::RedcapClientOptions;
using Lantir::Test::RecordChurn;
using Lantir::Test::RedcapProject;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

namespace {

constexpr qint64 kStart = 1'750'000'000'000; // the project's creation, ms since the epoch

QString text(const QJsonObject& row, const char* name)
{
    const QJsonValue value = row.value(QLatin1String(name));
    return value.isDouble() ? QString::number(value.toInt()) : value.toString();
}

// Scan visits a sync turns into entries, by "record/instance", with the baseline they take.
QMap<QString, QJsonObject> scheduledVisits(const RedcapProject& project)
{
    QMap<QString, QJsonObject> baselines;
    QMap<QString, QJsonObject> visits;
    const QJsonArray rows = project.exportAll();
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        const QString record = text(row, "record_id");
        if (text(row, "redcap_repeat_instrument").isEmpty()) {
            baselines.insert(record, row);
        } else if (!text(row, "mri_instance").isEmpty() && !text(row, "mri_date").isEmpty()
                   && !text(row, "mri_time").isEmpty()) {
            visits.insert(record + QLatin1Char('/') + text(row, "redcap_repeat_instance"),
                          QJsonObject { { QStringLiteral("baseline"), baselines.value(record) },
                                        { QStringLiteral("visit"), row } });
        }
    }
    return visits;
}

} // namespace

// RecordChurn: the seeded changes of the churn soak, and the simulator's hook that makes them
// when a sync cycle starts.
class TestRecordChurn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theSameSeedMakesTheSameChanges()
    {
        auto run = [](quint32 seed) {
            RedcapProject project;
            project.generate(SimulatorProject { 40, 2, 3, false }, kStart);
            RecordChurn churn(seed);
            for (int step = 1; step <= 30; ++step)
                churn.step(project, 10, kStart + step * 1000);
            return std::make_pair(project.exportAll(), churn.retired());
        };
        const auto a = run(5);
        QCOMPARE(a, run(5));
        QVERIFY(a != run(6));
    }

    void eachChangeOfAStepGoesToAnotherRecordAtTheStepsTime()
    {
        RedcapProject project;
        project.generate(SimulatorProject { 40, 2, 3, false }, kStart);
        RecordChurn churn(11);
        for (int step = 1; step <= 25; ++step) {
            const qint64 stamp = kStart + step * 60000;
            const qint64 deletedBefore = churn.stats().changes[RecordChurn::DeleteRecord];
            const int made = churn.step(project, 8, stamp);
            QVERIFY(made > 0 && made <= 8);
            const int deleted = int(churn.stats().changes[RecordChurn::DeleteRecord] - deletedBefore);
            int stamped = 0;
            for (int i = 0; i < project.recordCount(); ++i) {
                const qint64 modified = *project.modifiedAt(project.recordIdAt(i));
                QVERIFY(modified <= stamp);
                if (modified == stamp)
                    ++stamped;
            }
            // Every change but a record's deletion left its own record modified now.
            QCOMPARE(stamped, made - deleted);
        }
        QCOMPARE(churn.stats().steps, qint64(25));
        QVERIFY(churn.stats().total() > 150);
        QVERIFY2(churn.stats().summary().startsWith(QLatin1String("25 steps, ")),
                 qPrintable(churn.stats().summary()));
    }

    // A visit that stops being one (deleted, its record deleted, its time cleared) is retired
    // exactly as it was at the end of the step before: what a sync since then has written.
    void retiredVisitsAreTheStateTheSyncLastSaw()
    {
        RedcapProject project;
        project.generate(SimulatorProject { 30, 2, 7, false }, kStart);
        RecordChurn churn(21);
        QMap<QString, QJsonObject> before = scheduledVisits(project);
        QMap<QString, QJsonObject> expectedRetired;
        int retiredSeen = 0;
        int withRecord = 0;
        for (int step = 1; step <= 80; ++step) {
            churn.step(project, 6, kStart + step * 1000);
            const QMap<QString, QJsonObject> now = scheduledVisits(project);
            QStringList retiredNow;
            for (auto it = before.cbegin(); it != before.cend(); ++it) {
                if (!now.contains(it.key())) {
                    expectedRetired.insert(it.key(), it.value());
                    retiredNow.append(it.key());
                    ++retiredSeen;
                }
            }
            QMap<QString, QJsonObject> retired;
            for (const QJsonValue& value : churn.retired()) {
                const QJsonObject visit = value.toObject().value(QStringLiteral("visit")).toObject();
                retired.insert(text(visit, "record_id") + QLatin1Char('/')
                                   + text(visit, "redcap_repeat_instance"),
                               value.toObject());
            }
            QCOMPARE(retired.keys(), expectedRetired.keys());
            for (auto it = expectedRetired.cbegin(); it != expectedRetired.cend(); ++it) {
                QJsonObject got = retired.value(it.key());
                const bool recordDeleted = got.take(QStringLiteral("record_deleted")).toBool();
                QCOMPARE(got, it.value());
                // Marked when, and only when, the visit went with its whole record.
                if (retiredNow.contains(it.key())) {
                    QCOMPARE(recordDeleted, !project.hasRecord(it.key().section(QLatin1Char('/'), 0, 0)));
                    withRecord += recordDeleted ? 1 : 0;
                }
            }
            before = now;
        }
        QVERIFY(retiredSeen > 10);
        QVERIFY(withRecord > 0);
    }

    void theSimulatorChurnsWhenACycleStartsWithinItsWindow()
    {
        SimulatorThread sim(SimulatorProject { 30, 2, 4, false });
        QVERIFY(sim.isListening());
        sim->setCycleChurn(5, 9);
        RedcapClientOptions options;
        options.apiUrl = sim->apiUrl();
        options.token = Lantir::Test::RedcapSimulator::defaultToken();
        options.timeoutMs = 10000;
        options.maxTries = 1;
        RedcapClient client(options);

        // The first cycle's export: the state the changes start from.
        QVERIFY(client.exportRecordIds(QStringLiteral("record_id"), {}, {}));
        QCOMPARE(sim->cycleChurnStats().steps, qint64(0));

        // The next cycle: the changes are made before its ids are exported, stamped at its window's
        // end, so it finds exactly the records changed (the project was made a day ago).
        const QDateTime end = QDateTime::currentDateTime();
        const auto ids = client.exportRecordIds(QStringLiteral("record_id"), end.addSecs(-60), end);
        QVERIFY(ids);
        const RecordChurn::Stats stats = sim->cycleChurnStats();
        QCOMPARE(stats.steps, qint64(1));
        QCOMPARE(qint64(ids.value().size()), stats.total() - stats.changes[RecordChurn::DeleteRecord]);
        QVERIFY(ids.value().size() > 0);
        const qint64 endSecs = end.toSecsSinceEpoch();
        for (const QString& id : ids.value().toStringList())
            QCOMPARE(sim->modifiedAt(id).toSecsSinceEpoch(), endSecs);

        // Batch exports and metadata are not cycle starts; 0 stops the churn.
        QVERIFY(client.exportRecords(ids.value().toStringList(),
                                     { QStringLiteral("record_id"), QStringLiteral("mri_time") }));
        QVERIFY(client.exportFieldNames());
        QCOMPARE(sim->cycleChurnStats().steps, qint64(1));
        sim->setCycleChurn(0);
        QVERIFY(client.exportRecordIds(QStringLiteral("record_id"), end.addSecs(-60),
                                       QDateTime::currentDateTime()));
        QCOMPARE(sim->cycleChurnStats().steps, qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestRecordChurn)
#include "tst_recordchurn.moc"
