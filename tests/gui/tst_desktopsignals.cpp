// The desktop application as a session ends it: a real `lantir` process (offscreen), a real
// simulator, real signals. SIGTERM (logout, systemd, kill) must quit as the menu's Quit does.

#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Lantir;
using namespace Lantir::Test;

class TestDesktopSignals : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    void writeFile(const QString& name, const QByteArray& content) const
    {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void startDesktop(QProcess& process, const QUrl& apiUrl)
    {
        writeFile(
            QStringLiteral("lantir.json"),
            QStringLiteral("{\"source\": {\"api_url\": \"%1\", \"batch_size\": 5, \"request_timeout_s\": 10},"
                           " \"database\": {\"path\": \"%2\"}, \"schedule\": {\"interval_s\": 3600}}")
                .arg(apiUrl.toString(), path(QStringLiteral("worklist.db")))
                .toUtf8());
        writeFile(QStringLiteral("token"), RedcapSimulator::defaultToken().toUtf8());
        process.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("runtime")));
        env.remove(QStringLiteral("REDCAP_API_TOKEN"));
        process.setProcessEnvironment(env);
        process.start(TestEnvironment::lantirDesktopBinary(),
                      { QStringLiteral("--config"), path(QStringLiteral("lantir.json")),
                        QStringLiteral("--token-file"), path(QStringLiteral("token")),
                        QStringLiteral("--settings"), path(QStringLiteral("settings.ini")) });
        QVERIFY2(process.waitForStarted(TestEnvironment::scaledMs(10000)), qPrintable(process.errorString()));
    }

    void expectCleanExitWithin(QProcess& process, int milliseconds)
    {
        QElapsedTimer timer;
        timer.start();
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(TestEnvironment::scaledMs(milliseconds)));
        const QString output = QString::fromUtf8(process.readAll());
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(milliseconds),
                 qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(process.exitStatus() == QProcess::NormalExit, qPrintable(output));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(output.contains(QLatin1String("Stopping on signal 15")), qPrintable(output));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QDir().mkpath(path(QStringLiteral("runtime")));
        QFile::setPermissions(path(QStringLiteral("runtime")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        if (!QFile::exists(TestEnvironment::lantirDesktopBinary()))
            QSKIP("The desktop application is not part of this build (LANTIR_BUILD_GUI=OFF)");
    }

    void sigtermDuringACycleQuitsCleanly()
    {
        SimulatorThread sim(SimulatorProject { 30, 2, 4, false });
        QVERIFY(sim.isListening());
        // Each record batch waits a second: the first cycle is still running when the signal comes.
        sim->injectFault(RedcapSimulator::Fault::Delay, 1000, QStringLiteral("record"), 400);
        QProcess process;
        startDesktop(process, sim->apiUrl());
        QTRY_VERIFY_WITH_TIMEOUT(sim->requestCount(QStringLiteral("record")) >= 2,
                                 TestEnvironment::scaledMs(20000));
        expectCleanExitWithin(process, 5000);
    }

    void sigtermWhileIdleQuitsCleanly()
    {
        SimulatorThread sim(SimulatorProject { 12, 2, 4, false });
        QVERIFY(sim.isListening());
        QProcess process;
        startDesktop(process, sim->apiUrl());
        // The first cycle exports the ids and then the records (12 records: 3 batches of 5).
        QTRY_VERIFY_WITH_TIMEOUT(sim->requestCount(QStringLiteral("record")) >= 4,
                                 TestEnvironment::scaledMs(20000));
        // Idle: the first cycle has logged its line (peek leaves the output for the check below).
        QTRY_VERIFY_WITH_TIMEOUT(process.peek(1 << 20).contains("cycle 1 ok in"),
                                 TestEnvironment::scaledMs(20000));
        expectCleanExitWithin(process, 5000);
    }
};

QTEST_GUILESS_MAIN(TestDesktopSignals)
#include "tst_desktopsignals.moc"
