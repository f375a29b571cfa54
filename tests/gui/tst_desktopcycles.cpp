// `lantir --cycles N --full --report FILE`, the desktop app's memory soak (lantir-bench --desktop):
// a real `lantir` process offscreen against a real simulator runs N cycles one after another,
// writes one report line per cycle with its own memory, and quits by itself.

#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"
#include "memory/MemoryProbe.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

class TestDesktopCycles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    void writeConfig(const QUrl& apiUrl) const
    {
        QFile config(path(QStringLiteral("lantir.json")));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(QStringLiteral("{\"source\": {\"api_url\": \"%1\", \"batch_size\": 10}, \"database\": "
                                    "{\"path\": \"%2\"}, \"schedule\": {\"interval_s\": 3600}}")
                         .arg(apiUrl.toString(), path(QStringLiteral("worklist.db")))
                         .toUtf8());
        config.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QFile token(path(QStringLiteral("token")));
        QVERIFY(token.open(QIODevice::WriteOnly | QIODevice::Truncate));
        token.write(RedcapSimulator::defaultToken().toUtf8());
        token.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // Runs the app to its end; returns its exit code (-1 when it crashed or hung) and its output.
    int runDesktop(const QStringList& extra, QString* output) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        env.remove(QStringLiteral("REDCAP_API_TOKEN"));
        process.setProcessEnvironment(env);
        process.start(TestEnvironment::lantirDesktopBinary(),
                      QStringList { QStringLiteral("--config"), path(QStringLiteral("lantir.json")),
                                    QStringLiteral("--token-file"), path(QStringLiteral("token")),
                                    QStringLiteral("--settings"), path(QStringLiteral("settings.ini")) }
                          + extra);
        const bool ended = process.waitForFinished(TestEnvironment::scaledMs(60000));
        *output = QString::fromUtf8(process.readAll());
        if (!ended) {
            process.kill();
            process.waitForFinished();
            return -1;
        }
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(TestEnvironment::lantirDesktopBinary()))
            QSKIP("The desktop application is not part of this build (LANTIR_BUILD_GUI=OFF)");
    }

    void runsTheCyclesReportsEachAndQuits()
    {
        SimulatorThread sim(SimulatorProject { 25, 2, 4, false });
        QVERIFY(sim.isListening());
        writeConfig(sim->apiUrl());
        const QString report = path(QStringLiteral("cycles.jsonl"));
        QString output;
        const int exitCode = runDesktop({ QStringLiteral("--cycles"), QStringLiteral("6"),
                                          QStringLiteral("--full"), QStringLiteral("--report"), report },
                                        &output);
        QVERIFY2(exitCode == 0, qPrintable(output));

        QFile lines(report);
        QVERIFY(lines.open(QIODevice::ReadOnly));
        QList<QJsonObject> cycles;
        while (!lines.atEnd()) {
            const QByteArray line = lines.readLine().trimmed();
            if (!line.isEmpty())
                cycles.append(QJsonDocument::fromJson(line).object());
        }
        QCOMPARE(cycles.size(), 6);
        for (int i = 0; i < cycles.size(); ++i) {
            const QJsonObject& c = cycles.at(i);
            QCOMPARE(c.value(QStringLiteral("cycle")).toInteger(), i + 1);
            QVERIFY2(c.value(QStringLiteral("ok")).toBool(),
                     qPrintable(c.value(QStringLiteral("error")).toString()));
            QCOMPARE(c.value(QStringLiteral("records")).toInteger(), 25);
            if (MemoryProbe::isSupported())
                QVERIFY(c.value(QStringLiteral("app_rss_kb")).toInteger() > 0);
        }
        // The first cycle may be the scheduled one (incremental); the ones it asked for are full
        // exports: every record again, nothing changed.
        for (int i = 1; i < cycles.size(); ++i) {
            QVERIFY(cycles.at(i).value(QStringLiteral("full")).toBool());
            QCOMPARE(cycles.at(i).value(QStringLiteral("unchanged")).toInteger(), 50);
        }
        // 1 id export + 3 record batches per cycle.
        QCOMPARE(sim->requestCount(QStringLiteral("record")), 6 * 4);
    }

    void badArgumentsAreRefusedWithoutStarting()
    {
        writeConfig(QUrl(QStringLiteral("http://127.0.0.1:9/api/")));
        QString output;
        QCOMPARE(runDesktop({ QStringLiteral("--cycles"), QStringLiteral("none") }, &output), 2);
        QVERIFY2(output.contains(QLatin1String("--cycles needs a whole number above 0")), qPrintable(output));
        QCOMPARE(runDesktop({ QStringLiteral("--cycles"), QStringLiteral("0") }, &output), 2);

        const QString unwritable = path(QStringLiteral("no-such-folder/cycles.jsonl"));
        QCOMPARE(runDesktop({ QStringLiteral("--cycles"), QStringLiteral("2"), QStringLiteral("--report"),
                              unwritable },
                            &output),
                 2);
        QVERIFY2(output.contains(QLatin1String("Cannot write the cycle report"))
                     && output.contains(unwritable),
                 qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestDesktopCycles)
#include "tst_desktopcycles.moc"
