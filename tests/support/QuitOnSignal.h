#pragma once

class QCoreApplication;

namespace Lantir::Test {

// For the test programs that serve until stopped (lantir-redcap-sim, lantir-pg-testserver):
// SIGINT and SIGTERM end `app`'s event loop through a socket pair, so the program leaves main()
// normally and cleans up. False when the handlers could not be installed. Does nothing (true)
// outside Unix.
bool quitOnSignal(QCoreApplication& app);

} // namespace Lantir::Test
