#include "TestEnvironment.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace Lantir::Test {

namespace {
QString buildDir()
{
    return qEnvironmentVariable("LANTIR_BINARY_DIR",
                                QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
}
} // namespace

QString TestEnvironment::lantirSyncBinary()
{
    return buildDir() + QStringLiteral("/src/cli/lantir-sync");
}

QString TestEnvironment::lantirDesktopBinary()
{
    return buildDir() + QStringLiteral("/src/app/lantir");
}

int TestEnvironment::positiveInt(const char* name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

qint64 TestEnvironment::scaledMs(qint64 ms)
{
    return ms * positiveInt("LANTIR_TEST_TIME_SCALE", 1);
}

bool TestEnvironment::isCi()
{
    const QString ci = qEnvironmentVariable("CI").trimmed().toLower();
    return ci == QLatin1String("true") || ci == QLatin1String("1") || ci == QLatin1String("yes");
}

TestEnvironment::Tool TestEnvironment::findTool(const QString& name)
{
    Tool tool;
    tool.path = QStandardPaths::findExecutable(name);
    if (!tool.path.isEmpty())
        return tool;
    tool.mustFail = isCi();
    tool.message
        = QStringLiteral("%1 is not installed, and this test needs it: run scripts/setup-deps.sh, "
                         "which installs every tool the tests use%2")
              .arg(name,
                   tool.mustFail ? QStringLiteral(" (CI=true: a missing tool fails the test)") : QString());
    return tool;
}

} // namespace Lantir::Test
