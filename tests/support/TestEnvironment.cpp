#include "TestEnvironment.h"

#include <QCoreApplication>

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

} // namespace Lantir::Test
