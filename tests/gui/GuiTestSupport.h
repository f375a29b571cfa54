#pragma once

// Helpers shared by the GUI suites (header only: tests/gui/ builds one executable per tst_*.cpp).

#include "DesktopApp.h"
#include "RedcapSimulator.h"
#include "SyntheticReports.h"
#include "TestEnvironment.h"
#include "config/SessionSecretStore.h"
#include "config/SyncConfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTest>
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

// The desktop application with settings in `settingsFile` and the token kept in memory (no
// keychain in tests). `token` is what the secret store holds at the start.
inline std::unique_ptr<DesktopApp> makeDesktopApp(const QString& settingsFile,
                                                  const QString& token = QString())
{
    DesktopOptions options;
    options.settingsFile = settingsFile;
    auto secrets = std::make_unique<SessionSecretStore>();
    if (!token.isEmpty())
        secrets->writeToken(token);
    return std::make_unique<DesktopApp>(options, std::move(secrets));
}

// Starts `app` and waits until it has read its saved settings and token, so a configuration a
// test applies afterwards is not replaced by them.
inline bool startDesktopApp(DesktopApp& app)
{
    if (!app.start().ok())
        return false;
    return QTest::qWaitFor([&] { return !app.isReadingToken(); }, TestEnvironment::scaledMs(5000));
}

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

} // namespace Lantir::Test
