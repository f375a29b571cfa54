#pragma once

// Helpers shared by the GUI suites (header only: tests/gui/ builds one executable per tst_*.cpp).

#include "DesktopApp.h"
#include "RedcapSimulator.h"
#include "SourceSecrets.h"
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

// Tokens kept in memory, one store per source as the keychain keeps them (no keychain in tests).
// `tokens`: what the stores hold at the start, by source name.
inline std::unique_ptr<SourceSecrets> makeSessionSecrets(const SourceTokens& tokens = {})
{
    auto secrets = std::make_unique<SourceSecrets>([](const QString&) { return new SessionSecretStore(); });
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it)
        static_cast<SessionSecretStore*>(secrets->storeForKey(SourceSecrets::keyFor(it.key())))
            ->writeToken(it.value());
    return secrets;
}

// The desktop application with settings in `settingsFile` (sync settings beside it, .json for
// .ini) and the tokens kept in memory. `token` is what the default source ("REDCap") holds at
// the start.
inline std::unique_ptr<DesktopApp> makeDesktopApp(const QString& settingsFile,
                                                  const QString& token = QString())
{
    DesktopOptions options;
    options.settingsFile = settingsFile;
    SourceTokens tokens;
    if (!token.isEmpty())
        tokens.insert(SourceConfig().name, token);
    return std::make_unique<DesktopApp>(options, makeSessionSecrets(tokens));
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
    config.databasePath = databasePath;
    SourceConfig& source = config.sources.first();
    source.apiUrl = apiUrl;
    source.batchSize = 50;
    source.requestTimeoutMs = 10000;
    source.maxTries = 1;
    source.retryBaseDelayMs = 50;
    source.schedule.intervalSeconds = 3600;
    source.mapping.site = QStringLiteral("792");
    source.mapping.protocol = QStringLiteral("BRAIN_MRI_3T");
    return config;
}

} // namespace Lantir::Test
