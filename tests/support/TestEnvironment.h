#pragma once

#include <QString>

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
};

} // namespace Lantir::Test
