#include "RedcapSimulator.h"
#include "ScopedSqlConnection.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"
#include "config/ConfigLoader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using Lantir::ConfigLoader;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

using Lantir::Test::TestEnvironment;

namespace {

// Recognisable, valid-looking tokens: the project's real one, and one REDCap refuses.
const QString goodToken = QStringLiteral("C0FFEE00DEADBEEFC0FFEE00DEADBEEF");
const QString badToken = QStringLiteral("BADBADBADBAD0000BADBADBADBAD1111");

int unixMode(const QString& path)
{
#ifdef Q_OS_UNIX
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
#else
    Q_UNUSED(path);
    return -1;
#endif
}

} // namespace

// The API token never leaves the POST body: not in any output of lantir-sync (stdout, stderr at
// debug level), its report file, sync_cycles, the database file's bytes, a configuration written
// back, in a full sync, a refused token, or a run full of faults. Files it creates are private.
class TestTokenLeak : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString writeFile(const QString& name, const QByteArray& bytes, QFile::Permissions permissions) const
    {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(bytes);
        file.close();
        file.setPermissions(permissions);
        return file.fileName();
    }

    QString writeConfig(const QUrl& url, const QString& db) const
    {
        return writeFile(
            QStringLiteral("lantir.json"),
            QStringLiteral(
                R"({"source": {"api_url": "%1", "batch_size": 4, "request_timeout_s": 2, "max_tries": 2,
                                                       "retry_base_delay_ms": 10},
                                            "database": {"path": "%2"}, "mapping": {"site": "792"}})")
                .arg(url.toString(), db)
                .toUtf8(),
            QFile::ReadOwner | QFile::WriteOwner);
    }

    // Runs lantir-sync; everything it printed.
    QByteArray run(const QStringList& args, const QString& envToken = {}, int* exitCode = nullptr) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("REDCAP_API_URL"));
        env.remove(QStringLiteral("REDCAP_API_TOKEN"));
        if (!envToken.isEmpty())
            env.insert(QStringLiteral("REDCAP_API_TOKEN"), envToken);
        env.insert(QStringLiteral("QT_LOGGING_RULES"),
                   QStringLiteral("*.debug=true")); // every level, Qt's too
        process.setProcessEnvironment(env);
        process.start(TestEnvironment::lantirSyncBinary(), args);
        if (!process.waitForFinished(TestEnvironment::scaledMs(60000)))
            process.kill();
        process.waitForFinished(TestEnvironment::scaledMs(5000));
        if (exitCode)
            *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return process.readAllStandardOutput() + process.readAllStandardError();
    }

    static void verifyClean(const QByteArray& bytes, const QString& where)
    {
        for (const QString& token : { goodToken, badToken }) {
            QVERIFY2(!bytes.contains(token.toLatin1()),
                     qPrintable(where + QStringLiteral(" contains the token")));
            QVERIFY2(!bytes.contains(token.toLower().toLatin1()),
                     qPrintable(where + QStringLiteral(" contains the token")));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(TestEnvironment::lantirSyncBinary()))
            QSKIP("lantir-sync is not built");
    }

    void theTokenAppearsInNoOutput()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 31, false });
        sim->setToken(goodToken);
        const QString db = path(QStringLiteral("private/lantir/worklist.db"));
        const QString config = writeConfig(sim->apiUrl(), db);
        const QString report = path(QStringLiteral("report.jsonl"));
        const QString goodFile = writeFile(QStringLiteral("good.token"), goodToken.toLatin1() + '\n',
                                           QFile::ReadOwner | QFile::WriteOwner);
        const QString badFile = writeFile(QStringLiteral("bad.token"), badToken.toLatin1() + '\n',
                                          QFile::ReadOwner | QFile::WriteOwner);
        const QStringList common { QStringLiteral("--config"), config, QStringLiteral("--report"), report,
                                   QStringLiteral("--verbose") };
        QList<QPair<QString, QByteArray>> outputs;
        int code = -1;

        // 1. A full sync, token from a file.
        outputs.append(
            { QStringLiteral("full sync"),
              run(common + QStringList { QStringLiteral("--token-file"), goodFile, QStringLiteral("--once") },
                  {}, &code) });
        QVERIFY2(code == 0, outputs.last().second.constData());
        // 2. The same from the environment, as pylantir does; a second cycle.
        sim->setValue(QStringLiteral("4"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("1030"));
        outputs.append({ QStringLiteral("incremental sync"),
                         run(common + QStringList { QStringLiteral("--once") }, goodToken, &code) });
        QVERIFY2(code == 0, outputs.last().second.constData());
        // 3. A token REDCap refuses.
        outputs.append(
            { QStringLiteral("refused token"),
              run(common + QStringList { QStringLiteral("--token-file"), badFile, QStringLiteral("--once") },
                  {}, &code) });
        QCOMPARE(code, 1);
        // 4. Faults: server errors, a web page, a reset, a cut-off body; retried, then failed.
        using Fault = RedcapSimulator::Fault;
        sim->injectFault(Fault::Status, 1, QStringLiteral("record"), 500);
        sim->injectFault(Fault::HtmlPage, 1, QStringLiteral("record"), 502);
        outputs.append({ QStringLiteral("server errors"),
                         run(common + QStringList { QStringLiteral("--once"), QStringLiteral("--full") },
                             goodToken, &code) });
        QCOMPARE(code, 1);
        sim->injectFault(Fault::ResetConnection, 6, QStringLiteral("record"));
        outputs.append({ QStringLiteral("connection resets"),
                         run(common + QStringList { QStringLiteral("--once"), QStringLiteral("--full") },
                             goodToken, &code) });
        QCOMPARE(code, 1);
        sim->clearFaults();
        sim->injectFault(Fault::TruncatedBody, 2, QStringLiteral("record"));
        outputs.append({ QStringLiteral("truncated bodies"),
                         run(common + QStringList { QStringLiteral("--once"), QStringLiteral("--full") },
                             goodToken, &code) });
        QCOMPARE(code, 1);
        sim->clearFaults();
        // 5. A dry run and a bad URL on top.
        outputs.append({ QStringLiteral("dry run"),
                         run(common + QStringList { QStringLiteral("--once"), QStringLiteral("--dry-run") },
                             goodToken, &code) });
        QCOMPARE(code, 0);

        // The token was really used (in POST bodies), so the checks below are not vacuous.
        bool sent = false;
        for (const QUrlQuery& request : sim->requestLog())
            sent = sent || request.queryItemValue(QStringLiteral("token")) == goodToken;
        QVERIFY(sent);

        for (const auto& [what, bytes] : std::as_const(outputs)) {
            QVERIFY2(!bytes.isEmpty(), qPrintable(what));
            verifyClean(bytes, what);
        }
        QFile reportFile(report);
        QVERIFY(reportFile.open(QIODevice::ReadOnly));
        const QByteArray reportBytes = reportFile.readAll();
        QVERIFY(reportBytes.count('\n') >= 6);
        verifyClean(reportBytes, QStringLiteral("the report file"));

        // sync_cycles, every column of every row, and the database's raw bytes.
        {
            ScopedSqlConnection connection(db);
            QSqlQuery query(connection.db());
            QVERIFY(query.exec(QStringLiteral("SELECT * FROM sync_cycles")));
            QByteArray all;
            int rows = 0;
            while (query.next()) {
                ++rows;
                for (int i = 0; i < query.record().count(); ++i)
                    all += query.value(i).toString().toUtf8() + '|';
            }
            QVERIFY(rows >= 6);
            QVERIFY(all.contains("refused"));
            verifyClean(all, QStringLiteral("sync_cycles"));
        }
        QDirIterator files(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString file = files.next();
            if (file.endsWith(QLatin1String(".token")))
                continue;
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            verifyClean(f.readAll(), file);
        }

        // A configuration written back from what was loaded has no token either.
        const auto loaded = ConfigLoader::loadFile(config);
        QVERIFY(loaded.ok());
        verifyClean(QJsonDocument(ConfigLoader::toJson(loaded.value())).toJson(),
                    QStringLiteral("the written configuration"));

#ifdef Q_OS_UNIX
        // What lantir-sync created is its user's alone.
        QCOMPARE(unixMode(db), 0600);
        QCOMPARE(unixMode(path(QStringLiteral("private/lantir"))), 0700);
        QCOMPARE(unixMode(path(QStringLiteral("private"))), 0700);
#endif
    }

    void aConfigurationOthersCanReadIsWarnedAbout()
    {
#ifndef Q_OS_UNIX
        QSKIP("POSIX file modes only");
#endif
        SimulatorThread sim(SimulatorProject { 2, 1, 3, false });
        sim->setToken(goodToken);
        const QString config = writeConfig(sim->apiUrl(), path(QStringLiteral("modes.db")));
        const QStringList args { QStringLiteral("--config"), config, QStringLiteral("--once") };
        int code = -1;
        QByteArray output = run(args, goodToken, &code);
        QCOMPARE(code, 0);
        QVERIFY2(!output.contains("can be read by other users"), output.constData());

        QVERIFY(QFile::setPermissions(
            config, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        output = run(args, goodToken, &code);
        QCOMPARE(code, 0);
        QVERIFY2(output.contains("configuration file")
                     && output.contains("can be read by other users; restrict it with chmod 600"),
                 output.constData());
    }
};

QTEST_GUILESS_MAIN(TestTokenLeak)
#include "tst_tokenleak.moc"
