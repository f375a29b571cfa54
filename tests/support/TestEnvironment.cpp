#include "TestEnvironment.h"

#include <QCoreApplication>

namespace Lantir::Test {

QString TestEnvironment::lantirSyncBinary()
{
    const QString build = qEnvironmentVariable(
        "LANTIR_BINARY_DIR", QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
    return build + QStringLiteral("/src/cli/lantir-sync");
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
