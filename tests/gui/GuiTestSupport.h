#pragma once

// Helpers shared by the GUI suites (header only: tests/gui/ builds one executable per tst_*.cpp).

#include "CycleReport.h"
#include "RedcapSimulator.h"
#include "SyncConfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

#include <memory>

namespace Lantir::Test {

// The REDCap simulator serving on 127.0.0.1 from a thread of its own, so the GUI thread and the
// sync thread both talk to it over real HTTP.
class SimulatorThread
{
public:
    explicit SimulatorThread(int records = 10, int scansPerRecord = 2)
        : m_simulator(new RedcapSimulator())
    {
        SimulatorProject project;
        project.records = records;
        project.scansPerRecord = scansPerRecord;
        project.seed = 7;
        m_simulator->generate(project);
        m_thread.setObjectName(QStringLiteral("redcap-simulator"));
        m_simulator->moveToThread(&m_thread);
        m_thread.start();
        m_listening = m_simulator->listen();
    }

    ~SimulatorThread()
    {
        m_simulator->close();
        m_simulator->deleteLater();
        m_thread.quit();
        m_thread.wait();
    }

    SimulatorThread(const SimulatorThread&) = delete;
    SimulatorThread& operator=(const SimulatorThread&) = delete;

    bool isListening() const { return m_listening; }
    RedcapSimulator* operator->() const { return m_simulator; }
    RedcapSimulator* simulator() const { return m_simulator; }

private:
    QThread m_thread;
    RedcapSimulator* m_simulator;
    bool m_listening = false;
};

// A configuration for the simulator and a database file; cycles an hour apart, so only the
// first one and those a test asks for run.
inline SyncConfig simulatorConfig(const QUrl& apiUrl, const QString& databasePath)
{
    SyncConfig config;
    config.apiUrl = apiUrl;
    config.databasePath = databasePath;
    config.batchSize = 50;
    config.requestTimeoutMs = 10000;
    config.maxTries = 1;
    config.retryBaseDelayMs = 50;
    config.schedule.intervalSeconds = 3600;
    config.mapping.site = QStringLiteral("792");
    config.mapping.protocol = QStringLiteral("BRAIN_MRI_3T");
    return config;
}

// `count` cycles, `stepSeconds` apart, the last one ending at `last`; RSS grows slowly with a
// little wobble so decimation has something to fold.
inline QList<CycleReport> syntheticReports(int count, const QDateTime& last, int stepSeconds = 1800)
{
    QList<CycleReport> reports;
    reports.reserve(count);
    const QDateTime first = last.addSecs(-qint64(stepSeconds) * (count - 1));
    for (int i = 0; i < count; ++i) {
        CycleReport r;
        r.cycle = i + 1;
        r.startedAt = first.addSecs(qint64(stepSeconds) * i).toUTC();
        r.ok = (i % 97) != 96;
        r.error = r.ok ? QString() : QStringLiteral("REDCap answered HTTP 503");
        r.durationMs = 400 + (i % 13) * 10;
        r.rowsFetched = 100 + i % 7;
        r.records = 50;
        r.entries = 100;
        r.inserted = i % 3;
        r.updated = i % 5;
        r.unchanged = 100 - r.inserted - r.updated;
        r.rssStartKb = 40 * 1024 + (i % 10) * 100;
        r.rssPeakKb = r.rssStartKb + 8 * 1024 + (i % 17) * 50;
        r.rssEndKb = r.rssStartKb + 512;
        reports.append(r);
    }
    return reports;
}

// Settings of the suite's own, never the user's, and empty at the start.
inline void isolateSettings(const char* suite)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LantirTest"));
    QCoreApplication::setApplicationName(QString::fromLatin1(suite));
    QSettings().clear();
}

} // namespace Lantir::Test
