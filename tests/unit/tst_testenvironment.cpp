#include "TestEnvironment.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using Lantir::Test::TestEnvironment;

namespace {

// A name no machine has on its PATH.
const QString MissingTool = QStringLiteral("lantir-no-such-tool-4f1c");

// Sets an environment variable for one test function and puts back what was there.
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TestTestEnvironment : public QObject
{
    Q_OBJECT

private:
    // Runs this program's requireToolProbe alone, asking for `tool`, with CI set to `ci`.
    static int runProbe(const QString& tool, const QString& ci, QString* output)
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANTIR_TOOL_PROBE"), tool);
        env.insert(QStringLiteral("CI"), ci);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("requireToolProbe") });
        if (!child.waitForFinished(int(TestEnvironment::scaledMs(30000))))
            return -1;
        *output = QString::fromLocal8Bit(child.readAll());
        return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    }

private Q_SLOTS:
    void scaledMsFollowsTheScale()
    {
        {
            ScopedEnv scale("LANTIR_TEST_TIME_SCALE", "3");
            QCOMPARE(TestEnvironment::scaledMs(500), qint64(1500));
        }
        {
            ScopedEnv scale("LANTIR_TEST_TIME_SCALE", "not a number");
            QCOMPARE(TestEnvironment::scaledMs(500), qint64(500));
        }
    }

    void presentToolIsFound()
    {
        ScopedEnv ci("CI", "true");
        const TestEnvironment::Tool tool = TestEnvironment::findTool(QStringLiteral("sh"));
        QVERIFY(!tool.path.isEmpty());
        QVERIFY(tool.message.isEmpty());
    }

    void missingToolFailsUnderCi_data()
    {
        QTest::addColumn<QByteArray>("ci");
        QTest::addColumn<bool>("mustFail");
        QTest::newRow("CI=true") << QByteArray("true") << true;
        QTest::newRow("CI=1") << QByteArray("1") << true;
        QTest::newRow("CI=false") << QByteArray("false") << false;
        QTest::newRow("CI empty") << QByteArray() << false;
    }

    void missingToolFailsUnderCi()
    {
        QFETCH(QByteArray, ci);
        QFETCH(bool, mustFail);
        ScopedEnv env("CI", ci);
        const TestEnvironment::Tool tool = TestEnvironment::findTool(MissingTool);
        QVERIFY(tool.path.isEmpty());
        QCOMPARE(tool.mustFail, mustFail);
        QVERIFY2(tool.message.contains(MissingTool), qPrintable(tool.message));
        QVERIFY2(tool.message.contains(QStringLiteral("scripts/setup-deps.sh")), qPrintable(tool.message));
    }

    // The macro itself, in a child run of this program: a missing tool fails the test under
    // CI=true, is skipped elsewhere, and a present one lets the test go on.
    void requireToolMacroFailsOrSkips()
    {
        QString output;
        QCOMPARE(runProbe(MissingTool, QStringLiteral("true"), &output), 1);
        QVERIFY2(output.contains(QStringLiteral("FAIL!")), qPrintable(output));
        QVERIFY2(output.contains(MissingTool), qPrintable(output));

        QCOMPARE(runProbe(MissingTool, QString(), &output), 0);
        QVERIFY2(output.contains(QStringLiteral("SKIP")), qPrintable(output));

        QCOMPARE(runProbe(QStringLiteral("sh"), QStringLiteral("true"), &output), 0);
        QVERIFY2(output.contains(QStringLiteral("PASS   : TestTestEnvironment::requireToolProbe")),
                 qPrintable(output));
    }

    // Asks for the tool named by LANTIR_TOOL_PROBE (set by requireToolMacroFailsOrSkips), or for
    // sh when run with the rest of the suite.
    void requireToolProbe()
    {
        QString name = qEnvironmentVariable("LANTIR_TOOL_PROBE");
        if (name.isEmpty())
            name = QStringLiteral("sh");
        QString path;
        LANTIR_REQUIRE_TOOL(path, name);
        QVERIFY(!path.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTestEnvironment)
#include "tst_testenvironment.moc"
