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

    // Where a program a test needs (openssl, sqlite3, valgrind...) was found, or why it was not.
    // scripts/setup-deps.sh installs every such tool, so under CI=true a missing one is a failure
    // (mustFail): a CI run that quietly skips a suite proves nothing. Elsewhere it is a skip.
    struct Tool
    {
        QString path; // empty: not found on PATH
        bool mustFail = false;
        QString message; // what is missing and how to get it, when path is empty
    };
    static Tool findTool(const QString& name);
    // CI=true (or 1, yes) in the environment, as CI services set it.
    static bool isCi();
};

} // namespace Lantir::Test

// Puts the path of the program `name` in `pathVar`, or ends the test function: QFAIL under
// CI=true, QSKIP elsewhere, with what to install (TestEnvironment::findTool). Needs <QTest>.
#define LANTIR_REQUIRE_TOOL(pathVar, name)                                                                   \
    do {                                                                                                     \
        const ::Lantir::Test::TestEnvironment::Tool lantirTool_                                              \
            = ::Lantir::Test::TestEnvironment::findTool(name);                                               \
        if (lantirTool_.path.isEmpty()) {                                                                    \
            if (lantirTool_.mustFail)                                                                        \
                QFAIL(qPrintable(lantirTool_.message));                                                      \
            QSKIP(qPrintable(lantirTool_.message));                                                          \
        }                                                                                                    \
        (pathVar) = lantirTool_.path;                                                                        \
    } while (false)
