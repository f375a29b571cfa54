#pragma once

#include <QString>
#include <QtGlobal>

namespace Lantir::Test {

// Where the programs under test are, and the knobs a longer run turns through the environment.
class TestEnvironment
{
public:
    // <build>/src/cli/lantir-sync: CTest passes the build folder; run by hand, suites sit in <build>/tests.
    static QString lantirSyncBinary();
    // <build>/src/app/lantir, the desktop application (built with LANTIR_BUILD_GUI).
    static QString lantirDesktopBinary();
    // A positive whole number from the environment variable `name`, else `fallback`.
    static int positiveInt(const char* name, int fallback);
    // A time limit of a test, `ms` times LANTIR_TEST_TIME_SCALE (default 1). The sanitizer builds
    // set the scale (tests/CMakeLists.txt): their code runs several times slower, and a bound meant
    // to catch accidentally quadratic work or a hang should still hold, not be skipped.
    static qint64 scaledMs(qint64 ms);
};

} // namespace Lantir::Test
